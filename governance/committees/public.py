"""The public projection of committee business: the only way a public page, feed, search, public PDF or (to
come) the JSON API and the Modern.gov-compatible web service reads meetings, agendas, minutes and
resolutions.

Every function returns frozen dataclasses, never a model object, so a template or serialiser for the public
cannot reach a field that is not listed here. For an exempt item, and for every record that hangs off one
(declarations, deputations, minute entries, actions, resolutions), the projection carries only the whitelisted
public fields: the item's public title and its Schedule 12A paragraph (`EXEMPT_PUBLIC_FIELDS`).

Interface (all read-only, fixed number of queries):
    public_meetings(partnership, body=None) -> list[PublicMeeting]
    public_meeting(partnership, meeting_id) -> PublicMeeting            (Http404 for drafts and strangers)
    meeting_view(meeting) -> PublicMeeting                              (a meeting already fetched)
    public_agenda_items(meeting) -> list[PublicAgendaItem]              (the published copies)
    public_minutes(meeting) -> PublicMinutes | None                     (None until the minutes are signed)
    minutes_record(meeting, public=...) -> PublicMinutes                (the same shape, in full for insiders)
    public_resolutions(partnership) -> list[PublicResolution]
    public_bodies(partnership) -> list[PublicBodyRecord]
    public_meeting_queryset(partnership) -> the rows public_meetings reads (for filtering and paging);
        meetings_view(rows) turns a page of them into PublicMeeting
    public_resolution_queryset(partnership) / resolutions_view(rows): the same for resolutions
People (partners' Person, their seats here; fixed queries whatever their number):
    public_people(partnership) -> list[PublicPerson]                   (everyone who has held a seat)
    public_person(partnership, person_id) -> PublicPerson              (Http404 without a seat here)
    public_seats(partnership, person_id=None) -> list[PublicSeat]      (every seat over time, with its body)
    members_now(partnership, on) -> list[PublicCouncilMembers]         (who sits where on a day, by council)
    person_record(partnership, person_id) -> PublicPersonRecord        (seats, attendance, declarations)
    councillors_by_ward(partnership, on) -> [((council, ward), [PublicCouncillor])]
    committees_of_person(partnership, person_id) -> (PublicPerson, [PublicCommitteeSeat])
    public_last_modified(partnership, meeting_id=None) -> datetime | None   (for Last-Modified)
"""

from dataclasses import dataclass, field
from datetime import date, time

from django.db.models import Max, Q
from django.http import Http404
from django.urls import reverse

from governance.partners.models import Person
from governance.partners.public import PublicCouncil, PublicPerson, council_view, person_view

from .models import (
    Attendance,
    Body,
    BodyMember,
    Declaration,
    Meeting,
    MinuteEntry,
    PublishedAgenda,
    PublishedItem,
    Resolution,
    Withdrawal,
)
from .ordering import numbered
from .selectors import is_quorate

# Of an exempt record (or one hanging off an exempt item), the text fields the public may read. Anything
# else, including a field added later, stays private. Leak tests read this table.
EXEMPT_PUBLIC_FIELDS = {
    "agendaitem": frozenset({"public_title"}),
    # The copy made at publication: for an exempt item its title *is* the public title.
    "publisheditem": frozenset({"title"}),
}

HELD = (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)


@dataclass(frozen=True)
class PublicBody:
    name: str
    slug: str
    get_absolute_url: str
    pk: int | None = None


@dataclass(frozen=True)
class PublicBodyRecord:
    pk: int
    name: str
    slug: str
    kind: str
    kind_display: str
    is_member_body: bool
    quorum: int
    get_absolute_url: str


def public_bodies(partnership):
    """The partnership's committees and boards (all public facts)."""
    return [
        PublicBodyRecord(
            pk=b.pk,
            name=b.name,
            slug=b.slug,
            kind=b.kind,
            kind_display=b.get_kind_display(),
            is_member_body=b.is_member_body,
            quorum=b.quorum,
            get_absolute_url=b.get_absolute_url(),
        )
        for b in Body.objects.filter(partnership=partnership).select_related("partnership").order_by("name")
    ]


@dataclass(frozen=True)
class PublicMeeting:
    pk: int
    body: PublicBody
    date: date
    start_time: time
    end_time: time | None
    venue: str
    status: str
    get_status_display: str
    is_published: bool
    minutes_are_signed: bool
    minutes_approved_on: date | None
    issue_date: date | None
    deputation_deadline: date | None
    urgency_reason: str
    contact_name: str
    contact_email: str
    contact_phone: str
    get_absolute_url: str
    next_meeting: "PublicMeeting | None" = None
    # The minutes of a held meeting published as a draft (read as such until they are approved).
    draft_minutes_published: bool = False

    def __str__(self):
        return f"{self.body.name}, {self.date:%-d %B %Y}"


# Withdrawal ----------------------------------------------------------------------------------------------
# A published item, report, appendix or pack withdrawn from the public (committees.models.Withdrawal). The
# projections apply it here, once: a withdrawn item reads as "Item withdrawn" with nothing else, a withdrawn
# report or appendix is no longer listed, and asking for one raises Withdrawn, which the views answer with
# 410 and the notice.

WITHDRAWN_TITLE = "Item withdrawn"


@dataclass(frozen=True)
class WithdrawalNotice:
    title: str  # what was withdrawn, as the public knew it
    grounds: str  # why, as the public is told
    at: object  # a datetime
    meeting_url: str = ""


class Withdrawn(Exception):
    """Raised by a projection asked for something withdrawn from the public: the view answers 410."""

    def __init__(self, notice):
        super().__init__(notice.title)
        self.notice = notice


def withdrawal_notice(w, meeting_url=""):
    return WithdrawalNotice(title=w.title, grounds=w.get_grounds_display(), at=w.at, meeting_url=meeting_url)


def withdrawals_of(meeting):
    """The meeting's withdrawals, oldest first (one query)."""
    return list(Withdrawal.objects.filter(meeting_id=meeting.pk).order_by("at", "pk"))


def _withdrawn_ids(kind):
    """A subquery of the agenda item ids withdrawn as `kind` (item: the whole item; report: its report)."""
    return Withdrawal.objects.filter(kind=kind, item__isnull=False).values("item_id")  # no NULL in NOT IN


def withdrawn_subqueries():
    """For copies made from the projections (the search index) that must stop serving a withdrawal the moment
    it commits: subqueries of ids, {"items": agenda items withdrawn whole, "reports": agenda items whose report
    is withdrawn, "appendices": appendices withdrawn}. Usable in `__in` (no NULLs)."""
    return {
        "items": _withdrawn_ids(Withdrawal.Kind.ITEM),
        "reports": _withdrawn_ids(Withdrawal.Kind.REPORT),
        "appendices": Withdrawal.objects.filter(kind=Withdrawal.Kind.APPENDIX, target_id__isnull=False).values(
            "target_id"
        ),
    }


@dataclass(frozen=True)
class PublicAgendaItem:
    item_id: int | None
    number: int
    title: str
    description: str = ""
    report_title: str = ""
    report_of: str = ""
    pages: str = ""
    wards: str = ""
    is_decision: bool = False
    is_key_decision: bool = False
    is_exempt: bool = False
    exempt_paragraph: int | None = None
    is_new_or_changed: bool = False
    report_to_follow: bool = False
    withdrawn: bool = False  # the whole item withdrawn: only its number and "Item withdrawn" remain
    report_withdrawn: bool = False  # its report withdrawn: the item stays, without the report

    @property
    def pk(self):
        return self.item_id


@dataclass(frozen=True)
class PublicAttendance:
    name: str
    is_chair: bool
    substitute_for: str
    member_id: int | None = None
    person_id: int | None = None


@dataclass(frozen=True)
class PublicDeclaration:
    member: str
    item_number: int
    is_pecuniary: bool
    text: str  # "(an exempt item)" for an exempt item


@dataclass(frozen=True)
class PublicDeputation:
    item_number: int | None
    withheld: bool  # on an exempt item: nothing but that a deputation was received on it
    requester: str = ""
    received: date | None = None
    heard: bool = False


@dataclass(frozen=True)
class PublicAction:
    owner: str
    text: str
    due: date | None


@dataclass(frozen=True)
class PublicResolution:
    pk: int
    meeting: PublicMeeting | None
    item_id: int
    item_title: str
    numbered_clauses: tuple
    reasons: str
    is_key_decision: bool

    @property
    def text(self):
        return " ".join(f"{n} {t}".strip() for n, t in self.numbered_clauses)


@dataclass(frozen=True)
class PublicMinuteEntry:
    members_commented: str
    officer_responses: str
    discussion: str


@dataclass(frozen=True)
class PublicMinuteItem:
    pk: int
    number: int
    title: str
    withheld: bool  # an exempt item as the public sees it: title is the public title, nothing else
    is_exempt: bool
    exempt_paragraph: int | None
    standard: str = ""
    is_decision: bool = False
    report_of: str = ""
    minute: PublicMinuteEntry | None = None
    actions: tuple = ()
    resolutions: tuple = ()


@dataclass(frozen=True)
class PublicMinutes:
    items: tuple
    present: tuple
    apologies: tuple
    deputations: tuple
    all_declarations: tuple
    quorate: bool | None
    public: bool = True
    extra: dict = field(default_factory=dict)
    is_draft: bool = True  # not yet approved and signed
    absent: tuple = ()  # recorded as absent (neither present nor apologies)


# Bodies and their members ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicBodyDetails:
    name: str
    slug: str
    kind: str
    get_kind_display: str
    chair_rule: str
    get_chair_rule_display: str
    quorum: int
    quorum_each_council: int | None
    get_absolute_url: str

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class PublicSeat:
    """A member's or substitute's seat on a body: who sits, for which council, from when."""

    pk: int
    name: str
    council: PublicCouncil
    kind: str
    get_kind_display: str
    start: date
    end: date | None
    person_id: int | None = None
    body: "PublicBody | None" = None

    def __str__(self):
        return self.name

    def serves_on(self, day):
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True)
class PublicTerms:
    version: int
    effective_from: date
    minimum_meetings: int
    approved_by: str
    text: str


@dataclass(frozen=True)
class PublicChair:
    get_office_display: str
    member: PublicSeat
    start: date
    end: date
    for_meeting_only: bool
    chaired: bool = False  # who chaired a held meeting, as its attendance records it


def body_view(body):
    """The body itself: its name, kind and the rules about its chair and quorum (all public)."""
    return PublicBodyDetails(
        name=body.name,
        slug=body.slug,
        kind=body.kind,
        get_kind_display=body.get_kind_display(),
        chair_rule=body.chair_rule,
        get_chair_rule_display=body.get_chair_rule_display(),
        quorum=body.quorum,
        quorum_each_council=body.quorum_each_council,
        get_absolute_url=body.get_absolute_url(),
    )


def seat_view(seat, *, with_body=False):
    """A BodyMember (its council fetched with it; its body too, with_body). The private note stays out."""
    body = seat.body if with_body else None
    return PublicSeat(
        pk=seat.pk,
        name=seat.name,
        council=council_view(seat.council),
        kind=seat.kind,
        get_kind_display=seat.get_kind_display(),
        start=seat.start,
        end=seat.end,
        person_id=seat.person_id,
        body=PublicBody(name=body.name, slug=body.slug, get_absolute_url=body.get_absolute_url(), pk=body.pk)
        if body is not None
        else None,
    )


def terms_view(terms):
    return PublicTerms(
        version=terms.version,
        effective_from=terms.effective_from,
        minimum_meetings=terms.minimum_meetings,
        approved_by=terms.approved_by,
        text=terms.text,
    )


def chaired_view(attendance):
    """Who chaired a meeting, from its attendance ("chaired the meeting")."""
    day = attendance.meeting.date
    return PublicChair(
        get_office_display="Chair",
        member=seat_view(attendance.member),
        start=day,
        end=day,
        for_meeting_only=True,
        chaired=True,
    )


def chairs_view(appointments, chaired):
    """A body's chairs, newest first: its appointments, and who chaired each meeting as its attendance records
    it, which stands in place of an appointment for that meeting only (the record of who took the chair
    prevails over the appointment made beforehand)."""
    chaired_on = {a.meeting.date for a in chaired}
    rows = [chair_view(c) for c in appointments if not (c.for_meeting_only and c.start in chaired_on)]
    rows += [chaired_view(a) for a in chaired]
    return sorted(rows, key=lambda c: c.start, reverse=True)


def chair_view(appointment):
    return PublicChair(
        get_office_display=appointment.get_office_display(),
        member=seat_view(appointment.member),
        start=appointment.start,
        end=appointment.end,
        for_meeting_only=appointment.for_meeting_only,
    )


# Documents of later rooms -------------------------------------------------------------------------------

# Rooms that build on committees (papers) register here what the public may download for a meeting, so the
# meeting feeds can link it without committees importing them: fn(meeting_ids) -> {meeting id: [(label, path)]}.
_document_links = []


def register_document_links(fn):
    if fn not in _document_links:
        _document_links.append(fn)
    return fn


def public_document_links(meeting_ids):
    links = {}
    for fn in _document_links:
        for pk, found in fn(list(meeting_ids)).items():
            links.setdefault(pk, []).extend(found)
    return links


# Meetings ------------------------------------------------------------------------------------------------


def _meeting_queryset(partnership):
    return (
        Meeting.objects.filter(body__partnership=partnership)
        .exclude(status=Meeting.Status.DRAFT)
        .select_related("body__partnership", "next_meeting__body__partnership", "minutes_approved_at")
    )


def meeting_view(meeting, *, with_next=True):
    """A fetched meeting as a dataclass. Meeting-level fields are public once the agenda is published."""
    body = meeting.body
    nxt = meeting.next_meeting if with_next else None
    return PublicMeeting(
        pk=meeting.pk,
        body=PublicBody(name=body.name, slug=body.slug, get_absolute_url=body.get_absolute_url()),
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        venue=meeting.venue,
        status=meeting.status,
        get_status_display=meeting.get_status_display(),
        is_published=meeting.is_published,
        minutes_are_signed=meeting.minutes_are_signed,
        minutes_approved_on=meeting.minutes_approved_at.date if meeting.minutes_approved_at_id else None,
        issue_date=meeting.issue_date,
        deputation_deadline=meeting.deputation_deadline,
        urgency_reason=meeting.urgency_reason if meeting.is_published else "",
        contact_name=meeting.contact_name,
        contact_email=meeting.contact_email,
        contact_phone=meeting.contact_phone,
        get_absolute_url=meeting.get_absolute_url(),
        next_meeting=meeting_view(nxt, with_next=False) if nxt is not None else None,
        draft_minutes_published=meeting.status == Meeting.Status.HELD
        and meeting.draft_minutes_published_at is not None,
    )


def public_meeting_queryset(partnership):
    """The meetings the public may see (every one but drafts), oldest first: for filtering and paging before
    meetings_view turns a page of them into dataclasses."""
    return _meeting_queryset(partnership).order_by("date", "start_time", "pk")


def meetings_view(rows):
    return [meeting_view(m) for m in rows]


def public_meetings(partnership, body=None):
    qs = _meeting_queryset(partnership).order_by("date", "start_time")
    if body is not None:
        qs = qs.filter(body=body)
    return [meeting_view(m) for m in qs]


def public_meeting(partnership, meeting_id):
    meeting = _meeting_queryset(partnership).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting_view(meeting)


# The agenda ----------------------------------------------------------------------------------------------


def _published_item_view(p, withdrawn=frozenset(), reports_withdrawn=frozenset()):
    if p.item_id is not None and p.item_id in withdrawn:
        return PublicAgendaItem(item_id=p.item_id, number=p.number, title=WITHDRAWN_TITLE, withdrawn=True)
    if p.item_id is not None and p.item_id in reports_withdrawn and not p.is_exempt:
        return PublicAgendaItem(
            item_id=p.item_id,
            number=p.number,
            title=p.title,
            description=p.description,
            wards=p.wards,
            is_decision=p.is_decision,
            is_key_decision=p.is_key_decision,
            is_new_or_changed=p.is_new_or_changed,
            report_withdrawn=True,
        )
    if p.is_exempt:
        return PublicAgendaItem(
            item_id=p.item_id,
            number=p.number,
            title=p.title,
            is_exempt=True,
            exempt_paragraph=p.exempt_paragraph,
            is_new_or_changed=p.is_new_or_changed,
        )
    return PublicAgendaItem(
        item_id=p.item_id,
        number=p.number,
        title=p.title,
        description=p.description,
        report_title=p.report_title,
        report_of=p.report_of,
        pages=p.pages,
        wards=p.wards,
        is_decision=p.is_decision,
        is_key_decision=p.is_key_decision,
        is_exempt=False,
        exempt_paragraph=None,
        is_new_or_changed=p.is_new_or_changed,
    )


def public_agenda_items(meeting):
    """The agenda as published (its latest supplement included): the copies made at publication, which hold
    nothing of an exempt item but its public title and paragraph. Empty for a draft."""
    if meeting.status == Meeting.Status.DRAFT:
        return []
    copies = PublishedItem.objects.filter(agenda__meeting=meeting, agenda__is_current=True).order_by("number")
    withdrawn, reports = withdrawn_item_ids(meeting)
    return [_published_item_view(p, withdrawn, reports) for p in copies]


@dataclass(frozen=True)
class PublicSupplement:
    """A supplementary agenda as issued: the items new or changed since the last issue (as published, with
    withdrawals applied) and the titles it took off the agenda."""

    number: int
    issued_on: date
    agenda_version: int
    urgency_reason: str
    items: tuple
    removed: tuple


def public_supplements(meeting):
    """The meeting's supplementary agendas (number 1 on), oldest first: every one issued stays listed."""
    if meeting.status == Meeting.Status.DRAFT:
        return []
    publications = list(
        meeting.publications.filter(number__gt=0).prefetch_related("items").order_by("number")
    )
    withdrawn, reports = withdrawn_item_ids(meeting)
    return [
        PublicSupplement(
            number=p.number,
            issued_on=p.issued_on,
            agenda_version=p.agenda_version,
            urgency_reason=p.urgency_reason,
            items=tuple(
                _published_item_view(c, withdrawn, reports)
                for c in sorted(p.items.all(), key=lambda c: c.number)
                if c.is_new_or_changed
            ),
            removed=tuple(t for t in p.withdrawn.splitlines() if t.strip()),
        )
        for p in publications
    ]


def withdrawn_item_ids(meeting, withdrawals=None):
    """(ids of the items withdrawn whole, ids of the items whose report is withdrawn)."""
    rows = withdrawals if withdrawals is not None else withdrawals_of(meeting)
    items = {w.item_id for w in rows if w.kind == Withdrawal.Kind.ITEM}
    reports = {w.item_id for w in rows if w.kind == Withdrawal.Kind.REPORT}
    return items, reports


def published_item_ids(meeting):
    """Ids of the agenda items in the current publication (what the public agenda and pack may show)."""
    return set(
        PublishedItem.objects.filter(
            agenda__meeting=meeting, agenda__is_current=True, item__isnull=False
        ).values_list("item_id", flat=True)
    )


def exclusion_motion(paragraphs):
    """The motion to exclude the press and public, as the councils' agendas print it before the first exempt
    item, naming the Schedule 12A paragraphs of the exempt items; "" when there are none."""
    paragraphs = [int(p) for p in paragraphs if p]
    numbers = sorted(set(paragraphs))
    if not numbers:
        return ""
    if len(numbers) == 1:
        named = f"paragraph {numbers[0]}"
    else:
        named = "paragraphs " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
    return (
        "To consider whether to pass a resolution to exclude the press and public from the meeting during "
        "consideration of the following item"
        + ("s" if len(paragraphs) > 1 else "")
        + " on the grounds that "
        + ("they involve" if len(paragraphs) > 1 else "it involves")
        + " the likely disclosure of exempt information as defined in "
        + f"{named} of Part 1 of Schedule 12A to the Local Government Act 1972 (as amended), and that in all "
        "the circumstances of the case the public interest in maintaining the exemption outweighs the public "
        "interest in disclosing the information."
    )


EXCLUSION_MOTION_TITLE = "Exclusion of the press and public"


def exclusion_before(items):
    """(the id of the first exempt item, the motion) for an agenda in print order; (None, "") if none."""
    exempt = [i for i in items if i.is_exempt and not getattr(i, "withdrawn", False)]
    if not exempt:
        return None, ""
    first = exempt[0]
    return getattr(first, "item_id", None) or first.pk, exclusion_motion(i.exempt_paragraph for i in exempt)


# Minutes -------------------------------------------------------------------------------------------------


def _resolution_view(r, *, title, meeting=None):
    return PublicResolution(
        pk=r.pk,
        meeting=meeting,
        item_id=r.item_id,
        item_title=title,
        numbered_clauses=tuple(r.numbered_clauses),
        reasons=r.reasons,
        is_key_decision=r.is_key_decision,
    )


def minutes_record(meeting, *, public):
    """The minutes in agenda order as dataclasses. Public: of an exempt item, and of everything recorded
    against it, only its public title and paragraph. Not public: everything (for people inside)."""
    items = numbered(
        list(
            meeting.items.select_related("minute").prefetch_related(
                "resolutions", "actions", "declarations__member"
            )
        )
    )
    by_pk = {i.pk: i for i in items}
    withdrawn = withdrawn_item_ids(meeting)[0] if public else set()
    out, declarations = [], []
    for item in items:
        hide = public and (item.is_exempt or item.pk in withdrawn)
        for d in item.declarations.all():
            declarations.append(
                PublicDeclaration(
                    member=d.member.name,
                    item_number=item.number,
                    is_pecuniary=d.is_pecuniary,
                    text="(an exempt item)" if hide else d.text,
                )
            )
        if hide:
            out.append(
                PublicMinuteItem(
                    pk=item.pk,
                    number=item.number,
                    title=WITHDRAWN_TITLE if item.pk in withdrawn else item.public_title,
                    withheld=True,
                    is_exempt=True,
                    exempt_paragraph=item.exempt_paragraph,
                )
            )
            continue
        entry = getattr(item, "minute", None) if _has_minute(item) else None
        out.append(
            PublicMinuteItem(
                pk=item.pk,
                number=item.number,
                title=item.title,
                withheld=False,
                is_exempt=item.is_exempt,
                exempt_paragraph=item.exempt_paragraph,
                standard=item.standard,
                is_decision=item.is_decision,
                report_of=item.report_of,
                minute=PublicMinuteEntry(
                    members_commented=entry.members_commented,
                    officer_responses=entry.officer_responses,
                    discussion=entry.discussion,
                )
                if entry
                else None,
                actions=tuple(
                    PublicAction(owner=a.owner, text=a.text, due=a.due) for a in item.actions.all()
                ),
                resolutions=tuple(_resolution_view(r, title=item.title) for r in item.resolutions.all()),
            )
        )
    attendance = list(meeting.attendance.select_related("member__council", "substitute_for"))

    def person(a):
        return PublicAttendance(
            member_id=a.member_id,
            person_id=a.member.person_id,
            name=a.member.name,
            is_chair=bool(getattr(a, "is_chair", False)),
            substitute_for=a.substitute_for.name if a.substitute_for_id else "",
        )

    deputations = []
    for d in meeting.deputations.all():
        item = by_pk.get(d.item_id)
        if public and item is not None and (item.is_exempt or item.pk in withdrawn):
            deputations.append(PublicDeputation(item_number=item.number, withheld=True))
        else:
            deputations.append(
                PublicDeputation(
                    item_number=item.number if item else None,
                    withheld=False,
                    requester=d.requester,
                    received=d.received,
                    heard=d.heard,
                )
            )
    return PublicMinutes(
        items=tuple(out),
        present=tuple(person(a) for a in attendance if a.status == a.Status.PRESENT),
        apologies=tuple(person(a) for a in attendance if a.status == a.Status.APOLOGIES),
        absent=tuple(person(a) for a in attendance if a.status == a.Status.ABSENT),
        deputations=tuple(deputations),
        all_declarations=tuple(declarations),
        quorate=is_quorate(meeting, attendance),
        public=public,
        is_draft=meeting.status != Meeting.Status.MINUTES_APPROVED,
    )


def _has_minute(item):
    try:
        return item.minute is not None
    except MinuteEntry.DoesNotExist:
        return False


def public_members_serving(partnership, body_slug, on):
    """The body's members serving on a day (public on the body's page), as PublicAttendance, by council."""
    members = (
        BodyMember.objects.filter(body__partnership=partnership, body__slug=body_slug, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("council")
        .order_by("council__code", "name")
    )
    return [
        PublicAttendance(
            member_id=m.pk, person_id=m.person_id, name=m.name, is_chair=False, substitute_for=""
        )
        for m in members
    ]


def minutes_are_public(meeting):
    """Signed minutes, or the minutes of a held meeting published as a draft."""
    return meeting.status == Meeting.Status.MINUTES_APPROVED or (
        meeting.status == Meeting.Status.HELD and meeting.draft_minutes_published_at is not None
    )


def public_minutes(meeting):
    """The minutes as the public reads them: signed, or published as a draft (PublicMinutes.is_draft); None
    before either."""
    if not minutes_are_public(meeting):
        return None
    return minutes_record(meeting, public=True)


# Resolutions ----------------------------------------------------------------------------------


def public_resolution_queryset(partnership):
    """Resolutions anyone may read: of meetings that have been held, on items that are not exempt."""
    return (
        Resolution.objects.filter(
            meeting__body__partnership=partnership, meeting__status__in=HELD, item__is_exempt=False
        )
        .exclude(item_id__in=_withdrawn_ids(Withdrawal.Kind.ITEM))
        .select_related("meeting__body__partnership", "meeting__minutes_approved_at", "item")
    )


def resolutions_view(rows):
    """A page of public_resolution_queryset's rows as dataclasses."""
    return [
        _resolution_view(r, title=r.item.title, meeting=meeting_view(r.meeting, with_next=False))
        for r in rows
    ]


def public_resolutions(partnership, queryset=None, *, limit=None):
    qs = queryset if queryset is not None else public_resolution_queryset(partnership)
    qs = qs.order_by("-meeting__date", "item__position", "pk")
    if limit is not None:
        qs = qs[:limit]  # sliced in the database: only the rows shown are read and projected
    return [
        _resolution_view(r, title=r.item.title, meeting=meeting_view(r.meeting, with_next=False)) for r in qs
    ]


@dataclass(frozen=True)
class RegisterItem:
    title: str
    report_of: str


@dataclass(frozen=True)
class RegisterResolution:
    """A row of the decisions register. Resolutions on exempt items reach it only for people inside
    (committees.selectors.resolutions_for decides)."""

    pk: int
    meeting: PublicMeeting
    item_id: int
    item: RegisterItem
    numbered_clauses: tuple
    reasons: str
    is_key_decision: bool
    is_officer_decision: bool = False


def register_resolution_view(r):
    """r with meeting__body__partnership, meeting__minutes_approved_at and item fetched."""
    return RegisterResolution(
        pk=r.pk,
        meeting=meeting_view(r.meeting, with_next=False),
        item_id=r.item_id,
        item=RegisterItem(title=r.item.title, report_of=r.item.report_of),
        numbered_clauses=tuple(r.numbered_clauses),
        reasons=r.reasons,
        is_key_decision=r.is_key_decision,
    )


# For OParl (opendata/oparl.py) ----------------------------------------------------------------------------
# Every public record of a partnership's committee business at once, with when it was first and last changed
# (from the history, and from the publications and withdrawals that change what the public reads), in a fixed
# number of queries whatever the number of records. Exempt items never appear, not even by id; a published
# item withdrawn, or taken off the agenda by a later issue, stays as `deleted`.


@dataclass(frozen=True)
class OparlBody:
    pk: int
    slug: str
    name: str
    kind_display: str
    is_member_body: bool
    created: object
    modified: object
    get_absolute_url: str


@dataclass(frozen=True)
class OparlItem:
    item_id: int
    meeting_id: int
    number: int
    title: str
    description: str
    is_decision: bool
    deleted: bool
    created: object
    modified: object
    resolution_text: str = ""


@dataclass(frozen=True)
class OparlMeeting:
    meeting: PublicMeeting
    body_id: int
    created: object
    modified: object
    items: tuple  # OparlItem in agenda order, the deleted ones included
    minutes_public: bool = False


@dataclass(frozen=True)
class OparlCommittees:
    bodies: tuple
    meetings: tuple


def _spans(history_model, **filters):
    """{id: (first, last)} of the history rows matching filters (one query)."""
    from django.db.models import Max, Min

    rows = (
        history_model.objects.filter(**filters)
        .values("id")
        .annotate(first=Min("history_date"), last=Max("history_date"))
    )
    return {r["id"]: (r["first"], r["last"]) for r in rows}


def _latest(*values):
    found = [v for v in values if v is not None]
    return max(found) if found else None


def oparl_committees(partnership):
    """The partnership's bodies and public meetings with their agenda items, for OParl (7 queries)."""
    body_spans = _spans(Body.history.model, partnership_id=partnership.pk)
    bodies = tuple(
        OparlBody(
            pk=b.pk,
            slug=b.slug,
            name=b.name,
            kind_display=b.get_kind_display(),
            is_member_body=b.is_member_body,
            created=body_spans.get(b.pk, (None, None))[0],
            modified=body_spans.get(b.pk, (None, None))[1],
            get_absolute_url=b.get_absolute_url(),
        )
        for b in Body.objects.filter(partnership=partnership).select_related("partnership").order_by("pk")
    )
    meetings = list(_meeting_queryset(partnership).order_by("date", "start_time", "pk"))
    meeting_spans = _spans(Meeting.history.model, body__partnership=partnership)
    copies = list(
        PublishedItem.objects.filter(agenda__meeting__body__partnership=partnership, item__isnull=False)
        .exclude(agenda__meeting__status=Meeting.Status.DRAFT)
        .values(
            "item_id",
            "number",
            "title",
            "description",
            "is_decision",
            "is_exempt",
            "agenda__meeting_id",
            "agenda__is_current",
            "agenda__published_at",
        )
        .order_by("agenda__published_at", "agenda__number", "number")
    )
    withdrawals = list(
        Withdrawal.objects.filter(meeting__body__partnership=partnership).values(
            "meeting_id", "kind", "item_id", "at"
        )
    )
    resolutions = {}
    for r in public_resolution_queryset(partnership).order_by("pk"):
        resolutions.setdefault(r.item_id, []).append(
            " ".join(f"{n} {t}".strip() for n, t in r.numbered_clauses)
        )
    withdrawn_at = {w["item_id"]: w["at"] for w in withdrawals if w["kind"] == Withdrawal.Kind.ITEM}
    changed_at = {}
    for w in withdrawals:
        changed_at[w["meeting_id"]] = _latest(changed_at.get(w["meeting_id"]), w["at"])
    ever_exempt = {c["item_id"] for c in copies if c["is_exempt"]}
    by_item = {}
    for c in copies:
        if c["item_id"] not in ever_exempt:
            by_item.setdefault(c["item_id"], []).append(c)
        changed_at[c["agenda__meeting_id"]] = _latest(
            changed_at.get(c["agenda__meeting_id"]), c["agenda__published_at"]
        )
    items = {}
    for item_id, rows in by_item.items():
        current = next((c for c in rows if c["agenda__is_current"]), None)
        last = current or rows[-1]
        deleted = current is None or item_id in withdrawn_at
        items.setdefault(last["agenda__meeting_id"], []).append(
            OparlItem(
                item_id=item_id,
                meeting_id=last["agenda__meeting_id"],
                number=last["number"],
                title=WITHDRAWN_TITLE if deleted else last["title"],
                description="" if deleted else last["description"],
                is_decision=last["is_decision"],
                deleted=deleted,
                created=rows[0]["agenda__published_at"],
                modified=_latest(last["agenda__published_at"], withdrawn_at.get(item_id)),
                resolution_text="" if deleted else "\n".join(resolutions.get(item_id, ())),
            )
        )
    out = []
    for m in meetings:
        first, last = meeting_spans.get(m.pk, (None, None))
        out.append(
            OparlMeeting(
                meeting=meeting_view(m, with_next=False),
                body_id=m.body_id,
                created=first,
                modified=_latest(last, changed_at.get(m.pk), m.draft_minutes_published_at),
                items=tuple(sorted(items.get(m.pk, ()), key=lambda i: (i.deleted, i.number, i.item_id))),
                minutes_public=minutes_are_public(m),
            )
        )
    return OparlCommittees(bodies=bodies, meetings=tuple(out))


@dataclass(frozen=True)
class OparlSeat:
    seat: PublicSeat
    body_id: int
    created: object
    modified: object


@dataclass(frozen=True)
class OparlPeople:
    people: tuple  # (PublicPerson, created, modified)
    seats: tuple  # OparlSeat
    participants: dict  # meeting id -> person ids present, for meetings whose minutes are public


def oparl_people(partnership):
    """Everyone who has held a seat on the partnership's bodies, their seats over time, and who attended the
    meetings whose minutes are public, with when each was first and last changed, for OParl (6 queries)."""
    people = list(_people_queryset(partnership))
    person_spans = _spans(Person.history.model, id__in=[p.pk for p in people]) if people else {}
    seats = list(
        BodyMember.objects.filter(body__partnership=partnership)
        .select_related("body__partnership", "council")
        .order_by("start", "body__name", "kind", "pk")
    )
    seat_spans = _spans(BodyMember.history.model, body__partnership=partnership)
    public_meeting_ids = (
        Meeting.objects.filter(body__partnership=partnership)
        .filter(
            Q(status=Meeting.Status.MINUTES_APPROVED)
            | Q(status=Meeting.Status.HELD, draft_minutes_published_at__isnull=False)
        )
        .values("pk")
    )
    participants = {}
    for meeting_id, person_id in (
        Attendance.objects.filter(meeting_id__in=public_meeting_ids, status=Attendance.Status.PRESENT)
        .order_by("pk")
        .values_list("meeting_id", "member__person_id")
    ):
        if person_id is not None and person_id not in participants.setdefault(meeting_id, []):
            participants[meeting_id].append(person_id)
    return OparlPeople(
        people=tuple((person_view(p), *person_spans.get(p.pk, (None, None))) for p in people),
        seats=tuple(
            OparlSeat(
                seat=seat_view(s, with_body=True),
                body_id=s.body_id,
                created=seat_spans.get(s.pk, (None, None))[0],
                modified=seat_spans.get(s.pk, (None, None))[1],
            )
            for s in seats
        ),
        participants=participants,
    )


__all__ = [
    "EXEMPT_PUBLIC_FIELDS",
    "PublicBodyDetails",
    "PublicChair",
    "PublicCouncil",
    "PublicSeat",
    "PublicTerms",
    "body_view",
    "chair_view",
    "council_view",
    "seat_view",
    "terms_view",
    "PublicAgendaItem",
    "PublicMeeting",
    "PublicMinutes",
    "PublicResolution",
    "meeting_view",
    "minutes_record",
    "public_agenda_items",
    "public_meeting",
    "public_meetings",
    "public_minutes",
    "public_resolutions",
]


# People ---------------------------------------------------------------------------------------------------
# A person (partners' Person) is public through a partnership once they have held a seat on one of its bodies.
# Their attendance and declarations are public as the minutes are: only of meetings whose minutes are public
# (minutes_are_public), and of an exempt or withdrawn item only "(an exempt item)".

EXEMPT_DECLARATION = "(an exempt item)"


def person_url(partnership_slug, person_id):
    return reverse("governance:person", kwargs={"partnership": partnership_slug, "person": person_id})


def _people_queryset(partnership):
    return (
        Person.objects.filter(seats__body__partnership=partnership)
        .distinct()
        .select_related("council")
        .order_by("council__code", "name", "pk")
    )


def public_people(partnership):
    """Everyone who has held a seat on one of the partnership's bodies, by council and name (one query)."""
    return [person_view(p) for p in _people_queryset(partnership)]


def public_person(partnership, person_id):
    person = _people_queryset(partnership).filter(pk=person_id).first()
    if person is None:
        raise Http404("No such member.")
    return person_view(person)


def public_seats(partnership, person_id=None):
    """Every seat on the partnership's bodies over time (with its body and person id), oldest first."""
    qs = BodyMember.objects.filter(body__partnership=partnership).select_related(
        "body__partnership", "council"
    )
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    return [seat_view(s, with_body=True) for s in qs.order_by("start", "body__name", "kind", "pk")]


@dataclass(frozen=True)
class PublicMemberNow:
    person: PublicPerson
    seats: tuple  # PublicSeat, with their bodies
    get_absolute_url: str


@dataclass(frozen=True)
class PublicCouncilMembers:
    council: PublicCouncil
    members: tuple  # PublicMemberNow, by name


def members_now(partnership, on):
    """Who sits where on a day, by council then name: each person with their seats that day (two queries)."""
    seats = list(
        BodyMember.objects.filter(body__partnership=partnership, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("body__partnership", "council", "person__council")
        .order_by("council__code", "person__name", "person_id", "body__name", "kind")
    )
    by_council, people = {}, {}
    for seat in seats:
        people.setdefault(seat.person_id, (seat.person, []))[1].append(seat_view(seat, with_body=True))
        by_council.setdefault(seat.council_id, (seat.council, []))
        if seat.person_id not in by_council[seat.council_id][1]:
            by_council[seat.council_id][1].append(seat.person_id)
    return [
        PublicCouncilMembers(
            council=council_view(council),
            members=tuple(
                PublicMemberNow(
                    person=person_view(people[pk][0]),
                    seats=tuple(people[pk][1]),
                    get_absolute_url=person_url(partnership.slug, pk),
                )
                for pk in ids
            ),
        )
        for council, ids in by_council.values()
    ]


@dataclass(frozen=True)
class PublicPersonMeeting:
    """A meeting the person was expected at (a member's or chair's seat) or attended as a substitute.
    status: present, apologies, absent, substitute_sent (apologies, and a substitute attended), substitute
    (attended as one: substitute_for names whom)."""

    meeting: PublicMeeting
    status: str
    status_display: str
    substitute: str = ""  # who came in their place (substitute_sent)
    substitute_for: str = ""  # whom they stood in for (substitute)
    is_chair: bool = False


@dataclass(frozen=True)
class PublicPersonDeclaration:
    meeting: PublicMeeting
    item_title: str  # "(an exempt item)" for an exempt or withdrawn item
    is_pecuniary: bool | None  # None for an exempt item
    text: str  # "(an exempt item)" for an exempt or withdrawn item
    withheld: bool


@dataclass(frozen=True)
class PublicAttendanceFigures:
    expected: int
    present: int
    apologies: int  # apologies in all, substitute_sent among them
    substitute_sent: int
    absent: int
    as_substitute: int  # meetings attended as a substitute (not expected)

    @property
    def rate(self):
        """Present at meetings expected, as a whole percentage; None before any meeting was expected."""
        return round(100 * self.present / self.expected) if self.expected else None


@dataclass(frozen=True)
class PublicPersonRecord:
    person: PublicPerson
    seats: tuple  # PublicSeat over time, with bodies
    meetings: tuple  # PublicPersonMeeting, newest first
    figures: PublicAttendanceFigures
    declarations: tuple  # PublicPersonDeclaration, newest first
    get_absolute_url: str


STATUS_DISPLAY = {
    "present": "Present",
    "apologies": "Apologies",
    "absent": "Absent",
    "substitute_sent": "Apologies, substitute sent",
    "substitute": "Attended as a substitute",
}


def person_record(partnership, person_id):
    """A person's public record in a partnership: their seats over time, the meetings they were expected at
    (held meetings with public minutes where attendance was recorded, while they held a member's or chair's
    seat) and what the minutes say of them, the figures, and the declarations they made (fixed queries)."""
    person = public_person(partnership, person_id)
    seat_rows = list(
        BodyMember.objects.filter(body__partnership=partnership, person_id=person_id)
        .select_related("body__partnership", "council")
        .order_by("start", "body__name", "kind", "pk")
    )
    seats = [seat_view(s, with_body=True) for s in seat_rows]
    meetings = [
        m
        for m in _meeting_queryset(partnership)
        .filter(body_id__in={s.body_id for s in seat_rows}, status__in=HELD)
        .order_by("-date", "-start_time")
        if minutes_are_public(m)
    ]
    ids = [m.pk for m in meetings]
    recorded = set(
        Attendance.objects.filter(meeting_id__in=ids).values_list("meeting_id", flat=True).distinct()
    )
    rows = list(
        Attendance.objects.filter(meeting_id__in=ids)
        .filter(Q(member__person_id=person_id) | Q(substitute_for__person_id=person_id))
        .select_related("member", "substitute_for")
    )
    own = {(a.meeting_id, a.member_id): a for a in rows if a.member.person_id == person_id}
    sent = {
        (a.meeting_id, a.substitute_for_id): a.member.name
        for a in rows
        if a.substitute_for_id and a.substitute_for.person_id == person_id
    }
    out, counts = [], dict.fromkeys(("expected", "present", "apologies", "substitute_sent", "absent"), 0)
    as_substitute = 0
    for meeting in meetings:
        view = meeting_view(meeting, with_next=False)
        expected = [
            s
            for s in seat_rows
            if s.body_id == meeting.body_id
            and s.kind in (BodyMember.Kind.MEMBER, BodyMember.Kind.CHAIR)
            and s.serves_on(meeting.date)
        ]
        if expected and meeting.pk in recorded:
            marks = [own.get((meeting.pk, s.pk)) for s in expected]
            row = next(
                (a for a in marks if a is not None and a.status == Attendance.Status.PRESENT), None
            ) or next((a for a in marks if a is not None), None)
            status = row.status if row is not None else Attendance.Status.ABSENT
            substitute = next((sent[(meeting.pk, s.pk)] for s in expected if (meeting.pk, s.pk) in sent), "")
            if status == Attendance.Status.APOLOGIES and substitute:
                counts["substitute_sent"] += 1
            counts["expected"] += 1
            counts[status] += 1
            key = "substitute_sent" if status == Attendance.Status.APOLOGIES and substitute else status
            out.append(
                PublicPersonMeeting(
                    meeting=view,
                    status=key,
                    status_display=STATUS_DISPLAY[key],
                    substitute=substitute,
                    is_chair=bool(row and row.is_chair),
                )
            )
            continue
        stood_in = next(
            (
                a
                for (mid, _), a in own.items()
                if mid == meeting.pk and a.substitute_for_id and a.status == Attendance.Status.PRESENT
            ),
            None,
        )
        if stood_in is not None:
            as_substitute += 1
            out.append(
                PublicPersonMeeting(
                    meeting=view,
                    status="substitute",
                    status_display=STATUS_DISPLAY["substitute"],
                    substitute_for=stood_in.substitute_for.name,
                    is_chair=stood_in.is_chair,
                )
            )
    views = {p.meeting.pk: p.meeting for p in out}
    withdrawn = set(
        _withdrawn_ids(Withdrawal.Kind.ITEM).filter(meeting_id__in=ids).values_list("item_id", flat=True)
    )
    declarations = []
    for d in (
        Declaration.objects.filter(meeting_id__in=ids, member__person_id=person_id)
        .select_related("item")
        .order_by("-meeting__date", "item__position", "pk")
    ):
        hide = d.item.is_exempt or d.item_id in withdrawn
        meeting = views.get(d.meeting_id) or meeting_view(
            next(m for m in meetings if m.pk == d.meeting_id), with_next=False
        )
        declarations.append(
            PublicPersonDeclaration(
                meeting=meeting,
                item_title=EXEMPT_DECLARATION if hide else d.item.title,
                is_pecuniary=None if hide else d.is_pecuniary,
                text=EXEMPT_DECLARATION if hide else d.text,
                withheld=hide,
            )
        )
    return PublicPersonRecord(
        person=person,
        seats=tuple(seats),
        meetings=tuple(out),
        figures=PublicAttendanceFigures(**counts, as_substitute=as_substitute),
        declarations=tuple(declarations),
        get_absolute_url=person_url(partnership.slug, person_id),
    )


@dataclass(frozen=True)
class PublicTermOfOffice:
    body: PublicBody
    role: str
    start: date
    end: date | None


@dataclass(frozen=True)
class PublicCouncillor:
    """A person sitting on one of the partnership's bodies, with every seat they have held there (terms)."""

    person: PublicPerson
    terms: tuple  # PublicTermOfOffice, oldest first


def councillors_by_ward(partnership, on):
    """Everyone sitting on one of the partnership's bodies on a day, grouped by their council and ward:
    [((council, ward), [PublicCouncillor]…)] in order of council, ward and name; ward "" when not recorded
    (two queries)."""
    sitting = set(
        BodyMember.objects.filter(body__partnership=partnership, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .values_list("person_id", flat=True)
    )
    seats = (
        BodyMember.objects.filter(body__partnership=partnership, person_id__in=sitting)
        .select_related("body__partnership", "person__council")
        .order_by("person__council__code", "person__ward", "person__name", "person_id", "start", "pk")
    )
    people, terms = {}, {}
    for seat in seats:
        people.setdefault(seat.person_id, seat.person)
        body = seat.body
        terms.setdefault(seat.person_id, []).append(
            PublicTermOfOffice(
                body=PublicBody(
                    name=body.name, slug=body.slug, get_absolute_url=body.get_absolute_url(), pk=body.pk
                ),
                role=seat.get_kind_display(),
                start=seat.start,
                end=seat.end,
            )
        )
    groups = {}
    for pk, person in people.items():
        view = person_view(person)
        groups.setdefault((view.council, person.ward), []).append(PublicCouncillor(view, tuple(terms[pk])))
    return list(groups.items())


@dataclass(frozen=True)
class PublicCommitteeSeat:
    body: PublicBodyRecord
    role: str
    role_display: str
    start: date
    end: date | None


def committees_of_person(partnership, person_id):
    """(the person, their seats on the partnership's bodies with each body, oldest first); Http404 for a
    person who has held no seat here (three queries)."""
    person = public_person(partnership, person_id)
    bodies = {b.pk: b for b in public_bodies(partnership)}
    seats = BodyMember.objects.filter(body__partnership=partnership, person_id=person_id).order_by(
        "start", "pk"
    )
    return person, [
        PublicCommitteeSeat(
            body=bodies[s.body_id], role=s.kind, role_display=s.get_kind_display(), start=s.start, end=s.end
        )
        for s in seats
    ]


def public_last_modified(partnership, *, meeting_id=None):
    """When the committee records the public reads of the partnership last changed (from their history): its
    bodies, seats and people, meetings, publications and withdrawals; with meeting_id, also that meeting's
    attendance, declarations, minutes and resolutions. None when nothing has history. A time only: nothing
    of a record is read."""
    people = BodyMember.objects.filter(body__partnership=partnership).values("person_id")
    histories = [
        Body.history.filter(partnership=partnership),
        BodyMember.history.filter(body__partnership=partnership),
        Person.history.filter(id__in=people),
        Meeting.history.filter(body__partnership=partnership).exclude(status=Meeting.Status.DRAFT),
        Withdrawal.history.filter(meeting__body__partnership=partnership),
    ]
    if meeting_id is not None:
        histories += [
            Attendance.history.filter(meeting_id=meeting_id),
            Declaration.history.filter(meeting_id=meeting_id),
            MinuteEntry.history.filter(item__meeting_id=meeting_id),
            Resolution.history.filter(meeting_id=meeting_id),
        ]
    times = [h.aggregate(at=Max("history_date"))["at"] for h in histories]
    published = PublishedAgenda.objects.filter(meeting__body__partnership=partnership).aggregate(
        at=Max("published_at")
    )["at"]
    times = [t for t in [*times, published] if t is not None]
    return max(times) if times else None
