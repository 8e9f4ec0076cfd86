"""Statement documents: PDF (WeasyPrint, from templates/print/), CSV, and a zip of a period.

The PDF renderer fetches nothing from the network or the file system except the project's own static files.
"""

import csv
import io
import mimetypes
import zipfile

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .periods import period_dates

BASE_URL = "https://sharedservice.invalid/"
STATIC_PREFIX = BASE_URL + "static/"
ERROR_FETCH_REFUSED = "Statements may only use the project's own static files: {url}"


class StaticOnlyFetcher(URLFetcher):
    """Serves /static/… from the project's static files and refuses every other URL."""

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_PREFIX) or ".." in url:
            raise ValueError(ERROR_FETCH_REFUSED.format(url=url))
        path = finders.find(url[len(STATIC_PREFIX) :].split("?")[0])
        if not path:
            raise ValueError(ERROR_FETCH_REFUSED.format(url=url))
        with open(path, "rb") as f:
            body = f.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def statement_title(statement):
    kind = statement.get_kind_display()
    label = statement.number or "Draft"
    return f"{kind} {label}: {statement.partnership.name}, {statement.council.name}, {statement.period} {statement.year_label}"


def statement_context(statement):
    first, last = period_dates(statement.year, statement.period)
    return {
        "statement": statement,
        "lines": list(statement.lines.all()),
        "title": statement_title(statement),
        "first": first,
        "last": last,
    }


def statement_pdf(statement) -> bytes:
    html = render_to_string("print/statement.html", statement_context(statement))
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )


def statement_filename(statement, ext):
    number = (
        statement.number or f"draft-{statement.period}-{statement.council.code}-{statement.sequence}"
    ).replace("/", "-")
    return f"{number}.{ext}"


def statement_csv(statement) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "number",
            "partnership",
            "year",
            "period",
            "council",
            "kind",
            "status",
            "line",
            "description",
            "amount",
        ]
    )
    for line in statement.lines.all():
        writer.writerow(
            [
                statement.number or "",
                statement.partnership.slug,
                statement.year_label,
                statement.period,
                statement.council.code,
                statement.kind,
                statement.status,
                line.position,
                line.description,
                line.amount,
            ]
        )
    writer.writerow(
        [
            statement.number or "",
            statement.partnership.slug,
            statement.year_label,
            statement.period,
            statement.council.code,
            statement.kind,
            statement.status,
            "net",
            "Net amount",
            statement.net,
        ]
    )
    return out.getvalue().encode("utf-8")


def period_zip(statements, progress=None, pdf_for=None) -> bytes:
    """A zip with each statement's PDF and CSV; progress(done, total) after each statement."""
    pdf_for = pdf_for or statement_pdf
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, st in enumerate(statements, start=1):
            zf.writestr(statement_filename(st, "pdf"), pdf_for(st))
            zf.writestr(statement_filename(st, "csv"), statement_csv(st))
            if progress:
                progress(n, len(statements))
    return buffer.getvalue()
