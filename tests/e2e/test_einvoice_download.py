"""Haringey's finance officer, in the browser, downloads the e-invoice of Haringey's Q1 2018/19 invoice from its
statement page: the UBL document stored at issue, byte for byte. Haringey's invoicing details page, with the
e-invoice fields, passes axe-core."""

import hashlib

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def finance_live(committed_demo):
    return committed_demo("governance", "finance")


def test_haringeys_finance_officer_downloads_the_e_invoice_from_the_statement_page(
    page, live_server, finance_live, sign_in
):
    from finance.models import RechargeStatement

    stored = bytes(RechargeStatement.objects.get(number="SD-2018/19-0001").ubl)
    sign_in("finance.haringey")
    page.get_by_role("link", name="Recharge statements").first.click()
    page.get_by_role("link", name="SD-2018/19-0001").first.click()
    assert hashlib.sha256(stored).hexdigest() in page.locator("main").inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the e-invoice (invoice, UBL XML)").click()
    download = info.value
    assert download.suggested_filename == "SD-2018-19-0001.xml"
    with open(download.path(), "rb") as f:
        assert f.read() == stored
    page.goto(f"{live_server.url}/shared-digital/finance/invoicing/councils/LBH/")
    assert page.get_by_label("Identifier on e-invoices").input_value() == "E09000014"
    assert_accessible(page)
