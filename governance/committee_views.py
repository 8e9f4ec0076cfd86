"""Pages for committee business: the public site (meetings, agendas, minutes, decisions, search, feeds)
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

from . import register, selectors, services
from .calendar import PUBLICATION_CLEAR_DAYS, clear_working_days, latest_publication_date
from .forms import (
    ActionForm,
    AgendaItemForm,
    AttendanceForm,
    BodyMemberForm,
    ChairForm,
    DecisionFilter,
    DeclarationForm,
    DeputationForm,
    EndSeatForm,
    MeetingDetailsForm,
    MeetingFilter,
    MeetingForm,
    MinuteEntryForm,
    PublishForm,
    ResolutionForm,
)
from .models import AgendaItem, Body, Meeting, Partnership
from .parsing import int_param


def _meeting(request, meeting_id):
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
    body = get_object_or_404(Body.objects.filter(partnership=request.partnership), slug=body)
    return _render_body(request, body)


def _render_body(request, body, status=200, **forms):
    inside = selectors.sees_inside(request)
    today = timezone.localdate()
    terms = list(body.terms.order_by("effective_from"))
    members = list(body.members.select_related("council").order_by("council__code", "name"))
    meetings = list(selectors.meetings_for(request.partnership, inside=inside).filter(body=body))
    counts = selectors.meeting_counts_by_year(body, meetings, terms, today)
    chairs = list(
        body.chair_appointments.select_related("member__council", "appointed_at").order_by("-start")
    )
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "terms": terms,
            "current_terms": next((t for t in reversed(terms) if t.effective_from <= today), None),
            "members": members,
            "current_members": [m for m in members if m.serves_on(today)],
            "meetings": meetings,
            "counts": counts,
            "short_years": [c for c in counts if c["short"]],
            "chairs": chairs,
            "next_chair_council": services.next_chair_council(body, today),
            "can_edit": selectors.can_edit(request),
            "seat_form": forms.get("seat_form") or BodyMemberForm(partnership=request.partnership),
            "end_form": forms.get("end_form") or EndSeatForm(body=body),
            "bad_form": forms.get("seat_form") or forms.get("end_form"),
            "today": today,
        },
        status=status,
    )


def body_members(request, partnership, body):
    """Seats or unseats a member or substitute (committee officers); the body's page shows the result."""
    body = get_object_or_404(Body.objects.filter(partnership=request.partnership), slug=body)
    if request.POST.get("action") == "end":
        form = EndSeatForm(request.POST, body=body)
        call = lambda d: services.body_member_end(member=d["member"], end=d["end"], by=request.user)  # noqa: E731
    else:
        form = BodyMemberForm(request.POST, partnership=request.partnership)
        call = lambda d: services.body_member_add(body=body, by=request.user, **d)  # noqa: E731
    if form.is_valid():
        try:
            seat = call(form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Saved: {seat.name}, {seat.get_kind_display().lower()}.")
            return redirect(body)
    key = "end_form" if isinstance(form, EndSeatForm) else "seat_form"
    return _render_body(request, body, status=400, **{key: form})


# Meetings ------------------------------------------------------------------------------------------------


def meeting_list(request, partnership):
    inside = selectors.sees_inside(request)
    today = timezone.localdate()
    qs = selectors.meetings_for(request.partnership, inside=inside).order_by("date", "start_time")
    meeting_filter = MeetingFilter(request.GET or None, queryset=qs, partnership=request.partnership)
    if request.GET and not meeting_filter.is_valid():
        status, meetings = 400, []
    else:
        status, meetings = 200, list(meeting_filter.qs if request.GET else qs)
    bodies = list(Body.objects.filter(partnership=request.partnership))
    return render(
        request,
        "governance/meeting_list.html",
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
    return render(request, "governance/meeting_form.html", {"form": form})


def meeting_edit(request, partnership, meeting):
    meeting, _inside = _meeting(request, meeting)
    form = MeetingDetailsForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Saved the meeting’s details.")
            return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)
    return render(request, "governance/meeting_edit.html", {"form": form, "meeting": meeting})


def meeting_detail(request, partnership, meeting):
    meeting, inside = _meeting(request, meeting)
    items = selectors.agenda_for(meeting, inside=inside)
    publications = list(meeting.publications.all())
    members = selectors.members_on(
        meeting.body, meeting.date, list(meeting.body.members.select_related("council"))
    )
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "inside": inside,
            "can_edit": selectors.can_edit(request),
            "publications": publications,
            "current": next((p for p in publications if p.is_current), None),
            "members": [m for m in members if m.kind == "member"],
            "substitutes": [m for m in members if m.kind == "substitute"],
            "has_exempt": any(i.is_exempt for i in items),
            **_papers_context(meeting, items, inside),
        },
    )


def _papers_context(meeting, items, inside):
    """The reports and agenda packs the reader may open from the meeting page."""
    from .models import Report
    from .report_views import visible_packs

    with_report = set(Report.objects.filter(item__meeting=meeting).values_list("item_id", flat=True))
    papers = []
    for item in items:
        item_id = getattr(item, "item_id", None) or item.pk
        if item_id in with_report and (inside or not item.is_exempt):
            papers.append(
                {"number": item.number, "title": item.title, "item_id": item_id, "pages": item.pages}
            )
    latest = {}
    for pack in visible_packs(meeting, inside=inside).order_by("-version"):
        latest.setdefault(pack.audience, pack)
    return {"papers": papers, "latest_packs": [latest[a] for a in ("public", "members") if a in latest]}


# The agenda editor ---------------------------------------------------------------------------------------


def _editor_context(request, meeting, **extra):
    items = services.numbered(list(meeting.items.all()))
    standard_count = sum(1 for i in items if i.standard)
    for item in items:
        same_group = [i for i in items if not i.standard and i.is_exempt == item.is_exempt]
        item.can_up = not item.standard and same_group and same_group[0] is not item
        item.can_down = not item.standard and same_group and same_group[-1] is not item
    today = timezone.localdate()
    clear_days = clear_working_days(today, meeting.date)
    current = meeting.publications.filter(is_current=True).first()
    context = {
        "meeting": meeting,
        "items": items,
        "standard_count": standard_count,
        "add_form": AgendaItemForm(initial={"version": meeting.agenda_version}),
        "publish_form": PublishForm(),
        "clear_days": clear_days,
        "late": clear_days < PUBLICATION_CLEAR_DAYS,
        "latest_publication_date": latest_publication_date(meeting.date),
        "current": current,
        "unpublished_changes": current is None or current.agenda_version != meeting.agenda_version,
        "changes": list(meeting.agenda_changes.select_related("by").order_by("-version")[:20]),
        "can_edit": selectors.can_edit(request),
        "held": meeting.status in {Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED},
    }
    context.update(extra)
    return context


def _editor_meeting(request, meeting_id):
    meeting, inside = _meeting(request, meeting_id)
    return meeting


def agenda_edit(request, partnership, meeting):
    meeting = _editor_meeting(request, meeting)
    return render(request, "governance/agenda_edit.html", _editor_context(request, meeting))


def _conflict(request, meeting, error, status=409, **extra):
    """Re-renders the editor with the other officer's changes shown and nothing of ours saved."""
    meeting.refresh_from_db()
    context = _editor_context(request, meeting, conflict=getattr(error, "changes", None), **extra)
    context["errors"] = [m for m in error.messages]
    return render(request, "governance/agenda_edit.html", context, status=status)


@require_POST
def agenda_item_add(request, partnership, meeting):
    meeting = _editor_meeting(request, meeting)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_add(
                meeting=meeting, version=form.cleaned_data["version"], by=request.user, **form.item_fields()
            )
        except services.AgendaConflict as error:
            return _conflict(request, meeting, error, add_form=form)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Added “{form.cleaned_data['title']}”.")
            return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)
    context = _editor_context(request, meeting, add_form=form)
    return render(request, "governance/agenda_edit.html", context, status=400)


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
            except services.AgendaConflict as error:
                meeting.refresh_from_db()
                return render(
                    request,
                    "governance/agenda_item_form.html",
                    {
                        "meeting": meeting,
                        "item": AgendaItem.objects.get(pk=item.pk),
                        "form": form,
                        "conflict": error.changes,
                        "current_version": meeting.agenda_version,
                    },
                    status=409,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, f"Saved “{form.cleaned_data['title']}”.")
                return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)
    else:
        form = AgendaItemForm(instance=item, initial={"version": meeting.agenda_version})
    return render(
        request, "governance/agenda_item_form.html", {"meeting": meeting, "item": item, "form": form}
    )


@require_POST
def agenda_item_remove(request, partnership, meeting, item):
    meeting = _editor_meeting(request, meeting)
    item = get_object_or_404(meeting.items, pk=item)
    try:
        services.agenda_item_remove(item=item, version=request.POST.get("version"), by=request.user)
    except ValidationError as error:
        return _conflict(request, meeting, error, status=409 if hasattr(error, "changes") else 400)
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
        return _conflict(request, meeting, error, status=409 if hasattr(error, "changes") else 400)
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
            return JsonResponse({"error": " ".join(error.messages)}, status=409)
        return _conflict(request, meeting, error, status=409 if hasattr(error, "changes") else 400)
    meeting.refresh_from_db()
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"version": meeting.agenda_version})
    messages.success(request, "Saved the new order.")
    return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)


@require_POST
def agenda_publish(request, partnership, meeting):
    meeting = _editor_meeting(request, meeting)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        publication = services.agenda_publish(
            meeting=meeting, by=request.user, urgency_reason=form.cleaned_data.get("urgency_reason", "")
        )
    except ValidationError as error:
        form.add_service_error(error)
        context = _editor_context(request, meeting, publish_form=form)
        return render(request, "governance/agenda_edit.html", context, status=400)
    messages.success(request, f"Published: {publication}.")
    return redirect("governance:agenda_edit", partnership=partnership, meeting=meeting.pk)


# Minutes -------------------------------------------------------------------------------------------------


def minutes(request, partnership, meeting):
    meeting, inside = _meeting(request, meeting)
    record = selectors.minutes_for(meeting, inside=inside)
    if record is None:
        raise Http404("These minutes have not been approved yet.")
    return render(
        request, "governance/minutes.html", {"meeting": meeting, "record": record, "inside": inside}
    )


MINUTES_FORMS = {
    "attendance",
    "chair",
    "declaration",
    "deputation",
    "minute",
    "resolution",
    "action",
    "held",
    "approve_previous",
}


def minutes_edit(request, partnership, meeting):
    """One page for the whole record of a meeting; each form posts its `form` name."""
    meeting, _inside = _meeting(request, meeting)
    members = selectors.members_on(meeting.body, meeting.date)
    forms = {
        "attendance": AttendanceForm(meeting=meeting, members=members),
        "chair": ChairForm(meeting=meeting, members=members),
        "declaration": DeclarationForm(meeting=meeting, members=members),
        "deputation": DeputationForm(meeting=meeting),
    }
    status = 200
    errors = []
    item_forms = {}
    if request.method == "POST":
        which = request.POST.get("form")
        if which not in MINUTES_FORMS:
            return HttpResponseBadRequest("Unknown form.")
        try:
            outcome = _minutes_post(request, meeting, members, which, forms, item_forms)
        except ValidationError as error:
            errors = error.messages
            outcome = None
        if outcome:
            messages.success(request, outcome)
            return redirect("governance:minutes_edit", partnership=partnership, meeting=meeting.pk)
        status = 400
    record = selectors.minutes_for(meeting, inside=True)
    from .models import Report

    reports = {r.item_id: r for r in Report.objects.filter(item__meeting=meeting)}
    for item in record["items"]:
        entry = getattr(item, "minute", None) if hasattr(item, "minute") else None
        item.forms = item_forms.get(item.pk) or {
            "minute": MinuteEntryForm(
                prefix=f"m{item.pk}",
                initial={
                    "members_commented": entry.members_commented if entry else "",
                    "officer_responses": entry.officer_responses if entry else "",
                    "discussion": entry.discussion if entry else "",
                },
            ),
            "resolution": ResolutionForm(prefix=f"r{item.pk}", initial=_draft_resolution(item, reports)),
            "action": ActionForm(prefix=f"a{item.pk}"),
        }
    return render(
        request,
        "governance/minutes_edit.html",
        {
            "meeting": meeting,
            "record": record,
            "forms": forms,
            "errors": errors,
            "signed": meeting.status == Meeting.Status.MINUTES_APPROVED,
            "previous_waiting": Meeting.objects.filter(
                body=meeting.body, date__lt=meeting.date, status=Meeting.Status.HELD
            )
            .order_by("-date")
            .first(),
        },
        status=status,
    )


def _draft_resolution(item, reports):
    """The recommendations of the item's report, offered as the draft resolution until one is recorded."""
    from .report_services import report_draft_resolution

    report = reports.get(item.pk)
    if report is None or item.resolutions.all():
        return None
    return {"clauses": "\n".join(report_draft_resolution(report))}


def _minutes_post(request, meeting, members, which, forms, item_forms):
    by = request.user
    if which == "held":
        services.meeting_mark_held(meeting=meeting, by=by)
        return "Recorded that the meeting was held."
    if which == "approve_previous":
        previous = services.minutes_approve(meeting=meeting, by=by)
        return f"The minutes of {previous.date:%-d %B %Y} are approved and signed."
    if which in {"attendance", "declaration", "deputation"}:
        cls = {"attendance": AttendanceForm, "declaration": DeclarationForm, "deputation": DeputationForm}[
            which
        ]
        kwargs = {"meeting": meeting} if which == "deputation" else {"meeting": meeting, "members": members}
        form = cls(request.POST, **kwargs)
        forms[which] = form
        if not form.is_valid():
            return None
        try:
            if which == "attendance":
                services.attendance_record(meeting=meeting, by=by, **form.cleaned_data)
                return "Attendance recorded."
            if which == "chair":
                data = form.cleaned_data
                appointment = services.chair_appoint(
                    meeting=meeting,
                    member=data["member"],
                    office=data["office"],
                    for_meeting_only=data["term"] == "meeting",
                    by=by,
                )
                return f"Appointed {appointment.member.name} as {appointment.get_office_display().lower()}."
            if which == "declaration":
                services.declaration_add(by=by, **form.cleaned_data)
                return "Declaration recorded."
            services.deputation_add(meeting=meeting, by=by, **form.cleaned_data)
            return "Deputation recorded."
        except ValidationError as error:
            form.add_service_error(error)
            return None
    item = get_object_or_404(meeting.items, pk=int_param(request.POST, "item"))
    cls, prefix = {
        "minute": (MinuteEntryForm, "m"),
        "resolution": (ResolutionForm, "r"),
        "action": (ActionForm, "a"),
    }[which]
    form = cls(request.POST, prefix=f"{prefix}{item.pk}")
    item_forms[item.pk] = {
        "minute": MinuteEntryForm(prefix=f"m{item.pk}"),
        "resolution": ResolutionForm(prefix=f"r{item.pk}"),
        "action": ActionForm(prefix=f"a{item.pk}"),
        which: form,
    }
    if not form.is_valid():
        return None
    try:
        if which == "minute":
            services.minute_entry_save(item=item, by=by, **form.cleaned_data)
            return f"Saved the minutes of “{item.title}”."
        if which == "resolution":
            services.resolution_add(item=item, by=by, **form.cleaned_data)
            return f"Recorded the resolution on “{item.title}”."
        services.action_add(item=item, by=by, **form.cleaned_data)
        return "Action recorded."
    except ValidationError as error:
        form.add_service_error(error)
        return None


# Decisions, search and feeds -----------------------------------------------------------------------------


def decision_list(request, partnership):
    inside = selectors.sees_inside(request)
    qs = selectors.resolutions_for(request.partnership, inside=inside)
    decision_filter = DecisionFilter(request.GET or None, queryset=qs, partnership=request.partnership)
    if request.GET and not decision_filter.is_valid():
        return render(
            request,
            "governance/decision_list.html",
            {"filter": decision_filter, "page": None, "bad_filter": True},
            status=400,
        )
    results = decision_filter.qs.distinct() if request.GET else qs
    # Officer decisions taken under delegation join the resolutions (governance/register.py).
    results = register.merged(results, request.partnership, request.GET or None, inside=inside)
    page = Paginator(results, 25).get_page(request.GET.get("page"))
    return render(request, "governance/decision_list.html", {"filter": decision_filter, "page": page})


def search(request, partnership):
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.search(request.partnership, query, inside=selectors.sees_inside(request))
    return render(request, "governance/search.html", {"query": query, "results": results})


def meetings_ics(request, partnership):
    """The partnership's published meetings as an iCalendar feed (never drafts, never item titles)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Shared Service Governance//Meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{request.partnership.name} meetings")
    tz = timezone.get_default_timezone()
    for m in selectors.meetings_for(request.partnership, inside=False).order_by("date"):
        start = datetime.combine(m.date, m.start_time, tzinfo=tz)
        end = datetime.combine(m.date, m.end_time, tzinfo=tz) if m.end_time else start + timedelta(hours=2)
        event = Event()
        event.add("uid", f"meeting-{m.pk}@{request.partnership.slug}.sharedservice")
        event.add("summary", str(m.body))
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("dtstamp", timezone.now())
        event.add("location", m.venue)
        event.add("url", request.build_absolute_uri(m.get_absolute_url()))
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
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
        return reverse("governance:decisions", kwargs={"partnership": obj.slug})

    def subtitle(self, obj):
        return f"Resolutions of the committees and boards of {obj.name}."

    def items(self, obj):
        return selectors.resolutions_for(obj, inside=False)[:50]

    def item_title(self, item):
        return f"{item.meeting.body}, {item.meeting.date:%-d %B %Y}: {item.item.title}"

    def item_description(self, item):
        return item.text + (f" Reasons: {item.reasons}" if item.reasons else "")

    def item_link(self, item):
        return f"{item.meeting.get_absolute_url()}#item-{item.item_id}"

    def item_pubdate(self, item):
        return datetime.combine(
            item.meeting.date, item.meeting.start_time, tzinfo=timezone.get_default_timezone()
        )


decisions_atom = DecisionsFeed()
