"""Celery tasks of the portfolio: each takes a job id and makes one service call (see governance/jobs.py)."""

from datetime import date

from celery import shared_task

from governance.jobs import services as jobs
from governance.partners.models import Partnership

from . import services


@shared_task(acks_late=True)
def build_delivery_pack(job_id):
    """Builds the portfolio delivery meeting pack for a month (job parameters: month, YYYY-MM-01). Safe to
    run twice: a finished job is not run again, and unchanged reports are not rendered again."""

    def work(job):
        partnership = Partnership.objects.get(pk=job.partnership_id)

        def progress(stage, done, total):
            jobs.job_progress(job, stage=stage, done=done, total=total)

        pdf, filename = services.delivery_pack_build(
            partnership=partnership, month=date.fromisoformat(job.parameters["month"]), progress=progress
        )
        return pdf, filename, "application/pdf"

    return jobs.run_job(job_id, work)
