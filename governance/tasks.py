from celery import shared_task

from . import jobs
from .history import change_history_csv


@shared_task(acks_late=True, **jobs.RETRY_ON_LOST_CONNECTION)
def export_change_history(job_id):
    """Writes the whole audit trail to a CSV file attached to the job."""

    def work(job):
        jobs.job_progress(job, stage="Reading the change history")
        text = change_history_csv(progress=lambda done, total: jobs.job_progress(job, done=done, total=total))
        return text.encode("utf-8"), f"change-history-{job.created_at:%Y-%m-%d-%H%M}.csv", "text/csv"

    return jobs.run_job(job_id, work)


@shared_task(acks_late=True, **jobs.RETRY_ON_LOST_CONNECTION)
def build_agenda_pack(job_id):
    """Builds a meeting's agenda pack (job parameters: meeting, audience), reporting each stage. Safe to run
    twice: a finished job is not run again, and the same content gives back the same pack."""
    from .models import Meeting
    from .report_services import pack_build

    def work(job):
        meeting = Meeting.objects.get(pk=job.parameters["meeting"])

        def progress(stage, done, total):
            jobs.job_progress(job, stage=stage, done=done, total=total)

        pack = pack_build(
            meeting=meeting,
            audience=job.parameters["audience"],
            by=job.requested_by,
            job=job,
            progress=progress,
        )
        with pack.file.open("rb") as f:
            return f.read(), pack.filename, "application/pdf"

    return jobs.run_job(job_id, work)
