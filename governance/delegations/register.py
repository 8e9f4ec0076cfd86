"""The decisions register: committee resolutions and officer decisions side by side, newest first, with the
same filters, in a fixed number of queries whatever the number of rows."""

from django.db.models import Q

from .forms import OfficerDecisionFilter
from .models import OfficerDecision


def officer_decisions_for(partnership, *, inside):
    """Officer decisions that have been taken (and so published), for the register. Drafts never appear."""
    return (
        OfficerDecision.objects.filter(partnership=partnership, status=OfficerDecision.Status.TAKEN)
        .select_related("partnership", "office", "delegation")
        .order_by("-decided_on", "-pk")
    )


def officer_decisions_filtered(partnership, params, *, inside):
    """The officer decisions matching the register's filters (already validated by DecisionFilter). The
    public's word search reads only what the public sees of an exempt decision."""
    qs = officer_decisions_for(partnership, inside=inside)
    if not params:
        return qs
    params = params.copy()
    text = params.pop("text", [""])[0].strip() if hasattr(params, "pop") else ""
    qs = OfficerDecisionFilter(params, queryset=qs).qs
    if text:
        visible = Q(decision__icontains=text) | Q(reasons__icontains=text)
        if not inside:
            visible = (Q(is_exempt=False) & visible) | (Q(is_exempt=True) & Q(public_summary__icontains=text))
        qs = qs.filter(Q(title__icontains=text) | visible)
    return qs.distinct()


def entry_date(entry):
    return entry.decided_on if getattr(entry, "is_officer_decision", False) else entry.meeting.date


def merged(resolutions, partnership, params, *, inside):
    """Resolutions and officer decisions in one list, newest first."""
    decisions = list(officer_decisions_filtered(partnership, params, inside=inside))
    return sorted([*resolutions, *decisions], key=entry_date, reverse=True)
