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
def full_demo_live(committed_demo):
    return committed_demo("governance", "staffing", "procurement", "finance")


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
    assert "14,788,000.00" in page.locator("#money-by-council").inner_text()  # Haringey's revenue budget
    assert_accessible(page)
    dashboard = page.url

    # A figure links to the page it comes from: the budget.
    page.locator("#money-figures").get_by_role("link", name="£14,788,000.00").click()
    assert "/shared-digital/finance/2017-18/budget/" in page.url
    assert "Budget" in page.get_by_role("heading", level=1).inner_text()

    page.goto(dashboard)
    page.get_by_role("button", name="Download for the board").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Board paper")
    assert page.locator("progress").count() == 1
    assert_accessible(page)

    job = Job.objects.get(kind="dashboard_board_pdf")
    assert build_board_pack(str(job.pk)) == "succeeded"  # the worker's part, run here
    link = page.get_by_role(
        "link", name=re.compile(r"Download .*board-paper-shared-digital-2017-18-lbh-.*\.pdf")
    )
    link.wait_for(timeout=15000)
    assert_accessible(page)
    with page.expect_download() as info:
        link.click()
    assert open(info.value.path(), "rb").read(5) == b"%PDF-"


NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
# Every amount on one line, and none cut off by its box: each figure's text fits the width it is given.
FIGURES_WHOLE = """() => [...document.querySelectorAll('#money-figures .app-money, td.app-money')]
  .filter(e => e.offsetParent !== null)
  .every(e => e.getClientRects().length <= 1 && e.scrollWidth <= e.clientWidth + 1)"""


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1280, 900)])
def test_the_cio_reads_the_seeds_figures_on_a_phone_and_a_desktop_and_builds_the_board_paper(
    page, live_server, full_demo_live, sign_in, width, height
):
    import io

    import pypdf

    from sharedservice.dashboard.tasks import build_board_pack

    page.set_viewport_size({"width": width, "height": height})
    sign_in("cio")
    page.goto(f"{live_server.url}/shared-digital/dashboard/?year=2017-18")
    assert "with the Month 5 (August 2017) forecast" in page.locator("#dashboard-as-at").inner_text()
    figures = page.locator("#money-figures").inner_text()
    assert "£43,710,000.00" in figures and "£43,755,000.00" in figures and "£45,000.00 over budget" in figures
    assert "£16,121,000.00" in figures and "£10,878,000.00" in figures
    assert "£5,243,000.00 under, which stays with each council" in figures
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the page scrolls sideways"
    assert page.evaluate(FIGURES_WHOLE), "an amount wraps or is clipped"
    assert_accessible(page)

    page.get_by_label("Your commentary for the board").fill(
        "Revenue £45k over at month 5; one-off underspend kept."
    )
    page.get_by_role("button", name="Download for the board").click()
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the job's progress page scrolls sideways"
    job = Job.objects.get(kind="dashboard_board_pdf")
    assert build_board_pack(str(job.pk)) == "succeeded"
    link = page.get_by_role("link", name=re.compile(r"Download .*board-paper-shared-digital-2017-18-.*\.pdf"))
    link.wait_for(timeout=15000)
    # Finished, with the download link's long file name: still no sideways scroll on a phone.
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the finished job's page scrolls sideways"
    with page.expect_download() as info:
        link.click()
    pages = pypdf.PdfReader(io.BytesIO(open(info.value.path(), "rb").read())).pages
    summary = " ".join(pages[1].extract_text().split())
    assert "£43,755,000.00 against a budget of £43,710,000.00: £45,000.00 over" in summary
    assert "Revenue £45k over at month 5; one-off underspend kept." in summary


def test_the_statements_list_and_an_invoice_fit_a_phone(page, live_server, full_demo_live, sign_in):
    page.set_viewport_size({"width": 375, "height": 812})
    sign_in("finance.camden")
    page.goto(f"{live_server.url}/shared-digital/finance/statements/")
    assert page.evaluate(NO_SIDEWAYS_SCROLL) and page.evaluate(FIGURES_WHOLE)
    # Wait for the invoice page itself: evaluating while the old document is being replaced reads a null root.
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"SD-2018\/19-0001")).first.click()
    page.wait_for_load_state()
    assert page.evaluate(NO_SIDEWAYS_SCROLL) and page.evaluate(FIGURES_WHOLE)
    assert_accessible(page)
