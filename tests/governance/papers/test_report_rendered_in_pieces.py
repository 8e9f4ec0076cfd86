"""A report prints in two pieces, each starting on a new page: its header (title, summary, the decisions asked
for, the sign-off) and its body (the numbered sections). A pack renders each piece as a document of its own and
keeps it by the checksum of its own HTML (CSS included), so that a rebuild after an edit to one piece lays out
only that piece. The pieces come out page for page as the report rendered in one document; joined, their tags
make one Part of the pack; a piece is reused only for the very same HTML, and a merged body kept for rebuilds
only for the very same pieces."""

import io
from collections import Counter

import pikepdf
import pytest
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.layout.absolute import AbsolutePlaceholder

from governance.papers import documents, pdf
from governance.papers import services as report_services
from governance.papers.models import RenderedPart
from governance.papers.pdf import Part, assemble, body_keys, render_document, render_pdf
from governance.papers.services import pack_build

from ..paper_helpers import pages_text, read, write_report
from .test_pack_rebuild_reuses_merged_body import DictStore, check_tagged_and_numbered

LONG = "\n\n".join(f"Paragraph {n} about the network, at some length. " * 8 for n in range(30))
TABLE = "| Line | Camden | Haringey |\n|---|--:|--:|\n" + "".join(
    f"| Budget line {r} | {6524 + r:,} | {5259 + r:,} |\n" for r in range(12)
)


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def meeting(future_meeting, officer):
    write_report(future_meeting, officer, "Governance Model Review", about=LONG)
    write_report(future_meeting, officer, "Network Services Transformation", about=LONG + "\n\n" + TABLE)
    future_meeting.refresh_from_db()
    return future_meeting


def text_boxes(box):
    """The text boxes of a laid-out box, those of absolutely positioned boxes (the paragraph numbers) too."""
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if isinstance(box, TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from text_boxes(child)


def laid_out_pages(html):
    """Each page's text boxes, as (text, x, y, width), of the HTML laid out by WeasyPrint."""
    return [
        [
            (box.text, round(box.position_x, 3), round(box.position_y, 3), round(box.width, 3))
            for box in text_boxes(page._page_box)
        ]
        for page in render_document(html).pages
    ]


def test_the_pieces_lay_out_page_for_page_as_the_report_in_one_document(meeting, officer):
    report = meeting.items.get(title="Network Services Transformation").report
    report_services.report_save(
        item=report.item, by=officer, summary="A summary.\n\n" + "A long summary paragraph. " * 120
    )
    report.refresh_from_db()
    whole = documents.report_html(report, number="5")
    header, body = documents.report_parts_html(report, number="5")
    assert (header, body) == (
        documents.report_html(report, number="5", part="header"),
        documents.report_html(report, number="5", part="body"),
    )
    apart = laid_out_pages(header) + laid_out_pages(body)
    together = laid_out_pages(whole)
    assert len(together) >= 4  # a header over more than a page, and a body of several
    assert apart == together
    texts = ["".join(text for text, *_ in page) for page in together]
    assert "REPORT ENDS" not in "".join(texts[: len(laid_out_pages(header))])
    assert "Agenda item 5" in texts[0] and "REPORT ENDS" in texts[-1]
    assert "1.1Paragraph 0" in "".join(texts) and "1.30Paragraph 29" in "".join(texts)  # numbered paragraphs


def test_the_pieces_make_one_tagged_part_with_one_bookmark():
    header = render_pdf(
        '<!DOCTYPE html><html lang="en-GB"><head><title>R</title></head><body><h1>Report</h1></body></html>'
    )
    body = render_pdf(
        '<!DOCTYPE html><html lang="en-GB"><head><title>R</title></head><body>'
        '<h2>1 About</h2><p>First page of the body.</p><p style="break-before: page">Second.</p></body></html>'
    )
    built = assemble(
        [
            Part("cover", "Cover", render_pdf('<html lang="en-GB"><title>C</title><p>Cover</p></html>')),
            Part("report", "1. Report", header, more=[body], start_on_odd=True),
        ],
        title="Pack",
        author="Committee Services",
    )
    assert built.ranges["report"] == (3, 5)
    reader = check_tagged_and_numbered(built.pdf, built.page_count)
    assert [o.title for o in reader.outline] == ["Cover", "1. Report"]
    with pikepdf.open(io.BytesIO(built.pdf)) as merged:
        (document,) = merged.Root.StructTreeRoot.K
        cover, _filler, report = document.K
        assert (report.S, str(report.T)) == (pikepdf.Name.Part, "1. Report")
        kinds = [str(kid.S) for kid in report.K]
        # The body's elements joined the report's Part.
        assert "/Document" not in kinds and "/Part" not in kinds
        pages = {page.objgen for page in merged.pages[2:5]}

        def pages_of(element):
            found = {element.Pg.objgen} if "/Pg" in element else set()
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    found |= pages_of(kid)
            return found

        assert pages_of(report) == pages  # the Part's tags reach the header's page and both of the body's


def test_a_piece_changed_in_another_piece_keeps_its_key_and_a_changed_piece_gets_a_new_one():
    a, b, b2 = (
        render_pdf(f'<html lang="en-GB"><title>{word}</title><p>{word}</p></html>')
        for word in ("Alpha", "Bravo", "Charlie")
    )
    first = body_keys([Part("r", "R", a, more=[b], start_on_odd=True)])
    assert first == body_keys([Part("r", "R", a, more=[b], start_on_odd=True)])
    assert first != body_keys([Part("r", "R", a, more=[b2], start_on_odd=True)])
    assert first != body_keys([Part("r", "R", a, start_on_odd=True), Part("s", "S", b, start_on_odd=True)])
    store = DictStore()
    head = [Part("cover", "Cover", a), Part("front", "Front", a, start_on_odd=True)]
    assemble(
        [*head, Part("r", "R", a, more=[b], start_on_odd=True)], title="P", author="", head=2, store=store
    )
    changed = assemble(
        [*head, Part("r", "R", a, more=[b2], start_on_odd=True)], title="P", author="", head=2, store=store
    )
    assert changed.reused == 0  # the stored body, merged with the old piece, is not taken
    texts = pages_text(changed.pdf)
    assert "Charlie" in texts[-1] and "Bravo" not in "".join(texts)


@pytest.fixture
def renders(monkeypatch):
    """Which pieces WeasyPrint laid out, by report and piece."""
    laid_out = Counter()
    real_render = pdf.render_document

    def render(html):
        for title in ("Governance Model Review", "Network Services Transformation"):
            if f"<h1>{title}</h1>" in html:
                laid_out[title, "header"] += 1
            elif f"<title>{title}</title>" in html:
                laid_out[title, "body"] += 1
        return real_render(html)

    for module in (pdf, documents):
        monkeypatch.setattr(module, "render_document", render)
    return laid_out


def test_a_rebuild_lays_out_only_the_piece_that_changed(meeting, officer, renders):
    pack_build(meeting=meeting, audience="members", by=officer)
    network, governance = "Network Services Transformation", "Governance Model Review"
    assert renders == {(t, p): 1 for t in (network, governance) for p in ("header", "body")}

    item = meeting.items.get(title=network)
    renders.clear()
    report_services.report_save(item=item, by=officer, summary="A rewritten summary of the network report.")
    pack_build(meeting=meeting, audience="members", by=officer)
    assert renders == {(network, "header"): 1}  # the body, and the other report, taken as rendered

    renders.clear()
    about = (LONG + "\n\n" + TABLE).replace("Paragraph 7 ", "Paragraph seven ")
    report_services.report_save(item=item, by=officer, about=about)
    third = pack_build(meeting=meeting, audience="members", by=officer)
    assert renders == {(network, "body"): 1}
    text = report_text(third, item)
    assert "Paragraph seven about the network" in text and "Paragraph 7 about" not in text
    assert "A rewritten summary of the network report." in text
    assert "Paragraph 7 about" in report_text(third, meeting.items.get(title=governance))


def report_text(pack, item):
    """The text of the item's pages in the pack, its white space made single spaces."""
    with pack.file.open("rb") as f:
        reader = read(f.read())
    first, last = pack.ranges[str(item.pk)]
    return " ".join(" ".join(reader.pages[n].extract_text() for n in range(first - 1, last)).split())


def test_a_stale_piece_is_never_served_for_changed_content(meeting, officer):
    """The cache is keyed by the checksum of each piece's own HTML: an edit gives new HTML and a new key, and the
    old piece's PDF (still stored) is not used for it."""
    first = pack_build(meeting=meeting, audience="members", by=officer)
    item = meeting.items.get(title="Governance Model Review")
    before = set(RenderedPart.objects.values_list("checksum", flat=True))
    report_services.report_save(item=item, by=officer, about=LONG.replace("Paragraph 3 ", "Paragraph three "))
    header, body = documents.report_parts_html(item.report, number="5")
    assert pdf.html_checksum(body) not in before
    second = pack_build(meeting=meeting, audience="members", by=officer)
    assert second.version == first.version + 1
    text = report_text(second, item)
    assert "Paragraph three about the network" in text
    assert "Paragraph 3 about the network" not in text
