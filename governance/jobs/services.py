"""Services for background jobs: the worker reports progress through these, and a job's file is saved only
when its work has succeeded, in the same transaction that marks it finished."""

import hashlib
import traceback

from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from .models import Job

ERROR_JOB_FINISHED = "This job has already finished."
NOTE_INTERRUPTED = "Attempt {n} was interrupted before it finished (its worker stopped); it was run again."
NOTE_FAILED = "Attempt {n} failed ({error}); it was run again."

# Options for the tasks that run jobs: a job whose database connection was lost (the server restarted or
# dropped it) is retried by the worker after a pause, up to three times.
RETRY_ON_LOST_CONNECTION = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 2,
    "retry_jitter": False,
    "max_retries": 3,
}


def job_create(*, kind, title, by, partnership=None, council=None, parameters=None):
    job = Job(
        kind=kind,
        title=title,
        requested_by=by,
        partnership=partnership,
        council=council,
        parameters=parameters or {},
    )
    job.full_clean()
    job.save()
    return job


def job_start(job_id):
    """Marks the job running and returns it; returns None if it has already succeeded (a redelivered task)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status == Job.Status.SUCCEEDED:
            return None
        # A job found running was interrupted (its worker was killed and the broker delivered the task again);
        # one found failed is being retried. Either way the job says so while it runs again.
        if job.status == Job.Status.RUNNING:
            job.error = NOTE_INTERRUPTED.format(n=job.attempts)
        elif job.status == Job.Status.FAILED:
            job.error = NOTE_FAILED.format(n=job.attempts, error=job.error or "no reason given")
        else:
            job.error = ""
        job.status = Job.Status.RUNNING
        job.attempts += 1
        job.done = 0
        job.started_at = timezone.now()
        job.save(update_fields=["status", "attempts", "error", "done", "started_at"])
    return job


def job_progress(job, *, stage=None, done=None, total=None):
    if stage is not None:
        job.stage = stage
    if done is not None:
        job.done = done
    if total is not None:
        job.total = total
    Job.objects.filter(pk=job.pk).update(stage=job.stage, done=job.done, total=job.total)


def job_succeed(job, *, content: bytes, filename: str, content_type: str):
    with transaction.atomic():
        job.checksum = hashlib.sha256(content).hexdigest()
        job.filename = filename
        job.content_type = content_type
        job.file.save(filename, ContentFile(content), save=False)
        job.status = Job.Status.SUCCEEDED
        job.done = job.total or job.done
        job.stage = "Finished"
        job.finished_at = timezone.now()
        job.save()
    return job


def job_fail(job_id, exc):
    if isinstance(exc, (OperationalError, InterfaceError)):
        # The database connection is gone: let the next query open a new one to record the failure.
        connection.close_if_unusable_or_obsolete()
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED,
        error="".join(traceback.format_exception_only(type(exc), exc)).strip(),
        finished_at=timezone.now(),
    )


def run_job(job_id, work):
    """Runs work(job) -> (content, filename, content_type) as the job's body, recording the outcome.

    Safe to run twice: a job that has succeeded is not run again; one that failed can be retried.
    """
    job = job_start(job_id)
    if job is None:
        return "already finished"
    try:
        content, filename, content_type = work(job)
    except Exception as exc:
        job_fail(job_id, exc)
        raise
    job_succeed(job, content=content, filename=filename, content_type=content_type)
    return "succeeded"


def job_parameters_add(job, **values):
    """Adds to what a job records beside its file (a board paper's headline figures, for the next paper to
    compare with). Keys already recorded keep their values unless given again."""
    job.parameters = {**job.parameters, **values}
    Job.objects.filter(pk=job.pk).update(parameters=job.parameters)
    return job


def last_succeeded(*, kind, partnership, before, **parameters):
    """The latest job of a kind for a partnership that succeeded before `before` (a datetime) whose parameters
    include those given, or None. One query."""
    qs = Job.objects.filter(
        kind=kind, partnership=partnership, status=Job.Status.SUCCEEDED, finished_at__lt=before
    )
    for name, value in parameters.items():
        qs = qs.filter(**{f"parameters__{name}": value})
    return qs.order_by("-finished_at").first()
