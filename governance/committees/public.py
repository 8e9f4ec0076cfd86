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
"""

from dataclasses import dataclass, field
from datetime import date, time

from django.db.models import Q
from django.http import Http404

from governance.partners.public import PublicCouncil, council_view

from .models import Body, BodyMember, Meeting, MinuteEntry, PublishedItem, Resolution, Withdrawal
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

    def __str__(self):
        return self.name


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


def seat_view(seat):
    """A BodyMember (its council fetched with it). The private note stays out."""
    return PublicSeat(
        pk=seat.pk,
        name=seat.name,
        council=council_view(seat.council),
        kind=seat.kind,
        get_kind_display=seat.get_kind_display(),
        start=seat.start,
        end=seat.end,
    )


def terms_view(terms):
    return PublicTerms(
        version=terms.version,
        effective_from=terms.effective_from,
        minimum_meetings=terms.minimum_meetings,
        approved_by=terms.approved_by,
        text=terms.text,
    )


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
    return [PublicAttendance(member_id=m.pk, name=m.name, is_chair=False, substitute_for="") for m in members]


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
    return Resolution.objects.filter(
        meeting__body__partnership=partnership, meeting__status__in=HELD, item__is_exempt=False
    ).exclude(item_id__in=_withdrawn_ids(Withdrawal.Kind.ITEM)).select_related("meeting__body__partnership", "meeting__minutes_approved_at", "item")


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
