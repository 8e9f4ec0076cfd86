"""An officer's journey after publication, on the demo's live meeting: publish the agenda, build the pack, a
late change makes a supplementary agenda and a rebuilt pack, a report is withdrawn with a reason on a page
that says what will happen, the public copy answers 410 and a corrected pack is built; after the meeting the
draft minutes are published, then approved at the next meeting. Every page passes axe-core."""

from datetime import date, timedelta

import pytest

from governance.models import AgendaPack, Job, Meeting, Report

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def live_meeting(demo_live):
    """The demo's live meeting with both its reports signed off."""
    from django.contrib.auth import get_user_model

    from governance.demo import load_live_meeting
    from governance.papers.services import report_sign_off

    meeting = load_live_meeting()
    officer = get_user_model().objects.get(username="officer")
    for report in Report.objects.filter(item__meeting=meeting):
        report_sign_off(report=report, by=officer)
    return meeting


def run_queued_pack_jobs():
    """The worker's part, run here: every agenda pack job still queued."""
    from governance.papers.tasks import build_agenda_pack

    for job in Job.objects.filter(kind="agenda_pack", status=Job.Status.QUEUED):
        assert build_agenda_pack(str(job.pk)) == "succeeded"


def test_publish_supplement_withdraw_and_minutes(page, live_server, live_meeting, sign_in):
    from django.contrib.auth import get_user_model

    from governance.committees import services

    meeting = live_meeting
    officer = get_user_model().objects.get(username="officer")
    url = f"{live_server.url}/shared-digital/meetings/{meeting.pk}/"
    sign_in("officer")

    # Publish the agenda, then build the public pack (published with it).
    page.goto(f"{url}agenda/edit/")
    page.get_by_role("button", name="Publish the agenda").click()
    page.get_by_role("button", name="Yes, publish the agenda now").click()
    assert "Everything on this agenda has been published." in page.content()
    page.goto(f"{url}papers/")
    page.get_by_label("Public agenda pack").check()
    page.get_by_role("button", name="Build the pack").click()
    run_queued_pack_jobs()
    first = AgendaPack.objects.get(meeting=meeting, audience="public")
    assert first.is_published

    # A late change: publishing it issues supplementary agenda 1, with its own PDF, and rebuilds the pack.
    meeting.refresh_from_db()
    services.agenda_item_add(
        meeting=meeting, version=meeting.agenda_version, by=officer, title="Cyber security incident: update"
    )
    page.goto(f"{url}agenda/edit/")
    page.get_by_role("button", name="Publish supplementary agenda 1").click()
    page.get_by_role("button", name="Yes, publish supplementary agenda 1 now").click()
    page.context.clear_cookies()  # as the public sees it
    page.goto(url)
    assert "does not yet include supplementary agenda 1" in page.content()
    supplement = page.get_by_role("link", name="Supplementary agenda 1")
    response = page.request.get(live_server.url + supplement.get_attribute("href"))
    assert response.status == 200 and response.body()[:5] == b"%PDF-"
    run_queued_pack_jobs()
    second = AgendaPack.objects.filter(meeting=meeting, audience="public").latest("version")
    assert second.version == 2 and second.is_published
    page.goto(url)
    assert "with supplementary agenda 1" in page.content()
    assert_accessible(page)
    sign_in("officer")

    # Withdraw the strategy's report: the confirmation page says what will happen; a reason is required.
    report = Report.objects.get(item__meeting=meeting, title__startswith="Shared Digital Strategy")
    page.goto(f"{url}papers/")
    page.get_by_role("link", name="Withdraw the report on item").first.click()
    assert page.get_by_role("heading", level=2, name="What will happen").is_visible()
    assert "version 2" in page.content()
    assert_accessible(page)
    page.get_by_label("On legal advice").check()
    page.get_by_role("button", name="Withdraw from the public").click()
    assert "Enter the reason for the withdrawal" in page.content()
    assert_accessible(page)
    page.get_by_label("Reason").fill("Legal advice: the strategy names a supplier in negotiation.")
    page.get_by_role("button", name="Withdraw from the public").click()
    assert "/jobs/" in page.url
    run_queued_pack_jobs()
    corrected = AgendaPack.objects.filter(meeting=meeting, audience="public").latest("version")
    assert corrected.version == 3 and corrected.is_published

    # The public: the report and every pack that carried it answer 410 with the notice; the corrected pack 200.
    page.context.clear_cookies()
    report_url = f"{url}items/{report.item_id}/report/"
    response = page.goto(report_url)
    assert response.status == 410
    assert "This document has been withdrawn" in page.content() and "On legal advice" in page.content()
    assert_accessible(page)
    for pack in (first, second):
        assert page.request.get(f"{url}papers/packs/{pack.pk}/").status == 410
    assert page.request.get(f"{url}papers/packs/{corrected.pk}/").status == 200
    page.goto(url)
    assert "The report on this item has been withdrawn" in page.content()
    assert report_url.removeprefix(live_server.url) not in page.content()

    # After the meeting: the draft minutes are published, then approved at the next meeting.
    Meeting.objects.filter(pk=meeting.pk).update(
        date=date.today() - timedelta(days=7), deputation_deadline=date.today() - timedelta(days=11)
    )
    sign_in("officer")
    page.goto(f"{url}minutes/edit/")
    page.get_by_role("button", name="Record that the meeting was held").click()
    page.get_by_role("button", name="Publish the draft minutes").click()
    assert "The draft minutes are published" in page.content()
    assert_accessible(page)
    page.context.clear_cookies()
    response = page.goto(f"{url}minutes/")
    assert response.status == 200 and "Draft minutes" in page.content()

    following = services.meeting_create(
        body=meeting.body, date=date.today() + timedelta(days=60), venue="Camden Town Hall", by=officer
    )
    services.agenda_publish(meeting=following, by=officer)
    sign_in("officer")
    page.goto(f"{live_server.url}/shared-digital/meetings/{following.pk}/minutes/edit/")
    held_on = f"{date.today() - timedelta(days=7):%-d %B %Y}"
    page.get_by_role("button", name=f"Approve and sign the minutes of {held_on}").click()
    page.context.clear_cookies()
    page.goto(f"{url}minutes/")
    assert "Minutes, approved and signed" in page.content() and "Draft minutes" not in page.content()
    assert_accessible(page)
