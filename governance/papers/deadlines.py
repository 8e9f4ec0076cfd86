"""The committee officer's meetings to come, each with every deadline and what is still missing: the forward
plan notice of its key decisions (28 clear days, 2012 Regulations regulation 9), the publication of its agenda
(5 clear working days, LGA 1972 s100B), deputation requests, and the reports not signed off and the key
decisions without notice. It reads three rooms (committees, delegations, papers), so it lives in papers, the
highest of them. Four queries, whatever the number of meetings."""

from dataclasses import dataclass, field
from datetime import date

from governance.calendar import latest_publication_date
from governance.committees.models import AgendaItem, Meeting
from governance.committees.ordering import numbered
from governance.delegations.decision_rules import latest_notice_date
from governance.delegations.key_decisions import KEY_DECISION_PROBLEM, entries_for_items, item_notice_problem

from .models import Report

REPORT_NOT_SIGNED = "Item {number}, “{title}”: the report is not signed off."
REPORT_NOT_WRITTEN = "Item {number}, “{title}”: the report is to follow (none written yet)."


@dataclass
class MeetingDeadlines:
    meeting: Meeting
    notice_by: date | None  # the last day to publish the forward plan notice of its key decisions, if any
    publish_by: date
    deputations_by: date | None
    is_published: bool
    missing: list = field(default_factory=list)


def upcoming_deadlines(partnership, day, *, limit=8):
    """The partnership's next meetings from `day` (soonest first), with their deadlines and what is missing."""
    meetings = list(
        Meeting.objects.filter(body__partnership=partnership, date__gte=day)
        .select_related("body__partnership")
        .order_by("date", "start_time", "pk")[:limit]
    )
    items = list(AgendaItem.objects.filter(meeting__in=meetings).order_by("meeting", "position", "pk"))
    by_meeting = {m.pk: [] for m in meetings}
    for item in items:
        by_meeting[item.meeting_id].append(item)
    reports = {r.item_id: r for r in Report.objects.filter(item__in=[i.pk for i in items if not i.standard])}
    entries = entries_for_items(i.pk for i in items if i.is_key_decision)
    result = []
    for meeting in meetings:
        ordered = numbered(by_meeting[meeting.pk])
        keys = [i for i in ordered if i.is_key_decision]
        missing = []
        for item in ordered:
            if item.standard:
                continue
            names = {"number": item.number, "title": item.title}
            report = reports.get(item.pk)
            if report is None and (item.report_of or item.is_decision):
                missing.append(REPORT_NOT_WRITTEN.format(**names))
            elif report is not None and not report.is_signed:
                missing.append(REPORT_NOT_SIGNED.format(**names))
            if item.is_key_decision:
                problem = item_notice_problem(item, entries.get(item.pk), meeting.date)
                if problem:
                    missing.append(KEY_DECISION_PROBLEM.format(problem=problem, **names))
        result.append(
            MeetingDeadlines(
                meeting=meeting,
                notice_by=latest_notice_date(meeting.date) if keys else None,
                publish_by=latest_publication_date(meeting.date),
                deputations_by=meeting.deputation_deadline,
                is_published=meeting.is_published,
                missing=missing,
            )
        )
    return result
