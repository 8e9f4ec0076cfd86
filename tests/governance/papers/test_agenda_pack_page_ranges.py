"""The agenda pack, read back from its PDF: the page ranges printed on the agenda are where each report really
starts and ends, every report starts on a right-hand (odd) page after a left-blank filler, appendix pages carry
their page numbers, the public pack holds nothing of an exempt report and the members' pack does, and the PDF
is tagged with its metadata and a bookmark per item."""

import re

import pytest

from governance.committees.services import agenda_publish
from governance.models import AgendaItem, PublishedItem
from governance.papers.services import pack_build

from ..paper_helpers import pages_text, read, uploaded_pdf, write_report

SECRET = "Confidential pricing from the preferred bidder"


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def meeting(future_meeting, officer):
    long_text = "\n\n".join(
        f"Paragraph {n} of the governance options, at some length. " * 6 for n in range(40)
    )
    write_report(
        future_meeting,
        officer,
        "Governance Model Review",
        about=long_text,
        appendix_pdf=uploaded_pdf("Options paper", 3),
        signed=True,
    )
    write_report(
        future_meeting,
        officer,
        "Network Services Transformation",
        appendix_text="## Costs\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        signed=True,
    )
    write_report(future_meeting, officer, "Finance Update", signed=True)
    write_report(future_meeting, officer, "Data Centre Contract", exempt=True, about=SECRET, signed=True)
    future_meeting.refresh_from_db()
    return future_meeting


def printed_ranges(text):
    """(item title, first, last) as printed on the agenda."""
    found = re.findall(r"\d+\. \*?([A-Z][A-Z ]+?)\n(?:All Wards )?\(Pages (\d+) - (\d+)\)", text)
    return {title.strip(): (int(a), int(b)) for title, a, b in found}


def test_printed_page_ranges_are_the_real_pages_and_reports_start_on_odd_pages(meeting, officer):
    pack = pack_build(meeting=meeting, audience="public", by=officer)
    with pack.file.open("rb") as f:
        pdf = f.read()
    texts = pages_text(pdf)
    assert pack.page_count == len(texts)
    assert pack.page_count > 12

    front = "\n".join(t for t in texts[:6])
    printed = printed_ranges(front)
    assert set(printed) >= {
        "MINUTES",
        "GOVERNANCE MODEL REVIEW",
        "NETWORK SERVICES TRANSFORMATION",
        "FINANCE UPDATE",
    }
    for title, (first, last) in printed.items():
        heading = title.title() if title != "MINUTES" else "At a meeting of the"
        assert first % 2 == 1, f"{title} starts on page {first}"
        start = texts[first - 1]
        assert f"Page {first}" in start
        if title != "MINUTES":
            assert heading.lower() in start.lower(), (title, first, start[:200])
            assert (
                "REPORT ENDS" in texts[last - 1]
                or "Appendix" in texts[last - 1]
                or "Options paper" in texts[last - 1]
            )
        else:
            assert "MINUTES END" in texts[last - 1]

    # Every page after the front sheet is in an item's range or is a left-blank filler.
    covered = {n for first, last in printed.values() for n in range(first, last + 1)}
    after_front = min(first for first, _ in printed.values())
    for n in range(after_front, len(texts) + 1):
        assert n in covered or "This page is intentionally left blank" in texts[n - 1], n

    # The governance report's three uploaded appendix pages are inside its range and numbered.
    first, last = printed["GOVERNANCE MODEL REVIEW"]
    appendix_pages = [n for n in range(first, last + 1) if "Options paper page" in texts[n - 1]]
    assert len(appendix_pages) == 3
    for n in appendix_pages:
        assert f"Page {n}" in texts[n - 1]

    # Written back to the agenda items and the pack's record.
    for item in meeting.items.filter(report__isnull=False, is_exempt=False):
        assert (item.page_from, item.page_to) == printed[item.title.upper()]
        assert pack.ranges[str(item.pk)] == [item.page_from, item.page_to]


def test_the_public_pack_has_no_exempt_text_and_the_members_pack_does(meeting, officer):
    public = pack_build(meeting=meeting, audience="public", by=officer)
    members = pack_build(meeting=meeting, audience="members", by=officer)
    with public.file.open("rb") as f:
        public_text = "\n".join(pages_text(f.read()))
    with members.file.open("rb") as f:
        members_pdf = f.read()
    members_text = "\n".join(pages_text(members_pdf))
    assert SECRET not in public_text
    assert "Data Centre Contract".upper() not in public_text.upper()
    assert "EXEMPT: A CONTRACT MATTER" in public_text  # the public title, and only that
    assert SECRET in members_text
    assert "NOT FOR PUBLICATION" in members_text
    exempt = AgendaItem.objects.get(meeting=meeting, is_exempt=True)
    first, last = members.ranges[str(exempt.pk)]
    assert first % 2 == 1
    assert "DATA CENTRE CONTRACT" in members_text.upper()
    assert (exempt.page_from, exempt.page_to) == (first, last)
    assert members.page_count > public.page_count


def test_the_pack_is_tagged_with_metadata_and_a_bookmark_per_item(meeting, officer):
    pack = pack_build(meeting=meeting, audience="public", by=officer)
    with pack.file.open("rb") as f:
        reader = read(f.read())
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root
    assert b"pdfuaid:part>1<" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title.startswith("Shared Digital Joint Committee")
    assert "public agenda pack" in reader.metadata.title
    assert reader.metadata.author
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[:2] == ["Cover", "Front sheet and agenda"]
    assert any("Governance Model Review" in t for t in titles)
    assert any("Minutes of" in t for t in titles)
    # Real text, not pictures of it: every page has text, and the fonts are embedded.
    assert all(page.extract_text().strip() for page in reader.pages)


def test_publishing_the_agenda_publishes_the_pack_and_the_public_page_shows_the_pages(
    meeting, officer, client
):
    pack = pack_build(meeting=meeting, audience="public", by=officer)
    members = pack_build(meeting=meeting, audience="members", by=officer)
    assert not pack.is_published
    publication = agenda_publish(meeting=meeting, by=officer)
    pack.refresh_from_db()
    members.refresh_from_db()
    assert pack.is_published and members.is_published
    item = AgendaItem.objects.get(meeting=meeting, title="Governance Model Review")
    copy = PublishedItem.objects.get(agenda=publication, item=item)
    assert copy.pages == f"Pages {item.page_from} - {item.page_to}"

    url = f"/shared-digital/meetings/{meeting.pk}/"
    page = client.get(url).content.decode()
    assert f"/papers/packs/{pack.pk}/" in page
    assert f"/papers/packs/{members.pk}/" not in page
    assert f"Pages {item.page_from} - {item.page_to}" in page
    assert client.get(f"{url}papers/packs/{pack.pk}/").status_code == 200
    assert client.get(f"{url}papers/packs/{members.pk}/").status_code == 404
