"""Reads of the forward plan, officer decisions and parallel decisions that the CIO dashboard (and any other
page) shares. Each runs one query, whatever the number of rows."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q

from governance.committees.models import AgendaItem
from governance.partners.models import Council

from .models import DecisionShare, ForwardPlanEntry, OfficerDecision, ParallelDecision


def councils_of(partnership):
    """The councils that have been members of the partnership, by code: a queryset (for filters)."""
    return Council.objects.filter(memberships__partnership=partnership).distinct().order_by("code")


def key_decisions_due(partnership, day, council=None):
    """Forward plan entries (key decisions) due on or after `day`, soonest first; for one council if given."""
    qs = ForwardPlanEntry.objects.filter(partnership=partnership, decision_due__gte=day)
    if council is not None:
        qs = qs.filter(councils=council)
    return list(qs.prefetch_related("councils").order_by("decision_due", "reference"))


def key_decision_items_without_entry(partnership, day):
    """Agenda items marked as key decisions, at meetings from `day` on, that no forward plan entry is linked
    to, soonest first (one query)."""
    linked = ForwardPlanEntry.objects.filter(agenda_item=OuterRef("pk"))
    return list(
        AgendaItem.objects.filter(
            meeting__body__partnership=partnership, meeting__date__gte=day, is_key_decision=True
        )
        .filter(~Exists(linked))
        .select_related("meeting__body")
        .order_by("meeting__date", "position", "pk")
    )


def quarter_of(day):
    """(first, last) day of the calendar quarter `day` falls in (financial Q1 is April to June)."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    first = date(day.year, first_month, 1)
    after = date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def _taken(model, partnership, council):
    """The partnership's taken officer decisions (or the parallel decisions they call for), narrowed to those a
    council shares (or must take) when one is given: the base of the dashboard's decision lists."""
    if model is ParallelDecision:
        qs = model.objects.filter(
            decision__partnership=partnership, decision__status=OfficerDecision.Status.TAKEN
        )
        return qs if council is None else qs.filter(council=council)
    qs = model.objects.filter(partnership=partnership, status=OfficerDecision.Status.TAKEN)
    if council is None:
        return qs
    return qs.filter(Exists(DecisionShare.objects.filter(decision=OuterRef("pk"), council=council)))


def officer_decisions_between(partnership, first, last, council=None):
    """Officer decisions taken between two dates (inclusive), latest first; with a council, those it shares."""
    qs = _taken(OfficerDecision, partnership, council).filter(decided_on__gte=first, decided_on__lte=last)
    return list(qs.select_related("partnership", "office").order_by("-decided_on", "-pk"))


def in_call_in(partnership, day, council=None):
    """Officer decisions taken but not yet able to take effect on `day` (their call-in period runs)."""
    qs = _taken(OfficerDecision, partnership, council).filter(decided_on__lte=day, takes_effect_on__gt=day)
    return list(qs.select_related("partnership", "office").order_by("takes_effect_on", "pk"))


def parallel_awaited(partnership, day, council=None):
    """Parallel decisions a partner council must take that were not recorded by `day`, oldest first."""
    qs = _taken(ParallelDecision, partnership, council).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gt=day)
    )
    return list(qs.select_related("council", "decision__partnership").order_by("decision__decided_on", "pk"))
