"""Finance officers keep the invoicing settings: the host's finance officers edit the partnership's terms,
VAT treatment, contact, bank details and ledger codes; each council's finance officers edit their own
council's invoicing address and purchase orders. Other roles read the settings and change nothing. Every
change is in the history with who made it; a form read before someone else's change is refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import services
from finance.models import BillingProfile, InvoicingSettings, LedgerCode, PurchaseOrder
from governance.audit import versions
from governance.audit.versions import current_version
from governance.models import Council

from .invoice_helpers import login

SETTINGS = "/shared-digital/finance/invoicing/"
EDIT = "/shared-digital/finance/invoicing/edit/"


def _council_url(code):
    return f"/shared-digital/finance/invoicing/councils/{code}/"


def _settings_post(sd, **changes):
    s = InvoicingSettings.objects.get(partnership=sd)
    data = {k: getattr(s, k) for k in services.INVOICING_FIELDS}
    data["version"] = current_version(s)
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
    read = current_version(InvoicingSettings.objects.get(partnership=sd))
    response = client.post(EDIT, _settings_post(sd, payment_terms_days="28", code_evergreening="EV-1"))
    assert response.status_code == 302
    s = InvoicingSettings.objects.get(partnership=sd)
    assert s.payment_terms_days == 28 and current_version(s) > read
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
    assert response.status_code == 409 and versions.STALE in response.content.decode()
    assert InvoicingSettings.objects.get(partnership=sd).vat_treatment == "Theirs"


def test_a_stale_settings_form_shows_the_other_persons_change_beside_yours(
    finance_demo, sd, client, django_user_model
):
    """Another finance officer changes the VAT wording while this one edits the terms: refused (409), naming
    who changed what (the field, never a bank detail's value); this officer's terms stay in the form, which
    now carries the new version, and sent again they save."""
    login(client, "finance.camden")
    stale = _settings_post(sd, payment_terms_days="21")
    other = django_user_model.objects.create_user("finance.other", first_name="Olu", last_name="Other")
    s = InvoicingSettings.objects.get(partnership=sd)
    fields = {k: getattr(s, k) for k in services.INVOICING_FIELDS}
    services.invoicing_settings_set(
        partnership=sd, version=current_version(s), by=other, **{**fields, "vat_treatment": "Theirs"}
    )
    response = client.post(EDIT, stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Changed by somebody else" in page and "Olu Other" in page
    assert response.context["form"].conflict_changes[-1]["fields"] == ["VAT treatment"]
    s.refresh_from_db()
    assert (s.payment_terms_days, s.vat_treatment) == (30, "Theirs")
    resent = response.context["form"].data
    assert resent["version"] == str(current_version(s)) and resent["payment_terms_days"] == "21"
    assert client.post(EDIT, {**resent, "vat_treatment": "Theirs"}).status_code == 302
    assert InvoicingSettings.objects.get(partnership=sd).payment_terms_days == 21


@pytest.mark.parametrize("version", [None, "", "two", "9" * 40])
def test_a_settings_form_without_a_good_version_is_refused_with_a_form_error(
    finance_demo, sd, client, version
):
    login(client, "finance.camden")
    data = _settings_post(sd, vat_treatment="Mine")
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    response = client.post(EDIT, data)
    assert response.status_code == 400 and versions.VERSION_MISSING in response.content.decode()
    assert InvoicingSettings.objects.get(partnership=sd).vat_treatment != "Mine"


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
        "profile-version": current_version(profile),
        "profile-invoice_name": "London Borough of Haringey",
        "profile-address": "Accounts Payable\nPO Box 1\nLondon\nN22 7TR",
        "profile-requires_po": "on",
    }
    assert client.post(_council_url("LBH"), data).status_code == 302
    assert BillingProfile.objects.get(council__code="LBH").address.endswith("N22 7TR")
    stale = client.post(_council_url("LBH"), {**data, "profile-address": "Elsewhere\nN1 1AA"})
    assert stale.status_code == 409  # the same version again: stale
    page = stale.content.decode()
    assert (
        "Changed by somebody else" in page
        and "invoicing address" in stale.context["form"].conflict_changes[-1]["fields"]
    )
    assert stale.context["form"].data["profile-version"] == str(current_version(profile))
    assert BillingProfile.objects.get(council__code="LBH").address.endswith("N22 7TR")


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
