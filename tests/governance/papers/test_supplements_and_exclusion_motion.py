"""A change after publication makes a supplementary agenda with its own PDF, listed on the meeting page and in
the API, and queues a rebuilt pack; the page never says the pack carries a supplement it does not. The motion
to exclude the press and public stands before the first exempt item, generated from the items' paragraphs."""

import pytest

from governance.committees.public import exclusion_motion
from governance.committees.services import agenda_publish
from governance.jobs.models import Job
from governance.papers import documents
from governance.papers.services import pack_build

from ..conftest import add_business
from ..paper_helpers import pages_text, write_report


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def test_the_motion_names_every_paragraph_once_in_order():
    assert exclusion_motion([]) == ""
    one = exclusion_motion([3])
    assert "the following item on the grounds that it involves" in one and "paragraph 3 of Part 1" in one
    many = exclusion_motion([5, 3, 3])
    assert "following items" in many and "paragraphs 3 and 5 of Part 1 of Schedule 12A" in many
    assert "paragraphs 1, 3 and 7" in exclusion_motion([7, 1, 3])


def test_the_motion_stands_before_the_first_exempt_item_on_the_page_and_the_front_sheet(
    future_meeting, officer, client
):
    add_business(future_meeting, officer, "Open business")
    for title, paragraph in (("Secret award", 3), ("Secret advice", 5)):
        add_business(
            future_meeting, officer, title, is_exempt=True, exempt_paragraph=paragraph, public_title=f"Exempt {paragraph}"
        )
    agenda_publish(meeting=future_meeting, by=officer)
    page = client.get(f"/shared-digital/meetings/{future_meeting.pk}/").content.decode()
    motion = page.index("EXCLUSION OF THE PRESS AND PUBLIC")
    assert page.index("OPEN BUSINESS") < motion < page.index("EXEMPT 3") < page.index("EXEMPT 5")
    assert "paragraphs 3 and 5 of Part 1" in page
    items = documents.pack_items(future_meeting, audience="public")
    html = documents.front_sheet_html(future_meeting, items, audience="public", ranges={})
    assert html.index("OPEN BUSINESS") < html.index("EXCLUSION OF THE PRESS AND PUBLIC") < html.index("EXEMPT 3")


def test_a_change_after_publication_makes_a_supplement_with_its_own_pdf_and_a_rebuilt_pack(
    future_meeting, officer, client, django_capture_on_commit_callbacks
):
    _, report = write_report(future_meeting, officer, "Network Services", signed=True)
    agenda_publish(meeting=future_meeting, by=officer)
    pack = pack_build(meeting=future_meeting, audience="public", by=officer)
    base = f"/shared-digital/meetings/{future_meeting.pk}/"
    page = client.get(base).content.decode()
    assert "supplementary agenda" not in page.lower()
    assert client.get(f"{base}supplements/1.pdf").status_code == 404
    add_business(future_meeting, officer, "Late item on cyber security")
    with django_capture_on_commit_callbacks() as callbacks:
        agenda_publish(meeting=future_meeting, by=officer)
    # The pack is rebuilt by the worker, queued after the commit.
    assert len(callbacks) == 1
    assert Job.objects.get(kind="agenda_pack").parameters == {"meeting": future_meeting.pk, "audience": "public"}
    page = client.get(base).content.decode()
    assert f"{base}supplements/1.pdf" in page
    assert "does not yet include supplementary agenda 1" in page
    assert "with supplementary agenda 1" not in page
    pdf = client.get(f"{base}supplements/1.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "\n".join(pages_text(pdf.content))
    assert "SUPPLEMENTARY AGENDA 1" in text.upper() and "CYBER SECURITY" in text.upper()
    assert "NETWORK SERVICES" not in text.upper()
    api = client.get(f"/api/v1/partnerships/shared-digital/meetings/{future_meeting.pk}/").json()
    assert "supplement" in [d["kind"] for d in api["documents"]]
    # Once rebuilt, the pack says it carries the supplement.
    rebuilt = pack_build(meeting=future_meeting, audience="public", by=officer)
    assert rebuilt.version == pack.version + 1 and rebuilt.is_published
    page = client.get(base).content.decode()
    assert "with supplementary agenda 1" in page and "does not yet include" not in page
