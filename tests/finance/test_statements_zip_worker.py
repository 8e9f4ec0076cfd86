"""A real Celery worker builds a period's statement PDFs into a zip, and the requester downloads it."""

import io
import time
import zipfile

import pytest
from django.contrib.auth import get_user_model

from governance.models import Job
from tests.test_worker import worker  # noqa: F401 - the real worker fixture


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_builds_the_q1_zip_for_a_haringey_finance_officer(demo, client, worker, finance_demo):  # noqa: F811
    # (finance_demo after worker: its statement files go where the worker reads them, worker's MEDIA_ROOT.)
    proc, log = worker
    client.force_login(get_user_model().objects.get(username="finance.haringey"))
    response = client.post("/shared-digital/finance/statements/zip/", {"year": "2018/19", "period": "Q1"})
    job = Job.objects.get(kind="finance_statements_zip")
    assert response["Location"] == job.get_absolute_url()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished or proc.poll() is not None:
            break
        time.sleep(0.5)
    log.seek(0)
    assert job.status == Job.Status.SUCCEEDED, f"job {job.status}: {job.error}\n{log.read()[-3000:]}"
    download = client.get(f"/jobs/{job.pk}/download/")
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert names == ["SD-2018-19-0001.pdf", "SD-2018-19-0001.csv", "SD-2018-19-0001.xml"]  # Haringey's only
