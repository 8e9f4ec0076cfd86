"""Bank details for remittance are shown on screen to finance officers only; the CIO, auditors and
administrators see the statement and the payment reference, not the account."""

import pytest

from finance.models import RechargeStatement

from .invoice_helpers import login


@pytest.fixture
def lbh_q1(finance_demo):
    return RechargeStatement.objects.get(number="SD-2018/19-0001")


@pytest.mark.parametrize("username", ["finance.haringey", "finance.camden"])
def test_finance_officers_see_the_bank_details_on_screen(client, lbh_q1, username):
    login(client, username)
    page = client.get(f"/shared-digital/finance/statements/{lbh_q1.pk}/").content.decode()
    assert 'id="remittance"' in page and "00-00-00" in page and "00000000" in page
    assert "SDRECHARGE SD-2018/19-0001" in page
    assert "00-00-00" in client.get("/shared-digital/finance/invoicing/").content.decode()


@pytest.mark.parametrize("username", ["cio", "auditor", "admin"])
def test_other_roles_do_not_see_the_bank_details_on_screen(client, lbh_q1, username):
    login(client, username)
    page = client.get(f"/shared-digital/finance/statements/{lbh_q1.pk}/").content.decode()
    assert "Payment reference: SDRECHARGE SD-2018/19-0001" in page
    assert "00-00-00" not in page and "00000000" not in page and "Demo Bank" not in page
    settings = client.get("/shared-digital/finance/invoicing/").content.decode()
    assert "Shown to finance officers only" in settings and "00-00-00" not in settings
