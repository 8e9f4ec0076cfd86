"""The dashboard's Celery task: takes a job id and makes one service call (see governance/jobs)."""

from datetime import date

from celery import shared_task

from governance.jobs import services as jobs

from . import services


@shared_task(acks_late=True)
def build_board_pack(job_id):
    """Builds the dashboard as a tagged PDF for a board meeting (job parameters: year, council, on, meeting).
    Safe to run twice: a finished job is not run again."""

    def work(job):
        def progress(stage, done, total):
            jobs.job_progress(job, stage=stage, done=done, total=total)

        params = job.parameters
        pdf, filename = services.board_pack_build(
            partnership=job.partnership,
            year=params["year"],
            council=job.council,
            day=date.fromisoformat(params["on"]),
            meeting_id=params.get("meeting"),
            progress=progress,
        )
        return pdf, filename, "application/pdf"

    return jobs.run_job(job_id, work)
