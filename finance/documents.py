"""Statement documents: PDF (WeasyPrint, from templates/print/), CSV, and a zip of a period.

The PDF is rendered by governance.papers.pdf: tagged PDF/UA, reading nothing but the project's static files. It is
rendered once per content: kept (as the agenda packs keep their parts, governance.papers.documents.rendered) by the
checksum of its print HTML, so a statement whose HTML was rendered before is not laid out again (and, for the last
few, kept in the process's memory too).
"""

import io
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone

from governance import spreadsheet
from governance.papers.documents import rendered

from . import invoicing, selectors
from .periods import period_dates

SNAPSHOT_FIELDS = [
    "issue_date",
    "due_date",
    "payment_terms_days",
    "payer_name",
    "payer_address",
    "payee_name",
    "payee_address",
    "purchase_order",
    "vat_treatment",
    "contact_name",
    "contact_email",
    "contact_phone",
    "bank_name",
    "bank_account_name",
    "bank_sort_code",
    "bank_account_number",
    "payment_reference",
]


def statement_title(statement):
    kind = statement.get_kind_display()
    label = statement.number or "Draft"
    return f"{kind} {label}: {statement.partnership.name}, {statement.council.name}, {statement.period} {statement.year_label}"


def particulars(statement, lines=None):
    """What the statement prints beside its figures, and each line's ledger code: as frozen at issue for an
    issued statement; for a draft, as it would be issued today from the current settings."""
    lines = list(statement.lines.all()) if lines is None else lines
    if statement.is_issued:
        fields = {name: getattr(statement, name) for name in SNAPSHOT_FIELDS}
        return fields, {line.position: line.ledger_code for line in lines}
    result, _ = selectors.issue_particulars(
        statement.partnership, statement.year, [statement], timezone.localdate()
    )
    return result[statement.pk]


def statement_context(statement):
    first, last = period_dates(statement.year, statement.period)
    lines = list(statement.lines.all())
    inv, ledger = particulars(statement, lines)
    refund = statement.net < 0
    # The council's side and the host's side, by name as printed (an invoice is paid by the council to the
    # host; a credit note by the host to the council).
    council_side, host_side = (
        (inv["payee_name"], inv["payer_name"]) if refund else (inv["payer_name"], inv["payee_name"])
    )
    own = inv["payer_name"] == inv["payee_name"]
    return {
        "statement": statement,
        "lines": [(line, ledger.get(line.position, "")) for line in lines],
        "inv": inv,
        "refund": refund,
        "own_share": own,
        "amount": abs(statement.net),
        "title": statement_title(statement),
        # On screen the layout adds the partnership's name to the page title.
        "screen_title": f"{statement.get_kind_display()} {statement.number or 'draft'}: {statement.council.name}, "
        f"{statement.period} {statement.year_label}",
        "first": first,
        "last": last,
        "explanation": invoicing.explanation(
            model=statement.model,
            period=statement.period,
            council=council_side,
            host=host_side,
            year=statement.year_label,
        ),
        "rounding_note": invoicing.rounding_note(model=statement.model, period=statement.period),
    }


def statement_html(statement) -> str:
    return render_to_string("print/statement.html", statement_context(statement))


def statement_pdf(statement, *, store=False) -> bytes:
    """The statement's PDF, taken from the rendered parts when its HTML was rendered before. With store (when
    issuing, outside its transaction) a PDF rendered now is kept for next time; without (a download: a GET never
    writes) the kept parts are only read."""
    return pdf_of_html(statement_html(statement), store=store)


def pdf_of_html(html, *, store=False) -> bytes:
    """The PDF of print HTML, laid out once per content (governance.papers.documents.rendered: what this process
    rendered or read last, then the rendered parts, by the checksum of the HTML)."""
    return rendered(html, store=store)[0]


def statement_filename(statement, ext):
    number = (
        statement.number or f"draft-{statement.period}-{statement.council.code}-{statement.sequence}"
    ).replace("/", "-")
    return f"{number}.{ext}"


CSV_COLUMNS = [
    "number",
    "kind",
    "status",
    "issue_date",
    "due_date",
    "payer",
    "payee",
    "purchase_order",
    "statement_net",
    "partnership",
    "year",
    "period",
    "council",
    "line",
    "description",
    "basis",
    "funding_line",
    "ledger_code",
    "amount",
]


def statement_csv(statement) -> bytes:
    """One row per line and nothing else: every row names its statement, its dates, payer, payee, purchase
    order and net (a fact of the statement, like its number, never a row of its own), so the rows of several
    statements can be read, summed or loaded into a ledger together as lines."""
    lines = list(statement.lines.all())
    inv, ledger = particulars(statement, lines)
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(CSV_COLUMNS)
    prefix = [
        statement.number or "",
        statement.kind,
        statement.status,
        inv["issue_date"].isoformat() if statement.is_issued and inv["issue_date"] else "",
        inv["due_date"].isoformat() if statement.is_issued and inv["due_date"] else "",
        inv["payer_name"],
        inv["payee_name"],
        inv["purchase_order"],
        statement.net,
        statement.partnership.slug,
        statement.year_label,
        statement.period,
        statement.council.code,
    ]
    for line in lines:
        writer.writerow(
            prefix
            + [
                line.position,
                line.description,
                line.basis,
                line.funding_line,
                ledger.get(line.position, ""),
                line.amount,
            ]
        )
    return out.getvalue().encode("utf-8")


def period_zip(statements, progress=None, pdf_for=None, csv_for=None, ubl_for=None) -> bytes:
    """A zip with each statement's PDF and CSV, and its e-invoice (XML) where ubl_for gives one;
    progress(done, total) after each statement."""
    pdf_for = pdf_for or statement_pdf
    csv_for = csv_for or statement_csv
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, st in enumerate(statements, start=1):
            zf.writestr(statement_filename(st, "pdf"), pdf_for(st))
            zf.writestr(statement_filename(st, "csv"), csv_for(st))
            ubl = ubl_for(st) if ubl_for else None
            if ubl is not None:
                zf.writestr(statement_filename(st, "xml"), ubl)
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
