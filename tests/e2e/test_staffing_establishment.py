"""A staffing officer in the browser filters the establishment and opens the structure chart, which nests each
post under its manager, is readable without JavaScript, prints without the site's navigation, and passes
axe-core."""

import pytest

from .conftest import assert_accessible, content

pytestmark = pytest.mark.e2e


@pytest.fixture
def staffing_live(committed_demo):
    return committed_demo("governance", "staffing")


def test_a_staffing_officer_filters_the_establishment_and_opens_the_structure_chart(
    page, live_server, staffing_live, sign_in
):
    sign_in("staffing.camden")
    page.get_by_role("link", name="Establishment").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Establishment"
    page.get_by_label("Employing council").select_option(label="London Borough of Haringey")
    page.get_by_label("Team").select_option("Architecture")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    rows = page.locator("#posts tbody tr")
    assert rows.count() == 14  # a service lead and 13 FTE of architects, all Haringey's
    assert all(code == "LBH" for code in rows.evaluate_all("rs => rs.map(r => r.dataset.council)"))
    assert "council=LBH" in page.url and "team=Architecture" in page.url
    assert_accessible(page)

    page.get_by_role("link", name="Structure chart").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Structure chart"
    cdio = page.locator(
        "li", has=page.get_by_role("link", name="Chief Digital and Information Officer", exact=True)
    )
    manager = page.locator(".app-org > li").first
    assert "Executive Director Corporate Services" in manager.locator(".app-org__title").first.inner_text()
    assert "Dotted line to Chief Operating Officer" in cdio.first.inner_text()
    head = page.get_by_role("list", name="Reporting to Chief Digital and Information Officer")
    assert head.get_by_role("link", name="Head of Architecture").count() == 1
    assert "Ed Garcez" in content(page)  # a Camden holder: the Camden staffing officer sees the name
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator("nav.app-nav").is_visible()
    assert page.get_by_role("link", name="Head of Architecture").first.is_visible()


def test_the_structure_chart_reads_without_javascript(browser, live_server, staffing_live):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("cio")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/shared-digital/staffing/chart/")
    head = page.get_by_role("list", name="Reporting to Head of Architecture")
    assert head.get_by_role("link", name="Service Lead, Architecture (LBH)").count() == 1
    context.close()
