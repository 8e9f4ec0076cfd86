"""A pack's build lays out and writes each report once: its page count comes from the same rendering as its
pages. The front sheet is written once; it is laid out a second time only when the length it was laid out for
moves the reports, and a rebuild lays it out for the length it had in the last pack."""

from collections import Counter

import pytest

from governance.papers import documents, pdf
from governance.papers import services as report_services
from governance.papers.services import pack_build

from ..paper_helpers import write_report


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def meeting(future_meeting, officer):
    for title in ("Governance Model Review", "Network Services Transformation", "Finance Update"):
        write_report(future_meeting, officer, title)
    future_meeting.refresh_from_db()
    return future_meeting


@pytest.fixture
def renders(monkeypatch):
    """What WeasyPrint laid out and what it wrote, by kind of print HTML."""
    laid_out, written = Counter(), Counter()
    real_render, real_write = pdf.render_document, pdf.write_document

    def kind(html):
        for marker in (
            "Governance Model Review</h1>",
            "Network Services Transformation</h1>",
            "Finance Update</h1>",
        ):
            if marker in html:
                return marker[:-5]
        return "front sheet" if "(Pages " in html else "other"

    def render(html):
        document = real_render(html)
        document.kind = kind(html)
        laid_out[document.kind] += 1
        return document

    def write(document):
        written[document.kind] += 1
        return real_write(document)

    for module in (pdf, documents):
        monkeypatch.setattr(module, "render_document", render)
        monkeypatch.setattr(module, "write_document", write)
    return laid_out, written


def test_each_report_is_rendered_once_and_the_front_sheet_written_once(meeting, officer, renders):
    laid_out, written = renders
    first = pack_build(meeting=meeting, audience="members", by=officer)
    for title in ("Governance Model Review", "Network Services Transformation", "Finance Update"):
        assert (laid_out[title], written[title]) == (1, 1), title
    assert written["front sheet"] == 1
    assert laid_out["front sheet"] <= 2

    laid_out.clear(), written.clear()
    item = meeting.items.get(title="Finance Update")
    longer = "\n\n".join(["A new summary for the finance report, at length. " * 12] * 30)
    report_services.report_save(item=item, by=officer, summary=longer)
    second = pack_build(meeting=meeting, audience="members", by=officer)
    assert (
        second.ranges[str(item.pk)] != first.ranges[str(item.pk)]
    )  # the report grew: the front sheet changed
    assert (laid_out["Finance Update"], written["Finance Update"]) == (1, 1)
    assert laid_out["Governance Model Review"] == laid_out["Network Services Transformation"] == 0
    assert (laid_out["front sheet"], written["front sheet"]) == (1, 1)  # laid out for the last pack's length
