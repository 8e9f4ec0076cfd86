"""Writes for committee business. Each runs in one transaction, checks with full_clean() and raises a
ValidationError whose message is one of the constants below (tests check them)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.dispatch import Signal
from django.utils import timezone

from governance.acting import records_user
from governance.audit.versions import UNCHECKED, StaleRecord, check_set_version, check_version, set_version
from governance.calendar import PUBLICATION_CLEAR_DAYS, clear_working_days
from governance.parsing import parse_int
from governance.partners.public_cache import announce_published, changes_public
from governance.partners.services import PERSON_NEEDS_NAME, person_for_name

from .models import (
    SEAT_OTHER_COUNCIL,
    Action,
    AgendaChange,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    ChairAppointment,
    Declaration,
    Deputation,
    Meeting,
    MinuteEntry,
    PublishedAgenda,
    PublishedItem,
    Resolution,
)
from .ordering import numbered  # noqa: F401 (the editor and the demo number items through here)
from .publication_checks import publication_problems

MEETING_IN_PAST = "The meeting date is in the past: choose today or a later date."
DEADLINE_AFTER_MEETING = "The deputation deadline must be before the meeting."
AGENDA_CHANGED = "Someone else changed this agenda while you were editing it. Your change was not saved."
ITEM_ABOVE_STANDARD = (
    "Business items come after the standard items (apologies, declarations, deputations, announcements, "
    "urgent business and minutes): an item cannot be moved above them."
)
REORDER_INCOMPLETE = "The new order must name every item of the agenda exactly once."
ITEM_CANNOT_MOVE = "That item cannot move further in that direction."
MEETING_ALREADY_HELD = "This meeting has been held: its agenda can no longer change."
VERSION_INVALID = (
    "The form sent an agenda version that is not a whole number: reload the agenda and try again."
)
PUBLISH_AFTER_MEETING = "The meeting has taken place: its agenda can no longer be published."
NOTHING_TO_PUBLISH = "Nothing has changed since the agenda was last published."
URGENCY_REASON_NEEDED = (
    "Fewer than five clear working days remain before the meeting: give the reason for urgency, which "
    "will be printed on the agenda."
)
NOT_YET_HELD = "The meeting has not taken place yet."
AGENDA_NOT_PUBLISHED = "Publish the agenda before recording the meeting."
MINUTES_SIGNED = "These minutes have been approved and signed: they cannot be edited."
DEPUTATION_LATE = "The deputation request arrived after the deadline for this meeting."
DECLARED_TWICE = "This member has already declared an interest in this item."
NOT_A_MEMBER = "That person does not sit on this body on the date of the meeting."
SUBSTITUTE_NEEDS_ABSENT_MEMBER = (
    "A substitute stands in for a member of the committee who sent apologies: choose that member."
)
SUBSTITUTE_OTHER_COUNCIL = "A substitute stands in only for a member of the same council."
SUBSTITUTE_NOT_A_SUBSTITUTE = "Only a named substitute can stand in for a member."
MEMBER_ALREADY_SUBSTITUTED = "Another substitute already stands in for that member."
CHAIR_MUST_BE_PRESENT = "The chair must be present."
SUBSTITUTE_SENT_NEEDS_WHOM = "Choose the substitute who came in their place."
SUBSTITUTE_ONLY_WHEN_SENT = "Choose a substitute only for a member who sent one."
SUBSTITUTE_TWICE = "One substitute cannot stand in for two members at the same meeting."
SHEET_NOT_A_MEMBER = "Only the body's members and chair have a row on the attendance sheet."
# The marks the attendance sheet offers for each member: what Attendance stores, and "apologies, substitute sent"
# (stored as apologies, with the substitute's own row present and standing in for them).
SUBSTITUTE_SENT = "substitute_sent"
RESOLUTION_NEEDS_CLAUSE = "Enter at least one clause of the resolution."
NO_PREVIOUS_MINUTES = "There are no earlier minutes of this body waiting for approval."
APPROVE_AT_A_LATER_MEETING = "Minutes are approved at a later meeting, through its minutes item."
ITEM_NOT_IN_MEETING = "That item belongs to another meeting."
DATE_FIXED_ONCE_PUBLISHED = (
    "The agenda has been published for this date: to move the meeting, create a new one and tell the public."
)
NEXT_MEETING_NOT_LATER = "The next meeting must be a later meeting of the same body."
COUNCIL_NOT_IN_PARTNERSHIP = "That council is not a member of the partnership on that date."
MEMBERSHIP_ENDS_BEFORE_START = "A membership cannot end before it starts."
ALREADY_SITS = "This person already sits on the body in that role for part of that period."
CHAIR_FROM_NAMED_COUNCIL = (
    "For this meeting the chair is appointed from among the members representing {council}."
)
CHAIR_NOT_THEIR_TURN = "The chair rotates between the councils: it is the turn of {council}."
CHAIR_AND_VICE_SAME_COUNCIL = "The chair and the vice-chair cannot be from the same council."
OFFICE_ALREADY_HELD = "Someone already holds that office for part of that period."
CHAIR_NEEDS_MEMBER = "The chair and vice-chair are appointed from the members of the body, not substitutes."


# Sent inside the publishing transaction once an agenda is published; the papers room publishes the
# agenda packs built for that version (committees knows nothing of papers).
agenda_published = Signal()


AGENDA_VERSION_MISSING = "This change was sent without the agenda version. Reload the agenda and try again."


class AgendaConflict(StaleRecord):
    """The agenda changed since the editor loaded it: the one scheme's StaleRecord (governance/audit/versions.py),
    refused through the one view helper (formfields.add_service_error: 409, the changes beside the form, which
    is sent back carrying the version now). Its version is the agenda's revision number, Meeting.agenda_version,
    not a history id: publications and packs freeze that number and the papers compare by it, and what the
    editor locks is the agenda as a whole (its items, their order), which is what the number counts. The other
    officer's changes are the change log's entries since (AgendaChange), in the scheme's shape."""

    def __init__(self, entries, current):
        ValidationError.__init__(self, AGENDA_CHANGED, code="stale")
        self.changes = [
            {
                "when": entry.at,
                "who": (entry.by.get_full_name().strip() or entry.by.get_username())
                if entry.by
                else "someone",
                "fields": [entry.summary],
            }
            for entry in entries
        ]
        self.current = current


# Meetings ------------------------------------------------------------------------------------------------


def default_deputation_deadline(meeting_date: date) -> date:
    """The Thursday before a Monday meeting in the seed (30 October 2017 → 26 October): four days earlier."""
    return meeting_date - timedelta(days=4)


@records_user
@transaction.atomic
@changes_public
def meeting_create(
    *,
    body,
    date,
    venue,
    by,
    start_time="19:30",
    deputation_deadline=None,
    chair_council=None,
    contact_name="",
    contact_email="",
    contact_phone="",
    today=None,
):
    """A new draft meeting with the standard items of its agenda."""
    today = today or timezone.localdate()
    if date < today:
        raise ValidationError({"date": MEETING_IN_PAST})
    deadline = deputation_deadline or default_deputation_deadline(date)
    if deadline >= date:
        raise ValidationError({"deputation_deadline": DEADLINE_AFTER_MEETING})
    meeting = Meeting(
        body=body,
        date=date,
        start_time=start_time,
        venue=venue,
        deputation_deadline=deadline,
        chair_council=chair_council,
        committee_officer=by,
        contact_name=contact_name or (by.get_full_name() if by else ""),
        contact_email=contact_email or (by.email if by else ""),
        contact_phone=contact_phone,
    )
    meeting.full_clean()
    meeting.save()
    minutes_of = previous_held_meeting(meeting)
    for position, (standard, title, description) in enumerate(standard_items_for(meeting), start=1):
        item = AgendaItem(
            meeting=meeting, position=position, standard=standard, title=title, description=description
        )
        if standard == AgendaItem.Standard.MINUTES:
            item.minutes_of = minutes_of
        item.full_clean()
        item.save()
    previous = body.meetings.filter(date__lt=date).exclude(pk=meeting.pk).order_by("-date").first()
    if previous and previous.next_meeting_id is None:
        previous.next_meeting = meeting
        previous.save(update_fields=["next_meeting"])
    _record(meeting, by, "Created the meeting with its standard items")
    return meeting


def standard_items_for(meeting):
    """The standard items a new agenda starts with, as (key, title, description)."""
    S = AgendaItem.Standard
    items = []
    body = meeting.body
    if body.needs_chair_item:
        council = meeting.chair_council.name if meeting.chair_council else "the council whose turn it is"
        items.append(
            (
                S.CHAIR,
                S.CHAIR.label,
                f"To appoint the Chair from among the Committee members representing {council} "
                "for the duration of the meeting.",
            )
        )
    items += [
        (S.APOLOGIES, S.APOLOGIES.label, ""),
        (S.DECLARATIONS, S.DECLARATIONS.label, ""),
        (S.DEPUTATIONS, S.DEPUTATIONS.label, ""),
        (S.ANNOUNCEMENTS, S.ANNOUNCEMENTS.label, ""),
        (S.URGENT, S.URGENT.label, ""),
    ]
    items.append((S.MINUTES, S.MINUTES.label, minutes_description(previous_held_meeting(meeting))))
    items.append((S.AOB, S.AOB.label, ""))
    return items


def previous_held_meeting(meeting):
    """The body's latest meeting before this one that has been held: the one whose minutes this approves."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, date__lt=meeting.date, status__in=HELD_STATUSES)
        .exclude(pk=meeting.pk)
        .order_by("-date", "-start_time")
        .first()
    )


def minutes_description(previous):
    if previous is None:
        return "To approve and sign the minutes of the previous meeting."
    return f"To approve and sign the minutes of the meeting held on {previous.date:%-d %B %Y}."


HELD_STATUSES = (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)


@records_user
@transaction.atomic
@changes_public
def minutes_item_point_at(*, item, minutes_of, by, version=UNCHECKED):
    """Names the held meeting (of the same body, earlier) whose minutes the minutes item approves; its
    description follows. Another body's meeting, a later one or one not held is refused, nothing saved."""
    meeting = _lock(item.meeting, version)
    item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    item.minutes_of = minutes_of
    item.description = minutes_description(minutes_of)
    item.full_clean()
    item.save()
    _record(meeting, by, f"The minutes item names the meeting of {minutes_of.date:%-d %B %Y}")
    return item


CLOSING_STANDARD = {AgendaItem.Standard.AOB}


def is_closing(item):
    """A closing standard item (any other business): it stays after the business items."""
    return item.standard in CLOSING_STANDARD


MEETING_DETAIL_FIELDS = [
    "date",
    "start_time",
    "end_time",
    "venue",
    "deputation_deadline",
    "chair_council",
    "contact_name",
    "contact_email",
    "contact_phone",
    "next_meeting",
]


@records_user
@transaction.atomic
@changes_public
def meeting_update(*, meeting, by, today=None, version=UNCHECKED, **fields):
    """Changes a meeting's details (not its agenda). Once the agenda is published the date is fixed; once
    the minutes are signed nothing changes. version: what the edit form was loaded at; a missing or stale
    one is refused (StaleRecord carries the other person's changes)."""
    unknown = set(fields) - set(MEETING_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Not meeting details: {sorted(unknown)}")
    today = today or timezone.localdate()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if version is not UNCHECKED:
        check_version(meeting, version)
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise ValidationError(MINUTES_SIGNED)
    new_date = fields.get("date", meeting.date)
    if new_date != meeting.date:
        if meeting.status != Meeting.Status.DRAFT:
            raise ValidationError({"date": DATE_FIXED_ONCE_PUBLISHED})
        if new_date < today:
            raise ValidationError({"date": MEETING_IN_PAST})
    deadline = fields.get("deputation_deadline", meeting.deputation_deadline)
    if deadline and deadline >= new_date:
        raise ValidationError({"deputation_deadline": DEADLINE_AFTER_MEETING})
    following = fields.get("next_meeting", meeting.next_meeting)
    if following is not None and (following.body_id != meeting.body_id or following.date <= new_date):
        raise ValidationError({"next_meeting": NEXT_MEETING_NOT_LATER})
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    return meeting


@records_user
@transaction.atomic
@changes_public
def meeting_mark_held(*, meeting, by, end_time=None, today=None):
    today = today or timezone.localdate()
    if meeting.date > today:
        raise ValidationError(NOT_YET_HELD)
    if meeting.status == Meeting.Status.DRAFT:
        raise ValidationError(AGENDA_NOT_PUBLISHED)
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise ValidationError(MINUTES_SIGNED)
    meeting.status = Meeting.Status.HELD
    if end_time:
        meeting.end_time = end_time
    meeting.full_clean()
    meeting.save()
    # The body's later draft agendas now approve these minutes (unless they name a later held meeting).
    for item in AgendaItem.objects.filter(
        meeting__body_id=meeting.body_id,
        meeting__date__gt=meeting.date,
        meeting__status=Meeting.Status.DRAFT,
        standard=AgendaItem.Standard.MINUTES,
    ).select_related("minutes_of"):
        if item.minutes_of is None or item.minutes_of.date < meeting.date:
            item.minutes_of = meeting
            item.description = minutes_description(meeting)
            item.save(update_fields=["minutes_of", "description"])
    announce_published(meeting.body.partnership_id)  # its decisions are public now
    return meeting


# The agenda ----------------------------------------------------------------------------------------------


def _lock(meeting, version):
    """Locks the meeting row; refuses a missing or malformed `version` (the agenda's revision number as the
    editor read it) and, with AgendaConflict, one the agenda has moved on from. Code callers (the demo, the
    portfolio's gateway items, publishing) pass UNCHECKED."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status in {Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED}:
        raise ValidationError(MEETING_ALREADY_HELD)
    if version is not UNCHECKED:
        _require_version(version)
        try:
            version = parse_int(version)
        except ValueError:
            raise ValidationError(VERSION_INVALID, code="version_invalid") from None
        if version != locked.agenda_version:
            raise AgendaConflict(
                AgendaChange.objects.filter(meeting=locked, version__gt=version)
                .order_by("version")
                .select_related("by"),
                current=locked.agenda_version,
            )
    return locked


def _record(meeting, by, summary):
    Meeting.objects.filter(pk=meeting.pk).update(agenda_version=F("agenda_version") + 1)
    meeting.refresh_from_db(fields=["agenda_version"])
    AgendaChange.objects.create(
        meeting=meeting,
        version=meeting.agenda_version,
        summary=summary[:400],
        by=by if by and by.is_authenticated else None,
    )


ITEM_FIELDS = [
    "title",
    "description",
    "report_title",
    "report_of",
    "page_from",
    "page_to",
    "wards",
    "is_decision",
    "is_key_decision",
    "is_exempt",
    "exempt_paragraph",
    "public_title",
]


@records_user
@transaction.atomic
@changes_public
def agenda_item_add(*, meeting, version, by, **fields):
    meeting = _lock(meeting, version)
    last = meeting.items.aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem(meeting=meeting, position=last + 1, **_only_item_fields(fields))
    if not item.is_exempt:
        item.exempt_paragraph, item.public_title = None, ""
    item.full_clean()
    if not item.is_exempt:
        item.position = _make_room_before_closing_items(meeting, item.position)
    item.save()
    _record(meeting, by, f"Added “{item.title}”" + (" (exempt)" if item.is_exempt else ""))
    return item


@records_user
@transaction.atomic
@changes_public
def agenda_item_update(*, item, version, by, **fields):
    meeting = _lock(item.meeting, version)
    item = AgendaItem.objects.get(pk=item.pk)
    before = item.title
    for name, value in _only_item_fields(fields).items():
        setattr(item, name, value)
    if not item.is_exempt:
        item.exempt_paragraph, item.public_title = None, ""
    item.full_clean()
    item.save()
    _record(meeting, by, f"Edited “{before}”" + (f" (now “{item.title}”)" if item.title != before else ""))
    return item


def _require_version(version):
    """The agenda editor's forms always carry the agenda version; one posted without it is refused."""
    if version is None or str(version).strip() == "":
        raise ValidationError(AGENDA_VERSION_MISSING, code="version_missing")


@records_user
@transaction.atomic
@changes_public
def agenda_item_remove(*, item, version, by):
    _require_version(version)
    meeting = _lock(item.meeting, version)
    title = item.title
    AgendaItem.objects.get(pk=item.pk).delete()
    _renumber(meeting)
    _record(meeting, by, f"Removed “{title}”")


def _make_room_before_closing_items(meeting, position):
    """The position for a new open item: before the closing standard items (any other business stays last),
    which move down one place; or the given position when the agenda has none."""
    closing = [i for i in meeting.items.all() if is_closing(i) and not i.is_exempt]
    if not closing:
        return position
    at = min(i.position for i in closing)
    for item in sorted(meeting.items.filter(position__gte=at), key=lambda i: -i.position):
        item.position += 1
        item.save(update_fields=["position"])
    return at


def _only_item_fields(fields):
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"Not agenda item fields: {sorted(unknown)}")
    return fields


def _renumber(meeting):
    for position, item in enumerate(numbered(list(meeting.items.all())), start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@records_user
@transaction.atomic
@changes_public
def agenda_item_reorder(*, meeting, order, version, by):
    """Puts the items in the given order (a list naming every item's id once). Standard items stay first;
    exempt items go to the end, in the order given."""
    _require_version(version)
    meeting = _lock(meeting, version)
    items = {i.pk: i for i in meeting.items.all()}
    try:
        order = [int(pk) for pk in order]
    except (TypeError, ValueError):
        raise ValidationError(REORDER_INCOMPLETE) from None
    if len(order) != len(set(order)) or set(order) != set(items):
        raise ValidationError(REORDER_INCOMPLETE)
    standard_count = sum(1 for i in items.values() if i.standard and not is_closing(i))
    if any(not items[pk].standard or is_closing(items[pk]) for pk in order[:standard_count]):
        raise ValidationError(ITEM_ABOVE_STANDARD)
    # Exempt items last; closing standard items (any other business) after the other open items.
    new_order = sorted(order, key=lambda pk: (items[pk].is_exempt, is_closing(items[pk]), order.index(pk)))
    before = [i.pk for i in numbered(list(items.values()))]
    if new_order == before:
        return meeting
    for position, pk in enumerate(new_order, start=1):
        item = items[pk]
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    _record(
        meeting,
        by,
        "Reordered the agenda: "
        + ", ".join(
            f"{n}. {items[pk].title[:40]}" for n, pk in enumerate(new_order, 1) if not items[pk].standard
        ),
    )
    return meeting


@records_user
@transaction.atomic
@changes_public
def agenda_item_move(*, item, direction, version, by):
    """Moves an item one place up or down: the keyboard-operable way to reorder."""
    _require_version(version)
    order = [i.pk for i in numbered(list(item.meeting.items.all()))]
    index = order.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(order):
        raise ValidationError(ITEM_CANNOT_MOVE)
    order[index], order[other] = order[other], order[index]
    by_pk = {i.pk: i for i in item.meeting.items.all()}
    if by_pk[order[index]].is_exempt != by_pk[order[other]].is_exempt:
        raise ValidationError(ITEM_CANNOT_MOVE)
    if is_closing(by_pk[order[index]]) or is_closing(by_pk[order[other]]):
        raise ValidationError(ITEM_CANNOT_MOVE)  # any other business stays after the business
    return agenda_item_reorder(meeting=item.meeting, order=order, version=version, by=by)


def publish_blocked_reason(meeting, *, today=None):
    """Why the agenda cannot be published whatever the officer enters, or None: the editor says so before
    the button, and the service refuses with the same words."""
    today = today or timezone.localdate()
    if meeting.date < today:
        return PUBLISH_AFTER_MEETING
    return None


@records_user
@transaction.atomic
@changes_public
def agenda_publish(*, meeting, by, urgency_reason="", today=None):
    """Issues the agenda (or, once issued, a numbered supplementary agenda) and freezes a public copy.

    Fewer than five clear working days before the meeting (bank holidays in England excluded), it needs
    the reason for urgency, printed on the agenda. Refused, with every problem, while a publication check
    that another room registered (governance/committees/publication_checks.py) names one."""
    today = today or timezone.localdate()
    meeting = _lock(meeting, UNCHECKED)  # the view checks the confirmed version
    reason = publish_blocked_reason(meeting, today=today)
    if reason:
        raise ValidationError(reason)
    current = meeting.publications.filter(is_current=True).first()
    if current and current.agenda_version == meeting.agenda_version:
        raise ValidationError(NOTHING_TO_PUBLISH)
    # The rules of the rooms above (the forward plan's notice of key decisions): nothing is published while
    # any of them names a problem.
    problems = publication_problems(meeting, today=today)
    if problems:
        raise ValidationError(problems)
    urgency_reason = (urgency_reason or "").strip()
    if clear_working_days(today, meeting.date) < PUBLICATION_CLEAR_DAYS and not urgency_reason:
        raise ValidationError({"urgency_reason": URGENCY_REASON_NEEDED})
    previous = list(current.items.all()) if current else []
    previous_items = {p.item_id: p for p in previous if p.item_id}
    if current:
        current.is_current = False
        current.save(update_fields=["is_current"])
    publication = PublishedAgenda.objects.create(
        meeting=meeting,
        number=(current.number + 1) if current else 0,
        issued_on=today,
        by=by,
        urgency_reason=urgency_reason,
        agenda_version=meeting.agenda_version,
    )
    copies = [public_copy(publication, item) for item in numbered(list(meeting.items.all()))]
    for copy in copies:
        old = previous_items.get(copy.item_id)
        copy.is_new_or_changed = bool(current) and (old is None or _differs(old, copy))
    PublishedItem.objects.bulk_create(copies)
    kept = {copy.item_id for copy in copies}
    withdrawn = [old.title for old in previous if old.item_id is None or old.item_id not in kept]
    if withdrawn:
        publication.withdrawn = "\n".join(withdrawn)  # the published titles: public-safe already
        publication.save(update_fields=["withdrawn"])
    if meeting.status == Meeting.Status.DRAFT:
        meeting.status = Meeting.Status.PUBLISHED
        meeting.issue_date = today
    if urgency_reason:
        meeting.urgency_reason = urgency_reason
    meeting.full_clean()
    meeting.save()
    agenda_published.send(sender=Meeting, meeting=meeting, publication=publication)
    announce_published(meeting.body.partnership_id)
    return publication


PUBLIC_FIELDS = ["number", "title", "description", "report_title", "report_of", "pages", "wards"]
PUBLIC_FLAGS = ["is_decision", "is_key_decision", "is_exempt", "exempt_paragraph"]


def public_copy(publication, item):
    """What the public may know of an item. For an exempt item: its number, the public title chosen by
    the officer and its Schedule 12A paragraph — never its own title, description or report."""
    if item.is_exempt:
        return PublishedItem(
            agenda=publication,
            item=item,
            number=item.number,
            title=item.public_title,
            is_exempt=True,
            exempt_paragraph=item.exempt_paragraph,
        )
    return PublishedItem(
        agenda=publication,
        item=item,
        number=item.number,
        title=item.title,
        description=item.description,
        report_title=item.report_title,
        report_of=item.report_of,
        pages=item.pages,
        wards=item.wards,
        is_decision=item.is_decision,
        is_key_decision=item.is_key_decision,
    )


def _differs(old, new):
    return any(getattr(old, f) != getattr(new, f) for f in PUBLIC_FIELDS + PUBLIC_FLAGS)


# Minutes -------------------------------------------------------------------------------------------------


def _minutes_editable(meeting):
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise ValidationError(MINUTES_SIGNED)
    if meeting.status == Meeting.Status.DRAFT:
        raise ValidationError(AGENDA_NOT_PUBLISHED)
    return meeting


def _check_member(meeting, member):
    if member.body_id != meeting.body_id or not member.serves_on(meeting.date):
        raise ValidationError(NOT_A_MEMBER)


@records_user
@transaction.atomic
@changes_public
def attendance_record(*, meeting, member, status, by, substitute_for=None, is_chair=False, version=UNCHECKED):
    """Records whether a member was present or sent apologies, and whom a substitute stood in for.
    version: the attendance watermark the form was loaded at (attendance_version); refused when missing, or
    when the member's attendance was recorded after it by someone else."""
    meeting = _minutes_editable(meeting)
    if version is not UNCHECKED:
        locked = list(Attendance.objects.select_for_update().filter(meeting=meeting, member=member))
        check_set_version(Attendance.history.filter(id__in=[a.pk for a in locked]), version, Attendance)
    _check_member(meeting, member)
    if member.kind == BodyMember.Kind.SUBSTITUTE and status == Attendance.Status.PRESENT:
        if substitute_for is None:
            raise ValidationError({"substitute_for": SUBSTITUTE_NEEDS_ABSENT_MEMBER})
    if substitute_for is not None:
        if member.kind != BodyMember.Kind.SUBSTITUTE:
            raise ValidationError({"substitute_for": SUBSTITUTE_NOT_A_SUBSTITUTE})
        if substitute_for.kind != BodyMember.Kind.MEMBER or substitute_for.body_id != meeting.body_id:
            raise ValidationError({"substitute_for": SUBSTITUTE_NEEDS_ABSENT_MEMBER})
        if not substitute_for.serves_on(meeting.date):
            raise ValidationError({"substitute_for": SUBSTITUTE_NEEDS_ABSENT_MEMBER})
        if substitute_for.council_id != member.council_id:
            raise ValidationError({"substitute_for": SUBSTITUTE_OTHER_COUNCIL})
        absent = meeting.attendance.filter(member=substitute_for, status=Attendance.Status.APOLOGIES).exists()
        if not absent:
            raise ValidationError({"substitute_for": SUBSTITUTE_NEEDS_ABSENT_MEMBER})
        if meeting.attendance.filter(substitute_for=substitute_for).exclude(member=member).exists():
            raise ValidationError({"substitute_for": MEMBER_ALREADY_SUBSTITUTED})
    if is_chair and status != Attendance.Status.PRESENT:
        raise ValidationError({"is_chair": CHAIR_MUST_BE_PRESENT})
    row = Attendance.objects.filter(meeting=meeting, member=member).first() or Attendance(
        meeting=meeting, member=member
    )
    row.status, row.substitute_for, row.is_chair = status, substitute_for, is_chair
    row.full_clean()
    row.save()
    if is_chair:
        for other in meeting.attendance.filter(is_chair=True).exclude(pk=row.pk):
            other.is_chair = False
            other.save()
    return row


@records_user
@transaction.atomic
@changes_public
def attendance_record_meeting(*, meeting, marks, by, chair=None, version=UNCHECKED):
    """Records a meeting's attendance from one sheet: marks is {member's seat: (status, substitute seat or None)}
    for the body's members and chair, status one of Attendance's or SUBSTITUTE_SENT (apologies, and the given
    substitute of the same council attended in their place). A seat left out keeps what was recorded. chair: the
    seat (present) that chaired. Everything is checked first and every error returned at once, keyed
    status_<seat id> / substitute_<seat id> / chair; nothing is saved unless all of it is right.
    version: the attendance watermark the sheet was loaded at (attendance_version)."""
    meeting = _minutes_editable(meeting)
    if version is not UNCHECKED:
        list(Attendance.objects.select_for_update().filter(meeting=meeting))
        check_set_version(Attendance.history.filter(meeting_id=meeting.pk), version, Attendance)
    errors, used = {}, {}
    for seat, (status, substitute) in marks.items():
        if seat.body_id != meeting.body_id or not seat.serves_on(meeting.date):
            errors[f"status_{seat.pk}"] = NOT_A_MEMBER
            continue
        if seat.kind == BodyMember.Kind.SUBSTITUTE:
            errors[f"status_{seat.pk}"] = SHEET_NOT_A_MEMBER
            continue
        if status == SUBSTITUTE_SENT:
            if substitute is None:
                errors[f"substitute_{seat.pk}"] = SUBSTITUTE_SENT_NEEDS_WHOM
            elif substitute.kind != BodyMember.Kind.SUBSTITUTE:
                errors[f"substitute_{seat.pk}"] = SUBSTITUTE_NOT_A_SUBSTITUTE
            elif substitute.body_id != meeting.body_id or not substitute.serves_on(meeting.date):
                errors[f"substitute_{seat.pk}"] = NOT_A_MEMBER
            elif substitute.council_id != seat.council_id:
                errors[f"substitute_{seat.pk}"] = SUBSTITUTE_OTHER_COUNCIL
            elif substitute.pk in used:
                errors[f"substitute_{seat.pk}"] = SUBSTITUTE_TWICE
            else:
                used[substitute.pk] = seat
        elif substitute is not None:
            errors[f"substitute_{seat.pk}"] = SUBSTITUTE_ONLY_WHEN_SENT
    if chair is not None and marks.get(chair, (None, None))[0] != Attendance.Status.PRESENT:
        errors["chair"] = CHAIR_MUST_BE_PRESENT
    if errors:
        raise ValidationError(errors)
    rows = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting).select_related("member")}
    marked = {seat.pk for seat in marks}
    # A substitute who stood in for a member marked now, but not for them any more: their row goes.
    for row in list(rows.values()):
        if row.substitute_for_id in marked and used.get(row.member_id) is None:
            row.delete()
            del rows[row.member_id]
    for seat, (status, _substitute) in marks.items():
        row = rows.get(seat.pk) or Attendance(meeting=meeting, member=seat)
        row.status = Attendance.Status.APOLOGIES if status == SUBSTITUTE_SENT else status
        row.substitute_for, row.is_chair = None, chair is not None and seat.pk == chair.pk
        row.full_clean()
        row.save()
    for substitute_id, seat in used.items():
        row = rows.get(substitute_id) or Attendance(meeting=meeting, member_id=substitute_id)
        row.status, row.substitute_for, row.is_chair = Attendance.Status.PRESENT, seat, False
        row.full_clean()
        row.save()
    if chair is not None:
        for other in meeting.attendance.filter(is_chair=True).exclude(member=chair):
            other.is_chair = False
            other.save()
    return list(meeting.attendance.select_related("member", "substitute_for"))


@records_user
@transaction.atomic
@changes_public
def declaration_add(*, item, member, text, by, is_pecuniary=False):
    meeting = _minutes_editable(item.meeting)
    _check_member(meeting, member)
    if Declaration.objects.filter(item=item, member=member).exists():
        raise ValidationError(DECLARED_TWICE)
    declaration = Declaration(meeting=meeting, item=item, member=member, is_pecuniary=is_pecuniary, text=text)
    declaration.full_clean()
    declaration.save()
    return declaration


@records_user
@transaction.atomic
@changes_public
def deputation_add(*, meeting, requester, received, by, item=None, heard=False):
    meeting = _minutes_editable(meeting)
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": ITEM_NOT_IN_MEETING})
    if meeting.deputation_deadline and received > meeting.deputation_deadline:
        raise ValidationError({"received": DEPUTATION_LATE})
    deputation = Deputation(meeting=meeting, requester=requester, received=received, item=item, heard=heard)
    deputation.full_clean()
    deputation.save()
    return deputation


@records_user
@transaction.atomic
@changes_public
def minute_entry_save(
    *, item, by, members_commented="", officer_responses="", discussion="", version=UNCHECKED
):
    """Saves the minute of an item. version: the minute's version the form was loaded at (0 before it was
    first written); a missing or stale one is refused (StaleRecord carries the other person's changes)."""
    _minutes_editable(item.meeting)
    entry = MinuteEntry.objects.select_for_update().filter(item=item).first() or MinuteEntry(item=item)
    if version is not UNCHECKED:
        check_version(entry, version)
    entry.members_commented = members_commented
    entry.officer_responses = officer_responses
    entry.discussion = discussion
    entry.full_clean()
    entry.save()
    return entry


@records_user
@transaction.atomic
@changes_public
def action_add(*, item, text, owner, by, due=None):
    meeting = _minutes_editable(item.meeting)
    if due is not None and due < meeting.date:
        raise ValidationError({"due": "An action cannot be due before the meeting that set it."})
    action = Action(item=item, text=text, owner=owner, due=due)
    action.full_clean()
    action.save()
    return action


ACTION_DONE_BEFORE_MEETING = "An action cannot be completed before the meeting that set it."
ACTION_DONE_IN_FUTURE = "The completion date cannot be in the future."


@records_user
@transaction.atomic
def action_update(*, action, progress, done_on, version, by, today=None):
    """The action log: records progress on an action agreed in minutes and, with `done_on`, its completion
    (blank reopens it). The minutes keep the action as agreed, so nothing public changes. version: the
    action's version the form was loaded at; a stale one is refused with the other person's changes."""
    action = Action.objects.select_for_update().select_related("item__meeting").get(pk=action.pk)
    check_version(action, version)
    today = today or timezone.localdate()
    if done_on is not None and done_on < action.item.meeting.date:
        raise ValidationError({"done_on": ACTION_DONE_BEFORE_MEETING})
    if done_on is not None and done_on > today:
        raise ValidationError({"done_on": ACTION_DONE_IN_FUTURE})
    if (action.progress, action.done_on) == (progress, done_on):
        return action  # nothing changed: no history row
    action.progress = progress
    action.done_on = done_on
    action.full_clean()
    action.save()
    return action


@records_user
@transaction.atomic
@changes_public
def resolution_add(*, item, clauses, by, reasons="", councils=None):
    """Records what the meeting RESOLVED on an item. The register lists it against every council of the
    partnership on the day unless the resolution names some."""
    meeting = _minutes_editable(item.meeting)
    if isinstance(clauses, str):
        clauses = clauses.splitlines()
    clauses = [c.strip() for c in clauses if c and c.strip()]
    if not clauses:
        raise ValidationError({"clauses": RESOLUTION_NEEDS_CLAUSE})
    resolution = Resolution(
        item=item,
        meeting=meeting,
        clauses="\n".join(clauses),
        reasons=reasons,
        is_key_decision=item.is_key_decision,
    )
    resolution.full_clean()
    resolution.save()
    if councils is None:
        councils = meeting.body.partnership.councils_on(meeting.date)
    resolution.councils.set(councils)
    announce_published(meeting.body.partnership_id)
    return resolution


@records_user
@transaction.atomic
@changes_public
def minutes_approve(*, meeting, by):
    """At `meeting`, through its minutes item, approves the minutes of the body's previous held meeting,
    which become the signed record."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.DRAFT:
        raise ValidationError(AGENDA_NOT_PUBLISHED)
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise ValidationError(MINUTES_SIGNED)
    item = meeting.items.filter(standard=AgendaItem.Standard.MINUTES).first()
    if item is None:
        raise ValidationError(APPROVE_AT_A_LATER_MEETING)
    # The minutes item names the meeting whose minutes it approves (the previous held one, by default).
    named = item.minutes_of_id or getattr(previous_held_meeting(meeting), "pk", None)
    previous = Meeting.objects.select_for_update().filter(pk=named, status=Meeting.Status.HELD).first()
    if previous is None:
        raise ValidationError(NO_PREVIOUS_MINUTES)
    resolution_add(
        item=item,
        clauses=[
            f"THAT the minutes of the meeting held on {previous.date:%-d %B %Y} be approved and signed as "
            "a correct record."
        ],
        by=by,
    )
    previous.status = Meeting.Status.MINUTES_APPROVED
    previous.minutes_approved_at = meeting
    previous.full_clean()
    previous.save()
    announce_published(meeting.body.partnership_id)
    return previous


DRAFT_MINUTES_NOT_HELD = "Only the minutes of a meeting that has been held can be published as a draft."
DRAFT_MINUTES_ALREADY = "The draft minutes of this meeting are already published."


@records_user
@transaction.atomic
@changes_public
def minutes_publish_draft(*, meeting, by):
    """Publishes the minutes of a held meeting as a draft: the public reads them marked as draft until the
    next meeting approves them, when the approved version replaces them."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise ValidationError(MINUTES_SIGNED)
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(DRAFT_MINUTES_NOT_HELD)
    if meeting.draft_minutes_published_at is not None:
        raise ValidationError(DRAFT_MINUTES_ALREADY)
    meeting.draft_minutes_published_at = timezone.now()
    meeting.full_clean()
    meeting.save()
    announce_published(meeting.body.partnership_id)
    return meeting


# Chairs --------------------------------------------------------------------------------------------------


def next_chair_council(body, on):
    """The council whose turn it is to chair: the one after the council of the latest chair before `on`,
    in alphabetical order of the councils of the partnership on that day."""
    councils = sorted(body.partnership.councils_on(on), key=lambda c: c.name)
    if not councils:
        return None
    last = (
        ChairAppointment.objects.filter(body=body, office=ChairAppointment.Office.CHAIR, start__lt=on)
        .select_related("member__council")
        .order_by("-start", "for_meeting_only", "-pk")  # a chair for the year counts before one for the day
        .first()
    )
    if last is None or last.member.council not in councils:
        return councils[0]
    return councils[(councils.index(last.member.council) + 1) % len(councils)]


@records_user
@transaction.atomic
@changes_public
def chair_appoint(*, meeting, member, by, office=ChairAppointment.Office.CHAIR, for_meeting_only=True):
    """Appoints the chair or vice-chair at a meeting: for that meeting only, or for one calendar year upon
    the close of the meeting. The chair for the meeting comes from the council the meeting names; a chair
    for the year from the council whose turn it is; the vice-chair never from the chair's council."""
    meeting = _minutes_editable(meeting)
    body = meeting.body
    _check_member(meeting, member)
    if member.kind != BodyMember.Kind.MEMBER:
        raise ValidationError({"member": CHAIR_NEEDS_MEMBER})
    start = meeting.date
    end = start if for_meeting_only else start.replace(year=start.year + 1) - timedelta(days=1)
    if office == ChairAppointment.Office.CHAIR:
        if for_meeting_only and meeting.chair_council_id and member.council_id != meeting.chair_council_id:
            raise ValidationError(
                {"member": CHAIR_FROM_NAMED_COUNCIL.format(council=meeting.chair_council.name)}
            )
        if not for_meeting_only and body.chair_rule == body.ChairRule.CALENDAR_YEAR:
            turn = next_chair_council(body, start + timedelta(days=1))
            if turn and member.council_id != turn.pk:
                raise ValidationError({"member": CHAIR_NOT_THEIR_TURN.format(council=turn.name)})
    overlapping = ChairAppointment.objects.filter(body=body, start__lte=end, end__gte=start).select_related(
        "member"
    )
    for other in overlapping:
        if other.office == office and other.for_meeting_only == for_meeting_only:
            raise ValidationError({"member": OFFICE_ALREADY_HELD})
        if other.office != office and other.member.council_id == member.council_id:
            raise ValidationError({"member": CHAIR_AND_VICE_SAME_COUNCIL})
    appointment = ChairAppointment(
        body=body,
        office=office,
        member=member,
        start=start,
        end=end,
        appointed_at=meeting,
        for_meeting_only=for_meeting_only,
    )
    appointment.full_clean()
    appointment.save()
    return appointment


# Members ------------------------------------------------------------------------------------------------


@records_user
@transaction.atomic
@changes_public
def body_member_add(*, body, council, kind, start, by, name="", person=None, end=None, version=UNCHECKED):
    """Seats a person on a body for their council, as a member, substitute or chair, from a date. The person is
    given, or found by their printed name among the council's people (made when there is none). A person cannot
    hold two overlapping seats of one kind on a body (ALREADY_SITS). version: the seats' watermark the form was
    loaded at (seats_version); refused when missing or when any seat of the body was changed after it."""
    if version is not UNCHECKED:
        Body.objects.select_for_update().filter(pk=body.pk).first()
        check_set_version(BodyMember.history.filter(body_id=body.pk), version, BodyMember)
    if not body.partnership.memberships_on(start).filter(council=council).exists():
        raise ValidationError({"council": COUNCIL_NOT_IN_PARTNERSHIP})
    if end is not None and end < start:
        raise ValidationError({"end": MEMBERSHIP_ENDS_BEFORE_START})
    if person is None:
        if not name.strip():
            raise ValidationError({"name": PERSON_NEEDS_NAME})
        person = person_for_name(council=council, printed=name, by=by)
    elif person.council_id != council.pk:
        raise ValidationError({"person": SEAT_OTHER_COUNCIL})
    seat = BodyMember(
        body=body,
        person=person,
        name=name.strip() or person.full_name,
        council=council,
        kind=kind,
        start=start,
        end=end,
    )
    if seat.overlapping_seats().exists():
        raise ValidationError({"name" if name else "person": ALREADY_SITS})
    seat.full_clean()
    seat.save()
    return seat


@records_user
@transaction.atomic
@changes_public
def body_member_end(*, member, end, by, version=UNCHECKED):
    """Ends a member's or substitute's seat on a date (the last day they sit). version: as body_member_add."""
    if version is not UNCHECKED:
        Body.objects.select_for_update().filter(pk=member.body_id).first()
        check_set_version(BodyMember.history.filter(body_id=member.body_id), version, BodyMember)
    member = BodyMember.objects.select_for_update().get(pk=member.pk)
    if end < member.start:
        raise ValidationError({"end": MEMBERSHIP_ENDS_BEFORE_START})
    member.end = end
    member.full_clean()
    member.save()
    return member


def attendance_version(meeting):
    """The watermark the minutes editor's attendance form carries (audit/versions.py)."""
    return set_version(Attendance.history.filter(meeting_id=meeting.pk))


def seats_version(body):
    """The watermark the body's seat forms carry (audit/versions.py)."""
    return set_version(BodyMember.history.filter(body_id=body.pk))


def minute_versions(meeting):
    """{minute entry id: its version} for the meeting's minutes, in one query (the minutes editor)."""
    rows = (
        MinuteEntry.history.filter(item__meeting_id=meeting.pk)
        .values("id")
        .annotate(version=Max("history_id"))
        .values_list("id", "version")
    )
    return dict(rows)
