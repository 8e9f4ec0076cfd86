"""Celery tasks: each takes ids, calls services, and is safe to run twice (statements are unique per
partnership, year, period, council and sequence; a job that succeeded is not run again)."""

import logging

from celery import shared_task

from governance.jobs import services as jobs

from . import documents, services
from .models import RechargeStatement
from .periods import year_label
from .selectors import visible_council_ids

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
def draft_due_statements():
    return [list(d) for d in services.draft_due()]


@shared_task(acks_late=True)
def build_statements_zip(job_id):
    """The PDFs and CSVs of a period's statements (those the requester may see) in one zip."""

    def work(job):
        params = job.parameters
        qs = (
            RechargeStatement.objects.filter(
                partnership=job.partnership, year=params["year"], period=params["period"]
            )
            .select_related("council", "partnership")
            .prefetch_related("lines")
            .order_by("council__code", "sequence")
        )
        ids = (
            visible_council_ids(job.requested_by, job.partnership, params["year"])
            if job.requested_by
            else None
        )
        if ids is not None:
            qs = qs.filter(council_id__in=ids)
        statements = list(qs)
        jobs.job_progress(job, stage="Building the statement PDFs", done=0, total=len(statements))
        content = documents.period_zip(
            statements,
            progress=lambda done, total: jobs.job_progress(job, done=done, total=total),
            pdf_for=lambda statement: services.statement_pdf_bytes(statement, by=job.requested_by),
        )
        name = f"{job.partnership.slug}-{year_label(params['year']).replace('/', '-')}-{params['period']}-statements.zip"
        return content, name, "application/zip"

    return jobs.run_job(job_id, work)
