"""A statement as a PEPPOL BIS Billing 3.0 document (UBL 2.1): an Invoice (type code 380) when the council pays, a
CreditNote (381) when it is refunded. Pure: plain values in, the XML's bytes out (lxml, no Django), so the
same builder serves issuing, the demo and the tests.

The statement's sides map onto EN 16931 as an accounts-payable system reads them: the seller is always the host
council (it supplies the shared service) and the buyer the council the statement is for. An invoice's lines and
totals are the statement's; a credit note's are the statement's with the sign turned over (the amount refunded
is positive on a credit note). A line whose amount runs against the document (a cost the buyer's own ledger paid,
say) has quantity −1 and a positive price, as EN 16931 forbids a negative price (BR-27). Recharges between
local authorities carry VAT category O (outside the scope of VAT) with the exemption reason the partnership
prints, and so no VAT identifier of either party (BR-O-02, BR-O-04).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from lxml import etree

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
INVOICE_TYPE = "380"
CREDIT_NOTE_TYPE = "381"
CURRENCY = "GBP"
COUNTRY = "GB"
# UN/ECE Recommendation 20 "one": each line is one recharge.
UNIT = "C62"
# UNCL 4461: credit transfer to the payee's account; "instrument not defined" when the host refunds a council
# (the host pays into the council's account, which the statement does not hold).
CREDIT_TRANSFER = "30"
INSTRUMENT_NOT_DEFINED = "1"
VAT_OUTSIDE_SCOPE = "O"
VATEX_OUTSIDE_SCOPE = "VATEX-EU-O"

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
ROOT_NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
}
NSMAP = {"cbc": CBC, "cac": CAC}

# A UK postcode, as the last line of an address (the outward and inward codes, one space between).
POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$", re.IGNORECASE)
# Electronic address schemes (CEF EAS) a council may register on PEPPOL.
ENDPOINT_SCHEMES = {
    "0088": "GLN (GS1 global location number)",
    "0060": "DUNS number",
    "9932": "UK VAT number",
}


@dataclass(frozen=True)
class Address:
    lines: tuple  # street lines, at most three are carried separately (the rest joined into the third)
    city: str
    postcode: str
    country: str = COUNTRY


def split_address(text):
    """An address as typed (one line per line, the postcode last, the town above it) → Address, or None when
    it does not end with a UK postcode under a town."""
    lines = [line.strip().rstrip(",") for line in (text or "").splitlines() if line.strip()]
    if len(lines) < 2 or not POSTCODE.match(lines[-1]):
        return None
    postcode = lines[-1].upper()
    if " " not in postcode:
        postcode = f"{postcode[:-3]} {postcode[-3:]}"
    street = lines[:-2]
    if len(street) > 3:
        street = [*street[:2], ", ".join(street[2:])]
    return Address(lines=tuple(street), city=lines[-2], postcode=postcode)


def gln_check_digit(first12):
    """The GS1 mod-10 check digit of a GLN's first 12 digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def gln_is_valid(value):
    """A GS1 global location number: 13 digits, the last a mod-10 check digit."""
    return bool(re.fullmatch(r"\d{13}", value or "")) and gln_check_digit(value[:12]) == value[12]


@dataclass(frozen=True)
class Party:
    name: str
    address: Address
    identifier: str  # BT-29 / BT-46: the council's identifier (its ONS GSS code)
    endpoint_scheme: str  # BT-34 / BT-49: the PEPPOL electronic address, its EAS scheme and value
    endpoint: str
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


@dataclass(frozen=True)
class Line:
    position: int
    name: str
    description: str
    ledger_code: str
    amount: Decimal  # as on the statement: positive when the council pays it


@dataclass(frozen=True)
class Document:
    number: str
    issue_date: date
    due_date: date
    period_start: date
    period_end: date
    buyer_reference: str
    order_reference: str
    note: str
    seller: Party
    buyer: Party
    lines: tuple
    net: Decimal  # the statement's net: positive an invoice, negative a credit note
    vat_reason: str
    payment_terms: str
    payment_reference: str
    bank_account_number: str = ""
    bank_account_name: str = ""
    bank_sort_code: str = ""
    preceding: tuple = field(default_factory=tuple)  # ((number, issue date), …) a credit note corrects

    @property
    def is_credit_note(self):
        return self.net < 0


def money(value):
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def _el(parent, tag, text=None, **attrs):
    prefix, name = tag.split(":")
    node = etree.SubElement(parent, f"{{{CBC if prefix == 'cbc' else CAC}}}{name}", **attrs)
    if text is not None:
        node.text = str(text)
    return node


def _amount(parent, tag, value):
    return _el(parent, tag, money(value), currencyID=CURRENCY)


def _party(parent, tag, party):
    p = _el(_el(parent, tag), "cac:Party")
    _el(p, "cbc:EndpointID", party.endpoint, schemeID=party.endpoint_scheme)
    _el(_el(p, "cac:PartyIdentification"), "cbc:ID", party.identifier)
    _el(_el(p, "cac:PartyName"), "cbc:Name", party.name)
    address = _el(p, "cac:PostalAddress")
    street = list(party.address.lines)
    if street:
        _el(address, "cbc:StreetName", street[0])
    if len(street) > 1:
        _el(address, "cbc:AdditionalStreetName", street[1])
    _el(address, "cbc:CityName", party.address.city)
    _el(address, "cbc:PostalZone", party.address.postcode)
    if len(street) > 2:
        _el(_el(address, "cac:AddressLine"), "cbc:Line", street[2])
    _el(_el(address, "cac:Country"), "cbc:IdentificationCode", party.address.country)
    _el(_el(p, "cac:PartyLegalEntity"), "cbc:RegistrationName", party.name)
    if party.contact_name or party.contact_phone or party.contact_email:
        contact = _el(p, "cac:Contact")
        for tag_, value in (
            ("cbc:Name", party.contact_name),
            ("cbc:Telephone", party.contact_phone),
            ("cbc:ElectronicMail", party.contact_email),
        ):
            if value:
                _el(contact, tag_, value)


def _tax_category(parent, tag, reason=None):
    category = _el(parent, tag)
    _el(category, "cbc:ID", VAT_OUTSIDE_SCOPE)
    if reason is not None:
        _el(category, "cbc:TaxExemptionReasonCode", VATEX_OUTSIDE_SCOPE)
        _el(category, "cbc:TaxExemptionReason", reason)
    _el(_el(category, "cac:TaxScheme"), "cbc:ID", "VAT")
    return category


def build(doc: Document) -> bytes:
    """The UBL 2.1 document's bytes (UTF-8, with an XML declaration)."""
    credit = doc.is_credit_note
    root_name = "CreditNote" if credit else "Invoice"
    sign = -1 if credit else 1
    root = etree.Element(f"{{{ROOT_NS[root_name]}}}{root_name}", nsmap={None: ROOT_NS[root_name], **NSMAP})
    _el(root, "cbc:CustomizationID", CUSTOMIZATION_ID)
    _el(root, "cbc:ProfileID", PROFILE_ID)
    _el(root, "cbc:ID", doc.number)
    _el(root, "cbc:IssueDate", doc.issue_date.isoformat())
    if not credit:
        _el(root, "cbc:DueDate", doc.due_date.isoformat())
        _el(root, "cbc:InvoiceTypeCode", INVOICE_TYPE)
    else:
        # The tax point is the date of issue: a credit note carries it before its type code, an invoice after.
        _el(root, "cbc:TaxPointDate", doc.issue_date.isoformat())
        _el(root, "cbc:CreditNoteTypeCode", CREDIT_NOTE_TYPE)
    if doc.note:
        _el(root, "cbc:Note", doc.note)
    if not credit:
        _el(root, "cbc:TaxPointDate", doc.issue_date.isoformat())
    _el(root, "cbc:DocumentCurrencyCode", CURRENCY)
    _el(root, "cbc:BuyerReference", doc.buyer_reference)
    period = _el(root, "cac:InvoicePeriod")
    _el(period, "cbc:StartDate", doc.period_start.isoformat())
    _el(period, "cbc:EndDate", doc.period_end.isoformat())
    if doc.order_reference:
        _el(_el(root, "cac:OrderReference"), "cbc:ID", doc.order_reference)
    for number, issued in doc.preceding:
        ref = _el(_el(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
        _el(ref, "cbc:ID", number)
        _el(ref, "cbc:IssueDate", issued.isoformat())
    _party(root, "cac:AccountingSupplierParty", doc.seller)
    _party(root, "cac:AccountingCustomerParty", doc.buyer)
    means = _el(root, "cac:PaymentMeans")
    if credit:
        _el(means, "cbc:PaymentMeansCode", INSTRUMENT_NOT_DEFINED)
        _el(means, "cbc:PaymentDueDate", doc.due_date.isoformat())
        _el(means, "cbc:PaymentID", doc.payment_reference)
    else:
        _el(means, "cbc:PaymentMeansCode", CREDIT_TRANSFER, name="Credit transfer")
        _el(means, "cbc:PaymentID", doc.payment_reference)
        account = _el(means, "cac:PayeeFinancialAccount")
        _el(account, "cbc:ID", doc.bank_account_number)
        _el(account, "cbc:Name", doc.bank_account_name)
        # A UK sort code identifies the payee's bank branch.
        _el(_el(account, "cac:FinancialInstitutionBranch"), "cbc:ID", doc.bank_sort_code.replace("-", ""))
    _el(_el(root, "cac:PaymentTerms"), "cbc:Note", doc.payment_terms)
    total = sign * doc.net
    tax = _el(root, "cac:TaxTotal")
    _amount(tax, "cbc:TaxAmount", 0)
    sub = _el(tax, "cac:TaxSubtotal")
    _amount(sub, "cbc:TaxableAmount", total)
    _amount(sub, "cbc:TaxAmount", 0)
    _tax_category(sub, "cac:TaxCategory", reason=doc.vat_reason)
    totals = _el(root, "cac:LegalMonetaryTotal")
    for tag in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount"):
        _amount(totals, f"cbc:{tag}", total)
    line_tag, quantity_tag = (
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
        if credit
        else ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    )
    for line in doc.lines:
        value = sign * line.amount
        node = _el(root, line_tag)
        _el(node, "cbc:ID", line.position)
        _el(node, quantity_tag, "1" if value >= 0 else "-1", unitCode=UNIT)
        _amount(node, "cbc:LineExtensionAmount", value)
        _el(node, "cbc:AccountingCost", line.ledger_code)
        item = _el(node, "cac:Item")
        if line.description:
            _el(item, "cbc:Description", line.description)
        _el(item, "cbc:Name", line.name)
        _tax_category(item, "cac:ClassifiedTaxCategory")
        _amount(_el(node, "cac:Price"), "cbc:PriceAmount", abs(value))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
