"""The public projection of partnerships and their councils, as frozen dataclasses (never model objects):
the partnership's page and the councils named on every public page, and the records the JSON API serves
(who belongs, who hosts, since when; two queries for any number of partnerships).

Interface:
    council_view(council) -> PublicCouncil | None
    partnership_page(partnership, today) -> dict of dataclasses for the partnership's page
    public_partnerships() -> list[PartnershipRecord]
    public_partnership(slug) -> PartnershipRecord          (Http404 for no such partnership)
"""

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from .models import Partnership


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


@dataclass(frozen=True)
class PublicBodyLink:
    """A committee or board of the partnership, as its page links it."""

    name: str
    slug: str


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
    """Its legal basis, its committees and boards, its councils and who hosts it, over time (3 queries)."""
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
        # Read through the reverse relation: the partners room imports nothing of committees.
        "bodies": [PublicBodyLink(name=b.name, slug=b.slug) for b in partnership.bodies.all()],
        "current_host": next(
            (h.council for h in hosts if h.start <= today and (h.end is None or h.end >= today)), None
        ),
    }


# The JSON API's records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilRecord:
    """A council as a member of a partnership (the API's row)."""

    code: str
    name: str
    kind: str
    website: str
    joined: date
    left: date | None


@dataclass(frozen=True)
class HostRecord:
    council: str  # the council's code
    start: date
    end: date | None


@dataclass(frozen=True)
class PartnershipRecord:
    slug: str
    name: str
    legal_basis: str
    legal_basis_display: str
    start_date: date
    description: str
    councils: tuple
    hosts: tuple


def _view(p):
    memberships = sorted(p.memberships.all(), key=lambda m: (m.council.code, m.joined))
    return PartnershipRecord(
        slug=p.slug,
        name=p.name,
        legal_basis=p.legal_basis,
        legal_basis_display=p.get_legal_basis_display(),
        start_date=p.start_date,
        description=p.description,
        councils=tuple(
            CouncilRecord(
                code=m.council.code,
                name=m.council.name,
                kind=m.council.kind,
                website=m.council.website,
                joined=m.joined,
                left=m.left,
            )
            for m in memberships
        ),
        hosts=tuple(
            HostRecord(council=h.council.code, start=h.start, end=h.end)
            for h in sorted(p.hosts.all(), key=lambda h: h.start)
        ),
    )


def _queryset():
    return Partnership.objects.order_by("name").prefetch_related("memberships__council", "hosts__council")


def public_partnerships():
    return [_view(p) for p in _queryset()]


def public_partnership(slug):
    p = _queryset().filter(slug=slug).first()
    if p is None:
        raise Http404("No such partnership.")
    return _view(p)


def partnership_rows(ids=None):
    """The partnership rows (all, or those with the given ids) that the other projections' functions take as
    their `partnership` argument, by name: for copies made from the projections (the search index)."""
    qs = Partnership.objects.order_by("name")
    return list(qs if ids is None else qs.filter(pk__in=ids))
