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


@shared_task(acks_late=True)
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
            csv_for=statement_csv_bytes,
        )
        name = f"{job.partnership.slug}-{year_label(params['year']).replace('/', '-')}-{params['period']}-statements.zip"
        return content, name, "application/zip"

    return jobs.run_job(job_id, work)


def statement_pdf_bytes(statement):
    """An issued statement's PDF as stored when it was issued; a draft's is rendered fresh. Reading never
    writes: a statement issued before PDFs were stored at issue is rendered, not stored."""
    if statement.is_issued and statement.pdf_checksum:
        return bytes(statement.pdf)
    return documents.statement_pdf(statement)


def statement_csv_bytes(statement):
    """An issued statement's CSV as stored when it was issued; a draft's is made fresh."""
    if statement.is_issued and statement.csv is not None:
        return bytes(statement.csv)
    return documents.statement_csv(statement)
