"""The public projection of partnerships: the partnership's page and the councils named on every public page,
as frozen dataclasses (never model objects).

Interface:
    council_view(council) -> PublicCouncil | None
    partnership_page(partnership, today) -> dict of dataclasses for the partnership's page
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PublicCouncil:
    pk: int
    name: str
    code: str

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class PublicPartnership:
    name: str
    slug: str
    description: str
    get_legal_basis_display: str
    start_date: date | None

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class PublicMembership:
    council: PublicCouncil
    joined: date
    left: date | None


@dataclass(frozen=True)
class PublicHost:
    council: PublicCouncil
    start: date
    end: date | None


def council_view(council):
    return PublicCouncil(pk=council.pk, name=council.name, code=council.code) if council is not None else None


def partnership_view(partnership):
    return PublicPartnership(
        name=partnership.name,
        slug=partnership.slug,
        description=partnership.description,
        get_legal_basis_display=partnership.get_legal_basis_display(),
        start_date=partnership.start_date,
    )


def partnership_page(partnership, today):
    """Its legal basis, its councils and who hosts it, over time (2 queries)."""
    memberships = [
        PublicMembership(council=council_view(m.council), joined=m.joined, left=m.left)
        for m in partnership.memberships.select_related("council").order_by("joined", "council__code")
    ]
    hosts = [
        PublicHost(council=council_view(h.council), start=h.start, end=h.end)
        for h in partnership.hosts.select_related("council").order_by("start")
    ]
    return {
        "partnership": partnership_view(partnership),
        "memberships": memberships,
        "current_members": [
            m for m in memberships if m.joined <= today and (m.left is None or m.left >= today)
        ],
        "hosts": hosts,
        "current_host": next(
            (h.council for h in hosts if h.start <= today and (h.end is None or h.end >= today)), None
        ),
    }
