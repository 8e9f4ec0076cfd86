"""Reads of committee business: meetings, agendas, minutes and resolutions."""

from django.db.models import Case, F, Value, When

from governance.calendar import latest_publication_date, municipal_year, municipal_year_label
from governance.roles import COMMITTEE_EDITORS, COMMITTEE_INSIDE

from .models import Action, AgendaItem, Meeting, Resolution
from .ordering import numbered

# Committee business --------------------------------------------------------------------------------------

# Who reads the papers in full, exempt items included. Members sit on the bodies whose papers they read;
# the CIO reports to them; auditors read everything; committee officers and administrators edit.
INSIDE_ROLES = COMMITTEE_INSIDE
EDITOR_ROLES = COMMITTEE_EDITORS


def sees_inside(request):
    """True when the request's roles in its partnership let it read drafts and exempt items."""
    return bool(set(getattr(request, "roles", ())) & INSIDE_ROLES)


def can_edit(request):
    return bool(set(getattr(request, "roles", ())) & EDITOR_ROLES)


def meetings_for(partnership, *, inside):
    """Meetings of the partnership's bodies; the public sees only those whose agenda is published."""

    qs = Meeting.objects.filter(body__partnership=partnership).select_related("body__partnership")
    if not inside:
        qs = qs.exclude(status=Meeting.Status.DRAFT)
    return qs


def current_publication(meeting):
    return meeting.publications.filter(is_current=True).prefetch_related("items").first()


def agenda_for(meeting, *, inside):
    """The agenda as the audience may see it. Inside: the live items, numbered. Public: the copies made
    when the agenda (or its latest supplement) was published, which hold nothing of an exempt item but its
    public title and paragraph."""

    if inside:
        return numbered(list(meeting.items.all()))
    publication = current_publication(meeting)
    return list(publication.items.all()) if publication else []


def minutes_for(meeting, *, inside):
    """The items of the minutes with their entries, resolutions, actions and declarations, in agenda order.
    The public reads only signed minutes, and of an exempt item only its public title."""

    if not inside and meeting.status != Meeting.Status.MINUTES_APPROVED:
        return None
    items = numbered(
        list(
            meeting.items.select_related("minute").prefetch_related(
                "resolutions", "actions", "declarations__member"
            )
        )
    )
    declarations = []
    for item in items:
        for d in item.declarations.all():
            d.item_number = item.number
            if item.is_exempt and not inside:
                d.text = "(an exempt item)"
            declarations.append(d)
    attendance = list(meeting.attendance.select_related("member__council", "substitute_for"))
    deputations = list(meeting.deputations.select_related("item"))
    return {
        "items": items,
        "attendance": attendance,
        "present": [a for a in attendance if a.status == a.Status.PRESENT],
        "apologies": [a for a in attendance if a.status == a.Status.APOLOGIES],
        "deputations": deputations,
        "all_declarations": declarations,
        "quorate": is_quorate(meeting, attendance),
    }


def is_quorate(meeting, attendance=None):
    """Whether enough members were present, counting substitutes for the members they stood in for, and
    (where the body requires it) enough from each council of the partnership."""
    if attendance is None:
        attendance = list(meeting.attendance.select_related("member"))
    present = [a for a in attendance if a.status == a.Status.PRESENT]
    if not present:
        return None
    body = meeting.body
    if len(present) < body.quorum:
        return False
    if body.quorum_each_council:
        councils = {c.pk for c in body.partnership.councils_on(meeting.date)}
        for council_id in councils:
            if sum(1 for a in present if a.member.council_id == council_id) < body.quorum_each_council:
                return False
    return True


def meeting_counts_by_year(body, meetings, terms, today=None):
    """Per municipal year with meetings (and the current one, even with none): how many are scheduled and
    the minimum the terms of reference in force at the end of that year ask for; `short` when below it."""

    years = {}
    if today is not None and terms:
        start, end = municipal_year(today)
        years[start] = {"label": municipal_year_label(today), "end": end, "count": 0}
    for m in meetings:
        start, end = municipal_year(m.date)
        years.setdefault(start, {"label": municipal_year_label(m.date), "end": end, "count": 0})
        years[start]["count"] += 1
    rows = []
    for start in sorted(years):
        row = years[start]
        in_force = [t for t in terms if t.effective_from <= row["end"]]
        minimum = in_force[-1].minimum_meetings if in_force else 0
        rows.append({**row, "minimum": minimum, "short": row["count"] < minimum})
    return rows


def members_on(body, day, members=None):
    members = members if members is not None else list(body.members.select_related("council"))
    return [m for m in members if m.serves_on(day)]


def public_resolutions(partnership):
    """Resolutions anyone may read: of meetings that have been held, on items that are not exempt."""

    return Resolution.objects.filter(
        meeting__body__partnership=partnership,
        meeting__status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED],
        item__is_exempt=False,
    )


def resolutions_for(partnership, *, inside):

    qs = (
        Resolution.objects.filter(meeting__body__partnership=partnership)
        if inside
        else public_resolutions(partnership)
    )
    return qs.select_related("meeting__body__partnership", "meeting__minutes_approved_at", "item").order_by(
        "-meeting__date", "item__position", "pk"
    )


def previous_minutes_waiting(meeting):
    """The meeting whose minutes wait for approval at this meeting: the one its minutes item names, or the
    latest earlier held meeting of the body when it names none."""
    item = meeting.items.filter(standard=AgendaItem.Standard.MINUTES).select_related("minutes_of").first()
    if item is not None and item.minutes_of_id:
        return item.minutes_of if item.minutes_of.status == Meeting.Status.HELD else None
    return (
        Meeting.objects.filter(body=meeting.body, date__lt=meeting.date, status=Meeting.Status.HELD)
        .order_by("-date")
        .first()
    )


# The CIO dashboard ---------------------------------------------------------------------------------------


def upcoming_meetings(partnership, day, *, limit=8):
    """The next meetings of the partnership's bodies from `day`, each with the last day its agenda can be
    published (five clear working days), its deputation deadline, and whether its papers are late: published
    after that day, or not yet published when that day has passed. One query."""
    meetings = list(
        Meeting.objects.filter(body__partnership=partnership, date__gte=day)
        .select_related("body__partnership")
        .order_by("date", "start_time")[:limit]
    )
    for m in meetings:
        m.publish_by = latest_publication_date(m.date)
        if m.is_published:
            m.papers_late = bool(m.issue_date and m.issue_date > m.publish_by)
        else:
            m.papers_late = day > m.publish_by
    return meetings


def open_actions(partnership, day, *, limit=15):
    """Actions recorded in minutes of meetings held on or before `day` and not yet completed (the action
    log's `done_on`), overdue first (earliest due first), then those due later, then those with no date; with
    their owners and the meeting they came from. ([actions], total, overdue count): two queries."""
    qs = Action.objects.filter(
        item__meeting__body__partnership=partnership, item__meeting__date__lte=day, done_on__isnull=True
    )
    total = qs.count()
    overdue = qs.filter(due__lt=day).count()
    actions = list(
        qs.select_related("item__meeting__body__partnership").order_by(
            Case(When(due__lt=day, then=Value(0)), When(due__isnull=False, then=Value(1)), default=Value(2)),
            "due",
            "pk",
        )[:limit]
    )
    for a in actions:
        a.is_overdue = a.due is not None and a.due < day
    return actions, total, overdue


def action_log(partnership):
    """Every action agreed in the partnership's minutes, for the action log: open ones first, by due date
    (undated last), then completed ones, latest completion first; each with its meeting and body."""
    return (
        Action.objects.filter(item__meeting__body__partnership=partnership)
        .select_related("item__meeting__body__partnership")
        .order_by(
            Case(When(done_on__isnull=True, then=Value(0)), default=Value(1)),
            Case(When(done_on__isnull=True, then=F("due"))).asc(nulls_last=True),
            F("done_on").desc(),
            "pk",
        )
    )
