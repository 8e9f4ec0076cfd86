"""The CIO signs in to the dashboard, filters it to Haringey, follows a figure to the page it comes from, and
downloads the dashboard as a PDF for the board, built by the worker; axe-core finds no violation."""

import re

import pytest

from governance.models import Job

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def full_demo_live(demo_live):
    from finance import demo as finance_demo
    from procurement import demo as procurement_demo
    from staffing import demo as staffing_demo

    staffing_demo.load()
    procurement_demo.load()
    finance_demo.load()
    return demo_live


def test_the_cio_filters_to_haringey_follows_a_figure_and_downloads_the_board_pdf(
    page, live_server, full_demo_live, sign_in
):
    from sharedservice.dashboard.tasks import build_board_pack

    sign_in("cio")  # the CIO's home page is the dashboard
    assert page.get_by_role("heading", level=1).inner_text().startswith("The shared service at a glance")
    assert_accessible(page)

    page.get_by_label("Financial year").fill("2017/18")
    page.get_by_label("Council").select_option(label="London Borough of Haringey")
    page.get_by_role("button", name="Show").click()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "The shared service at a glance, 2017/18: London Borough of Haringey"
    assert "21,424,000.00" in page.locator("#money-by-council").inner_text()
    assert_accessible(page)
    dashboard = page.url

    # A figure links to the page it comes from: the budget.
    page.locator("#money-figures").get_by_role("link", name="£21,424,000.00").click()
    assert "/shared-digital/finance/2017-18/budget/" in page.url
    assert "Budget" in page.get_by_role("heading", level=1).inner_text()

    page.goto(dashboard)
    page.get_by_role("button", name="Download for the board").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Dashboard for the board")
    assert page.locator("progress").count() == 1
    assert_accessible(page)

    job = Job.objects.get(kind="dashboard_board_pdf")
    assert build_board_pack(str(job.pk)) == "succeeded"  # the worker's part, run here
    link = page.get_by_role("link", name=re.compile(r"Download .*dashboard-shared-digital-2017-lbh-.*\.pdf"))
    link.wait_for(timeout=15000)
    assert_accessible(page)
    with page.expect_download() as info:
        link.click()
    assert open(info.value.path(), "rb").read(5) == b"%PDF-"
