"""Celery tasks: each takes ids, calls services, and is safe to run twice (statements are unique per
partnership, year, period, council and sequence; a job that succeeded is not run again)."""

import logging

from celery import shared_task
from django.utils import timezone

from governance import jobs
from governance.models import Partnership

from . import documents, services
from .models import RechargeStatement, Settlement
from .periods import due_quarters, year_label
from .selectors import SettlementError

log = logging.getLogger(__name__)

DRAFT_DELAY_DAYS = 10


def draft_due(today=None):
    """Drafts, for every partnership with a settlement model, the statements of each quarter that ended at
    least ten days ago and has not been drafted yet, and tells the partnership's finance officers by email.
    Returns [(slug, year, quarter, number of statements)] drafted now."""
    today = today or timezone.localdate()
    drafted = []
    for partnership in Partnership.objects.filter(settlements__isnull=False).distinct().order_by("slug"):
        first_year = Settlement.objects.filter(partnership=partnership).order_by("year").first().year
        for year, quarter in due_quarters(today, DRAFT_DELAY_DAYS):
            if year < first_year:
                continue
            if RechargeStatement.objects.filter(partnership=partnership, year=year, period=quarter).exists():
                continue
            try:
                statements, _ = services.statements_draft(partnership=partnership, year=year, period=quarter)
            except SettlementError as exc:
                log.warning("Not drafted: %s %s %s: %s", partnership.slug, year_label(year), quarter, exc)
                continue
            if statements:
                services.notify_statements_drafted(
                    partnership=partnership, year=year, period=quarter, statements=statements
                )
                drafted.append((partnership.slug, year, quarter, len(statements)))
    return drafted


@shared_task(acks_late=True)
def draft_due_statements():
    return [list(d) for d in draft_due()]


@shared_task(acks_late=True, **jobs.RETRY_ON_LOST_CONNECTION)
def build_statements_zip(job_id):
    """The PDFs and CSVs of a period's statements (those the requester may see) in one zip."""
    from .selectors import visible_council_ids

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
            pdf_for=statement_pdf_bytes,
        )
        name = f"{job.partnership.slug}-{year_label(params['year']).replace('/', '-')}-{params['period']}-statements.zip"
        return content, name, "application/zip"

    return jobs.run_job(job_id, work)


@shared_task(acks_late=True, **jobs.RETRY_ON_LOST_CONNECTION)
def issue_statements(job_id):
    """Drafts the period's statements from current inputs and issues them (job parameters: year, period), in
    a worker, ending with a CSV of every statement issued for the period. Safe to run again, and to kill: the
    numbering is one transaction on the locked counter, so an attempt killed part-way has used no number, and
    a second run issues only what is still a draft."""

    def work(job):
        year, period = job.parameters["year"], job.parameters["period"]
        jobs.job_progress(job, stage="Drafting and issuing the statements")
        services.recharges_run(
            partnership=job.partnership, year=year, period=period, issue=True, by=job.requested_by
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
        header, *_ = documents.statement_csv(issued[0]).decode().splitlines() if issued else [""]
        rows = [line for st in issued for line in documents.statement_csv(st).decode().splitlines()[1:]]
        content = "\n".join([header, *rows]).encode("utf-8") + b"\n"
        name = f"{job.partnership.slug}-{year_label(year).replace('/', '-')}-{period}-issued.csv"
        return content, name, "text/csv"

    return jobs.run_job(job_id, work)


def statement_pdf_bytes(statement):
    """An issued statement's PDF is rendered once and kept with its checksum; a draft's is rendered fresh."""
    if statement.is_issued and statement.pdf_checksum:
        return bytes(statement.pdf)
    content = documents.statement_pdf(statement)
    if statement.is_issued:
        services.statement_store_pdf(statement=statement, content=content)
    return content
