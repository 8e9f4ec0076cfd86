"""The public projection of officer decisions taken under delegation: the only way a public page, feed or
(to come) API reads them. Frozen dataclasses, never model objects.

Of an exempt decision the public reads only its title, its Schedule 12A paragraph and its public summary
(`EXEMPT_PUBLIC_FIELDS`): not the decision-maker, the urgency, the value, the contributions or the wards.
Drafts never appear.

Interface:
    public_officer_decisions(partnership, queryset=None) -> list[PublicOfficerDecision]
    public_officer_decision(partnership, decision_id) -> PublicOfficerDecision   (Http404 for a draft)
    officer_decision_view(decision, shares=None) -> PublicOfficerDecision
    public_officer_decision_queryset(partnership) / officer_decisions_view(rows): the taken decisions, for
        filtering and paging before the page is turned into dataclasses
    public_forward_plan_queryset(partnership, council=None, everything=False) / forward_plan_view(rows)
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import Http404

from governance.partners.models import Council

from .models import ForwardPlanEntry, OfficerDecision

EXEMPT_PUBLIC_FIELDS = {
    "officerdecision": frozenset({"title", "public_summary"}),
    "decisionshare": frozenset(),
    "paralleldecision": frozenset(),
}


@dataclass(frozen=True)
class PublicShare:
    council: str
    amount: Decimal
    wards: int


@dataclass(frozen=True)
class PublicOfficerDecision:
    pk: int
    title: str
    is_exempt: bool
    exempt_paragraph: int | None
    public_summary: str
    published_on: date | None
    get_absolute_url: str
    # Below: empty for an exempt decision.
    decided_on: date | None = None
    office: str = ""
    decision_maker_name: str = ""
    subject: str = ""
    delegation: str = ""
    value: Decimal | None = None
    capital_value: Decimal | None = None
    decision: str = ""
    reasons: str = ""
    alternatives: str = ""
    conflicts: str = ""
    dispensation: str = ""
    background_papers: str = ""
    is_key_decision: bool = False
    is_urgent: bool = False
    urgency_agreed_by: str = ""
    urgency_reason: str = ""
    takes_effect_on: date | None = None
    shares: tuple = ()
    is_officer_decision: bool = True
    is_taken: bool = True


def officer_decision_view(d, shares=None):
    if d.is_exempt:
        return PublicOfficerDecision(
            pk=d.pk,
            title=d.title,
            is_exempt=True,
            exempt_paragraph=d.exempt_paragraph,
            public_summary=d.public_summary,
            published_on=d.published_on,
            decided_on=d.decided_on,
            get_absolute_url=d.get_absolute_url(),
        )
    return PublicOfficerDecision(
        pk=d.pk,
        title=d.title,
        is_exempt=False,
        exempt_paragraph=None,
        public_summary="",
        published_on=d.published_on,
        get_absolute_url=d.get_absolute_url(),
        decided_on=d.decided_on,
        office=d.office.name,
        decision_maker_name=d.decision_maker_name,
        subject=d.get_subject_display(),
        delegation=d.delegation.title,
        value=d.value,
        capital_value=d.capital_value,
        decision=d.decision,
        reasons=d.reasons,
        alternatives=d.alternatives,
        conflicts=d.conflicts,
        dispensation=d.dispensation,
        background_papers=d.background_papers,
        is_key_decision=d.is_key_decision,
        is_urgent=d.is_urgent,
        urgency_agreed_by=d.urgency_agreed_by,
        urgency_reason=d.urgency_reason,
        takes_effect_on=d.takes_effect_on,
        shares=tuple(
            PublicShare(council=s.council.name, amount=s.amount, wards=s.wards) for s in shares or ()
        ),
    )


def _taken(partnership):
    return OfficerDecision.objects.filter(
        partnership=partnership, status=OfficerDecision.Status.TAKEN
    ).select_related("partnership", "office", "delegation")


def public_officer_decisions(partnership, queryset=None):
    qs = queryset if queryset is not None else _taken(partnership).order_by("-decided_on", "-pk")
    return [officer_decision_view(d) for d in qs.filter(status=OfficerDecision.Status.TAKEN)]


def public_officer_decision(partnership, decision_id):
    d = _taken(partnership).filter(pk=decision_id).first()
    if d is None:
        raise Http404("No such decision.")
    shares = [] if d.is_exempt else list(d.shares.select_related("council"))
    return officer_decision_view(d, shares)


def public_officer_decision_queryset(partnership):
    return _taken(partnership).order_by("-decided_on", "-pk")


def officer_decisions_view(rows):
    return [officer_decision_view(d) for d in rows]


# The forward plan: a public notice in full (an entry to be taken in private says so, with its paragraph).


@dataclass(frozen=True)
class PublicForwardPlanEntry:
    pk: int
    reference: str
    title: str
    decision_maker: str
    councils: tuple  # council codes
    decision_due: date
    published_on: date
    documents: str
    is_exempt: bool
    exempt_paragraph: int | None
    urgency: str
    urgency_agreed_by: str
    urgency_reason: str


ERROR_NO_SUCH_COUNCIL = "No such council in this partnership."


def public_forward_plan_queryset(partnership, *, council_code="", everything=False, today=None):
    """Entries from today on (everything: all of them), optionally only those key for one council (by its
    code; ValueError for a council not in the partnership)."""
    qs = ForwardPlanEntry.objects.filter(partnership=partnership).prefetch_related("councils")
    if council_code:
        council = Council.objects.filter(code=council_code, memberships__partnership=partnership).first()
        if council is None:
            raise ValueError(ERROR_NO_SUCH_COUNCIL)
        qs = qs.filter(councils=council)
    if not everything:
        qs = qs.filter(decision_due__gte=today)
    return qs.order_by("decision_due", "reference", "pk")


def forward_plan_view(rows):
    return [
        PublicForwardPlanEntry(
            pk=e.pk,
            reference=e.reference,
            title=e.title,
            decision_maker=e.decision_maker,
            councils=tuple(sorted(c.code for c in e.councils.all())),
            decision_due=e.decision_due,
            published_on=e.published_on,
            documents=e.documents,
            is_exempt=e.is_exempt,
            exempt_paragraph=e.exempt_paragraph,
            urgency=e.urgency,
            urgency_agreed_by=e.urgency_agreed_by,
            urgency_reason=e.urgency_reason,
        )
        for e in rows
    ]
