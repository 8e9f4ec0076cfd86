"""Only signed-off reports are public, and publishing makes the public pack reachable: the meeting page, the
agenda and the meetings feed link it, signed out it downloads, and it is built from the published agenda
and published supplements only."""

import pytest

from governance.committees.services import agenda_publish
from governance.papers.services import pack_build, report_sign_off

from ..conftest import add_business
from ..paper_helpers import pages_text, write_report


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def text_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(pages_text(body))


def test_a_draft_report_is_not_public_and_stays_out_of_the_public_pack(future_meeting, officer, client):
    item, report = write_report(future_meeting, officer, "Network Services", about="Draft wording kestrel")
    agenda_publish(meeting=future_meeting, by=officer)
    base = f"/shared-digital/meetings/{future_meeting.pk}/"
    assert client.get(f"{base}items/{item.pk}/report/").status_code == 404
    assert client.get(f"{base}items/{item.pk}/report.pdf").status_code == 404
    assert "Report to follow" in client.get(base).content.decode()
    pack = pack_build(meeting=future_meeting, audience="public", by=officer)
    assert "kestrel" not in text_of(client.get(f"{base}papers/packs/{pack.pk}/"))
    report_sign_off(report=report, by=officer)
    assert client.get(f"{base}items/{item.pk}/report/").status_code == 200
    signed = pack_build(meeting=future_meeting, audience="public", by=officer)
    assert "kestrel" in text_of(client.get(f"{base}papers/packs/{signed.pk}/"))


def test_publishing_makes_the_public_pack_reachable_signed_out(future_meeting, officer, client):
    _, report = write_report(future_meeting, officer, "Network Services")
    report_sign_off(report=report, by=officer)
    pack = pack_build(meeting=future_meeting, audience="public", by=officer)
    base = f"/shared-digital/meetings/{future_meeting.pk}/"
    link = f"{base}papers/packs/{pack.pk}/"
    assert client.get(link).status_code == 404  # not yet published
    agenda_publish(meeting=future_meeting, by=officer)
    pack.refresh_from_db()
    assert pack.is_published
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    page = client.get(base).content.decode()
    assert page.count(f'href="{link}"') >= 2  # with the agenda and among the papers
    feed = client.get("/shared-digital/meetings.ics").content.decode().replace("\r\n ", "")
    assert link in feed


def test_the_public_pack_leaves_out_an_unpublished_supplement(future_meeting, officer, client):
    _, report = write_report(future_meeting, officer, "Network Services")
    report_sign_off(report=report, by=officer)
    agenda_publish(meeting=future_meeting, by=officer)
    add_business(
        future_meeting,
        officer,
        "Late private matter",
        is_exempt=True,
        exempt_paragraph=3,
        public_title="Late exempt matter",
    )
    pack = pack_build(meeting=future_meeting, audience="public", by=officer)
    assert not pack.is_published  # the agenda changed since publication
    client.force_login(officer)
    text = text_of(client.get(f"/shared-digital/meetings/{future_meeting.pk}/papers/packs/{pack.pk}/"))
    # The web agenda and the pack agree: the supplement is not published, so neither shows it.
    assert "Late exempt matter".upper() not in text.upper()
    assert "THERE ARE NO PRIVATE REPORTS" in text
