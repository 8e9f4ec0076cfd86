"""A real Celery worker process runs a job end to end: on Redis in CI, on the filesystem broker locally."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from governance.models import Job
from governance.roles import Role


def database_url_for_worker():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


@pytest.fixture
def worker(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    env = {**os.environ, "DATABASE_URL": database_url_for_worker(), "MEDIA_ROOT": str(tmp_path)}
    log = open(tmp_path / "worker.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "sharedservice", "worker", "--pool=solo", "--loglevel=INFO"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield proc, log
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_exports_the_change_history_and_the_browser_sees_it_finish(demo, make_user, client, worker):
    proc, log = worker
    auditor = make_user(Role.AUDITOR)
    client.force_login(auditor)
    response = client.post("/changes/export/")
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished or proc.poll() is not None:
            break
        time.sleep(0.5)
    log.seek(0)
    assert job.status == Job.Status.SUCCEEDED, f"job {job.status}: {job.error}\n{log.read()[-3000:]}"

    page = client.get(job.get_absolute_url())
    assert b"Download change-history-" in page.content
    download = client.get(f"/jobs/{job.pk}/download/")
    text = b"".join(download.streaming_content).decode()
    assert text.startswith("When,Who,Partnership,Kind of record,Record,Record id,Change,Field changes,Reason,Link")
    assert ",Council,London Borough of Haringey," in text
    assert settings.CELERY_BROKER_URL.split(":")[0] in {"redis", "filesystem"}
