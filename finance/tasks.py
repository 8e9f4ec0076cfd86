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


@shared_task(acks_late=True, **jobs.RETRY_ON_LOST_CONNECTION)
def build_statements_zip(job_id):
    """The PDFs and CSVs of a period's statements (those the requester may see), and the issued ones'
    e-invoices, in one zip."""

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
            pdf_for=services.statement_pdf_bytes,
            csv_for=services.statement_csv_bytes,
            ubl_for=services.statement_ubl_bytes,
        )
        name = f"{job.partnership.slug}-{year_label(params['year']).replace('/', '-')}-{params['period']}-statements.zip"
        return content, name, "application/zip"

    return jobs.run_job(job_id, work)


@shared_task(acks_late=True, **jobs.RETRY_ON_LOST_CONNECTION)
def issue_statements(job_id):
    """Drafts the period's statements from current inputs and issues them (job parameters: year, period), in
    a worker, reporting each PDF rendered, ending with a CSV of every statement issued for the period. Safe to
    run again, and to kill: the PDFs are rendered before the numbering, which is one transaction on the locked
    counter, so an attempt killed part-way has used no number and written no statement, and a second run
    issues only what is still a draft (rendering only what it has not rendered before)."""

    def work(job):
        year, period = job.parameters["year"], job.parameters["period"]
        jobs.job_progress(job, stage="Drafting the statements", done=0, total=0)

        def progress(done, total):
            jobs.job_progress(job, stage="Rendering the statement PDFs", done=done, total=total)

        services.recharges_run(
            partnership=job.partnership,
            year=year,
            period=period,
            issue=True,
            by=job.requested_by,
            progress=progress,
        )
        issued = list(
            RechargeStatement.objects.filter(
                partnership=job.partnership, year=year, period=period, status=RechargeStatement.Status.ISSUED
            )
            .select_related("council", "partnership")
            .prefetch_related("lines")
            .defer("pdf")
            .order_by("number")
        )
        jobs.job_progress(job, stage="Writing the statements", done=0, total=len(issued))
        header, *_ = services.statement_csv_bytes(issued[0]).decode().splitlines() if issued else [""]
        rows = [line for st in issued for line in services.statement_csv_bytes(st).decode().splitlines()[1:]]
        content = "\n".join([header, *rows]).encode("utf-8") + b"\n"
        name = f"{job.partnership.slug}-{year_label(year).replace('/', '-')}-{period}-issued.csv"
        return content, name, "text/csv"

    return jobs.run_job(job_id, work)
