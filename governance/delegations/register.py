"""The decisions register: committee resolutions, officer decisions and the councils' parallel executive
decisions side by side, newest first, with the same filters, in a fixed number of queries whatever the number
of rows."""

from datetime import date
from heapq import merge
from itertools import islice

from . import public
from .forms import ExecutiveDecisionFilter, OfficerDecisionFilter


def officer_decisions_filtered(partnership, params, *, inside):
    """The officer decisions matching the register's filters (already validated by DecisionFilter), taken
    (and so published) ones only, newest first. The filters read what the public projection shows of an
    exempt decision (its title, public summary and dates) unless the reader is inside."""
    qs = public.register_officer_decision_queryset(partnership, inside=inside)
    if not params:
        return qs
    return OfficerDecisionFilter(params, queryset=qs).qs.distinct()


def executive_decisions_filtered(partnership, params):
    """The councils' parallel executive decisions matching the register's filters (all public), newest first,
    those whose date is not recorded last."""
    qs = public.register_executive_decision_queryset(partnership)
    if not params:
        return qs
    return ExecutiveDecisionFilter(params, queryset=qs).qs


def entry_date(entry):
    if getattr(entry, "is_executive_decision", False):
        return entry.decided_on or date.min  # a date not recorded sorts last, as the query orders it
    return entry.decided_on if getattr(entry, "is_officer_decision", False) else entry.meeting.date


def merged(resolutions, partnership, params, *, inside):
    """Resolutions, officer decisions and executive decisions in one list, newest first, read only as far as
    the page asked for (see Merged)."""
    return Merged(
        resolutions,
        officer_decisions_filtered(partnership, params, inside=inside),
        executive_decisions_filtered(partnership, params),
    )


class Merged:
    """Querysets, each newest first, read as one list newest first (ties: in the order given, resolutions
    first). A slice reads only the rows up to its end from each, so a page of the register costs the same
    counts and short reads however many decisions there are; a Paginator takes it like a list."""

    def __init__(self, *querysets):
        self.querysets = querysets
        self._count = None

    def count(self):
        if self._count is None:
            self._count = sum(qs.count() for qs in self.querysets)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.count())
            if stop <= start:
                return []
            rows = merge(*(qs[:stop] for qs in self.querysets), key=entry_date, reverse=True)
            return list(islice(rows, start, stop, step))
        index = index + self.count() if index < 0 else index
        rows = self[index : index + 1]
        if not rows:
            raise IndexError(index)
        return rows[0]

    def __iter__(self):
        return iter(self[0 : self.count()])
