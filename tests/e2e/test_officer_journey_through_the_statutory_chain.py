"""The officer's whole journey through the statutory chain, in the browser, on the demo's live meeting: a key
decision is ticked on an item, its forward plan entry is created from the item, publication is refused naming
the item (fewer than 28 clear days' notice), special urgency is recorded with who agreed and why, the agenda is
published after its confirmation page and the public forward plan links the meeting; the public pack is built, a
late change issues supplementary agenda 1 (its own PDF) and a rebuilt pack, a report is withdrawn with a reason
on a page that says what will happen, every copy that carried it answers 410 and a corrected pack is built;
after the meeting the draft minutes are published, then approved at the next meeting. Every page passes
axe-core."""

from datetime import date, timedelta

import pytest

from governance.models import AgendaPack, ForwardPlanEntry, Job, Meeting, Report

from .conftest import assert_accessible, content, expect, fill_date

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


def test_an_officer_takes_a_key_decision_from_the_forward_plan_to_approved_minutes(
    page, live_server, live_meeting, sign_in
):
    from django.contrib.auth import get_user_model

    from governance.committees import services

    officer = get_user_model().objects.get(username="officer")
    meeting = live_meeting
    url = f"{live_server.url}/shared-digital/meetings/{meeting.pk}/"
    editor = f"{url}agenda/edit/"
    sign_in("officer")

    # 1. The officer ticks "Key decision" on the strategy item (item 8).
    page.goto(editor)
    page.get_by_role("link", name="Edit Shared Digital Strategy: final version for approval").click()
    page.get_by_label("Key decision").check()
    page.get_by_role("button", name="Save the item").click()
    assert_accessible(page)

    # 2. The editor says the agenda cannot be published yet, and links the item's forward plan notice.
    assert "The agenda cannot be published until:" in content(page)
    page.get_by_role("link", name="Forward plan notice for item 8").click()
    assert_accessible(page)
    assert "Item 8, “Shared Digital Strategy: final version for approval”, is a key decision" in content(page)

    # 3. The entry is created from the item (its title and maker filled in), its notice published ten days
    # before the meeting: too late for regulation 9.
    page.get_by_label("Reference").fill("SD/LIVE/01")
    page.get_by_label("London Borough of Haringey").check()
    fill_date(page, "Notice published on", meeting.date - timedelta(days=10))
    page.get_by_role("button", name="Publish on the forward plan").click()
    assert "Forward plan entry SD/LIVE/01 created from the item." in content(page)
    entry = ForwardPlanEntry.objects.get(reference="SD/LIVE/01")
    assert entry.decision_due == meeting.date and entry.clear_days_notice == 9
    assert "clear days before the meeting; 28 are needed" in content(page)
    assert_accessible(page)

    # 4. Publishing is refused, naming the item; nothing is published.
    page.goto(editor)
    page.get_by_role("button", name="Publish the agenda").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Item 8, “Shared Digital Strategy: final version for approval”, is a key decision" in summary
    assert_accessible(page)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT

    # 5. Special urgency (regulation 11): who agreed and why.
    page.get_by_role("link", name="Forward plan notice for item 8").first.click()
    page.get_by_label("Notice taken under").select_option("special_urgency")
    page.get_by_label("Who was told (general exception) or agreed (special urgency)").fill(
        "Councillor Theo Blackwell, Chair"
    )
    page.get_by_label("Why the decision cannot wait for 28 clear days’ notice").fill(
        "The strategy must be approved before the councils set their budgets."
    )
    page.get_by_role("button", name="Record the urgency").click()
    assert "The notice suffices: the agenda can be published with this item." in content(page)
    assert_accessible(page)

    # 6. Publishing now succeeds, once confirmed.
    page.goto(editor)
    page.get_by_role("button", name="Publish the agenda").click()
    page.get_by_role("button", name="Yes, publish the agenda now").click()
    assert "Everything on this agenda has been published." in content(page)

    # 7. The public forward plan lists the entry, names its councils and links the meeting.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/shared-digital/forward-plan/")
    assert_accessible(page)
    coming = page.locator("#coming ~ .app-table-scroll").first.inner_text()
    assert "SD/LIVE/01" in coming and "Key for London Borough of Haringey" in coming
    assert "Special urgency (regulation 11), agreed by Councillor Theo Blackwell, Chair" in coming
    page.get_by_role("link", name=f"Agenda: {meeting}").first.click()
    assert page.url.endswith(f"/shared-digital/meetings/{meeting.pk}/")
    assert "SHARED DIGITAL STRATEGY: FINAL VERSION FOR APPROVAL" in page.locator(".app-agenda").text_content()

    # 8. The public pack, built from the published agenda (and published with it).
    sign_in("officer")
    page.goto(f"{url}papers/")
    page.get_by_label("Public agenda pack").check()
    page.get_by_role("button", name="Build the pack").click()
    run_queued_pack_jobs()
    first = AgendaPack.objects.get(meeting=meeting, audience="public")
    assert first.is_published

    # 9. A late change: publishing it issues supplementary agenda 1, with its own PDF, and rebuilds the pack.
    meeting.refresh_from_db()
    services.agenda_item_add(
        meeting=meeting, version=meeting.agenda_version, by=officer, title="Cyber security incident: update"
    )
    page.goto(f"{url}agenda/edit/")
    page.get_by_role("button", name="Publish supplementary agenda 1").click()
    page.get_by_role("button", name="Yes, publish supplementary agenda 1 now").click()
    page.context.clear_cookies()  # as the public sees it
    page.goto(url)
    assert "does not yet include supplementary agenda 1" in content(page)
    supplement = page.get_by_role("link", name="Supplementary agenda 1")
    response = page.request.get(live_server.url + supplement.get_attribute("href"))
    assert response.status == 200 and response.body()[:5] == b"%PDF-"
    run_queued_pack_jobs()
    second = AgendaPack.objects.filter(meeting=meeting, audience="public").latest("version")
    assert second.version == 2 and second.is_published
    page.goto(url)
    assert "with supplementary agenda 1" in content(page)
    assert_accessible(page)
    sign_in("officer")

    # 10. Withdraw the strategy's report: the confirmation page says what will happen; a reason is required.
    report = Report.objects.get(item__meeting=meeting, title__startswith="Shared Digital Strategy")
    page.goto(f"{url}papers/")
    page.get_by_role("link", name="Withdraw the report on item").first.click()
    expect(page.get_by_role("heading", level=2, name="What will happen")).to_be_visible()
    assert "version 2" in content(page)
    assert_accessible(page)
    page.get_by_label("On legal advice").check()
    page.get_by_role("button", name="Withdraw from the public").click()
    assert "Enter the reason for the withdrawal" in content(page)
    assert_accessible(page)
    page.get_by_label("Reason").fill("Legal advice: the strategy names a supplier in negotiation.")
    page.get_by_role("button", name="Withdraw from the public").click()
    assert "/jobs/" in page.url
    run_queued_pack_jobs()
    corrected = AgendaPack.objects.filter(meeting=meeting, audience="public").latest("version")
    assert corrected.version == 3 and corrected.is_published

    # 11. The public: the report and every pack that carried it answer 410 with the notice; the corrected pack 200.
    page.context.clear_cookies()
    report_url = f"{url}items/{report.item_id}/report/"
    response = page.goto(report_url)
    assert response.status == 410
    assert "This document has been withdrawn" in content(page) and "On legal advice" in content(page)
    assert_accessible(page)
    for pack in (first, second):
        assert page.request.get(f"{url}papers/packs/{pack.pk}/").status == 410
    assert page.request.get(f"{url}papers/packs/{corrected.pk}/").status == 200
    page.goto(url)
    assert "The report on this item has been withdrawn" in content(page)
    assert report_url.removeprefix(live_server.url) not in content(page)

    # 12. After the meeting: the draft minutes are published, then approved at the next meeting.
    Meeting.objects.filter(pk=meeting.pk).update(
        date=date.today() - timedelta(days=7), deputation_deadline=date.today() - timedelta(days=11)
    )
    sign_in("officer")
    page.goto(f"{url}minutes/edit/")
    page.get_by_role("button", name="Record that the meeting was held").click()
    page.get_by_role("button", name="Publish the draft minutes").click()
    assert "The draft minutes are published" in content(page)
    assert_accessible(page)
    page.context.clear_cookies()
    response = page.goto(f"{url}minutes/")
    assert response.status == 200 and "Draft minutes" in content(page)

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
    assert "Minutes, approved and signed" in content(page) and "Draft minutes" not in content(page)
    assert_accessible(page)
