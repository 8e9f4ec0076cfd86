"""A committee officer builds and publishes an agenda in the browser; a visitor reads it without the
exempt item. axe-core checks the editor and the public pages."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from governance.committees import services
from governance.models import Person

from .conftest import assert_accessible, expect, fill_date

pytestmark = pytest.mark.e2e

EXEMPT_TITLE = "Termination of the Zanzibar Networks contract"
EXEMPT_DESCRIPTION = "Settlement figures for Zanzibar Networks"
PUBLIC_TITLE = "Network contract matter"


def business_titles(page):
    return page.locator(".app-agenda-editor__item--business .app-agenda-editor__title").all_inner_texts()


def test_an_officer_builds_and_publishes_an_agenda_and_the_public_reads_it(
    page, live_server, demo_live, sign_in, browser
):
    sign_in("officer")
    page.get_by_role("link", name="Meetings", exact=True).first.click()
    page.get_by_role("link", name="Create a meeting").click()
    assert_accessible(page)
    meeting_day = date.today() + timedelta(days=3)  # fewer than five clear working days away
    page.get_by_label("Body").select_option(label="Shared Digital Joint Committee")
    fill_date(page, "Date of the meeting", meeting_day)
    page.get_by_label("Venue").fill("Council Chamber, Civic Centre, Wood Green High Road N22 8LE")
    page.get_by_label("Council the chair is appointed from (optional)").select_option(
        label="London Borough of Camden"
    )
    page.get_by_role("button", name="Create the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda editor")
    assert page.locator(".app-agenda-editor__item--standard").count() == 8  # with any other business, last
    assert_accessible(page)
    page.get_by_role("link", name="Change the meeting’s details").click()
    assert_accessible(page)
    page.get_by_label("Contact phone (optional)").fill("020 7974 1619")
    page.get_by_role("button", name="Save the details").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Saved the meeting’s details")

    for title, report_of in [
        ("Shared Digital Strategy", "Chief Digital and Information Officer"),
        (EXEMPT_TITLE, "Head of Procurement"),
        ("Shared Digital Financial Update", "Deputy Director of Finance"),
    ]:
        page.get_by_label("Title", exact=True).fill(title)
        page.get_by_label("Report of (optional)").fill(report_of)
        page.get_by_role("button", name="Add the item").click()
        expect(
            page.get_by_role("alert").or_(page.locator(".govuk-notification-banner--success"))
        ).to_contain_text("Added")
    assert business_titles(page) == [
        "Shared Digital Strategy",
        EXEMPT_TITLE,
        "Shared Digital Financial Update",
    ]

    # Reorder with the keyboard: focus the finance item's Move up button and press Enter, twice.
    for _ in range(2):
        page.get_by_role("button", name="Move up Shared Digital Financial Update").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert business_titles(page) == [
        "Shared Digital Financial Update",
        "Shared Digital Strategy",
        EXEMPT_TITLE,
    ]
    # The first business item cannot move above the standard items: it has no Move up button.
    assert page.get_by_role("button", name="Move up Shared Digital Financial Update").count() == 0
    numbers = page.locator(".app-agenda-editor__number").all_inner_texts()
    assert numbers == [f"{n}." for n in range(1, 12)]

    # Mark the contract item exempt; it goes to the end.
    page.get_by_role("link", name=f"Edit {EXEMPT_TITLE}").click()
    assert_accessible(page)
    page.get_by_label("Description (optional)").fill(EXEMPT_DESCRIPTION)
    page.get_by_label("Exempt (Part B)").check()
    page.get_by_label("Schedule 12A paragraph (required)").select_option(value="3")
    page.get_by_label("Public title (required)").fill(PUBLIC_TITLE)
    page.get_by_role("button", name="Save the item").click()
    assert business_titles(page)[-1] == EXEMPT_TITLE
    expect(page.locator(".app-agenda-editor__item--exempt")).to_contain_text("Exempt, paragraph 3")
    # Move the strategy above the finance update, with the keyboard again.
    page.get_by_role("button", name="Move up Shared Digital Strategy").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert business_titles(page) == [
        "Shared Digital Strategy",
        "Shared Digital Financial Update",
        EXEMPT_TITLE,
    ]

    # Publishing is stopped until the reason for urgency is given.
    expect(page.locator(".govuk-warning-text")).to_contain_text("Fewer than five clear working days remain")
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(services.URGENCY_REASON_NEEDED)
    assert_accessible(page)
    page.get_by_label("Reason for urgency (required)").fill(
        "The strategy must be agreed before the councils set their budgets."
    )
    page.get_by_role("button", name="Publish the agenda").click()
    # A page says what will happen, with the warnings, and asks for confirmation.
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the agenda?")
    expect(page.locator("#warnings")).to_contain_text("published late")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, publish the agenda now").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Published: Agenda, issued")
    assert_accessible(page)
    meeting_url = page.get_by_role("link", name="See the agenda as it reads").get_attribute("href")

    # A visitor, not signed in.
    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + meeting_url)
    content = visitor.content()
    assert (
        "SHARED DIGITAL STRATEGY" in content and "The strategy must be agreed before the councils" in content
    )
    assert PUBLIC_TITLE.upper() in content and "Schedule 12A paragraph 3" in content
    assert "Zanzibar" not in content and "Head of Procurement" not in content
    items = visitor.locator(".app-agenda__title").all_inner_texts()
    assert re.match(r"^11\.", items[-1]) and PUBLIC_TITLE.upper() in items[-1]
    assert_accessible(visitor)
    from engagement.search import index_partnership
    from governance.models import Partnership

    index_partnership(Partnership.objects.get(slug="shared-digital"))  # as the worker does after publication
    for path in [
        "/shared-digital/meetings/",
        "/shared-digital/decisions/",
        "/shared-digital/search/?q=Zanzibar",
        "/shared-digital/committees/shared-digital-joint-committee/",
        "/shared-digital/members/",
        *[
            f"/shared-digital/members/{pk}/"
            for pk in Person.objects.filter(name="Andy Hull").values_list("pk", flat=True)
        ],
    ]:
        visitor.goto(live_server.url + path)
        assert "Zanzibar Networks" not in visitor.locator("main").inner_text().replace("“Zanzibar”", "")
        assert_accessible(visitor)
    visitor.context.close()


def test_drag_and_drop_posts_the_full_new_order(page, live_server, demo_live, sign_in):
    from governance.models import Body

    officer = get_user_model().objects.get(username="officer")
    meeting = services.meeting_create(
        body=Body.objects.get(slug="shared-digital-joint-committee"),
        date=date.today() + timedelta(days=40),
        venue="Town Hall",
        by=officer,
    )
    for title in ("First", "Second"):
        meeting.refresh_from_db()
        services.agenda_item_add(meeting=meeting, version=meeting.agenda_version, by=officer, title=title)
    sign_in("officer")
    page.goto(f"{live_server.url}/shared-digital/meetings/{meeting.pk}/agenda/edit/")
    assert business_titles(page) == ["First", "Second"]
    handle = page.locator("#agenda-items li", has_text="Second").locator(".app-drag-handle")
    target = page.locator("#agenda-items li", has_text="First")
    handle.drag_to(target, target_position={"x": 30, "y": 5})
    expect(page.locator("#reorder-status")).to_contain_text("Saved the new order", timeout=5000)
    page.wait_for_load_state()
    page.wait_for_timeout(500)
    assert business_titles(page) == ["Second", "First"]
