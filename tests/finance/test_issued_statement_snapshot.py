"""What an issued statement prints (addresses, terms and due date, purchase order, VAT, contact, bank details,
ledger codes) is frozen at issue: changing the settings afterwards changes only statements issued later."""

from finance import documents, services
from finance.models import BillingProfile, InvoicingSettings, LedgerCode, RechargeStatement
from governance.audit.versions import current_version
from governance.models import Council

from .invoice_helpers import login, pdf_text


def _change_every_setting(sd):
    settings = InvoicingSettings.objects.get(partnership=sd)
    services.invoicing_settings_set(
        partnership=sd,
        version=current_version(settings),
        payment_terms_days=14,
        vat_treatment="Changed VAT wording",
        contact_name="New contact",
        contact_email="new@camden.example",
        contact_phone="",
        bank_name="Other Demo Bank",
        bank_account_name="Changed account",
        bank_sort_code="11-11-11",
        bank_account_number="11111111",
        payment_reference="NEWREF",
        default_ledger_code="NEW-9000",
    )
    services.ledger_codes_set(partnership=sd, codes={"bau_staff": "NEW-1100"})
    haringey = Council.objects.get(code="LBH")
    profile = BillingProfile.objects.get(council=haringey)
    services.billing_profile_set(
        council=haringey,
        version=current_version(profile),
        invoice_name="Haringey Council",
        address="Somewhere else\nLondon\nN1 1AA",
        requires_po=True,
    )
    services.purchase_order_set(partnership=sd, council=haringey, year=2018, number="PO-CHANGED")


def test_changing_the_settings_after_issue_leaves_the_issued_invoice_as_it_was(finance_demo, sd, client):
    st = RechargeStatement.objects.select_related("council", "partnership").get(number="SD-2018/19-0001")
    before_pdf, before_csv = pdf_text(st), documents.statement_csv(st)
    _change_every_setting(sd)
    st = RechargeStatement.objects.select_related("council", "partnership").get(pk=st.pk)
    after_pdf = pdf_text(st)
    assert after_pdf == before_pdf
    assert documents.statement_csv(st) == before_csv
    for old in ("N22 8LE", "DEMO-PO-LBH-18019", "9 August 2018", "00-00-00", "SDRECHARGE SD-2018/19-0001"):
        assert old in after_pdf
    for new in ("Somewhere else", "PO-CHANGED", "Changed VAT wording", "11-11-11", "NEWREF"):
        assert new not in after_pdf
    login(client, "finance.haringey")
    screen = client.get(f"/shared-digital/finance/statements/{st.pk}/").content.decode()
    assert "DEMO-PO-LBH-18019" in screen and "PO-CHANGED" not in screen and "DEMO-SD-1100" in screen


def test_statements_issued_after_the_change_carry_the_new_settings(finance_demo, sd):
    _change_every_setting(sd)
    issued = services.recharges_run(partnership=sd, year=2018, period="Q2", issue=True)[2]
    lbh = next(s for s in issued if s.council.code == "LBH")
    assert (lbh.purchase_order, lbh.payer_name, lbh.payment_terms_days) == (
        "PO-CHANGED",
        "Haringey Council",
        14,
    )
    assert lbh.bank_sort_code == "11-11-11" and lbh.payment_reference == f"NEWREF {lbh.number}"
    codes = {line.funding_line: line.ledger_code for line in lbh.lines.all()}
    assert codes == {
        "bau_staff": "NEW-1100",
        "bau_non_staff": "DEMO-SD-1200",
        "continuous_improvement": "DEMO-SD-1300",
    }
    assert LedgerCode.objects.get(partnership=sd, line="bau_staff").code == "NEW-1100"
