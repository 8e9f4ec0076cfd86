"""The public projection of the establishment: the only way the public JSON API reads posts. Frozen
dataclasses, never model objects, so a serialiser for the public cannot reach a field not listed here.

The public reads posts, not people: a post's reference, title, grade, FTE, team, employing council, the
councils it works for, its status on the day asked about, its dates and the post it reports to. Nothing of
its holders (names, terms, secondments, agency day rates) and no salary: a grade is public, what one person
is paid is not. Nor the funding line or the restructures behind a post (internal budgeting).

Interface (read-only, a fixed number of queries whatever the number of posts):
    public_posts_queryset(partnership, day) -> the posts open on the day, with their status that day, for
        filtering (staffing.filters.EstablishmentFilter) and paging before they become dataclasses
    posts_view(rows) -> list[PublicPost]   (the councils each post works for, in one query)
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .models import Placement
from .selectors import establishment


@dataclass(frozen=True)
class PublicPost:
    reference: str
    title: str
    grade: str
    fte: Decimal
    team: str
    employing_council: str
    councils: tuple[str, ...]
    status: str
    effective_from: date
    effective_to: date | None
    reports_to: str


def public_posts_queryset(partnership, day):
    """The posts open on the day, by team and reference, with their status that day."""
    return establishment(partnership, day).order_by("team", "reference")


def posts_view(rows):
    """[PublicPost] of these posts (as public_posts_queryset gives them): the councils each works for are its
    placements' councils, or its employing council when it has none."""
    rows = list(rows)
    placed = defaultdict(list)
    for post_id, code in (
        Placement.objects.filter(post_id__in=[p.pk for p in rows])
        .order_by("council__code")
        .values_list("post_id", "council__code")
    ):
        placed[post_id].append(code)
    return [
        PublicPost(
            reference=p.reference,
            title=p.title,
            grade=p.grade.code,
            fte=p.fte,
            team=p.team,
            employing_council=p.employing_council.code,
            councils=tuple(placed.get(p.pk) or [p.employing_council.code]),
            status=p.status,
            effective_from=p.effective_from,
            effective_to=p.effective_to,
            reports_to=p.reports_to.reference if p.reports_to_id else "",
        )
        for p in rows
    ]
