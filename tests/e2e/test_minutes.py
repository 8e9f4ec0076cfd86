"""A committee officer records and approves minutes in the browser; the public then reads them. axe-core
checks the minutes editor and the public minutes."""

import pytest
from playwright.sync_api import expect

from governance.models import Meeting

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


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
