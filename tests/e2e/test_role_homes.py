"""Each demo role signs in through the browser, sees its own home page, and the pages pass axe-core."""

import pytest

from .conftest import assert_accessible, content, expect

pytestmark = pytest.mark.e2e

ROLES = [
    ("officer", "committee-officer", "Committee officer"),
    ("finance.haringey", "finance-officer", "Finance officer, London Borough of Haringey"),
    ("cio", "cio", "Chief information officer"),
    ("member", "member", "Member"),
    ("auditor", "auditor", "Auditor"),
    ("admin", "administrator", "Administrator"),
]


def test_the_public_home_and_sign_in_pages_are_accessible(page, live_server, demo_live):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Shared services run by councils together"
    assert_accessible(page)
    page.get_by_role("link", name="Shared Digital").click()
    assert "London Borough of Haringey" in content(page)
    assert_accessible(page)
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()  # the error summary
    assert_accessible(page)


@pytest.mark.parametrize("username,slug,heading", ROLES)
def test_each_role_signs_in_to_its_own_home_page(
    page, live_server, demo_live, sign_in, username, slug, heading
):
    sign_in(username)
    section = page.locator(f"section[data-role='{slug}']")
    assert section.get_by_role("heading", level=2).first.inner_text() == heading
    assert page.get_by_role("button", name="Sign out").is_visible()
    # The skip link is the first thing a keyboard reaches, and it moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert_accessible(page)


def test_an_auditor_exports_the_change_history_and_watches_its_progress(
    page, live_server, demo_live, sign_in
):
    sign_in("auditor")
    page.get_by_role("link", name="Change history").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Export the whole history (CSV)").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Change history export"
    assert page.locator("progress").count() == 1
    assert_accessible(page)
