"""Pages for committee business: the public site (meetings, agendas, minutes, decisions, feeds; search is
engagement's)
and the committee officer's agenda and minutes editors. The access table decides who reaches each URL;
these views decide what each reader sees: the public never sees drafts or anything of an exempt item."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST

from governance.audit.versions import current_version
from governance.calendar import (
    PUBLICATION_CLEAR_DAYS,
    clear_working_days,
    ics_calendar,
    latest_publication_date,
)
from governance.formfields import is_stale, refused
from governance.partners.models import Partnership
from governance.partners.public_cache import cached_public_page

from . import public, publication, selectors, services
from .forms import (
    ActionFilter,
    ActionUpdateForm,
    AgendaItemForm,
    BodyMemberForm,
    EndSeatForm,
    MeetingDetailsForm,
    MeetingFilter,
    MeetingForm,
    MinutesOfForm,
    PublishForm,
)
from .models import Action, AgendaItem, Attendance, Body, Meeting
from .pages import url_of
from .publication_checks import publication_problems


def visible_meeting(request, meeting_id):
    """The meeting, if this reader may see it: drafts are for people inside only."""
    inside = selectors.sees_inside(request)
    meeting = get_object_or_404(
        selectors.meetings_for(request.partnership, inside=inside).select_related(
            "body__partnership", "next_meeting", "chair_council", "minutes_approved_at"
        ),
        pk=meeting_id,
    )
    return meeting, inside


# Bodies --------------------------------------------------------------------------------------------------


def body_detail(request, partnership, body):
    body = get_object_or_404(
        Body.objects.filter(partnership=request.partnership).select_related("partnership"), slug=body
    )
    return _render_body(request, body)


def _render_body(request, body, status=200, conflict=None, **forms):
    """The body's page. Everyone reads it through the public projection (dataclasses, never the models);
    committee officers also get the forms that seat and unseat members."""
    inside = selectors.sees_inside(request)
    today = timezone.localdate()
    terms = list(body.terms.order_by("effective_from"))
    seats = list(body.members.select_related("council").order_by("council__code", "name"))
    meetings = list(
        selectors.meetings_for(request.partnership, inside=inside)
        .filter(body=body)
        .select_related("minutes_approved_at")
    )
    counts = selectors.meeting_counts_by_year(body, meetings, terms, today)
    chairs = list(
        body.chair_appointments.select_related("member__council", "appointed_at").order_by("-start")
    )
    chaired = list(
        Attendance.objects.filter(meeting__in=[m.pk for m in meetings], is_chair=True).select_related(
            "member__council", "meeting"
        )
    )
    current_terms = next((t for t in reversed(terms) if t.effective_from <= today), None)
    can_edit = selectors.can_edit(request)
    seats_version = {"version": services.seats_version(body)} if can_edit else {}
    return render(
        request,
        "governance/committees/body_detail.html",
        {
            "body": public.body_view(body),
            "terms": [public.terms_view(t) for t in terms],
            "current_terms": public.terms_view(current_terms) if current_terms else None,
            "members": [public.seat_view(m) for m in seats],
            "current_members": [public.seat_view(m) for m in seats if m.serves_on(today)],
            "meetings": [public.meeting_view(m, with_next=False) for m in meetings],
            "counts": counts,
            "short_years": [c for c in counts if c["short"]],
            "chairs": public.chairs_view(chairs, chaired),
            "next_chair_council": public.council_view(services.next_chair_council(body, today)),
            "can_edit": can_edit,
            "seat_form": (
                forms.get("seat_form")
                or BodyMemberForm(partnership=request.partnership, initial=seats_version)
            )
            if can_edit
            else None,
            "end_form": (forms.get("end_form") or EndSeatForm(body=body, initial=seats_version))
            if can_edit
            else None,
            "conflict": conflict,
            "bad_form": forms.get("seat_form") or forms.get("end_form"),
            "today": today,
        },
        status=status,
    )


def body_members(request, partnership, body):
    """Seats or unseats a member or substitute (committee officers); the body's page shows the result. Both
    forms carry the seats' watermark: a stale one is refused (409) with the other person's changes shown."""
    body = get_object_or_404(
        Body.objects.filter(partnership=request.partnership).select_related("partnership"), slug=body
    )
    if request.POST.get("action") == "end":
        form = EndSeatForm(request.POST, body=body)
        call = lambda d: services.body_member_end(  # noqa: E731
            member=d["member"], end=d["end"], version=d["version"], by=request.user
        )
    else:
        form = BodyMemberForm(request.POST, partnership=request.partnership)
        call = lambda d: services.body_member_add(body=body, by=request.user, **d)  # noqa: E731
    key = "end_form" if isinstance(form, EndSeatForm) else "seat_form"
    if form.is_valid():
        try:
            seat = call(form.cleaned_data)
        except ValidationError as error:
            # A stale watermark: nothing of ours saved; the other person's changes are shown and the form
            # carries the seats' version now (the one helper, formfields.add_service_error).
            form.add_service_error(error)
        else:
            messages.success(request, f"Saved: {seat.name}, {seat.get_kind_display().lower()}.")
            return redirect(body)
    conflict = getattr(form, "conflict_changes", None)
    return _render_body(request, body, status=refused(form), conflict=conflict, **{key: form})


# Meetings ------------------------------------------------------------------------------------------------


@cached_public_page(by_date=True)
def meeting_list(request, partnership):
    inside = selectors.sees_inside(request)
    today = timezone.localdate()
    qs = (
        selectors.meetings_for(request.partnership, inside=inside)
        .select_related("minutes_approved_at")
        .order_by("date", "start_time")
    )
    meeting_filter = MeetingFilter(request.GET or None, queryset=qs, partnership=request.partnership)
    if request.GET and not meeting_filter.is_valid():
        status, meetings = 400, []
    else:
        status, meetings = 200, list(meeting_filter.qs if request.GET else qs)
    # Everyone reads the list through the public projection: dataclasses, never the models.
    meetings = [public.meeting_view(m, with_next=False) for m in meetings]
    bodies = [
        public.body_view(b)
        for b in Body.objects.filter(partnership=request.partnership).select_related("partnership")
    ]
    return render(
        request,
        "governance/committees/meeting_list.html",
        {
            "filter": meeting_filter,
            "upcoming": [m for m in meetings if m.date >= today],
            "past": list(reversed([m for m in meetings if m.date < today])),
            "bodies": bodies,
            "can_edit": selectors.can_edit(request),
        },
        status=status,
    )


def meeting_create(request, partnership):
    form = MeetingForm(request.POST or None, partnership=request.partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                body=data["body"],
                date=data["date"],
                start_time=data["start_time"],
                venue=data["venue"],
                deputation_deadline=data["deputation_deadline"],
                chair_council=data["chair_council"],
                contact_phone=data["contact_phone"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Meeting created with the standard items. Add the business items.")
            return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)
    return render(request, "governance/committees/meeting_form.html", {"form": form})


def meeting_edit(request, partnership, meeting):
    meeting, _inside = visible_meeting(request, meeting)
    form = MeetingDetailsForm(
        request.POST or None,
        instance=Meeting.objects.get(pk=meeting.pk),
        initial={"version": current_version(meeting)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Saved the meeting’s details.")
            return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)
    return render(
        request,
        "governance/committees/meeting_edit.html",
        {"form": form, "meeting": meeting},
        status=refused(form) if request.method == "POST" else 200,
    )


# The agenda editor ---------------------------------------------------------------------------------------


def _editor_context(request, meeting, **extra):
    items = services.numbered(list(meeting.items.all()))
    standard_count = sum(1 for i in items if i.standard)
    # Which items have a report written (papers' reports, read by their relation's name: one query).
    with_report = set(meeting.items.filter(report__isnull=False).values_list("pk", flat=True))
    for item in items:
        same_group = [i for i in items if not i.standard and i.is_exempt == item.is_exempt]
        item.can_up = not item.standard and same_group and same_group[0] is not item
        item.can_down = not item.standard and same_group and same_group[-1] is not item
        item.has_report = item.pk in with_report
    today = timezone.localdate()
    clear_days = clear_working_days(today, meeting.date)
    late = clear_days < PUBLICATION_CLEAR_DAYS
    current = meeting.publications.filter(is_current=True).first()
    context = {
        "meeting": meeting,
        "items": items,
        "standard_count": standard_count,
        "add_form": AgendaItemForm(initial={"version": meeting.agenda_version}),
        "publish_form": PublishForm(late=late),
        "publish_blocked": services.publish_blocked_reason(meeting, today=today),
        # What the rooms above (the forward plan) say stands in the way of publishing, item by item.
        "publication_problems": publication_problems(meeting, today=today),
        "clear_days": clear_days,
        "late": late,
        "latest_publication_date": latest_publication_date(meeting.date),
        "current": current,
        "unpublished_changes": current is None or current.agenda_version != meeting.agenda_version,
        "changes": publication.change_log(meeting),
        "can_edit": selectors.can_edit(request),
        "held": meeting.status in {Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED},
    }
    context.update(extra)
    return context


def _editor_meeting(request, meeting_id):
    meeting, inside = visible_meeting(request, meeting_id)
    return meeting


def agenda_edit(request, partnership, meeting):
    meeting = _editor_meeting(request, meeting)
    return render(request, "governance/committees/agenda_edit.html", _editor_context(request, meeting))


def _conflict(request, meeting, error, **extra):
    """Re-renders the editor after a refused move, removal or reorder: a stale one (services.AgendaConflict) is
    409 with the other officer's changes shown (governance/_conflict.html) and nothing of ours saved; the
    editor's forms carry the agenda's version now."""
    meeting.refresh_from_db()
    context = _editor_context(request, meeting, conflict=getattr(error, "changes", None), **extra)
    context["errors"] = [m for m in error.messages]
    status = 409 if is_stale(error) else 400
    return render(request, "governance/committees/agenda_edit.html", context, status=status)


@require_POST
def agenda_item_add(request, partnership, meeting):
    meeting = _editor_meeting(request, meeting)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_add(
                meeting=meeting, version=form.cleaned_data["version"], by=request.user, **form.item_fields()
            )
        except ValidationError as error:
            # A stale one (services.AgendaConflict): 409, the other officer's changes beside this form, which
            # keeps what was typed and now carries the agenda's version (formfields.add_service_error).
            form.add_service_error(error)
            meeting.refresh_from_db()
        else:
            messages.success(request, f"Added “{form.cleaned_data['title']}”.")
            return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)
    context = _editor_context(
        request, meeting, add_form=form, conflict=getattr(form, "conflict_changes", None)
    )
    return render(request, "governance/committees/agenda_edit.html", context, status=refused(form))


def agenda_item_edit(request, partnership, meeting, item):
    meeting = _editor_meeting(request, meeting)
    item = get_object_or_404(meeting.items, pk=item)
    if request.method == "POST":
        form = AgendaItemForm(request.POST, instance=AgendaItem.objects.get(pk=item.pk))
        if form.is_valid():
            try:
                services.agenda_item_update(
                    item=item, version=form.cleaned_data["version"], by=request.user, **form.item_fields()
                )
            except ValidationError as error:
                # A stale one (services.AgendaConflict): 409, the other officer's changes beside this form, which
                # keeps what was typed and now carries the agenda's version (formfields.add_service_error).
                form.add_service_error(error)
                meeting.refresh_from_db()
                item = AgendaItem.objects.get(pk=item.pk)
            else:
                messages.success(request, f"Saved “{form.cleaned_data['title']}”.")
                return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)
        status = refused(form)
    else:
        form = AgendaItemForm(instance=item, initial={"version": meeting.agenda_version})
        status = 200
    return render(
        request,
        "governance/committees/agenda_item_form.html",
        {"meeting": meeting, "item": item, "form": form, "minutes_form": _minutes_of_form(meeting, item)},
        status=status,
    )


def _minutes_of_form(meeting, item, data=None):
    """For the minutes item: the form that picks the meeting whose minutes it approves (else None)."""
    if item.standard != AgendaItem.Standard.MINUTES:
        return None
    initial = {"version": meeting.agenda_version, "minutes_of": item.minutes_of_id}
    return MinutesOfForm(data, meeting=meeting, initial=initial, prefix="minutes")


@require_POST
def agenda_item_minutes_of(request, partnership, meeting, item):
    """Points the minutes item at the meeting whose minutes it approves (minutes_item_point_at)."""
    meeting = _editor_meeting(request, meeting)
    item = get_object_or_404(meeting.items, pk=item, standard=AgendaItem.Standard.MINUTES)
    form = _minutes_of_form(meeting, item, request.POST)
    if form.is_valid():
        try:
            services.minutes_item_point_at(
                item=item,
                minutes_of=form.cleaned_data["minutes_of"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.AgendaConflict as error:
            return _conflict(request, meeting, error)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            chosen = form.cleaned_data["minutes_of"]
            messages.success(
                request, f"The minutes item now approves the minutes of {chosen.date:%-d %B %Y}."
            )
            return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)
    item_form = AgendaItemForm(instance=item, initial={"version": meeting.agenda_version})
    return render(
        request,
        "governance/committees/agenda_item_form.html",
        {"meeting": meeting, "item": item, "form": item_form, "minutes_form": form},
        status=400,
    )


def agenda_item_remove(request, partnership, meeting, item):
    """GET: asks the officer to confirm the removal (a page of its own, so it works without JavaScript);
    POST: removes the item."""
    meeting = _editor_meeting(request, meeting)
    item = get_object_or_404(meeting.items, pk=item)
    if request.method != "POST":
        return render(
            request,
            "governance/committees/agenda_item_remove.html",
            {"meeting": meeting, "item": item, "can_edit": selectors.can_edit(request)},
        )
    try:
        services.agenda_item_remove(item=item, version=request.POST.get("version"), by=request.user)
    except ValidationError as error:
        return _conflict(request, meeting, error)
    messages.success(request, f"Removed “{item.title}”.")
    return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)


@require_POST
def agenda_item_move(request, partnership, meeting, item):
    meeting = _editor_meeting(request, meeting)
    item = get_object_or_404(meeting.items, pk=item)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponseBadRequest("Move an item up or down.")
    try:
        services.agenda_item_move(
            item=item, direction=direction, version=request.POST.get("version"), by=request.user
        )
    except ValidationError as error:
        return _conflict(request, meeting, error)
    messages.success(request, f"Moved “{item.title}” {direction}.")
    url = reverse("governance:agenda_edit", kwargs={"partnership": partnership, "meeting": meeting.pk})
    return redirect(f"{url}#item-{item.pk}")


@require_POST
def agenda_reorder(request, partnership, meeting):
    """The full new order, as posted by drag and drop (order=<id>,<id>,…)."""
    meeting = _editor_meeting(request, meeting)
    order = [pk for pk in request.POST.get("order", "").split(",") if pk]
    try:
        services.agenda_item_reorder(
            meeting=meeting, order=order, version=request.POST.get("version"), by=request.user
        )
    except ValidationError as error:
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"error": " ".join(error.messages)}, status=409 if is_stale(error) else 400)
        return _conflict(request, meeting, error)
    meeting.refresh_from_db()
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"version": meeting.agenda_version})
    messages.success(request, "Saved the new order.")
    return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)


@require_POST
def agenda_publish(request, partnership, meeting):
    """Publishing asks for confirmation first: the editor's button brings a page that says what will happen,
    with the warnings; its own button (carrying the agenda's version) publishes. What would be refused is
    refused at once, in the editor."""
    meeting = _editor_meeting(request, meeting)
    today = timezone.localdate()
    late = clear_working_days(today, meeting.date) < PUBLICATION_CLEAR_DAYS
    form = PublishForm(request.POST, late=late)
    form.is_valid()
    reason = form.cleaned_data.get("urgency_reason", "")
    refusal = publication.publish_refusal(meeting, urgency_reason=reason, today=today)
    confirmed = request.POST.get("confirm") == "yes"
    if refusal is None and confirmed and request.POST.get("version") != str(meeting.agenda_version):
        refusal = ValidationError(publication.AGENDA_CHANGED)
    if refusal is None and not confirmed:
        current = meeting.publications.filter(is_current=True).first()
        return render(
            request,
            "governance/committees/agenda_publish_confirm.html",
            {
                "meeting": meeting,
                "current": current,
                "items": [i for i in services.numbered(list(meeting.items.all())) if not i.standard],
                "urgency_reason": reason,
                "warnings": publication.publish_warnings(meeting, today=today),
                "late": late,
            },
        )
    try:
        if refusal is not None:
            raise refusal
        published = services.agenda_publish(meeting=meeting, by=request.user, urgency_reason=reason)
    except ValidationError as error:
        form.add_service_error(error)
        context = _editor_context(request, meeting, publish_form=form)
        return render(request, "governance/committees/agenda_edit.html", context, status=400)
    messages.success(request, f"Published: {published}.")
    return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)


# Minutes -------------------------------------------------------------------------------------------------


def minutes(request, partnership, meeting):
    meeting, inside = visible_meeting(request, meeting)
    record = public.minutes_record(meeting, public=False) if inside else public.public_minutes(meeting)
    if record is None:
        raise Http404("These minutes have not been approved yet.")
    return render(
        request,
        "governance/committees/minutes.html",
        {"meeting": public.meeting_view(meeting), "record": record, "inside": inside},
    )


# Decisions and feeds -----------------------------------------------------------------------------


def meetings_ics(request, partnership):
    """The partnership's published meetings as an iCalendar feed (never drafts, never item titles)."""
    tz = timezone.get_default_timezone()
    events = []
    meetings = public.public_meetings(request.partnership)
    links = public.public_document_links(m.pk for m in meetings)
    for m in meetings:
        start = datetime.combine(m.date, m.start_time, tzinfo=tz)
        end = datetime.combine(m.date, m.end_time, tzinfo=tz) if m.end_time else start + timedelta(hours=2)
        events.append(
            {
                "uid": f"meeting-{m.pk}@{request.partnership.slug}.sharedservice",
                "summary": m.body.name,
                "dtstart": start,
                "dtend": end,
                "dtstamp": timezone.now(),
                "location": m.venue,
                "url": request.build_absolute_uri(m.get_absolute_url),
            }
        )
        if links.get(m.pk):
            events[-1]["description"] = " ".join(
                f"{label}: {request.build_absolute_uri(path)}" for label, path in links[m.pk]
            )
    ical = ics_calendar(name=f"{request.partnership.name} meetings", product="Meetings", events=events)
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{request.partnership.slug}-meetings.ics"'
    return response


class DecisionsFeed(Feed):
    """An Atom feed of the public decisions register."""

    feed_type = Atom1Feed

    def get_object(self, request, partnership):
        return get_object_or_404(Partnership, slug=partnership)

    def title(self, obj):
        return f"{obj.name}: decisions"

    def link(self, obj):
        return url_of(
            "decisions", partnership=obj.slug
        )  # the register is delegations' (officer decisions too)

    def subtitle(self, obj):
        return f"Resolutions of the committees and boards of {obj.name}."

    def items(self, obj):
        return public.public_resolutions(obj, limit=50)

    def item_title(self, item):
        return f"{item.meeting.body.name}, {item.meeting.date:%-d %B %Y}: {item.item_title}"

    def item_description(self, item):
        return item.text + (f" Reasons: {item.reasons}" if item.reasons else "")

    def item_link(self, item):
        return f"{item.meeting.get_absolute_url}#item-{item.item_id}"

    def item_pubdate(self, item):
        return datetime.combine(
            item.meeting.date, item.meeting.start_time, tzinfo=timezone.get_default_timezone()
        )


decisions_atom = DecisionsFeed()


# The action log -------------------------------------------------------------------------------------------

ACTIONS_PAGE_SIZE = 50


def actions(request, partnership):
    """Every action agreed in the partnership's minutes: open and overdue first, then completed; filtered by
    status, body and owner, 50 a page, in a fixed number of queries whatever the number of actions."""
    today = timezone.localdate()
    qs = selectors.action_log(request.partnership)
    action_filter = ActionFilter(
        request.GET or None, queryset=qs, partnership=request.partnership, today=today
    )
    if request.GET and not action_filter.is_valid():
        page, status = None, 400
    else:
        rows = action_filter.qs if request.GET else qs
        page, status = Paginator(rows, ACTIONS_PAGE_SIZE).get_page(request.GET.get("page")), 200
        for a in page.object_list:
            a.is_overdue = a.done_on is None and a.due is not None and a.due < today
    return render(
        request,
        "governance/committees/actions.html",
        {
            "filter": action_filter,
            "page": page,
            "bad_filter": status == 400,
            "can_edit": selectors.can_edit(request),
        },
        status=status,
    )


def action_update(request, partnership, action):
    """Records progress on an action, or its completion (committee officers). The form carries the action's
    version: a save over somebody else's answers 409 and shows their change."""
    action = get_object_or_404(
        Action.objects.filter(item__meeting__body__partnership=request.partnership).select_related(
            "item__meeting__body__partnership"
        ),
        pk=action,
    )
    form = ActionUpdateForm(
        request.POST or None,
        initial={"progress": action.progress, "done_on": action.done_on, "version": current_version(action)},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.action_update(action=action, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_error(error)
                if getattr(form, "conflict_changes", None) is not None:
                    action.refresh_from_db()  # the page shows the action as the other person saved it
            else:
                messages.success(request, f"Saved the action for {action.owner}.")
                return redirect("governance:actions", partnership=partnership)
        status = refused(form)
    return render(
        request, "governance/committees/action_update.html", {"form": form, "action": action}, status=status
    )


# People ---------------------------------------------------------------------------------------------------


@cached_public_page(by_date=True)
def members(request, partnership):
    """The partnership's members page: who sits where today, by council, each linking to their page; and
    everyone who has sat on its bodies before. Everyone reads it through the public projection."""
    today = timezone.localdate()
    now = public.members_now(request.partnership, today)
    sitting = {m.person.pk for c in now for m in c.members}
    former = [p for p in public.public_people(request.partnership) if p.pk not in sitting]
    return render(
        request,
        "governance/committees/members.html",
        {
            "councils": now,
            "former": [(p, public.person_url(request.partnership.slug, p.pk)) for p in former],
            "today": today,
        },
    )


@cached_public_page
def person(request, partnership, person):
    """A member's page: their seats over time, the meetings they were expected at and what the minutes say
    of them (the attendance rate), the declarations they made, and their council's register of interests."""
    record = public.person_record(request.partnership, person)
    return render(request, "governance/committees/person.html", {"record": record})
