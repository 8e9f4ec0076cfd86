"""Every issued statement is also an e-invoice: a PEPPOL BIS Billing 3.0 (UBL 2.1) Invoice, or a CreditNote for a
refund, made and frozen at issue with its SHA-256, that passes the official rules (the UBL 2.1 XSD and the CEN
EN 16931 schematron, tests/finance/ubl_rules.py) with no fatal assertion; a broken copy fails with the rule's id,
so the check cannot pass vacuously. Issue is refused, naming the field, before anything is frozen when the
e-invoice could not be made."""

import hashlib
import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from lxml import etree
from rest_framework.authtoken.models import Token

from finance import documents, services, ubl
from finance.models import (
    BillingProfile,
    InvoicingSettings,
    LedgerCode,
    RechargeStatement,
    StatementCounter,
    StatementLine,
)
from governance.audit.versions import current_version

from .invoice_helpers import login
from .ubl_rules import validate

NS = {"cbc": ubl.CBC, "cac": ubl.CAC}


def _tree(st):
    return etree.fromstring(bytes(st.ubl))


def _text(tree, path):
    return [getattr(node, "text", node) for node in tree.xpath(path, namespaces=NS)]


def _underspend_true_up(sd):
    # Shared permanent actuals below the 2018/19 permanent budget: each council is refunded (credit notes).
    services.import_actuals(
        text="partnership,date,line,amount,incurred_by,charged_to,description\n"
        "shared-digital,2018-06-30,bau_staff,43700000.00,LBC,,Shared permanent costs\n"
    )
    return services.recharges_run(
        partnership=sd, year=2018, period="true-up", issue=True, issue_date=date(2019, 4, 10)
    )[2]


def _pooled_quarter(tri):
    from governance.models import Council

    services.settlement_set(
        partnership=tri, year=2015, model="pooled", weights="equal", host=Council.objects.get(code="LBHF")
    )
    services.import_actuals(
        text="partnership,date,line,amount,incurred_by,charged_to,description\n"
        "triborough-ict,2015-05-01,bau_non_staff,300000.00,RBKC,,Shared network contract\n"
        "triborough-ict,2015-05-02,bau_staff,1000.00,WCC,RBKC,Work for RBKC alone\n"
    )
    return services.recharges_run(
        partnership=tri, year=2015, period="Q1", issue=True, issue_date=date(2015, 7, 10)
    )[2]


def test_every_issued_statement_has_an_e_invoice_that_passes_the_en16931_rules(finance_demo, sd, tri):
    _underspend_true_up(sd)
    _pooled_quarter(tri)
    issued = list(RechargeStatement.objects.filter(status="issued").select_related("council"))
    kinds = {st.kind for st in issued}
    assert kinds == {"invoice", "credit_note"} and len(issued) >= 7
    for st in issued:
        assert st.ubl_checksum == hashlib.sha256(bytes(st.ubl)).hexdigest()
        report = validate(bytes(st.ubl))
        assert report.root == ("CreditNote" if st.net < 0 else "Invoice")
        assert report.fired > 50  # the rules ran over the document
        assert report.xsd_errors == [], (st.number, report.xsd_errors)
        assert report.fatal == [], (st.number, report.fatal)
        assert report.warnings == [], (st.number, report.warnings)
        tree = _tree(st)
        assert _text(tree, "cbc:CustomizationID") == [ubl.CUSTOMIZATION_ID]
        assert _text(tree, "cbc:ProfileID") == [ubl.PROFILE_ID]
        assert _text(tree, "cbc:ID") == [st.number]
        assert _text(tree, "cbc:IssueDate") == [st.issue_date.isoformat()]
        assert _text(tree, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == ["O"]
        assert _text(tree, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason") == [
            st.vat_treatment
        ]
        assert _text(tree, "cac:LegalMonetaryTotal/cbc:PayableAmount") == [f"{abs(st.net):.2f}"]
        assert _text(tree, "*/cbc:AccountingCost") == [line.ledger_code for line in st.lines.all()]


def test_the_q1_haringey_invoice_carries_what_its_accounts_payable_team_needs(finance_demo):
    st = RechargeStatement.objects.get(number="SD-2018/19-0001")
    assert st.council.code == "LBH" and st.kind == "invoice"
    # The rules' whole report: every applicable rule fired and none failed, not even as a warning.
    report = validate(bytes(st.ubl))
    assert report.fired > 50 and report.xsd_errors == [] and report.fatal == []
    assert report.warnings == []
    tree = _tree(st)
    assert etree.QName(tree).localname == "Invoice"
    assert _text(tree, "cbc:InvoiceTypeCode") == ["380"]
    assert _text(tree, "cbc:DueDate") == ["2018-08-09"] and _text(tree, "cbc:TaxPointDate") == ["2018-07-10"]
    assert _text(tree, "cbc:BuyerReference") == ["DEMO-PO-LBH-18019"]
    assert _text(tree, "cac:OrderReference/cbc:ID") == ["DEMO-PO-LBH-18019"]
    seller, buyer = "cac:AccountingSupplierParty/cac:Party", "cac:AccountingCustomerParty/cac:Party"
    assert _text(tree, f"{seller}/cac:PartyLegalEntity/cbc:RegistrationName") == ["London Borough of Camden"]
    assert _text(tree, f"{seller}/cac:PartyIdentification/cbc:ID") == ["E09000007"]
    assert _text(tree, f"{buyer}/cac:PartyIdentification/cbc:ID") == ["E09000014"]
    assert _text(tree, f"{buyer}/cac:PostalAddress/cbc:PostalZone") == ["N22 8LE"]
    assert _text(tree, f"{buyer}/cac:PostalAddress/cbc:CityName") == ["London"]
    assert _text(tree, f"{buyer}/cbc:EndpointID/@schemeID") == ["0088"]
    assert _text(tree, "cac:PaymentMeans/cbc:PaymentID") == [f"SDRECHARGE {st.number}"]
    assert _text(tree, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID") == ["00000000"]
    assert _text(tree, "cac:InvoiceLine/cbc:InvoicedQuantity") == ["1"] * st.lines.count()
    # No VAT identifier of either party: recharges are outside the scope of VAT (BR-O-02, BR-O-04).
    assert tree.xpath("//cac:PartyTaxScheme", namespaces=NS) == []


def test_a_credit_note_refers_to_the_invoices_it_corrects(finance_demo, sd):
    issued = _underspend_true_up(sd)
    lbh = next(st for st in issued if st.council.code == "LBH")
    assert lbh.kind == "credit_note"
    tree = _tree(lbh)
    assert _text(tree, "cbc:CreditNoteTypeCode") == ["381"]
    refs = _text(tree, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")
    assert refs == ["SD-2018/19-0001"]  # Haringey's Q1 invoice, the one the year's true-up corrects
    assert _text(tree, "cac:PaymentMeans/cbc:PaymentDueDate") == [lbh.due_date.isoformat()]
    # A credit note states the refund as a positive amount: its lines (the statement's, the sign turned over)
    # add up to it.
    amounts = [Decimal(a) for a in _text(tree, "cac:CreditNoteLine/cbc:LineExtensionAmount")]
    assert sum(amounts) == -lbh.net > 0
    assert _text(tree, "cac:LegalMonetaryTotal/cbc:PayableAmount") == [f"{-lbh.net:.2f}"]


BROKEN = [
    ("cac:LegalMonetaryTotal/cbc:PayableAmount", "1.00", "BR-CO-16"),  # a changed total
    ("cac:LegalMonetaryTotal/cbc:LineExtensionAmount", "1.00", "BR-CO-10"),  # lines no longer add up
    ("cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName", None, "BR-07"),
    ("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country", None, "BR-11"),
    ("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason", None, "BR-O-10"),
]


def test_a_broken_copy_fails_with_the_rules_id(finance_demo):
    st = RechargeStatement.objects.get(number="SD-2018/19-0001")
    assert validate(bytes(st.ubl)).fatal == []
    for path, value, rule in BROKEN:
        tree = _tree(st)
        (node,) = tree.xpath(path, namespaces=NS)
        if value is None:
            node.getparent().remove(node)
            if rule == "BR-O-10":  # the exemption reason's code as well as its text
                (code,) = tree.xpath(
                    "//cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode", namespaces=NS
                )
                code.getparent().remove(code)
        else:
            node.text = value
        report = validate(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
        assert rule in report.fatal_ids, (rule, report.fatal)


def _draft_q2(sd):
    services.statements_draft(partnership=sd, year=2018, period="Q2")
    return list(RechargeStatement.objects.filter(year=2018, period="Q2", status="draft"))


def _refused(sd, code):
    counter = StatementCounter.objects.get(partnership=sd, year=2018).last
    with pytest.raises(ValidationError) as exc:
        with transaction.atomic():
            services.statements_issue(partnership=sd, year=2018, period="Q2", issue_date=date(2018, 10, 10))
    # Nothing numbered, frozen or half-written.
    assert StatementCounter.objects.get(partnership=sd, year=2018).last == counter
    assert not RechargeStatement.objects.filter(period="Q2", status="issued").exists()
    assert not RechargeStatement.objects.filter(period="Q2", ubl__isnull=False).exists()
    assert code in [e.code for e in exc.value.error_list]
    return exc.value.messages


def test_issue_is_refused_naming_the_field_before_anything_is_frozen(finance_demo, sd):
    drafts = _draft_q2(sd)
    assert drafts
    lbi = BillingProfile.objects.get(council__code="LBI")
    with transaction.atomic():
        BillingProfile.objects.filter(pk=lbi.pk).update(identifier="", endpoint="", endpoint_scheme="")
        messages = _refused(sd, "no_einvoice_identifier")
        assert "Set the identifier on e-invoices of London Borough of Islington before issuing." in messages
        assert (
            "Set the electronic address (and its scheme) of London Borough of Islington before issuing."
            in (messages)
        )
        transaction.set_rollback(True)
    with transaction.atomic():
        BillingProfile.objects.filter(council__code="LBC").update(address="5 Pancras Square\nLondon")
        messages = _refused(sd, "einvoice_address")
        assert any("The invoicing address of London Borough of Camden must end with" in m for m in messages)
        transaction.set_rollback(True)
    with transaction.atomic():
        BillingProfile.objects.filter(pk=lbi.pk).update(buyer_reference="")
        messages = _refused(sd, "no_buyer_reference")
        assert any("Set the purchase order of London Borough of Islington for 2018/19" in m for m in messages)
        transaction.set_rollback(True)
    with transaction.atomic():
        LedgerCode.objects.filter(partnership=sd, line="bau_staff").delete()
        InvoicingSettings.objects.filter(partnership=sd).update(default_ledger_code="")
        messages = _refused(sd, "no_ledger_code")
        assert any(
            re.search(r"Line \d+ of the statement for .* \(BAU staff.*\) has no ledger code", m)
            for m in messages
        )
        transaction.set_rollback(True)
    with transaction.atomic():
        line = StatementLine.objects.filter(statement=drafts[0]).first()
        StatementLine.objects.filter(pk=line.pk).update(amount=line.amount + 1)
        messages = _refused(sd, "lines_do_not_add_up")
        assert any(
            f"The lines of the statement for {drafts[0].council.name} add up to" in m for m in messages
        )
        transaction.set_rollback(True)
    with transaction.atomic():
        StatementLine.objects.filter(statement=drafts[0]).delete()
        messages = _refused(sd, "no_lines")
        assert f"The statement for {drafts[0].council.name} has no lines" in " ".join(messages)
        transaction.set_rollback(True)
    # With everything in place the same drafts issue, each with its e-invoice.
    issued = services.statements_issue(partnership=sd, year=2018, period="Q2", issue_date=date(2018, 10, 10))
    assert issued and all(st.ubl_checksum for st in issued)


def test_the_e_invoice_is_frozen_at_issue_and_offered_on_the_page_the_api_and_the_zip(
    finance_demo, client, sd
):
    st = RechargeStatement.objects.get(number="SD-2018/19-0001")
    stored = bytes(st.ubl)
    # Later changes to the council's details never alter an issued e-invoice.
    profile = BillingProfile.objects.get(council__code="LBH")
    services.billing_profile_set(
        council=profile.council,
        version=current_version(profile),
        identifier="E09999999",
        address="Elsewhere\nLondon\nN1 1AA",
    )
    login(client, "finance.haringey")
    page = client.get(f"/shared-digital/finance/statements/{st.pk}/").content.decode()
    url = f"/shared-digital/finance/statements/{st.pk}/e-invoice/"
    assert url in page and st.ubl_checksum in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert response.content == stored
    assert 'filename="SD-2018-19-0001.xml"' in response["Content-Disposition"]
    # A draft has no e-invoice.
    draft = _draft_q2(sd)[0]
    assert client.get(f"/shared-digital/finance/statements/{draft.pk}/e-invoice/").status_code == 404
    # The API: the statement names its e-invoice's checksum, and the e-invoice is served as stored.
    client.logout()
    key = Token.objects.create(user=_user("finance.haringey")).key
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    api = f"/api/v1/partnerships/shared-digital/finance/statements/{st.pk}/"
    assert client.get(api, **auth).json()["e_invoice_sha256"] == st.ubl_checksum
    response = client.get(api + "e-invoice/", **auth, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.content == stored
    assert client.get(f"{api}e-invoice/".replace(str(st.pk), str(draft.pk)), **auth).status_code == 404
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"][
        "/api/v1/partnerships/{partnership}/finance/statements/{statement_id}/e-invoice/"
    ]
    assert "application/xml" in operation["get"]["responses"]["200"]["content"]
    # The zip of the period.
    content = documents.period_zip([st], ubl_for=services.statement_ubl_bytes)
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        assert zf.read("SD-2018-19-0001.xml") == stored
    assert RechargeStatement.objects.get(pk=st.pk).ubl_checksum == hashlib.sha256(stored).hexdigest()


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_addresses_are_split_as_an_e_invoice_carries_them():
    address = ubl.split_address("Accounts Payable\nCivic Centre, High Road\nWood Green\nLondon\nn228le")
    assert address == ubl.Address(
        lines=("Accounts Payable", "Civic Centre, High Road", "Wood Green"), city="London", postcode="N22 8LE"
    )
    assert ubl.split_address("Town Hall\nUpper Street\nLondon") is None  # no postcode
    assert ubl.split_address("N1 2UD") is None  # no town
    assert ubl.gln_is_valid("5412345000013")  # GS1's own example
    assert not ubl.gln_is_valid("5412345000012") and not ubl.gln_is_valid("541234500001")
