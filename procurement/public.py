"""What the public may read of the register: the Local Government Transparency Code 2015 contracts data
(paragraph 31–36), for each council, quarter by quarter. Public pages and the public CSV read only from here;
they never get a model. Nothing of the authorising decision (which may be exempt) passes through: only the
contract's own published facts.

Published: contracts with a value over £5,000 (the Code's threshold) that a council is party to, awarded or
let before the partnership (not drafts in the pipeline), running on some day of the quarter."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from governance.models import Council

from .models import Contract
from .selectors import first_and_last_of_quarter, register

TRANSPARENCY_MINIMUM = Decimal("5000")

FIELDS = [
    ("reference", "Reference number"),
    ("title", "Title of agreement"),
    ("department", "Department responsible"),
    ("description", "Description of the goods or services"),
    ("supplier_name", "Supplier name"),
    ("supplier_details", "Supplier details (address)"),
    ("registration_number", "Registered company or charity number"),
    ("total_value", "Sum to be paid over the length of the contract (£)"),
    ("council_share", "This council's share of that sum (£)"),
    ("annual_value", "Estimated annual spending (£)"),
    ("vat_not_recoverable", "VAT that cannot be recovered (£)"),
    ("start_date", "Start date"),
    ("end_date", "End date"),
    ("review_date", "Review date"),
    ("invitation", "Invitation to quote or published invitation to tender"),
    ("is_sme", "Supplier is a small or medium-sized enterprise"),
    ("is_vcs", "Supplier is a voluntary or community sector organisation"),
]


@dataclass(frozen=True)
class PublicContract:
    reference: str
    title: str
    department: str
    description: str
    supplier_name: str
    supplier_details: str
    registration_number: str
    total_value: Decimal
    council_share: Decimal
    annual_value: Decimal
    vat_not_recoverable: Decimal
    start_date: date
    end_date: date
    review_date: date | None
    invitation: str
    is_sme: str
    is_vcs: str

    def values(self):
        return [getattr(self, name) for name, _ in FIELDS]


def _yes(flag):
    return "Yes" if flag else "No"


def transparency_rows(partnership, council, year, quarter):
    """[PublicContract] the council publishes for the calendar quarter (1 = January to March)."""
    first, last = first_and_last_of_quarter(year, quarter)
    contracts = (
        register(partnership)
        .filter(shares__council=council, total_value__gt=TRANSPARENCY_MINIMUM)
        .filter(award__in=[Contract.Award.AWARDED, Contract.Award.LEGACY])
        .filter(start_date__lte=last)
        .exclude(status=Contract.Status.PIPELINE)
        .distinct()
    )
    rows = []
    for c in contracts:
        taken = [o.ends_on for o in c.extensions.all() if o.taken_on is not None]
        end = max([c.end_date] + taken)
        if end < first:
            continue
        supplier = c.supplier
        share = next((s.amount for s in c.shares.all() if s.council_id == council.pk), Decimal("0"))
        rows.append(
            PublicContract(
                reference=c.reference,
                title=c.title,
                department=c.department,
                description=c.description,
                supplier_name=supplier.name if supplier else "",
                supplier_details=" ".join(supplier.address.split()) if supplier else "",
                registration_number=supplier.registration_number if supplier else "",
                total_value=c.total_value,
                council_share=share,
                annual_value=c.annual_value,
                vat_not_recoverable=c.vat_not_recoverable,
                start_date=c.start_date,
                end_date=end,
                review_date=c.review_date,
                invitation=c.get_invitation_display(),
                is_sme=_yes(supplier and supplier.is_sme),
                is_vcs=_yes(supplier and supplier.is_vcs),
            )
        )
    return sorted(rows, key=lambda r: r.reference)


def publishing_councils(partnership):
    """The councils party to any of the partnership's published contracts."""
    return list(
        Council.objects.filter(
            pk__in=Contract.objects.filter(partnership=partnership)
            .exclude(award=Contract.Award.DRAFT)
            .values("shares__council")
        ).order_by("code")
    )
