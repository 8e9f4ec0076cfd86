"""E-invoices at issue: what issuing a statement needs to make its PEPPOL BIS Billing 3.0 document (UBL 2.1,
built by finance/ubl.py), the checks that refuse the issue before anything is frozen, and the document's bytes.

Called by services.statements_issue: `prepare` reads what every draft of the issue needs in four queries (the
host, the councils' billing profiles, the buyers' purchase orders, the invoices a credit note corrects) and
names every problem; `document` turns one statement, its particulars already frozen on it, into the XML.
"""

from collections import defaultdict
from dataclasses import dataclass

from . import selectors, ubl
from .documents import statement_title
from .models import BillingProfile, Line, PurchaseOrder, RechargeStatement
from .periods import period_dates, year_label
from .settlement import ZERO

ERROR_NO_IDENTIFIER = "Set the identifier on e-invoices of %(council)s before issuing."
ERROR_NO_ENDPOINT = "Set the electronic address (and its scheme) of %(council)s before issuing."
ERROR_ADDRESS = (
    "The invoicing address of %(council)s must end with its town and then its postcode, each on a line of its "
    "own, before issuing (an e-invoice carries them separately)."
)
ERROR_NO_BUYER_REFERENCE = (
    "Set the purchase order of %(council)s for %(year)s, or its reference on e-invoices without a purchase "
    "order, before issuing."
)
ERROR_NO_LEDGER_CODE = (
    "Line %(line)s of the statement for %(council)s (%(funding_line)s) has no ledger code: set its ledger code "
    "before issuing."
)
ERROR_LINES_DO_NOT_ADD_UP = (
    "The lines of the statement for %(council)s add up to £%(total)s, not its net amount of £%(net)s: draft it "
    "again before issuing."
)
ERROR_NO_LINES = (
    "The statement for %(council)s has no lines (an e-invoice has at least one): "
    "draft it again before issuing."
)
SPANNING = "lines spanning several funding lines"


@dataclass
class Context:
    host: object
    profiles: dict  # council pk → BillingProfile
    orders: dict  # council pk → purchase order number for the year
    preceding: dict  # council pk → [(period, number, issue date)] of its issued invoices of the year


def prepare(partnership, year, drafts, particulars):
    """(Context, problems) for issuing `drafts`: problems [(message, code, params)], each named once, that
    refuse the issue (a party without an identifier, electronic address or readable address, a buyer without a
    purchase order or reference, a statement without lines, a line without a ledger code, lines that do not add
    up to the net)."""
    host = selectors.host_for(partnership, year)
    ids = {st.council_id for st in drafts} | ({host.pk} if host else set())
    profiles = {
        p.council_id: p for p in BillingProfile.objects.filter(council_id__in=ids).select_related("council")
    }
    orders = dict(
        PurchaseOrder.objects.filter(partnership=partnership, year=year).values_list("council_id", "number")
    )
    preceding = defaultdict(list)
    for council_id, period, number, issued in (
        RechargeStatement.objects.filter(
            partnership=partnership,
            year=year,
            council_id__in=ids,
            status=RechargeStatement.Status.ISSUED,
            kind=RechargeStatement.Kind.INVOICE,
        )
        .order_by("period", "sequence")
        .values_list("council_id", "period", "number", "issue_date")
    ):
        preceding[council_id].append((period, number, issued))
    context = Context(host=host, profiles=profiles, orders=dict(orders), preceding=preceding)
    problems, named = [], set()

    def problem(message, code, **params):
        key = (code, tuple(sorted(params.items())))
        if key not in named:
            named.add(key)
            problems.append((message, code, params))

    for st in drafts:
        council = st.council
        for party in (council, host or council):
            profile = profiles.get(party.pk)
            if profile is None:
                continue  # issuing already refuses a council without an invoicing address
            if not profile.identifier:
                problem(ERROR_NO_IDENTIFIER, "no_einvoice_identifier", council=party.name)
            if not (profile.endpoint_scheme and profile.endpoint):
                problem(ERROR_NO_ENDPOINT, "no_einvoice_endpoint", council=party.name)
            if ubl.split_address(profile.address) is None:
                problem(ERROR_ADDRESS, "einvoice_address", council=party.name)
        profile = profiles.get(council.pk)
        if profile is not None and not (orders.get(council.pk) or profile.buyer_reference):
            problem(
                ERROR_NO_BUYER_REFERENCE, "no_buyer_reference", council=council.name, year=year_label(year)
            )
        _, ledger = particulars[st.pk]
        lines = list(st.lines.all())
        if not lines:
            problem(ERROR_NO_LINES, "no_lines", council=council.name)
        for line in lines:
            if not ledger.get(line.position):
                label = Line(line.funding_line).label if line.funding_line else SPANNING
                problem(
                    ERROR_NO_LEDGER_CODE,
                    "no_ledger_code",
                    line=line.position,
                    council=council.name,
                    funding_line=label,
                )
        total = sum((line.amount for line in lines), ZERO)
        if total != st.net:
            problem(
                ERROR_LINES_DO_NOT_ADD_UP,
                "lines_do_not_add_up",
                council=council.name,
                total=f"{total:,}",
                net=f"{st.net:,}",
            )
    return context, problems


def _party(profile, name, address, **contact):
    return ubl.Party(
        name=name,
        address=ubl.split_address(address),
        identifier=profile.identifier,
        endpoint_scheme=profile.endpoint_scheme,
        endpoint=profile.endpoint,
        **contact,
    )


def document(st, context) -> bytes:
    """The statement's UBL document, from the particulars frozen on it (names, addresses, dates, bank
    details, reference, VAT wording, ledger codes) and the parties' identifiers. The seller is the host, the
    buyer the statement's council; a credit note refers to the council's invoices it corrects: the period's
    (or, at the true-up, the year's) invoices issued before it."""
    host = context.host or st.council
    refund = st.net < 0
    # The frozen names and addresses: an invoice's payee is the host, a credit note's payer is.
    host_name, host_address, council_name, council_address = (
        (st.payer_name, st.payer_address, st.payee_name, st.payee_address)
        if refund
        else (st.payee_name, st.payee_address, st.payer_name, st.payer_address)
    )
    seller = _party(
        context.profiles[host.pk],
        host_name,
        host_address,
        contact_name=st.contact_name,
        contact_phone=st.contact_phone,
        contact_email=st.contact_email,
    )
    buyer = _party(context.profiles[st.council_id], council_name, council_address)
    order = context.orders.get(st.council_id, "")
    first, last = period_dates(st.year, st.period)
    preceding = ()
    if refund:
        preceding = tuple(
            (number, issued)
            for period, number, issued in context.preceding.get(st.council_id, [])
            if st.period == "true-up" or period == st.period
        )
    due = f"{st.due_date:%-d %B %Y}"
    if refund:
        terms = (
            f"{host_name} refunds {council_name} within {st.payment_terms_days} days of the date of issue, by "
            f"{due}, quoting {st.payment_reference}."
        )
    else:
        terms = (
            f"Payment within {st.payment_terms_days} days of the date of issue, by {due}, by bank transfer "
            f"quoting {st.payment_reference}."
        )
    doc = ubl.Document(
        number=st.number,
        issue_date=st.issue_date,
        due_date=st.due_date,
        period_start=first,
        period_end=last,
        buyer_reference=order or context.profiles[st.council_id].buyer_reference,
        order_reference=order,
        note=statement_title(st),
        seller=seller,
        buyer=buyer,
        lines=tuple(
            ubl.Line(
                position=line.position,
                name=line.description,
                description=line.basis,
                ledger_code=line.ledger_code,
                amount=line.amount,
            )
            for line in st.lines.all()
        ),
        net=st.net,
        vat_reason=st.vat_treatment,
        payment_terms=terms,
        payment_reference=st.payment_reference,
        bank_account_number=st.bank_account_number,
        bank_account_name=st.bank_account_name,
        bank_sort_code=st.bank_sort_code,
        preceding=preceding,
    )
    return ubl.build(doc)
