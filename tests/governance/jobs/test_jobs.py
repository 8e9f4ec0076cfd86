"""A background job records its progress; a failed job leaves no file and can be retried without duplicates."""

import csv
import hashlib
import io

import pytest

from governance.audit.tasks import export_change_history
from governance.jobs import services as jobs
from governance.models import Job
from governance.roles import Role


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_failed_job_leaves_no_file_and_a_retry_finishes_it_once(db, media):
    job = jobs.job_create(kind="test", title="Test", by=None)
    calls = []

    def failing(job):
        jobs.job_progress(job, stage="Half way", done=1, total=2)
        raise ValueError("The ledger file has a bad row")

    with pytest.raises(ValueError):
        jobs.run_job(job.pk, failing)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "bad row" in job.error
    assert not job.file
    assert not any(media.rglob("*.csv"))

    def working(job):
        calls.append(1)
        return b"a,b\n", "out.csv", "text/csv"

    assert jobs.run_job(job.pk, working) == "succeeded"
    assert jobs.run_job(job.pk, working) == "already finished"  # redelivered: nothing runs twice
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.attempts == 2 and len(calls) == 1
    assert job.checksum == hashlib.sha256(b"a,b\n").hexdigest()
    assert len(list(media.rglob("*.csv"))) == 1


def test_the_export_task_writes_every_recorded_change(demo):
    job = jobs.job_create(kind="change_history_export", title="Export", by=None)
    export_change_history(str(job.pk))  # the task body, called directly (no eager mode)
    job.refresh_from_db()
    text = job.file.read().decode()
    assert job.status == Job.Status.SUCCEEDED
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sum(row["Kind of record"] == "Council" for row in rows) == 6
    assert job.done == job.total == len(text.strip().splitlines()) - 1


def test_only_the_requester_and_auditors_see_a_job(demo, make_user, client):
    owner = make_user(Role.CIO, demo["partnerships"]["shared-digital"])
    other = make_user(Role.CIO, demo["partnerships"]["shared-digital"])
    auditor = make_user(Role.AUDITOR)
    job = jobs.job_create(kind="test", title="Budget report", by=owner)
    for user, status in ((owner, 200), (other, 403), (auditor, 200)):
        client.force_login(user)
        assert client.get(job.get_absolute_url()).status_code == status
    client.force_login(owner)
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 403  # nothing to download yet
    fragment = client.get(f"/jobs/{job.pk}/progress/")
    assert b'hx-trigger="every 1s"' in fragment.content
