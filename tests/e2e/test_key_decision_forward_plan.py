"""A key decision from the agenda to the forward plan, in the browser, on the demo's live meeting: the
committee officer ticks "Key decision" on an item, creates its forward plan entry from the item, is refused
publication with the item named (the notice gives fewer than 28 clear days), records special urgency with
who agreed and why, publishes, and the public forward plan links the entry to the meeting. Every page passes
axe-core."""

from datetime import timedelta

import pytest

from governance.models import ForwardPlanEntry, Meeting

from .conftest import assert_accessible, fill_date

pytestmark = pytest.mark.e2e


@pytest.fixture
def live_meeting(demo_live):
    from governance.demo import load_live_meeting

    return load_live_meeting()


def test_a_key_decision_goes_on_the_forward_plan_before_its_agenda_is_published(
    page, live_server, live_meeting, sign_in
):
    meeting = live_meeting
    editor = f"{live_server.url}/shared-digital/meetings/{meeting.pk}/agenda/edit/"
    sign_in("officer")

    # 1. The officer ticks "Key decision" on the strategy item (item 8).
    page.goto(editor)
    page.get_by_role("link", name="Edit Shared Digital Strategy: final version for approval").click()
    page.get_by_label("Key decision").check()
    page.get_by_role("button", name="Save the item").click()
    assert_accessible(page)

    # 2. The editor says the agenda cannot be published yet, and links the item's forward plan notice.
    assert "The agenda cannot be published until:" in page.content()
    page.get_by_role("link", name="Forward plan notice for item 8").click()
    assert_accessible(page)
    assert (
        "Item 8, “Shared Digital Strategy: final version for approval”, is a key decision" in page.content()
    )

    # 3. The entry is created from the item (its title and maker filled in), its notice published ten days
    # before the meeting: too late for regulation 9.
    page.get_by_label("Reference").fill("SD/LIVE/01")
    page.get_by_label("London Borough of Haringey").check()
    fill_date(page, "Notice published on", meeting.date - timedelta(days=10))
    page.get_by_role("button", name="Publish on the forward plan").click()
    assert "Forward plan entry SD/LIVE/01 created from the item." in page.content()
    entry = ForwardPlanEntry.objects.get(reference="SD/LIVE/01")
    assert entry.decision_due == meeting.date and entry.clear_days_notice == 9
    assert "clear days before the meeting; 28 are needed" in page.content()
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
    assert "The notice suffices: the agenda can be published with this item." in page.content()
    assert_accessible(page)

    # 6. Publishing now succeeds, once confirmed.
    page.goto(editor)
    page.get_by_role("button", name="Publish the agenda").click()
    page.get_by_role("button", name="Yes, publish the agenda now").click()
    assert "Everything on this agenda has been published." in page.content()

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
