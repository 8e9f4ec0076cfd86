"""Haringey's finance officer, in the browser, opens Haringey's Q1 2018/19 invoice and downloads it: the
page and the PDF show who is paid, when, against which purchase order, and how to pay. The invoicing
settings pages pass axe-core."""

import io

import pypdf
import pytest

from .conftest import assert_accessible, expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def finance_live(committed_demo):
    return committed_demo("governance", "finance")


def test_haringeys_finance_officer_downloads_an_invoice_showing_payee_due_date_po_and_remittance(
    page, live_server, finance_live, sign_in
):
    sign_in("finance.haringey")
    page.get_by_role("link", name="Recharge statements").first.click()
    page.get_by_role("link", name="SD-2018/19-0001").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Invoice SD-2018/19-0001"
    screen = page.locator("main").inner_text()
    assert "Due from London Borough of Haringey: £3,697,000.00 by 9 August 2018" in screen
    assert "Payee" in screen and "London Borough of Camden" in screen and "5 Pancras Square" in screen
    assert "DEMO-PO-LBH-18019" in screen
    remittance = page.locator("#remittance").inner_text()
    assert "00-00-00" in remittance and "SDRECHARGE SD-2018/19-0001" in remittance
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the PDF").click()
    download = info.value
    assert download.suggested_filename == "SD-2018-19-0001.pdf"
    with open(download.path(), "rb") as f:
        reader = pypdf.PdfReader(io.BytesIO(f.read()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    payee = text[text.index("PAYEE") : text.index("PAYER")]
    assert "London Borough of Camden" in payee
    assert "Due date 9 August 2018" in text
    assert "Your purchase order DEMO-PO-LBH-18019" in text
    assert "Sort code 00-00-00" in text and "Payment reference SDRECHARGE SD-2018/19-0001" in text


def test_the_hosts_finance_officer_finds_the_invoicing_settings_accessible(
    page, live_server, finance_live, sign_in
):
    sign_in("finance.camden")
    page.goto(f"{live_server.url}/shared-digital/finance/")
    page.get_by_role("link", name="Invoicing settings").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Invoicing settings"
    assert_accessible(page)
    page.get_by_role("link", name="Change the terms, VAT, contact, remittance and ledger codes").click()
    assert_accessible(page)
    page.get_by_label("Sort code").fill("12345")
    page.get_by_role("button", name="Save the invoicing settings").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert "Write the sort code as 00-00-00." in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server.url}/shared-digital/finance/invoicing/councils/LBH/")
    assert_accessible(page)
