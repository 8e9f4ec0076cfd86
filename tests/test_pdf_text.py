"""The PDF reader the crawling tests use (tests/pdf_text.py) finds what a WeasyPrint PDF of the site says, page by
page, as pypdf does: a leak test reading PDFs with it can fail."""

import io

import pypdf

from governance.papers.pdf import render_pdf
from tests.pdf_text import pdf_pages_text, pdf_text

HTML = """<!doctype html><html lang="en"><head><title>Two pages</title><meta name="author" content="Test">
<style>@page { size: A4 } .next { break-before: page }</style></head><body>
<h1>Exempt report QZLEAK0001</h1><p>Settlement with Zanzibar Networks: £12,345.67 (QZLEAK0002).</p>
<p class="next">Page two: Councillor Quokka declared an interest.</p></body></html>"""


def test_it_reads_each_page_of_a_weasyprint_pdf_as_pypdf_does():
    pdf = render_pdf(HTML)
    pages = pdf_pages_text(pdf)
    assert len(pages) == len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 2
    assert "QZLEAK0001" in pages[0] and "QZLEAK0002" in pages[0] and "£12,345.67" in pages[0]
    assert "Quokka" in pages[1] and "Quokka" not in pages[0]
    for ours, theirs in zip(
        pages, (p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages), strict=True
    ):
        assert ours.split() == theirs.split()
    assert "Zanzibar" in pdf_text(pdf)
