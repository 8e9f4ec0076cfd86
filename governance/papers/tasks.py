from celery import shared_task

from governance.committees.models import Meeting
from governance.jobs import services as jobs

from .services import pack_build


@shared_task(acks_late=True)
def build_agenda_pack(job_id):
    """Builds a meeting's agenda pack (job parameters: meeting, audience), reporting each stage. Safe to run
    twice: a finished job is not run again, and the same content gives back the same pack."""

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
