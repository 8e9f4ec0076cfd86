"""The text of a PDF as the crawling tests read it: poppler's `pdftotext` (Debian's poppler-utils, which
scripts/test.sh installs). On WeasyPrint's output it is about ten times faster than pypdf's extract_text, which
spent half of the exempt-items leak test reading its 60 PDFs (tests/test_pdf_text.py shows it finds the same
words). Its reading order of side-by-side blocks differs from pypdf's, so tests that read an invoice's payee
and payer boxes in order keep pypdf."""

import subprocess


def pdf_pages_text(pdf: bytes) -> list[str]:
    """Each page's text, in page order."""
    result = subprocess.run(
        ["pdftotext", "-q", "-enc", "UTF-8", "-", "-"], input=bytes(pdf), capture_output=True, check=True
    )
    pages = result.stdout.decode("utf-8").split("\f")  # pdftotext ends every page with a form feed
    return pages[:-1] if pages and not pages[-1] else pages


def pdf_text(pdf: bytes) -> str:
    return "\n".join(pdf_pages_text(pdf))
