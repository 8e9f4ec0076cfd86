"""The demo's live meeting, on the day the demo is loaded: a committee officer edits and signs off its two
draft reports, publishes the agenda five clear days ahead and builds the public pack, which is published with
it; the public then opens the meeting and downloads the pack. Every page passes axe-core."""

import re

import pytest

from governance.models import AgendaPack, Job

from .conftest import assert_accessible, content

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def live_meeting(demo_live):
    from governance.demo import load_live_meeting

    return load_live_meeting()


def sign_off(page, number, summary=None):
    page.get_by_role("link", name=f"Edit the report for item {number}").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Edit the report"
    if summary:
        page.get_by_label("Summary of report").fill(summary)
        page.get_by_role("button", name="Save the report").click()
    page.get_by_role("button", name="Sign off the report").click()
    assert "Signed off" in page.locator(".govuk-summary-list").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the papers for this meeting").click()


def test_an_officer_publishes_the_live_meeting_and_its_pack_and_the_public_opens_it(
    page, live_server, live_meeting, sign_in
):
    from governance.papers.tasks import build_agenda_pack

    meeting = live_meeting
    url = f"{live_server.url}/shared-digital/meetings/{meeting.pk}/"

    # Before publication the public cannot see the draft meeting.
    response = page.goto(url)
    assert response.status == 404

    sign_in("officer")
    page.goto(url)
    assert "Draft: this agenda has not been published." in content(page)
    page.get_by_role("link", name="Reports and agenda packs for this meeting").click()
    assert_accessible(page)
    table = page.locator("table").first.inner_text()
    assert "Exempt" in table and table.count("Draft") == 2

    sign_off(page, 8, summary="The final version of the shared digital strategy, for approval.")
    sign_off(page, 9)

    # Publish the agenda: the meeting is at least 15 working days ahead, so no reason for urgency is needed.
    page.goto(f"{url}agenda/edit/")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the agenda").click()
    assert_accessible(page)  # the confirmation: what will happen, with the warnings
    page.get_by_role("button", name="Yes, publish the agenda now").click()
    assert "Everything on this agenda has been published." in content(page)

    # Build the public pack; built from the agenda as published, it is published with it.
    page.goto(f"{url}papers/")
    page.get_by_label("Public agenda pack").check()
    page.get_by_role("button", name="Build the pack").click()
    job = Job.objects.get(kind="agenda_pack")
    assert build_agenda_pack(str(job.pk)) == "succeeded"  # the worker's part, run here
    download = page.get_by_role("link", name=re.compile(r"Download .*public-pack-v1\.pdf"))
    download.wait_for(timeout=15000)
    assert_accessible(page)
    pack = AgendaPack.objects.get(meeting=meeting, audience="public")
    assert pack.is_published

    # The public opens the meeting and downloads the pack; the exempt item shows only its public title.
    page.context.clear_cookies()
    page.goto(url)
    assert_accessible(page)
    agenda = page.locator(".app-agenda").text_content()
    assert "WIDE AREA NETWORK: CONTRACT AWARD" in agenda and "Schedule 12A paragraph 3" in agenda
    assert "managed wide area network" not in content(page).lower()
    assert "SHARED DIGITAL STRATEGY: FINAL VERSION FOR APPROVAL" in agenda
    link = page.get_by_role("link", name=f"Download the agenda pack (PDF, {pack.page_count} pages)")
    assert link.is_visible()
    response = page.request.get(live_server.url + link.get_attribute("href"))  # signed out, as the public
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
