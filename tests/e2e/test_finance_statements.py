"""Finance officers in the browser: Haringey downloads its own Q1 statement PDF and cannot open Islington's;
the finance pages pass axe-core."""

import pytest

from .conftest import assert_accessible, content, expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def finance_live(committed_demo):
    return committed_demo("governance", "finance")


def _statement_id(number):
    from finance.models import RechargeStatement

    return RechargeStatement.objects.get(number=number).pk


def test_a_haringey_finance_officer_downloads_haringeys_q1_pdf_and_cannot_open_islingtons(
    page, live_server, finance_live, sign_in
):
    sign_in("finance.haringey")
    page.get_by_role("link", name="Recharge statements").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Recharge statements"
    assert_accessible(page)
    rows = page.locator("#statements tbody tr")
    assert rows.count() == 1 and "SD-2018/19-0001" in rows.first.inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF of SD-2018/19-0001 for London Borough of Haringey").click()
    download = info.value
    assert download.suggested_filename == "SD-2018-19-0001.pdf"
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    page.get_by_role("link", name="SD-2018/19-0001").first.click()
    assert "3,697,000.00" in content(page)
    assert_accessible(page)
    islington = _statement_id("SD-2018/19-0002")
    for suffix in ("", "pdf/"):
        response = page.goto(f"{live_server.url}/shared-digital/finance/statements/{islington}/{suffix}")
        assert response.status == 404


def test_the_finance_pages_are_accessible(page, live_server, finance_live, sign_in):
    sign_in("cio")
    for path in [
        "/shared-digital/finance/",
        "/shared-digital/finance/2017-18/budget/",
        "/shared-digital/finance/2017-18/forecast/",
        "/shared-digital/finance/2019-20/savings/",
        "/triborough-ict/finance/2014-15/budget/",
        "/shared-digital/finance/import/",
        "/shared-digital/finance/settlement/",
    ]:
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).is_visible()
        assert_accessible(page)


def test_the_host_drafts_and_issues_a_quarter_without_javascript(browser, live_server, finance_live):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("finance.camden")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/shared-digital/finance/statements/")
    page.get_by_label("Financial year").last.fill("2018/19")
    page.get_by_label("Period").last.select_option("Q2")
    page.get_by_role("button", name="Draft statements").click()
    # Each check after a click waits for the new page (reading the page mid-navigation gave "").
    expect(page.locator("body")).to_contain_text("2 statements drafted or redrafted for Q2 2018/19")
    assert page.locator("#statements tbody tr").count() == 2
    page.get_by_label("Financial year").last.fill("2018/19")
    page.get_by_label("Period").last.select_option("Q2")
    page.get_by_role("button", name="Issue the drafts").click()
    # A page says what will happen, with the warnings (an old period), and asks for confirmation.
    expect(page.locator("body")).to_contain_text("Issue the Q2 2018/19 statements?")
    expect(page.locator("body")).to_contain_text("more than six months ago")
    page.get_by_role("button", name="Yes, issue the statements").click()
    # The worker issues them; the job's page shows the progress, and the download at the end.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Shared Digital: issue the Q2 2018/19 statements"
    )
    assert page.locator("progress").count() == 1
    from finance.tasks import issue_statements
    from governance.models import Job

    job = Job.objects.get(kind="finance_statements_issue")
    assert issue_statements.run(str(job.pk)) == "succeeded"  # what the worker runs
    page.reload()
    assert page.get_by_role("link", name="Download").count() == 1
    page.get_by_role("link", name="Back").click()
    expect(page.locator("body")).to_contain_text("SD-2018/19-0003")
    expect(page.locator("body")).to_contain_text("SD-2018/19-0004")
    context.close()


def test_the_cio_builds_a_periods_zip_and_sees_its_progress(page, live_server, finance_live, sign_in):
    sign_in("cio")
    page.goto(f"{live_server.url}/shared-digital/finance/statements/")
    page.get_by_label("Financial year").nth(1).fill("2018/19")
    page.get_by_role("button", name="Build the zip of PDFs and CSVs").click()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Shared Digital: Q1 2018/19 statements (PDF and CSV)"
    )
    assert page.locator("progress").count() == 1
    assert_accessible(page)


def test_the_host_records_haringeys_payment_and_the_invoice_shows_paid(
    page, live_server, finance_live, sign_in
):
    sign_in("finance.camden")
    page.goto(f"{live_server.url}/shared-digital/finance/statements/{_statement_id('SD-2018/19-0001')}/")
    form = page.locator("form", has=page.get_by_role("button", name="Record the payment"))
    assert_accessible(page)
    # Too much is refused by the field, and nothing is recorded.
    form.get_by_label("Day").fill("9")
    form.get_by_label("Month").fill("8")
    form.get_by_label("Year").fill("2018")
    form.get_by_label("Amount (£)").fill("3,697,000.01")
    form.get_by_role("button", name="Record the payment").click()
    assert "still owed on this statement" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    form = page.locator("form", has=page.get_by_role("button", name="Record the payment"))
    form.get_by_label("Amount (£)").fill("3,697,000.00")
    form.get_by_label("Remittance reference").fill("LBH BACS 18019")
    form.get_by_role("button", name="Record the payment").click()
    assert "Recorded a payment of £3,697,000.00" in page.locator(".govuk-notification-banner").inner_text()
    assert "Paid in full" in page.locator("#balance").inner_text()
    assert "LBH BACS 18019" in page.locator("#payment-list").inner_text()
    assert_accessible(page)
