"""The CIO in the browser: filters the contracts register, runs the co-terminus plan for the social care case
management contracts (July 2020) and opens a contract; every page passes axe-core."""

from datetime import date

import pytest

from .conftest import assert_accessible, fill_date

pytestmark = pytest.mark.e2e


@pytest.fixture
def contracts_live(committed_demo):
    return committed_demo("governance", "procurement")


def test_the_cio_filters_the_register_and_plans_the_july_2020_co_terminus(
    page, live_server, contracts_live, sign_in
):
    sign_in("cio")
    page.goto(f"{live_server.url}/shared-digital/")
    page.get_by_role("link", name="Contracts", exact=True).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Contracts register"
    assert_accessible(page)
    assert page.locator("#contracts tbody tr").count() == 7

    page.get_by_label("Council").select_option("LBI")
    page.get_by_label("Category").select_option("case_management")
    page.get_by_label("Ends on or before").fill("2018-12-31")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#contracts tbody tr")
    assert rows.count() == 2
    assert sorted(rows.nth(i).get_attribute("data-reference") for i in range(2)) == [
        "LBI-CM-LIC",
        "LBI-CM-SM",
    ]
    assert_accessible(page)

    page.get_by_role("link", name="Co-terminus plan").click()
    fill_date(page, "Target end date", date(2020, 7, 31))
    page.get_by_label("Category").select_option("case_management")
    page.get_by_role("button", name="Make the plan").click()
    assert "Plan for July 2020" in page.get_by_role("heading", level=2).first.inner_text()
    camden = page.locator('#plan-LBC tr[data-reference="LBC-CM"]')
    assert (
        camden.get_attribute("data-action") == "extend"
        and "Take 12 months by 9 Jan 2019" in camden.inner_text()
    )
    assert "15 months 1 day" in page.locator('#plan-LBH tr[data-reference="LBH-CM"]').inner_text()
    assert "28 months" in page.locator('#plan-LBI tr[data-reference="LBI-CM-SM"]').inner_text()
    assert "25 months 14 days" in page.locator('#plan-LBI tr[data-reference="LBI-CM-LIC"]').inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="LBH-CM").click()
    assert "Haringey adult social care" in page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page)


def test_the_pipeline_and_the_public_transparency_page_are_accessible(
    page, live_server, contracts_live, sign_in
):
    page.goto(f"{live_server.url}/shared-digital/procurement/transparency/?year=2018")
    assert page.get_by_role("heading", level=1).inner_text() == "Contracts data"
    assert_accessible(page)
    sign_in("cio")
    page.goto(f"{live_server.url}/shared-digital/procurement/pipeline/?on=2017-10-30")
    assert page.locator("#within-6 tbody tr").count() >= 1
    assert_accessible(page)
    wan = f"{live_server.url}/shared-digital/procurement/"
    page.goto(wan)
    page.get_by_role("link", name="SD-WAN-2018").click()
    assert page.locator('#checks tr[data-check="Who decides"]').inner_text().count("Failed") == 1
    assert_accessible(page)
    page.get_by_role("link", name="Change this contract").click()
    assert_accessible(page)
