"""A job run again says why: its earlier attempt was interrupted (the worker died and the task came back) or
failed; the job page shows it beside the progress."""

import pytest

from governance.jobs import services as jobs
from governance.models import Job
from governance.roles import Role


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def _csv(job):
    return b"a\n", "out.csv", "text/csv"


def test_a_job_found_running_was_interrupted_and_the_next_attempt_says_so(db, make_user, client):
    user = make_user(Role.AUDITOR)
    job = jobs.job_create(kind="test", title="Test", by=user)
    jobs.job_start(job.pk)  # the first attempt starts, and its worker is killed: nothing else happens

    started = jobs.job_start(job.pk)
    assert (started.status, started.attempts) == (Job.Status.RUNNING, 2)
    assert (
        started.error
        == "Attempt 1 was interrupted before it finished (its worker stopped); it was run again."
    )
    client.force_login(user)
    assert "Attempt 2. Attempt 1 was interrupted" in client.get(job.get_absolute_url()).content.decode()


def test_a_failed_job_retried_keeps_the_reason_of_the_failure(db):
    job = jobs.job_create(kind="test", title="Test", by=None)

    def failing(job):
        raise ValueError("The server closed the connection")

    with pytest.raises(ValueError):
        jobs.run_job(job.pk, failing)
    assert jobs.run_job(job.pk, _csv) == "succeeded"
    job.refresh_from_db()
    assert job.attempts == 2
    assert job.error == "Attempt 1 failed (ValueError: The server closed the connection); it was run again."


def test_a_job_that_succeeds_first_time_has_no_note(db):
    job = jobs.job_create(kind="test", title="Test", by=None)
    jobs.run_job(job.pk, _csv)
    job.refresh_from_db()
    assert (job.attempts, job.error) == (1, "")
