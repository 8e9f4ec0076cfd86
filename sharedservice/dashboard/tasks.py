"""The dashboard's Celery task: takes a job id and makes one service call (see governance/jobs)."""

from datetime import date

from celery import shared_task

from governance.jobs import services as jobs

from . import services

KIND = "dashboard_board_pdf"


@shared_task(acks_late=True)
def build_board_pack(job_id):
    """Builds the board paper as a tagged PDF (job parameters: year, council, on, meeting, commentary), with
    each headline's direction since the last board paper built for the same partnership, year and council,
    and records its headline figures with it for the next. Safe to run twice: a finished job is not run
    again."""

    def work(job):
        def progress(stage, done, total):
            jobs.job_progress(job, stage=stage, done=done, total=total)

        params = job.parameters
        last = jobs.last_succeeded(
            kind=KIND,
            partnership=job.partnership,
            before=job.started_at,
            year=params["year"],
            council=params.get("council"),
        )
        previous, label = None, ""
        if last is not None and last.parameters.get("headline"):
            previous = last.parameters["headline"]
            label = f"the board paper as at {date.fromisoformat(last.parameters['on']):%-d %B %Y}"
        pdf, filename, headline = services.board_pack_build(
            partnership=job.partnership,
            year=params["year"],
            council=job.council,
            day=date.fromisoformat(params["on"]),
            meeting_id=params.get("meeting"),
            commentary=params.get("commentary", ""),
            previous=previous,
            previous_label=label,
            progress=progress,
        )
        jobs.job_parameters_add(job, headline=headline)
        return pdf, filename, "application/pdf"

    return jobs.run_job(job_id, work)
