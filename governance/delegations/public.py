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
    delegation_view(delegation) -> PublicDelegation          (the scheme of delegation: all public)
    decision_rule_view(rule) -> PublicDecisionRule
    forward_plan_entry_view(entry) -> PublicForwardPlanEntry (councils prefetched)
    register_executive_decision_queryset(partnership) / executive_decision_view(decision)
        -> PublicExecutiveDecision: the councils' parallel executive decisions (all public)
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import BooleanField, Case, CharField, F, IntegerField, TextField, Value, When
from django.http import Http404

from governance.committees.public import PublicMeeting, meeting_view
from governance.partners.models import Council
from governance.partners.public import PublicCouncil, council_view

from .models import ExecutiveDecision, ForwardPlanEntry, OfficerDecision

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


# The projection above as SQL, for filters, searches and sorts (governance/projection.py). Each annotation:
# (name, the field it shows, its type, what the public reads of an exempt decision instead).
_PROJECTED = (
    ("shown_title", "title", CharField(), None),
    ("shown_decision", "decision", TextField(), ""),
    ("shown_reasons", "reasons", TextField(), ""),
    ("shown_is_key_decision", "is_key_decision", BooleanField(), False),
    ("shown_body", "delegation__to_body", IntegerField(), None),
)


def _shown(*, inside):
    """The `shown_` annotations: the fields as the public reads them, or (inside) the fields themselves."""
    if inside:
        fields = {name: F(source) for name, source, _, _ in _PROJECTED}
        return {**fields, "shown_public_summary": F("public_summary"), "shown_shares": Value(True)}
    fields = {
        name: F(source)
        if source in EXEMPT_PUBLIC_FIELDS["officerdecision"]
        else Case(
            When(is_exempt=True, then=Value(blank, output_field=kind)), default=F(source), output_field=kind
        )
        for name, source, kind, blank in _PROJECTED
    }
    return {
        **fields,
        # The public summary is what the public reads instead of an exempt decision's text.
        "shown_public_summary": Case(
            When(is_exempt=True, then=F("public_summary")), default=Value(""), output_field=TextField()
        ),
        # Each council's share is shown on the page of a decision that is not exempt only.
        "shown_shares": Case(
            When(is_exempt=True, then=Value(False)), default=Value(True), output_field=BooleanField()
        ),
    }


def register_officer_decision_queryset(partnership, *, inside):
    """The taken decisions, newest first, with the fields a filter may read (`shown_…`): as the public
    projection shows them, or for people inside (who read exempt decisions in full) the decisions' own."""
    return _taken(partnership).annotate(**_shown(inside=inside)).order_by("-decided_on", "-pk")


def public_officer_decision_queryset(partnership):
    return register_officer_decision_queryset(partnership, inside=False)


def officer_decisions_view(rows):
    return [officer_decision_view(d) for d in rows]


# The scheme of delegation, the decision rules and the forward plan: public records, as dataclasses -------


@dataclass(frozen=True)
class PublicGrant:
    """The resolution that granted a delegation: where it was made."""

    meeting: PublicMeeting
    item_id: int


@dataclass(frozen=True)
class PublicDelegation:
    pk: int
    title: str
    conditions: str
    to_office: str
    to_body: object  # a PublicBody-like: .name, or None
    subject_labels: tuple
    financial_limit: Decimal | None
    granted_by: PublicGrant | None
    granted_by_text: str
    effective_from: date
    effective_to: date | None
    revoked_on: date | None

    def __str__(self):
        return self.title


@dataclass(frozen=True)
class NamedBody:
    name: str


def delegation_view(d):
    """d with to_office, to_body and granted_by__meeting__body__partnership fetched."""
    grant = d.granted_by
    return PublicDelegation(
        pk=d.pk,
        title=d.title,
        conditions=d.conditions,
        to_office=str(d.to_office) if d.to_office_id else "",
        to_body=NamedBody(name=d.to_body.name) if d.to_body_id else None,
        subject_labels=tuple(d.subject_labels),
        financial_limit=d.financial_limit,
        granted_by=PublicGrant(meeting=meeting_view(grant.meeting, with_next=False), item_id=grant.item_id)
        if grant is not None
        else None,
        granted_by_text=d.granted_by_text,
        effective_from=d.effective_from,
        effective_to=d.effective_to,
        revoked_on=d.revoked_on,
    )


@dataclass(frozen=True)
class PublicDecisionRule:
    kind: str
    get_kind_display: str
    decision_maker: str
    council: PublicCouncil | None
    bound_text: str
    wards: int
    effective_from: date
    effective_to: date | None
    source: str


def decision_rule_view(rule):
    return PublicDecisionRule(
        kind=rule.kind,
        get_kind_display=rule.get_kind_display(),
        decision_maker=rule.decision_maker,
        council=council_view(rule.council) if rule.council_id else None,
        bound_text=rule.bound_text,
        wards=rule.wards,
        effective_from=rule.effective_from,
        effective_to=rule.effective_to,
        source=rule.source,
    )


@dataclass(frozen=True)
class PublicForwardPlanEntry:
    """A key decision on the forward plan. The forward plan is public by law, an entry to be taken in private
    included (its title, maker and paragraph are what regulation 9 publishes)."""

    pk: int
    reference: str
    title: str
    decision_maker: str
    councils: tuple
    decision_due: date
    published_on: date
    documents: str
    is_exempt: bool
    exempt_paragraph: int | None
    urgency: str
    get_urgency_display: str
    urgency_agreed_by: str
    urgency_reason: str
    clear_days_notice: int
    # The meeting at which it is taken, once that meeting's agenda is published (None before).
    meeting: PublicMeeting | None = None

    def __str__(self):
        return f"{self.reference}: {self.title}"


# What a forward plan entry's queryset fetches with it: its councils, and the meeting it is taken at.
FORWARD_PLAN_MEETING = (
    "agenda_item__meeting__body__partnership",
    "agenda_item__meeting__minutes_approved_at",
)


def _published_meeting(entry):
    meeting = entry.agenda_item.meeting if entry.agenda_item_id else None
    return meeting_view(meeting, with_next=False) if meeting is not None and meeting.is_published else None


def forward_plan_entry_view(entry):
    """entry with its councils prefetched and FORWARD_PLAN_MEETING fetched."""
    return PublicForwardPlanEntry(
        pk=entry.pk,
        reference=entry.reference,
        title=entry.title,
        decision_maker=entry.decision_maker,
        councils=tuple(council_view(c) for c in entry.councils.all()),
        decision_due=entry.decision_due,
        published_on=entry.published_on,
        documents=entry.documents,
        is_exempt=entry.is_exempt,
        exempt_paragraph=entry.exempt_paragraph,
        urgency=entry.urgency,
        get_urgency_display=entry.get_urgency_display(),
        urgency_agreed_by=entry.urgency_agreed_by,
        urgency_reason=entry.urgency_reason,
        clear_days_notice=entry.clear_days_notice,
        meeting=_published_meeting(entry),
    )


ERROR_NO_SUCH_COUNCIL = "No such council in this partnership."


def public_forward_plan_queryset(partnership, *, council_code="", everything=False, today=None):
    """Entries from today on (everything: all of them), optionally only those key for one council (by its
    code; ValueError for a council not in the partnership)."""
    qs = (
        ForwardPlanEntry.objects.filter(partnership=partnership)
        .select_related(*FORWARD_PLAN_MEETING)
        .prefetch_related("councils")
    )
    if council_code:
        council = Council.objects.filter(code=council_code, memberships__partnership=partnership).first()
        if council is None:
            raise ValueError(ERROR_NO_SUCH_COUNCIL)
        qs = qs.filter(councils=council)
    if not everything:
        qs = qs.filter(decision_due__gte=today)
    return qs.order_by("decision_due", "reference", "pk")


def forward_plan_view(rows):
    return [forward_plan_entry_view(e) for e in rows]


# For OParl (opendata/oparl.py) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OparlOfficerDecision:
    """A taken officer decision that is not exempt (an exempt one does not appear, not even by id)."""

    pk: int
    title: str
    decided_on: date
    office: str
    decision: str
    body_id: int | None  # the body that granted the delegation, when it was a body
    created: object
    modified: object
    get_absolute_url: str


def oparl_officer_decisions(partnership):
    """The partnership's public officer decisions with when each was first and last changed (2 queries)."""
    from django.db.models import Max, Min

    spans = {
        r["id"]: (r["first"], r["last"])
        for r in OfficerDecision.history.model.objects.filter(partnership_id=partnership.pk)
        .values("id")
        .annotate(first=Min("history_date"), last=Max("history_date"))
    }
    return [
        OparlOfficerDecision(
            pk=d.pk,
            title=d.title,
            decided_on=d.decided_on,
            office=d.office.name,
            decision=d.decision,
            body_id=d.delegation.to_body_id,
            created=spans.get(d.pk, (None, None))[0],
            modified=spans.get(d.pk, (None, None))[1],
            get_absolute_url=d.get_absolute_url(),
        )
        for d in _taken(partnership).filter(is_exempt=False).order_by("pk")
    ]


# The councils' executive decisions taken in parallel on one report: public records ----------------------


@dataclass(frozen=True)
class PublicExecutiveDecision:
    pk: int
    council: str
    decision_maker: str
    title: str
    decided_on: date | None
    forward_plan_reference: str
    is_key_decision: bool
    reporting_officers: str
    clauses: tuple
    reasons: str
    is_executive_decision: bool = True


def executive_decision_view(d):
    return PublicExecutiveDecision(
        pk=d.pk,
        council=d.council.name,
        decision_maker=d.decision_maker,
        title=d.title,
        decided_on=d.decided_on,
        forward_plan_reference=d.forward_plan_reference,
        is_key_decision=d.is_key_decision,
        reporting_officers=d.reporting_officers,
        clauses=tuple(d.clauses),
        reasons=d.reasons,
    )


def register_executive_decision_queryset(partnership):
    """The councils' executive decisions, newest first (those whose date is not recorded last)."""
    return (
        ExecutiveDecision.objects.filter(partnership=partnership)
        .select_related("council")
        .order_by(F("decided_on").desc(nulls_last=True), "council__code", "pk")
    )
