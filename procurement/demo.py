"""Demo data for procurement, from the seed's Joint Committee papers (D1): the mobile devices and the MFD and
print room procurements the CDIO was delegated to award (19 June 2017, D1 L236–266), the WAN to be called off
CCS framework RM1045 Lot 1 (D1 L3136–3144, L3230–3238, L3271) and the social care case-management contracts
of the three councils with their July 2020 co-terminus target (D1 L2984–2999).

Where the seed gives no figure (values, start dates, take-by dates, suppliers), the demo says so: each such
contract's notes begin ILLUSTRATIVE. Idempotent: a contract already in the register is left as it is."""

from datetime import date
from decimal import Decimal

from governance.audit.versions import UNCHECKED
from governance.demo import public_text
from governance.models import Council, Office, OfficerDecision, Partnership

from .models import Contract, Supplier
from .services import contract_award, contract_save, supplier_save

ILLUSTRATIVE = (
    "ILLUSTRATIVE: the seed gives no {what}; the demo's figure is made up. Replace it with the contract's."
)
SINGLE_SOURCE_GROUNDS = (
    "The single source procurement strategy the Joint Committee approved on 19 June 2017 (minute {minute})."
)
COTERMINUS = date(2020, 7, 31)  # “a co-terminus contract date of July 2020” (D1 L2984)


def _thirds(total):
    total = Decimal(total)
    third = (total / 3).quantize(Decimal("0.01"))
    return {"LBC": total - 2 * third, "LBH": third, "LBI": third}


# The seed names the systems, not their suppliers (Camden and Haringey use Impulse and Mosaic, D1 L2184;
# Islington LAS and LCS, D1 L2994–2999): the register names each supplier by its system, with no address, and
# the contracts' notes (read by officers only) say that the name is the demo's.
SUPPLIERS = [("Mosaic case management supplier", ""), ("LAS and LCS case management supplier", "")]
SUPPLIER_NOT_NAMED = " The seed does not name the supplier: the register's name for it is the demo's."

CONTRACTS = [
    {
        "reference": "SD-MOB-2018",
        "title": "Mobile devices, calls and data for the three councils",
        "description": "Supply of mobile devices, calls and data through a single supplier for Camden, Haringey "
        "and Islington (single source procurement strategy approved 19 June 2017, D1 L242).",
        "category": Contract.Category.MOBILE,
        "total_value": "1350000.00",
        "annual_value": "450000.00",
        "start_date": date(2018, 4, 1),
        "end_date": date(2021, 3, 31),
        "notice_months": 3,
        "route": Contract.Route.SINGLE_SOURCE,
        "route_justification": SINGLE_SOURCE_GROUNDS.format(minute=8),
        "shares": _thirds("1350000.00"),
        # The award is the CDIO's officer decision (governance/demo.py, DEMO_AWARDS): the contract reads its
        # date, value and shares from there.
        "decision": "Award of the mobile devices, calls and data contract to a single supplier",
        "notes": ILLUSTRATIVE.format(what="value, start or end for this contract"),
    },
    {
        "reference": "SD-MFD-2018",
        "title": "Multi-functional devices (MFDs) and print room services",
        "description": "Consolidating the MFD estate and a single contract for print services for the three "
        "councils; contract termination dates to be standardised (D1 L256–266).",
        "category": Contract.Category.PRINT,
        "total_value": "1200000.00",
        "annual_value": "400000.00",
        "start_date": date(2018, 7, 1),
        "end_date": date(2021, 6, 30),
        "notice_months": 3,
        "route": Contract.Route.SINGLE_SOURCE,
        "route_justification": SINGLE_SOURCE_GROUNDS.format(minute=9),
        "shares": _thirds("1200000.00"),
        "decision": "Award of the multi-functional devices and print room services contract to a single supplier",
        "notes": ILLUSTRATIVE.format(what="value, start or end for this contract"),
    },
    {
        "reference": "SD-WAN-2018",
        "title": "Wide area network: a single shared (securely segmented) network",
        "description": "Implementation and five-year operation of a managed WAN service for the three councils "
        "(Network Services Transformation, 30 October 2017). One-off investment £990,000 funded from the "
        "Evergreening provision; annual operating cost £889,000 (D1 L3230–3232, L3280).",
        "category": Contract.Category.WAN,
        "total_value": "5435000.00",
        "annual_value": "889000.00",
        "start_date": date(2018, 4, 1),
        "end_date": date(2023, 3, 31),
        "notice_months": 6,
        "route": Contract.Route.FRAMEWORK,
        "framework_name": "Crown Commercial Service RM1045 Network Services",
        "framework_lot": "Lot 1 Data Access Services",
        "framework_suppliers": 24,
        "invitation": Contract.Invitation.QUOTE,
        "shares": _thirds("5435000.00"),
        "notes": "Aggregate value £5.435m over five years (D1 L3271); the summary's “c. £5.5m” rounds it up "
        "(D1 L153). The award returns to the Joint Committee in February 2018 (D1 L3144). "
        + ILLUSTRATIVE.format(what="start date or split between the councils"),
    },
    {
        "reference": "LBC-CM",
        "title": "Camden adult social care and children's services case management system",
        "description": "Mosaic case management system licences and support (Camden has unlimited perpetual "
        "licences, D1 L3054).",
        "category": Contract.Category.CASE_MANAGEMENT,
        "supplier": 0,
        "total_value": "750000.00",
        "annual_value": "150000.00",
        "start_date": date(2014, 7, 10),
        "end_date": date(2019, 7, 9),
        "extensions": [(date(2019, 7, 10), 12, date(2019, 1, 9))],
        "route": Contract.Route.OPEN,
        "invitation": Contract.Invitation.TENDER,
        "award": Contract.Award.LEGACY,
        "status": Contract.Status.LIVE,
        "shares": {"LBC": "750000.00"},
        "coterminus_target": COTERMINUS,
        "notes": "End date and 1-year extension from D1 L2994–2999. "
        + ILLUSTRATIVE.format(what="value, start date or take-by date for this contract"),
    },
    {
        "reference": "LBH-CM",
        "title": "Haringey adult social care and children's services case management system",
        "description": "Mosaic case management system (D1 L2184). No extension is available (D1 L2999).",
        "category": Contract.Category.CASE_MANAGEMENT,
        "supplier": 0,
        "total_value": "600000.00",
        "annual_value": "120000.00",
        "start_date": date(2014, 5, 1),
        "end_date": date(2019, 4, 30),
        "route": Contract.Route.OPEN,
        "invitation": Contract.Invitation.TENDER,
        "award": Contract.Award.LEGACY,
        "status": Contract.Status.LIVE,
        "shares": {"LBH": "600000.00"},
        "coterminus_target": COTERMINUS,
        "notes": "End date from D1 L2994–2999; extending beyond it needs a legal risk evaluation (D1 L3115). "
        + ILLUSTRATIVE.format(what="value or start date for this contract"),
    },
    {
        "reference": "LBI-CM-LIC",
        "title": "Islington LAS and LCS case management licences",
        "description": "Licences for the LAS (adults) and LCS (children) case management systems.",
        "category": Contract.Category.CASE_MANAGEMENT,
        "supplier": 1,
        "total_value": "300000.00",
        "annual_value": "60000.00",
        "start_date": date(2013, 6, 18),
        "end_date": date(2018, 6, 17),
        "extension_to_be_confirmed": True,
        "route": Contract.Route.OPEN,
        "invitation": Contract.Invitation.TENDER,
        "award": Contract.Award.LEGACY,
        "status": Contract.Status.LIVE,
        "shares": {"LBI": "300000.00"},
        "coterminus_target": COTERMINUS,
        "notes": "End date from D1 L2994–2999; extension TBC. "
        + ILLUSTRATIVE.format(what="value or start date for this contract"),
    },
    {
        "reference": "LBI-CM-SM",
        "title": "Islington LAS and LCS support and maintenance",
        "description": "Support and maintenance for the LAS and LCS case management systems.",
        "category": Contract.Category.CASE_MANAGEMENT,
        "supplier": 1,
        "total_value": "250000.00",
        "annual_value": "50000.00",
        "start_date": date(2013, 4, 1),
        "end_date": date(2018, 3, 31),
        "extension_to_be_confirmed": True,
        "route": Contract.Route.OPEN,
        "invitation": Contract.Invitation.TENDER,
        "award": Contract.Award.LEGACY,
        "status": Contract.Status.LIVE,
        "shares": {"LBI": "250000.00"},
        "coterminus_target": COTERMINUS,
        "notes": "End date from D1 L2994–2999; extension TBC. "
        + ILLUSTRATIVE.format(what="value or start date for this contract"),
    },
]


def load(stdout=None):
    partnership = Partnership.objects.filter(slug="shared-digital").first()
    if partnership is None:
        return
    councils = {c.code: c for c in Council.objects.all()}
    office = Office.objects.filter(partnership=partnership, short_name="CDIO").first()
    suppliers = []
    for name, address in SUPPLIERS:
        supplier = Supplier.objects.filter(name=name).first()
        suppliers.append(supplier or supplier_save(by=None, name=name, address=address))
    added = 0
    for spec in CONTRACTS:
        existing = Contract.objects.filter(partnership=partnership, reference=spec["reference"]).first()
        if existing is not None:
            _award_from_decision(existing, spec)
            continue
        spec = dict(spec)
        decision_title = spec.pop("decision", None)
        shares = [(councils[code], Decimal(amount)) for code, amount in spec.pop("shares").items()]
        extensions = spec.pop("extensions", [])
        if "supplier" in spec:
            spec["supplier"] = suppliers[spec["supplier"]]
            spec["notes"] = spec.get("notes", "") + SUPPLIER_NOT_NAMED
        spec["description"] = public_text(spec["description"])
        for name in ("total_value", "annual_value"):
            spec[name] = Decimal(spec[name])
        contract, _checks = contract_save(
            partnership=partnership,
            by=None,
            shares=shares,
            extensions=extensions,
            owner_office=office,
            standing_orders_of=shares[0][0] if len(shares) == 1 else councils["LBC"],
            **spec,
        )
        _award_from_decision(contract, {"decision": decision_title})
        added += 1
    if stdout:
        stdout.write(f"Procurement: {added} contracts added ({len(CONTRACTS)} in the demo).")


def _award_from_decision(contract, spec):
    """Awards a demo contract by the officer decision that awarded it (when the demo has one and the contract
    is not yet awarded): the contract then reads the award's date, value and shares from the decision. A
    contract loaded before the awards were read from their decisions is brought into line the same way."""
    title = spec.get("decision")
    if not title or contract.award != Contract.Award.DRAFT:
        return
    decision = OfficerDecision.objects.filter(
        partnership=contract.partnership, title=title, status=OfficerDecision.Status.TAKEN
    ).first()
    if decision is None:
        return
    if contract.authorising_decision_id != decision.pk:
        fields = {"authorising_decision": decision, "authorising_resolution": None}
        for name in ("route_justification", "annual_value"):
            if name in spec:
                fields[name] = Decimal(spec[name]) if name == "annual_value" else spec[name]
        contract, _checks = contract_save(
            partnership=contract.partnership,
            by=None,
            shares=[(s.council, s.amount) for s in contract.shares.select_related("council")],
            extensions=[(o.starts_on, o.months, o.take_by, o.taken_on) for o in contract.extensions.all()],
            existing=contract,
            version=UNCHECKED,
            **fields,
        )
    contract_award(contract=contract, by=None)
