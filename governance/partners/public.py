"""The public projection of partnerships and their councils, as frozen dataclasses (never model objects):
the partnership's page and the councils named on every public page, and the records the JSON API serves
(who belongs, who hosts, since when; two queries for any number of partnerships).

Interface:
    council_view(council) -> PublicCouncil | None
    partnership_page(partnership, today) -> dict of dataclasses for the partnership's page
    public_partnerships() -> list[PartnershipRecord]
    public_partnership(slug) -> PartnershipRecord          (Http404 for no such partnership)
    person_view(person) -> PublicPerson                    (a person fetched with their council)
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


@dataclass(frozen=True)
class PublicPerson:
    """A councillor or co-opted member as the public sees them. ward, party and email are "" when not known
    (or not public); interests_url is their entry in their council's register of interests, or the register."""

    pk: int
    title: str
    name: str
    full_name: str
    kind: str
    get_kind_display: str
    council: PublicCouncil
    ward: str
    party: str
    email: str
    interests_url: str

    def __str__(self):
        return self.full_name


def person_view(person):
    """A Person (its council fetched with it) as a PublicPerson."""
    return PublicPerson(
        pk=person.pk,
        title=person.title,
        name=person.name,
        full_name=person.full_name,
        kind=person.kind,
        get_kind_display=person.get_kind_display(),
        council=council_view(person.council),
        ward=person.ward,
        party=person.party,
        email=person.email,
        interests_url=person.interests_url,
    )


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


# For OParl (opendata/oparl.py) ----------------------------------------------------------------------------


def partnership_by_slug(slug):
    """The partnership row the other projections take (None for no such partnership): for the open formats,
    which answer an unknown partnership in their own format rather than with the site's 404 page."""
    return Partnership.objects.filter(slug=slug).first()


@dataclass(frozen=True)
class OparlPartnership:
    partnership: PublicPartnership
    created: object
    modified: object
    councils: tuple  # OparlCouncil of every council that has belonged


@dataclass(frozen=True)
class OparlCouncil:
    council: PublicCouncil
    website: str
    joined: date
    left: date | None
    created: object
    modified: object


def _spans(model, **filters):
    from django.db.models import Max, Min

    rows = (
        model.history.model.objects.filter(**filters)
        .values("id")
        .annotate(first=Min("history_date"), last=Max("history_date"))
    )
    return {r["id"]: (r["first"], r["last"]) for r in rows}


def oparl_partnerships():
    """Every partnership with its councils and when each was first and last changed (4 queries)."""
    from .models import Council, Membership

    spans = _spans(Partnership)
    council_spans = _spans(Council)
    membership_spans = _spans(Membership)
    out = []
    for p in Partnership.objects.order_by("name").prefetch_related("memberships__council"):
        councils = []
        for m in sorted(p.memberships.all(), key=lambda m: (m.council.code, m.joined)):
            c_first, c_last = council_spans.get(m.council_id, (None, None))
            m_first, m_last = membership_spans.get(m.pk, (None, None))
            found = [v for v in (c_first, m_first) if v]
            councils.append(
                OparlCouncil(
                    council=council_view(m.council),
                    website=m.council.website,
                    joined=m.joined,
                    left=m.left,
                    created=min(found) if found else None,
                    modified=max([v for v in (c_last, m_last) if v], default=None),
                )
            )
        first, last = spans.get(p.pk, (None, None))
        out.append(
            OparlPartnership(
                partnership=partnership_view(p), created=first, modified=last, councils=tuple(councils)
            )
        )
    return out
