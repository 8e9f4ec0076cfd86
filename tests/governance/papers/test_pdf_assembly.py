"""Assembled PDFs: continuous page numbers, right-hand starts with the left-blank filler, page ranges, a bookmark
per part, tags kept through the merge, and a renderer that reads nothing but the project's static files."""

import io

import pikepdf
import pypdf
import pytest
from weasyprint import HTML

from governance.papers.pdf import Part, StaticFilesFetcher, assemble, pdf_problem, render_pdf


def html(title, pages=1, extra=""):
    body = "".join(
        f'<p style="page-break-before: always">{title}, page {i + 2}</p>' for i in range(pages - 1)
    )
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{title}</h1>{extra}{body}</body></html>"
    )


def uploaded_pdf(text, pages=1):
    """An untagged PDF such as a council officer might upload."""
    body = "".join(f'<p style="page-break-before: always">{text} {i}</p>' for i in range(1, pages))
    return HTML(string=f"<p>{text} 0</p>{body}").write_pdf()


def read(pdf):
    return pypdf.PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def pack():
    parts = [
        Part("front", "Front sheet", render_pdf(html("Front sheet"))),
        Part("agenda", "Agenda", render_pdf(html("Agenda", 2))),
        Part(
            "item-8",
            "8. Governance Model Review",
            render_pdf(html("Governance Model Review", 3)),
            start_on_odd=True,
            children=[Part("item-8-app-1", "Appendix 1", uploaded_pdf("Options paper", 2))],
        ),
        Part("item-9", "9. Strategy", render_pdf(html("Strategy", 1)), start_on_odd=True),
    ]
    return assemble(
        parts, title="Shared Digital Joint Committee, 30 October 2017", author="London Borough of Camden"
    )


def test_each_report_starts_on_a_right_hand_page_after_a_filler(pack):
    # front 1, agenda 2-3, filler 4, report 5-7 + appendix 8-9, filler 10, strategy 11
    assert pack.ranges == {
        "front": (1, 1),
        "agenda": (2, 3),
        "item-8-app-1": (8, 9),
        "item-8": (5, 9),
        "item-9": (11, 11),
    }
    assert pack.page_count == 11
    pages = read(pack.pdf).pages
    assert "This page is intentionally left blank" in pages[3].extract_text()
    assert "This page is intentionally left blank" in pages[9].extract_text()
    for key in ("item-8", "item-9"):
        assert pack.ranges[key][0] % 2 == 1


def test_every_page_but_the_cover_has_its_number_stamped_even_merged_appendices(pack):
    pages = read(pack.pdf).pages
    assert "Page 1" not in pages[0].extract_text()
    for number in range(2, 12):
        assert f"Page {number}" in pages[number - 1].extract_text(), number
    assert "Options paper 1" in pages[8].extract_text()


def test_the_assembled_pdf_is_tagged_with_metadata_and_bookmarks(pack):
    reader = read(pack.pdf)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert root["/Lang"] == "en-GB"
    assert b"pdfuaid:part>1<" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title == "Shared Digital Joint Committee, 30 October 2017"
    assert reader.metadata.author == "London Borough of Camden"
    outline = reader.outline
    assert [o.title for o in outline if not isinstance(o, list)] == [
        "Front sheet",
        "Agenda",
        "8. Governance Model Review",
        "9. Strategy",
    ]
    assert [o.title for o in outline[3]] == ["Appendix 1"]  # nested under its report
    # The rendered parts keep their tags: headings in the merged structure tree point at the merged pages.
    tree = root["/StructTreeRoot"]
    page_ids = {p.indirect_reference.idnum for p in reader.pages}
    headings = []

    def walk(node):
        obj = node.get_object()
        if not isinstance(obj, dict):
            return
        if obj.get("/S") == "/H1":
            headings.append(obj)
            assert obj.raw_get("/Pg").idnum in page_ids
        kids = obj.get("/K")
        for kid in kids if isinstance(kids, list) else ([kids] if kids is not None else []):
            walk(kid)

    walk(tree)
    assert len(headings) == 4
    keys = tree["/ParentTree"]["/Nums"][::2]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    tagged_pages = [p for p in reader.pages if "/StructParents" in p]
    assert len(tagged_pages) == 11 - 2  # every page but the two uploaded appendix pages


def test_the_renderer_reads_only_the_projects_static_files(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("h1 { color: red }")
    fetcher = StaticFilesFetcher()
    for url in (
        "file:///etc/passwd",
        secret.as_uri(),
        "https://example.org/style.css",
        "http://127.0.0.1:8000/static/css/main.css",
        "https://print.invalid/static/../../etc/passwd",
        "https://print.invalid/media/secret.pdf",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("https://print.invalid/static/css/main.css").read().startswith(b"")
    pdf = render_pdf(
        html(
            "Linked",
            extra='<img src="file:///etc/passwd" alt="x"><link rel="stylesheet" href="https://example.org/x.css">'
            '<iframe src="file:///etc/passwd"></iframe><p><a href="file:///etc/passwd">passwd</a></p>',
        )
    )
    text = read(pdf).pages[0].extract_text()
    assert "root:" not in text and "Linked" in text


def test_uploads_that_are_not_usable_pdfs_are_refused_with_a_reason():
    assert pdf_problem(b"<html>not a pdf</html>") == "The file is not a PDF."
    good = uploaded_pdf("Fine")
    assert pdf_problem(good) is None
    assert "larger than" in pdf_problem(good, max_bytes=100)
    writer = pypdf.PdfWriter(clone_from=read(good))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    assert "encrypted" in pdf_problem(out.getvalue())
    assert pdf_problem(b"%PDF-1.7\nbroken") == "The PDF is damaged and cannot be read."


def test_page_numbers_are_pagination_artifacts_set_in_an_embedded_font(pack):
    pdf = pikepdf.open(io.BytesIO(pack.pdf))
    for index, page in enumerate(pdf.pages):
        contents = page.obj.Contents
        data = b"".join(
            s.read_bytes() for s in (contents if isinstance(contents, pikepdf.Array) else [contents])
        )
        if index == 0:  # the cover is not numbered
            assert b"/Pagination" not in data
            continue
        assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in data, index
        font = page.Resources.Font.SSPageNumber
        assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor  # embedded, as PDF/UA asks
        assert "/ToUnicode" in font  # so the number reads as text


def test_an_upload_whose_pages_inherit_their_fonts_keeps_its_text_and_is_numbered():
    source = pikepdf.open(io.BytesIO(uploaded_pdf("Inherited fonts", 2)))
    first = source.pages[0].obj
    source.Root.Pages.Resources, source.Root.Pages.MediaBox = first.Resources, first.MediaBox
    for page in source.pages:
        del page.obj["/Resources"], page.obj["/MediaBox"]
    out = io.BytesIO()
    source.save(out)
    pack = assemble(
        [
            Part("front", "Front sheet", render_pdf(html("Front sheet"))),
            Part("app", "Appendix", out.getvalue()),
        ],
        title="Pack",
        author="Committee Services",
    )
    texts = [page.extract_text() for page in read(pack.pdf).pages]
    assert "Inherited fonts 0" in texts[1] and "Page 2" in texts[1]
    assert "Inherited fonts 1" in texts[2] and "Page 3" in texts[2]
