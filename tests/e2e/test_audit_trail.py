"""The auditor, in the browser, filters the change history to Shared Digital's recharge statements, then to one
statement's whole history: each change says what changed from what to what, by field name, and links to the
statement. The filtered pages pass axe-core."""

import pytest

from .conftest import assert_accessible, expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def finance_live(committed_demo):
    return committed_demo("governance", "finance")


def test_the_auditor_filters_the_trail_to_one_recharge_statements_history(
    page, live_server, finance_live, sign_in
):
    sign_in("auditor")
    page.get_by_role("link", name="Change history").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Change history"
    page.get_by_label("Partnership").select_option(label="Shared Digital")
    page.get_by_label("Kind of record").select_option(label="Recharge statement")
    page.get_by_role("button", name="Filter the changes").click()
    rows = page.locator("#changes tbody tr")
    expect(rows.first).to_contain_text("Recharge statement, Shared Digital")
    assert "match the filters" in page.locator("#changes-count").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Whole history of recharge statement SD-2018/19-0001").click()
    expect(page.get_by_role("heading", name="History of recharge statement SD-2018/19-0001")).to_be_visible()
    assert page.locator("#changes tbody tr").count() == 2
    issued = page.locator("#changes tbody tr").first.inner_text()
    assert "Changed" in issued
    assert "Status: Draft → Issued" in issued
    assert "Number: (blank) → SD-2018/19-0001" in issued
    assert "Payer name: (blank) → London Borough of Haringey" in issued
    assert "Sort code: changed (not shown in the audit trail)" in issued
    assert "Created" in page.locator("#changes tbody tr").nth(1).inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Go to SD-2018/19-0001").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Invoice SD-2018/19-0001"
