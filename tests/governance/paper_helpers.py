"""Helpers for the tests of reports and agenda packs: a meeting with reports (one exempt), and reading PDFs."""

import io

import pypdf
from weasyprint import HTML

from governance.papers import services as report_services
from tests.pdf_text import pdf_pages_text

from .conftest import add_business

COMPLETE = {
    "summary": "This report proposes the convergence of the Councils' wide area networks.",
    "recommendations": "Approve the strategy for a single shared network.\nNote the contract award date.",
    "about": "Paragraph one about the network.\n\nParagraph two about the network.",
    "why_necessary": "The contract values exceed the delegated limit.",
    "reasons": "A single supplier makes the service reliable.",
    "legal": "The procurement uses a Crown Commercial Service framework.",
    "resources": "| | One-off | Annual |\n|---|--:|--:|\n| New WAN | £990,000 | £889,000 |",
    "contact_officer": "Ed Garcez, Chief Digital and Information Officer",
}


def uploaded_pdf(text, pages=1):
    """An untagged PDF such as an officer might upload."""
    body = "".join(f'<p style="page-break-before: always">{text} page {i + 1}</p>' for i in range(1, pages))
    return HTML(string=f"<p>{text} page 1</p>{body}").write_pdf()


def write_report(
    meeting, officer, title, *, exempt=False, about="", appendix_pdf=None, appendix_text="", signed=False
):
    fields = (
        {"is_exempt": True, "exempt_paragraph": 3, "public_title": "Exempt: a contract matter"}
        if exempt
        else {}
    )
    item = add_business(meeting, officer, title, report_of="Chief Digital and Information Officer", **fields)
    text = dict(COMPLETE)
    if about:
        text["about"] = about
    report = report_services.report_save(
        item=item, by=officer, title=title, report_of="Chief Digital and Information Officer", **text
    )
    if appendix_pdf is not None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        report_services.appendix_add(
            report=report,
            title=f"{title} options paper",
            upload=SimpleUploadedFile("a.pdf", appendix_pdf, content_type="application/pdf"),
            by=officer,
        )
    if appendix_text:
        report_services.appendix_add(report=report, title=f"{title} notes", body=appendix_text, by=officer)
    if signed:  # only a signed-off report goes into the public pack
        report = report_services.report_sign_off(report=report, by=officer)
    return item, report


def pages_text(pdf):
    return pdf_pages_text(pdf)


def read(pdf):
    return pypdf.PdfReader(io.BytesIO(pdf))
