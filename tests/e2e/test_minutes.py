"""A committee officer records and approves minutes in the browser; the public then reads them. axe-core
checks the minutes editor and the public minutes."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from governance.committees import services
from governance.committees.selectors import members_on
from governance.models import Body, ChairAppointment, Council, Meeting

from .conftest import assert_accessible, expect

pytestmark = pytest.mark.e2e

User = get_user_model()


def test_minutes_are_approved_at_the_next_meeting_and_published(
    page, live_server, demo_live, sign_in, browser
):
    june = Meeting.objects.get(date="2017-06-19")
    october = Meeting.objects.get(date="2017-10-30")
    sign_in("officer")
    page.goto(f"{live_server.url}/shared-digital/committees/shared-digital-joint-committee/")
    expect(page.get_by_role("heading", name="Seat a member or substitute")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/shared-digital/meetings/{june.pk}/minutes/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Minutes of 19 June 2017")
    assert_accessible(page)
    # A substitute for someone who is not absent is refused, with the message by the field.
    page.get_by_label("Member or substitute").select_option(label="Councillor Asima Shaikh (LBI)")
    page.get_by_label("Substitute for (optional)").select_option(label="Councillor Andy Hull (LBI)")
    page.get_by_role("button", name="Record attendance").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("A substitute stands in for a member")
    assert_accessible(page)

    page.goto(f"{live_server.url}/shared-digital/meetings/{october.pk}/minutes/edit/")
    page.get_by_role("button", name="Approve and sign the minutes of 19 June 2017").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("approved and signed")

    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/shared-digital/meetings/{june.pk}/minutes/")
    main = visitor.locator("main")
    expect(main).to_contain_text("Councillor Theo Blackwell (Chair)")
    expect(main).to_contain_text(
        "(ii) THAT authority be delegated to the Chief Digital and Information Officer"
    )
    expect(main).to_contain_text("ACTION FOR: Chief Digital and Information Officer")
    assert_accessible(visitor)
    visitor.context.close()


def test_a_chair_is_appointed_for_a_meeting_from_the_minutes_editor(page, live_server, demo_live, sign_in):
    officer = User.objects.get(username="officer")
    body = Body.objects.get(slug="shared-digital-joint-committee")
    islington = Council.objects.get(code="LBI")
    meeting = services.meeting_create(
        body=body,
        date=date.today() + timedelta(days=30),
        venue="Islington Town Hall",
        chair_council=islington,
        by=officer,
    )
    services.agenda_publish(meeting=meeting, by=officer)
    chair = next(
        m for m in members_on(body, meeting.date) if m.council_id == islington.pk and m.kind == "member"
    )
    sign_in("officer")
    page.goto(f"{live_server.url}/shared-digital/meetings/{meeting.pk}/minutes/edit/")
    page.get_by_label("Member appointed", exact=True).select_option(value=str(chair.pk))
    page.get_by_label("Office", exact=True).select_option("chair")
    page.get_by_label("Term", exact=True).select_option("meeting")
    page.get_by_role("button", name="Appoint").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Appointed {chair.name} as chair."
    )
    assert_accessible(page)
    appointment = ChairAppointment.objects.get(appointed_at=meeting)
    assert (appointment.member, appointment.office, appointment.for_meeting_only) == (chair, "chair", True)
    assert appointment.history.latest().history_user == officer


def test_an_action_agreed_in_minutes_is_completed_from_the_action_log(page, live_server, demo_live, sign_in):
    sign_in("officer")
    page.goto(f"{live_server.url}/shared-digital/actions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action log")
    row = page.get_by_role("row").filter(has_text="draft values and behaviours")
    expect(row).to_contain_text("Open")
    assert_accessible(page)
    row.get_by_role("link", name="Update").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update an action")
    # A completion date before the meeting that agreed it is refused, by the field.
    page.get_by_label("Progress (optional)").fill("Discussed at the digital leadership session.")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2017")
    page.get_by_role("button", name="Save the action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("cannot be completed before the meeting")
    assert_accessible(page)
    today = date.today()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save the action").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Saved the action")
    row = page.get_by_role("row").filter(has_text="draft values and behaviours")
    expect(row).to_contain_text("Completed")
    expect(row).to_contain_text("Discussed at the digital leadership session.")
