"""Finance officers keep the invoicing settings: the host's finance officers edit the partnership's terms,
VAT treatment, contact, bank details and ledger codes; each council's finance officers edit their own
council's invoicing address and purchase orders. Other roles read the settings and change nothing. Every
change is in the history with who made it; a form read before someone else's change is refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import services
from finance.models import BillingProfile, InvoicingSettings, LedgerCode, PurchaseOrder
from governance.models import Council

from .invoice_helpers import login

SETTINGS = "/shared-digital/finance/invoicing/"
EDIT = "/shared-digital/finance/invoicing/edit/"


def _council_url(code):
    return f"/shared-digital/finance/invoicing/councils/{code}/"


def _settings_post(sd, **changes):
    s = InvoicingSettings.objects.get(partnership=sd)
    data = {k: getattr(s, k) for k in services.INVOICING_FIELDS}
    data["version"] = s.version
    data.update({f"code_{lc.line}": lc.code for lc in LedgerCode.objects.filter(partnership=sd)})
    data.update(changes)
    return data


@pytest.mark.parametrize("username", ["finance.camden", "finance.haringey", "cio", "auditor", "admin"])
def test_every_finance_reader_reads_the_settings_page(finance_demo, client, username):
    login(client, username)
    page = client.get(SETTINGS).content.decode()
    assert "Outside the scope of VAT" in page and "N22 8LE" in page and "DEMO-PO-LBH-18019" in page


def test_the_hosts_finance_officer_changes_the_terms_and_ledger_codes(
    finance_demo, sd, client, django_user_model
):
    login(client, "finance.camden")
    assert client.get(EDIT).status_code == 200
    response = client.post(EDIT, _settings_post(sd, payment_terms_days="28", code_evergreening="EV-1"))
    assert response.status_code == 302
    s = InvoicingSettings.objects.get(partnership=sd)
    assert s.payment_terms_days == 28 and s.version == 2
    assert LedgerCode.objects.get(partnership=sd, line="evergreening").code == "EV-1"
    assert s.history.first().history_user == django_user_model.objects.get(username="finance.camden")


@pytest.mark.parametrize("username", ["finance.haringey", "cio", "auditor", "admin", "officer"])
def test_nobody_else_changes_the_partnerships_settings(finance_demo, sd, client, username):
    login(client, username)
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, _settings_post(sd, payment_terms_days="7")).status_code == 403
    assert InvoicingSettings.objects.get(partnership=sd).payment_terms_days == 30


def test_a_form_read_before_another_change_is_refused(finance_demo, sd, client):
    login(client, "finance.camden")
    stale = _settings_post(sd, vat_treatment="Mine")
    client.post(EDIT, _settings_post(sd, vat_treatment="Theirs"))
    response = client.post(EDIT, stale)
    assert response.status_code == 409 and services.ERROR_STALE in response.content.decode()
    assert InvoicingSettings.objects.get(partnership=sd).vat_treatment == "Theirs"


def test_a_bad_sort_code_is_refused_with_a_message(finance_demo, sd, client):
    login(client, "finance.camden")
    response = client.post(EDIT, _settings_post(sd, bank_sort_code="123456"))
    assert response.status_code == 400 and "Write the sort code as 00-00-00." in response.content.decode()


def test_haringeys_finance_officer_enters_haringeys_purchase_order_and_not_islingtons(
    finance_demo, sd, client
):
    login(client, "finance.haringey")
    response = client.post(_council_url("LBH"), {"form": "po", "po-year": "2019/20", "po-number": "PO-19-1"})
    assert response.status_code == 302
    assert PurchaseOrder.objects.get(partnership=sd, council__code="LBH", year=2019).number == "PO-19-1"
    assert client.get(_council_url("LBI")).status_code == 403
    response = client.post(_council_url("LBI"), {"form": "po", "po-year": "2019/20", "po-number": "X"})
    assert response.status_code == 403 and not PurchaseOrder.objects.filter(council__code="LBI").exists()


def test_a_council_changes_its_invoicing_address_with_its_version(finance_demo, client):
    login(client, "finance.haringey")
    profile = BillingProfile.objects.get(council__code="LBH")
    data = {
        "form": "profile",
        "profile-version": profile.version,
        "profile-invoice_name": "London Borough of Haringey",
        "profile-address": "Accounts Payable\nPO Box 1\nLondon\nN22 7TR",
        "profile-requires_po": "on",
    }
    assert client.post(_council_url("LBH"), data).status_code == 302
    assert BillingProfile.objects.get(council__code="LBH").address.endswith("N22 7TR")
    assert client.post(_council_url("LBH"), data).status_code == 409  # the same version again: stale


def test_the_host_finance_officer_may_enter_any_councils_purchase_order(finance_demo, sd, client):
    login(client, "finance.camden")
    response = client.post(_council_url("LBI"), {"form": "po", "po-year": "2018/19", "po-number": "ISL-1"})
    assert response.status_code == 302
    services.purchase_order_set(partnership=sd, council=Council.objects.get(code="LBI"), year=2018, number="")
    assert not PurchaseOrder.objects.filter(council__code="LBI").exists()


@pytest.mark.parametrize("username", ["cio", "auditor", "admin"])
def test_other_roles_cannot_open_a_councils_invoicing_details(finance_demo, client, username):
    login(client, username)
    assert client.get(_council_url("LBH")).status_code == 403


def test_the_settings_page_runs_a_fixed_number_of_queries(finance_demo, sd, client):
    login(client, "finance.camden")
    counts = []
    for years in (range(2019, 2021), range(2021, 2031)):
        for year in years:
            for code in ("LBH", "LBI"):
                services.purchase_order_set(
                    partnership=sd, council=Council.objects.get(code=code), year=year, number=f"{code}-{year}"
                )
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(SETTINGS).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
