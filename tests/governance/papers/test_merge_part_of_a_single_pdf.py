"""One PDF can be put through the merge the pack uses (for example, to clean an uploaded appendix): its pages,
text and tags come through; its document scripts, open action, attachments and page actions do not; and the
same PDF always gives the same bytes."""

import io

import pikepdf
from weasyprint import HTML

from governance.papers.pdf import merge_part, render_pdf

from ..paper_helpers import read


def tagged():
    return render_pdf(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Options paper</title></head>'
        '<body><h1>Options paper</h1><p>Option A: <a href="https://example.org/a">the shared network</a></p>'
        '<p style="break-before: page">Option B, on its own page.</p></body></html>'
    )


def with_scripts(data):
    """The PDF with a script run on opening, a named document script, an attachment and a page action."""
    pdf = pikepdf.open(io.BytesIO(data))
    script = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    )
    pdf.Root.OpenAction = script
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("run"), script]))
    )
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not really")
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=script)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_pages_text_and_tags_come_through_and_scripts_do_not():
    source = with_scripts(tagged())
    before = pikepdf.open(io.BytesIO(source))
    assert "/OpenAction" in before.Root and before.attachments and "/AA" in before.pages[0].obj
    merged = merge_part(source, title="Appendix 1: Options paper")
    reader = read(merged)
    assert len(reader.pages) == 2
    assert "Option A" in reader.pages[0].extract_text()
    assert "Option B" in reader.pages[1].extract_text()

    pdf = pikepdf.open(io.BytesIO(merged))
    for key in ("/OpenAction", "/Names", "/AA", "/AcroForm"):
        assert key not in pdf.Root, key
    assert not pdf.attachments
    assert all("/AA" not in page.obj for page in pdf.pages)
    assert b"app.alert" not in b"".join(
        obj.read_raw_bytes() if isinstance(obj, pikepdf.Stream) else repr(obj).encode() for obj in pdf.objects
    )
    # The link is kept, and the tags: one Part, titled, whose elements point at the merged pages.
    assert any("/Annots" in page.obj for page in pdf.pages)
    tree = pdf.Root.StructTreeRoot
    (part,) = tree.K[0].K
    assert part.S == pikepdf.Name.Part and str(part.T) == "Appendix 1: Options paper"
    assert pdf.Root.MarkInfo.Marked
    pages = {page.objgen for page in pdf.pages}
    headings = [e for e in part.K if isinstance(e, pikepdf.Dictionary) and e.get("/S") == pikepdf.Name.H1]
    assert headings and headings[0].Pg.objgen in pages
    keys = list(tree.ParentTree.Nums)[::2]
    for page in pdf.pages:
        assert int(page.obj.StructParents) in keys


def test_an_untagged_pdf_comes_through_untagged_and_the_same_pdf_gives_the_same_bytes():
    plain = HTML(string="<p>An officer's scan</p>").write_pdf()
    merged = merge_part(plain)
    assert "An officer's scan" in read(merged).pages[0].extract_text()
    pdf = pikepdf.open(io.BytesIO(merged))
    assert (
        "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
    )  # it does not claim tags it lacks
    assert merge_part(plain) == merged
