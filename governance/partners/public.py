"""The public projection of partnerships and their councils (public facts: who belongs, who hosts, since when),
as frozen dataclasses for the JSON API and any other public reader. Two queries for any number of rows.

Interface:
    public_partnerships() -> list[PublicPartnership]
    public_partnership(slug) -> PublicPartnership          (Http404 for no such partnership)
"""

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from .models import Partnership


@dataclass(frozen=True)
class PublicCouncil:
    code: str
    name: str
    kind: str
    website: str
    joined: date
    left: date | None


@dataclass(frozen=True)
class PublicHost:
    council: str  # the council's code
    start: date
    end: date | None


@dataclass(frozen=True)
class PublicPartnership:
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
    return PublicPartnership(
        slug=p.slug,
        name=p.name,
        legal_basis=p.legal_basis,
        legal_basis_display=p.get_legal_basis_display(),
        start_date=p.start_date,
        description=p.description,
        councils=tuple(
            PublicCouncil(
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
            PublicHost(council=h.council.code, start=h.start, end=h.end)
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
