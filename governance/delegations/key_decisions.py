"""Key decisions on agendas and their forward plan notices (2012 Regulations, regulations 9–11).

`key_decision_problems` is the publication check delegations registers with committees
(governance/committees/publication_checks.py, from governance/apps.py): publishing an agenda is refused while
an item ticked "key decision" has no forward plan entry, or an entry whose notice does not suffice for the
meeting's date. Each problem is one plain message naming the item, for the editor, a confirmation page and the
refusal alike."""

from governance.committees.ordering import numbered

from .decision_rules import NO_NOTICE
from .models import ForwardPlanEntry

KEY_DECISION_PROBLEM = "Item {number}, “{title}”, is a key decision: {problem}."


def entries_for_items(item_ids):
    """{agenda item id: its forward plan entry} for the given items, in one query."""
    return {e.agenda_item_id: e for e in ForwardPlanEntry.objects.filter(agenda_item_id__in=list(item_ids))}


def item_notice_problem(item, entry, decided_on):
    """The notice problem of one key-decision item (without its name), or ""."""
    if entry is None:
        return NO_NOTICE
    return entry.notice_problem(decided_on)


def key_decision_problems(meeting, *, today=None):
    """One message per key-decision item of the meeting whose notice does not suffice, in agenda order."""
    items = [i for i in numbered(list(meeting.items.all())) if i.is_key_decision]
    if not items:
        return []
    entries = entries_for_items(i.pk for i in items)
    problems = []
    for item in items:
        problem = item_notice_problem(item, entries.get(item.pk), meeting.date)
        if problem:
            problems.append(
                KEY_DECISION_PROBLEM.format(number=item.number, title=item.title, problem=problem)
            )
    return problems
