"""Statement documents: PDF (WeasyPrint, from templates/print/), CSV, and a zip of a period.

The PDF is rendered by governance.pdf.render_pdf: tagged PDF/UA, reading nothing but the project's static files.
"""

import io
import zipfile

from django.template.loader import render_to_string

from governance import spreadsheet
from governance.pdf import render_pdf

from .periods import period_dates


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
    return render_pdf(html)


def statement_filename(statement, ext):
    number = (
        statement.number or f"draft-{statement.period}-{statement.council.code}-{statement.sequence}"
    ).replace("/", "-")
    return f"{number}.{ext}"


def statement_csv(statement) -> bytes:
    out = io.StringIO()
    writer = spreadsheet.writer(out)
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
    # Every row names its statement, so rows from several statements can be read together.
    prefix = [
        statement.number or "",
        statement.partnership.slug,
        statement.year_label,
        statement.period,
        statement.council.code,
        statement.kind,
        statement.status,
    ]
    for line in statement.lines.all():
        writer.writerow(prefix + [line.position, line.description, line.amount])
    writer.writerow(prefix + ["net", "Net amount", statement.net])
    return out.getvalue().encode("utf-8")


def period_zip(statements, progress=None, pdf_for=None, csv_for=None) -> bytes:
    """A zip with each statement's PDF and CSV; progress(done, total) after each statement."""
    pdf_for = pdf_for or statement_pdf
    csv_for = csv_for or statement_csv
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, st in enumerate(statements, start=1):
            zf.writestr(statement_filename(st, "pdf"), pdf_for(st))
            zf.writestr(statement_filename(st, "csv"), csv_for(st))
            if progress:
                progress(n, len(statements))
    return buffer.getvalue()


def import_errors_csv(errors) -> bytes:
    """Every bad row of a refused import, as CSV: row number and reason."""
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(["row", "problem"])
    writer.writerows(errors)
    return out.getvalue().encode("utf-8")
