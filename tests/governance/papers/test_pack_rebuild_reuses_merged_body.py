"""A pack's body (the minutes, reports and appendices after the front sheet) is kept merged, part by part, so
that a rebuild after one report changed merges only from that report on. What comes out is the same document,
byte for byte, as a build that merged everything afresh; the same content always gives the same bytes; and the
document stays tagged, numbered and bookmarked."""

import pytest

from governance.papers import documents
from governance.papers import services as report_services
from governance.papers.pdf import Part, assemble, body_keys, render_pdf
from governance.papers.services import pack_build

from ..paper_helpers import pages_text, read, uploaded_pdf, write_report


def html(title, pages=1):
    body = "".join(
        f'<p style="page-break-before: always">{title}, page {i + 2}</p>' for i in range(pages - 1)
    )
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{title}</h1>{body}</body></html>"
    )


class DictStore:
    """A BodyStore in memory, counting what it is asked."""

    def __init__(self):
        self.bodies, self.puts = {}, []

    def longest(self, keys):
        for n in range(len(keys), 0, -1):
            if keys[n - 1] in self.bodies:
                return n, self.bodies[keys[n - 1]]
        return None

    def put(self, key, pdf, pages):
        self.puts.append(key)
        self.bodies[key] = pdf


@pytest.fixture(scope="module")
def rendered():
    return {
        "cover": render_pdf(html("Cover")),
        "front": render_pdf(html("Front sheet", 2)),
        "minutes": render_pdf(html("Minutes", 3)),
        "alpha": render_pdf(html("Alpha report", 2)),
        "beta": render_pdf(html("Beta report", 1)),
        "beta-changed": render_pdf(html("Beta report changed", 3)),
        "gamma": render_pdf(html("Gamma report", 2)),
        "appendix": uploaded_pdf("Options paper", 2),
    }


def parts(r, beta="beta", front="front"):
    return [
        Part("cover", "Cover", r["cover"]),
        Part("front", "Front sheet", r[front], start_on_odd=True),
        Part("minutes", "Minutes", r["minutes"], start_on_odd=True),
        Part(
            "alpha",
            "1. Alpha",
            r["alpha"],
            start_on_odd=True,
            children=[Part("alpha-app", "Appendix 1", r["appendix"])],
        ),
        Part("beta", "2. Beta", r[beta], start_on_odd=True),
        Part("gamma", "3. Gamma", r["gamma"], start_on_odd=True),
    ]


def build(r, store=None, **kw):
    return assemble(parts(r, **kw), title="Pack", author="Committee Services", head=2, store=store)


def check_tagged_and_numbered(pdf, page_count):
    """Every page after the cover numbered; the structure tree's elements point at the document's pages and
    every page's parent-tree key is in the parent tree; one Document of Parts; a bookmark per part."""
    reader = read(pdf)
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) == page_count
    assert "Page 1" not in texts[0]
    for n in range(2, page_count + 1):
        assert f"Page {n}" in texts[n - 1], n
    root = reader.trailer["/Root"]
    assert b"pdfuaid:part>1<" in root["/Metadata"].get_object().get_data()
    tree = root["/StructTreeRoot"]
    (document,) = tree["/K"]
    assert document["/S"] == "/Document"
    assert {kid.get_object()["/S"] for kid in document["/K"]} == {"/Part"}
    page_ids = {p.indirect_reference.idnum for p in reader.pages}
    pointed = set()

    def walk(node):
        obj = node.get_object()
        if not isinstance(obj, dict):
            return
        if "/Pg" in obj:
            assert obj.raw_get("/Pg").idnum in page_ids
            pointed.add(obj.raw_get("/Pg").idnum)
        kids = obj.get("/K")
        for kid in kids if isinstance(kids, list) else ([kids] if kids is not None else []):
            walk(kid)

    walk(tree)
    nums = tree["/ParentTree"]["/Nums"]
    keys = nums[::2]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert tree["/ParentTreeNextKey"] > max(keys)
    for page in reader.pages:
        if "/StructParents" in page:
            assert page["/StructParents"] in keys
    assert pointed  # the tags reach the pages
    assert "/SSBodyState" not in root  # the stored body's bookkeeping does not reach the finished document
    return reader


def test_a_rebuild_merges_only_from_the_changed_report_on_and_gives_the_same_bytes(rendered):
    store = DictStore()
    first = build(rendered, store)
    assert first.reused == 0
    assert len(store.puts) == 4  # the body merged up to each of its four parts
    assert first.pdf == build(rendered).pdf  # a store changes nothing in what comes out

    store.puts.clear()
    again = build(rendered, store)
    assert again.reused == 4 and store.puts == []  # nothing changed: the whole body is taken as stored
    assert again.pdf == first.pdf

    changed = build(rendered, store, beta="beta-changed")
    assert changed.reused == 2  # the minutes and Alpha (with its appendix): not merged again
    assert len(store.puts) == 2  # Beta and Gamma, merged and stored
    fresh = build(rendered, beta="beta-changed")
    assert changed.pdf == fresh.pdf
    assert changed.ranges == fresh.ranges
    assert changed.ranges["beta"] == (13, 15) and changed.ranges["gamma"] == (17, 18)
    reader = check_tagged_and_numbered(changed.pdf, changed.page_count)
    assert "Beta report changed" in reader.pages[12].extract_text()
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles == ["Cover", "Front sheet", "Minutes", "1. Alpha", "2. Beta", "3. Gamma"]
    assert [o.title for o in reader.outline[4]] == ["Appendix 1"]


def test_a_longer_front_sheet_moves_the_stored_body_and_its_numbers(rendered):
    store = DictStore()
    build(rendered, store)
    longer = dict(rendered, front=render_pdf(html("Front sheet", 3)))
    moved = build(longer, store)
    assert moved.reused == 4  # the whole body, only placed later
    assert moved.ranges == build(longer).ranges
    assert moved.ranges["front"] == (3, 5) and moved.ranges["minutes"] == (7, 9)  # after a filler at 6
    assert moved.pdf == build(longer).pdf
    reader = check_tagged_and_numbered(moved.pdf, moved.page_count)
    assert "This page is intentionally left blank" in reader.pages[5].extract_text()
    assert "Minutes" in reader.pages[6].extract_text()


def test_the_key_of_a_body_follows_its_content_titles_and_order(rendered):
    body = parts(rendered)[2:]
    keys = body_keys(body)
    assert len(set(keys)) == len(keys) == 4
    assert body_keys(parts(rendered, beta="beta-changed")[2:])[:2] == keys[:2]
    assert body_keys(parts(rendered, beta="beta-changed")[2:])[2:] != keys[2:]
    retitled = parts(rendered)[2:]
    retitled[0].title = "Minutes of the last meeting"
    assert body_keys(retitled)[0] != keys[0]
    assert body_keys(list(reversed(body)))[-1] != keys[-1]


# The same through the pack's build, with the bodies kept in storage -----------------------------------------


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def meeting(future_meeting, officer, media):
    write_report(future_meeting, officer, "Governance Model Review", appendix_pdf=uploaded_pdf("Options", 2))
    write_report(future_meeting, officer, "Network Services Transformation")
    write_report(future_meeting, officer, "Finance Update")
    future_meeting.refresh_from_db()
    return future_meeting


def built_packs(monkeypatch):
    built = []
    real = documents.build_pack
    monkeypatch.setattr(documents, "build_pack", lambda *a, **k: built.append(real(*a, **k)) or built[-1])
    return built


def test_a_pack_rebuilt_after_one_report_changed_reuses_the_body_before_it(meeting, officer, monkeypatch):
    built = built_packs(monkeypatch)
    first = pack_build(meeting=meeting, audience="members", by=officer)
    assert built[-1].merged_reused == 0
    item = meeting.items.get(title="Network Services Transformation")
    report_services.report_save(item=item, by=officer, summary="A new summary for the network report.")
    second = pack_build(meeting=meeting, audience="members", by=officer)
    # The minutes and the governance report (with its appendix) come merged from the first build.
    assert built[-1].merged_reused == 2
    assert second.version == first.version + 1
    with second.file.open("rb") as f:
        pdf = f.read()
    check_tagged_and_numbered(pdf, second.page_count)
    texts = pages_text(pdf)
    first_page, _last = second.ranges[str(item.pk)]
    assert "A new summary for the network report." in texts[first_page - 1]

    # Built afresh from the same content (nothing rendered or merged kept), the pack is the same, byte for byte.
    from governance.models import AgendaPack, RenderedPart
    from governance.papers import documents

    RenderedPart.objects.all().delete()
    monkeypatch.setattr(documents, "_recent", documents._Recent())  # nor what this process rendered last
    AgendaPack.objects.filter(pk=second.pk).delete()
    again = pack_build(meeting=meeting, audience="members", by=officer)
    assert built[-1].merged_reused == 0 and built[-1].rendered > 0
    assert again.checksum == second.checksum
