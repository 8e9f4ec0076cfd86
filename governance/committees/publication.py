"""What the officer is told before an agenda is published: the checks that would refuse it (the same as the
service's), and the warnings shown on the confirmation page. Other rooms append their own warnings to
`publication_warnings` (papers: reports not signed off, exempt items without a report), as they cannot be
imported from here."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.calendar import PUBLICATION_CLEAR_DAYS, clear_working_days

from . import services
from .ordering import numbered
from .publication_checks import publication_problems

PUBLISHED_LATE = (
    "Fewer than five clear working days remain before the meeting: the agenda is published late, with the "
    "reason for urgency printed on it."
)
EXEMPT_WITHOUT_PARAGRAPH = "Item {number}, “{title}”: exempt, but no Schedule 12A paragraph is given."
AGENDA_CHANGED = "The agenda has changed since you were asked to confirm: check it again before publishing."

# Callables (meeting, items) -> [message], items numbered as on the agenda. Rooms above committees append to it.
publication_warnings = []

# Callables (meeting) -> [LogEntry]: what else the agenda's change log shows (papers: sign-offs, and sign-offs
# withdrawn by a change). Rooms above committees append to it.
change_log_sources = []
LOG_LENGTH = 30


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    who: str
    summary: str


def who(user):
    if user is None:
        return "–"
    return user.get_full_name().strip() or user.get_username()


def change_log(meeting):
    """The agenda's change log, newest first: its edits, each publication (the agenda and every supplementary
    agenda, with the reason for urgency), each withdrawal from the public (with its grounds and reason) and what
    other rooms record (sign-offs), titles whole."""
    entries = [
        LogEntry(c.at, who(c.by), c.summary)
        for c in meeting.agenda_changes.select_related("by").order_by("-version")[:LOG_LENGTH]
    ]
    for p in meeting.publications.select_related("by").order_by("-number")[:LOG_LENGTH]:
        what = f"Published supplementary agenda {p.number}" if p.number else "Published the agenda"
        reason = f" (late: {p.urgency_reason})" if p.urgency_reason else ""
        entries.append(LogEntry(p.published_at, who(p.by), f"{what}, dated {p.issued_on:%-d %B %Y}{reason}."))
    for w in meeting.withdrawals.select_related("by").order_by("-at", "-pk")[:LOG_LENGTH]:
        what = w.get_kind_display().lower()
        entries.append(
            LogEntry(
                w.at,
                who(w.by),
                f"Withdrew the {what} “{w.title}” from the public: {w.get_grounds_display().lower()}. "
                f"Reason: {w.reason}",
            )
        )
    for source in change_log_sources:
        entries += source(meeting)
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:LOG_LENGTH]


def publish_refusal(meeting, *, urgency_reason="", today=None):
    """The ValidationError agenda_publish would raise now, or None: checked before the officer is asked to
    confirm, so that they are not asked to confirm what would be refused."""
    today = today or timezone.localdate()
    reason = services.publish_blocked_reason(meeting, today=today)
    if reason:
        return ValidationError(reason)
    # The rooms' registered checks (key decisions without notice on the forward plan): refused at once too.
    problems = publication_problems(meeting, today=today)
    if problems:
        return ValidationError(problems)
    current = meeting.publications.filter(is_current=True).first()
    if current and current.agenda_version == meeting.agenda_version:
        return ValidationError(services.NOTHING_TO_PUBLISH)
    if (
        clear_working_days(today, meeting.date) < PUBLICATION_CLEAR_DAYS
        and not (urgency_reason or "").strip()
    ):
        return ValidationError({"urgency_reason": services.URGENCY_REASON_NEEDED})
    return None


def publish_warnings(meeting, *, today=None):
    """What the officer should know before publishing: late publication, exempt items without a paragraph,
    and every room's own warnings (publication_warnings)."""
    today = today or timezone.localdate()
    items = numbered(list(meeting.items.all()))
    warnings = []
    if clear_working_days(today, meeting.date) < PUBLICATION_CLEAR_DAYS:
        warnings.append(PUBLISHED_LATE)
    for item in items:
        if item.is_exempt and not item.exempt_paragraph:
            warnings.append(EXEMPT_WITHOUT_PARAGRAPH.format(number=item.number, title=item.title))
    for check in publication_warnings:
        warnings += check(meeting, items)
    return warnings
