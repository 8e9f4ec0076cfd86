"""What a subscription would be told of now: everything public that it follows, as `AlertItem`s with a stable key.

Read only through the rooms' public projections, at the moment a mail is written, so a mail never lists
something the public cannot see (a draft, an exempt item's text, something withdrawn since it was published).
"New" is decided by the subscription's record of keys (engagement.models.SentItem): what it has been told of, or
what was already public when it was confirmed. Only the recent past is looked at (WINDOW_DAYS), so the work is
bounded however long the partnership's history.

Search subscriptions go through one function, `new_for_search`, which reads the full-text search
(engagement.search `search_documents`).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from governance.committees import public as committees
from governance.delegations import public as delegations

from .models import SearchDocument
from .search.query import search_documents

# How far back a subscription looks for things it has not been told of.
WINDOW_DAYS = 180

# The kinds of document a search subscription may keep to: those the search page filters by.
SEARCH_TYPES = dict(SearchDocument.Kind.choices)


@dataclass(frozen=True)
class AlertItem:
    key: str  # stable: what SentItem records
    kind: str  # "Agenda published", "Decision", …
    title: str
    path: str  # the public page, relative to the site
    on: date | None  # when (the meeting's date, the decision's publication date)
    where: str = ""  # a second line: the meeting a decision was made at, what a supplement changed


def _meeting_label(meeting):
    return f"{meeting.body.name}, {meeting.date:%-d %B %Y}"


def _window_start(today=None):
    return (today or timezone.localdate()) - timedelta(days=WINDOW_DAYS)


def committee_items(partnership, body_slug, *, today=None):
    """The committee's published agendas and supplements, its minutes (draft and signed) and decisions, of
    meetings from WINDOW_DAYS ago on."""
    start = _window_start(today)
    rows = list(committees.public_meeting_queryset(partnership).filter(body__slug=body_slug, date__gte=start))
    meetings = committees.meetings_view(rows)
    found = []
    for row, m in zip(rows, meetings, strict=True):
        label = _meeting_label(m)
        if m.is_published:
            found.append(
                AlertItem(
                    f"agenda:{m.pk}", "Agenda published", label, m.get_absolute_url, m.issue_date or m.date
                )
            )
            for s in committees.public_supplements(row):
                found.append(
                    AlertItem(
                        f"supplement:{m.pk}:{s.number}",
                        f"Supplementary agenda {s.number}",
                        label,
                        m.get_absolute_url,
                        s.issued_on,
                        _changes(s),
                    )
                )
        minutes_path = reverse(
            "governance:minutes", kwargs={"partnership": partnership.slug, "meeting": m.pk}
        )
        if m.minutes_are_signed:
            found.append(
                AlertItem(f"minutes:{m.pk}", "Minutes", label, minutes_path, m.minutes_approved_on or m.date)
            )
        elif m.draft_minutes_published:
            found.append(AlertItem(f"draft-minutes:{m.pk}", "Draft minutes", label, minutes_path, m.date))
    ids = {m.pk for m in meetings}
    for r in committees.public_resolutions(partnership, limit=500):
        if r.meeting is not None and r.meeting.pk in ids:
            found.append(_resolution_item(r))
    return found


def _changes(supplement):
    """What a supplementary agenda changed, as the public reads it (an exempt item by its public title)."""
    parts = []
    if supplement.items:
        parts.append("New or changed: " + "; ".join(f"{i.number}. {i.title}" for i in supplement.items))
    if supplement.removed:
        parts.append("Taken off: " + "; ".join(supplement.removed))
    return ". ".join(parts)


def _resolution_item(r):
    label = _meeting_label(r.meeting)
    return AlertItem(
        f"resolution:{r.pk}",
        "Decision",
        r.item_title,
        f"{r.meeting.get_absolute_url}#item-{r.item_id}",
        r.meeting.date,
        label,
    )


def forward_plan_items(partnership, *, today=None):
    """Key decisions put on the forward plan from WINDOW_DAYS ago on (an exempt one by its public title)."""
    rows = delegations.public_forward_plan_queryset(partnership, everything=True).filter(
        published_on__gte=_window_start(today)
    )
    path = reverse("governance:forward_plan", kwargs={"partnership": partnership.slug})
    return [
        AlertItem(
            f"forward-plan:{e.pk}",
            "Key decision on the forward plan",
            f"{e.reference}: {e.title}",
            path,
            e.published_on,
            f"{e.decision_maker}, due {e.decision_due:%-d %B %Y}",
        )
        for e in delegations.forward_plan_view(rows)
    ]


def officer_decision_items(partnership, *, today=None):
    rows = delegations.public_officer_decision_queryset(partnership).filter(
        published_on__gte=_window_start(today)
    )
    return [
        AlertItem(f"officer-decision:{d.pk}", "Officer decision", d.title, d.get_absolute_url, d.published_on)
        for d in delegations.officer_decisions_view(rows)
    ]


def new_for_search(partnership, *, query, filters=None, since=None):
    """What the search (its words and filters) finds now, dated from `since` (a date) on, as AlertItems: THE
    ONE PLACE search subscriptions read search, through engagement.search (the full-text index, which holds
    only what the public projections show). Filters understood: "committee" (a body's slug) and "type" (a
    kind of document, as the search page names it). A withdrawn document has left the results by send time."""
    filters = filters or {}
    wanted = {
        "committee": filters.get("committee") or "",
        "kind": filters.get("type") or "",
        "date_from": since,
    }
    try:
        found = search_documents(
            partnership, query=query, filters={k: v for k, v in wanted.items() if v}, order="newest", limit=200
        )
    except ValueError:  # a query the search refuses (too long) finds nothing rather than failing a digest
        return []
    return [AlertItem(r.key, r.kind_display, r.title, r.url, r.date, r.meeting_label) for r in found]


def items_for(subscription, *, today=None):
    """Everything public the subscription follows now (from WINDOW_DAYS ago), newest first, one per key."""
    partnership = subscription.partnership
    kind = subscription.kind
    if kind == "committee":
        found = committee_items(partnership, subscription.body_slug, today=today)
    elif kind == "forward_plan":
        found = forward_plan_items(partnership, today=today)
    elif kind == "officer_decisions":
        found = officer_decision_items(partnership, today=today)
    else:
        found = new_for_search(
            partnership, query=subscription.query, filters=subscription.filters, since=_window_start(today)
        )
    unique = {}
    for item in found:
        unique.setdefault(item.key, item)
    return sorted(unique.values(), key=lambda i: (i.on or date.min, i.key), reverse=True)
