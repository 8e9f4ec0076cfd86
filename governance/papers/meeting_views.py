"""Pages that show a meeting with its papers: the meeting page (agenda, reports and packs) and the minutes
editor (which offers each report's recommendations as the draft resolution).

Committees owns meetings, but these two pages stay in the papers room because they show papers: the meeting
page reads papers' public projection (`public_agenda_items` says "report to follow", `public_documents` lists
the public reports, packs and supplements) and, for people inside, `reports_by_item` and `visible_packs`; the
minutes editor drafts each resolution from the item's report (`reports_by_item`, `report_draft_resolution`).
Committees may import only partners, jobs and audit (tests/test_architecture.py, ROOM_MAY_IMPORT), so in
committees these views would import papers upwards. A page that shows several rooms lives in the highest one it
needs; committees links to the meeting page through governance/committees/pages.py, which papers serves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render

from governance.audit.versions import current_version
from governance.committees import selectors, services
from governance.committees.forms import (
    ActionForm,
    AttendanceForm,
    AttendanceSheetForm,
    ChairForm,
    DeclarationForm,
    DeputationForm,
    MinuteEntryForm,
    ResolutionForm,
)
from governance.committees.models import Meeting, MinuteEntry
from governance.committees.public import (
    exclusion_before,
    meeting_view,
    minutes_record,
    public_supplements,
    seat_view,
    withdrawn_item_ids,
)
from governance.committees.services import attendance_version, minute_versions
from governance.committees.views import visible_meeting
from governance.parsing import int_param
from governance.partners.public_cache import cached_public_page

from . import public
from .selectors import reports_by_item, visible_packs
from .services import report_draft_resolution


@cached_public_page(by_date=True)
def meeting_detail(request, partnership, meeting):
    meeting, inside = visible_meeting(request, meeting)
    members = selectors.members_on(
        meeting.body, meeting.date, list(meeting.body.members.select_related("council"))
    )
    if inside:
        items = selectors.agenda_for(meeting, inside=True)
        publications = list(meeting.publications.all())
        papers_context = _papers_context(meeting, items)
        # People inside read everything, and see what the public no longer can.
        withdrawn, reports_withdrawn = withdrawn_item_ids(meeting)
        for item in items:
            item.withdrawn, item.report_withdrawn = item.pk in withdrawn, item.pk in reports_withdrawn
        papers_context["supplements"] = public_supplements(meeting)
    else:
        # The public reads only through the projection: dataclasses, never the models.
        items = public.public_agenda_items(meeting)
        publications = [p for p in meeting.publications.all() if p.is_current]
        documents = public.public_documents(meeting)
        papers_context = {
            "papers": documents.papers,
            "latest_packs": documents.packs,
            "agenda_pack": documents.packs[0] if documents.packs else None,
            "supplements": documents.supplements,
        }
    first_exempt, motion = exclusion_before(items)
    return render(
        request,
        "governance/papers/meeting_detail.html",
        {
            "meeting": meeting if inside else meeting_view(meeting),
            "items": items,
            "inside": inside,
            "can_edit": selectors.can_edit(request),
            "publications": publications if inside else [],
            "current": next(
                (
                    {"number": p.number, "issued_on": p.issued_on, "withdrawn": p.withdrawn}
                    for p in publications
                    if p.is_current
                ),
                None,
            ),
            "members": [seat_view(m) for m in members if m.kind == "member"],
            "substitutes": [seat_view(m) for m in members if m.kind == "substitute"],
            "has_exempt": any(i.is_exempt for i in items),
            "exclusion": {"before": first_exempt, "motion": motion},
            **papers_context,
        },
    )


def _papers_context(meeting, items):
    """The reports and agenda packs people inside may open from the meeting page."""
    with_report = set(reports_by_item(meeting))
    papers = []
    for item in items:
        if item.pk in with_report:
            papers.append(
                {"number": item.number, "title": item.title, "item_id": item.pk, "pages": item.pages}
            )
    latest = {}
    for pack in visible_packs(meeting, inside=True).order_by("-version"):
        latest.setdefault(pack.audience, pack)
    return {"papers": papers, "latest_packs": [latest[a] for a in ("public", "members") if a in latest]}


# The minutes editor: one page, many small forms. Each form posts its name; the tables below say which
# form it is and which service saves it, so the view itself only dispatches.


def _held(meeting, by, data):
    services.meeting_mark_held(meeting=meeting, by=by)
    return "Recorded that the meeting was held."


def _approve_previous(meeting, by, data):
    previous = services.minutes_approve(meeting=meeting, by=by)
    return f"The minutes of {previous.date:%-d %B %Y} are approved and signed."


def _publish_draft(meeting, by, data):
    services.minutes_publish_draft(meeting=meeting, by=by)
    return "The draft minutes are published, marked as draft until they are approved."


def _attendance(meeting, by, data):
    services.attendance_record(meeting=meeting, by=by, **data)
    return "Attendance recorded."


def _attendance_sheet(meeting, by, data):
    services.attendance_record_meeting(
        meeting=meeting, marks=data["marks"], chair=data["chair"], version=data["version"], by=by
    )
    return "Attendance recorded."


def _chair(meeting, by, data):
    appointment = services.chair_appoint(
        meeting=meeting,
        member=data["member"],
        office=data["office"],
        for_meeting_only=data["term"] == "meeting",
        by=by,
    )
    return f"Appointed {appointment.member.name} as {appointment.get_office_display().lower()}."


def _declaration(meeting, by, data):
    services.declaration_add(by=by, **data)
    return "Declaration recorded."


def _deputation(meeting, by, data):
    services.deputation_add(meeting=meeting, by=by, **data)
    return "Deputation recorded."


def _minute(item, by, data):
    services.minute_entry_save(item=item, by=by, **data)
    return f"Saved the minutes of “{item.title}”."


def _resolution(item, by, data):
    services.resolution_add(item=item, by=by, **data)
    return f"Recorded the resolution on “{item.title}”."


def _action(item, by, data):
    services.action_add(item=item, by=by, **data)
    return "Action recorded."


# Forms about the meeting: name -> (form class or None for a bare button, service call).
MEETING_FORMS = {
    "held": (None, _held),
    "approve_previous": (None, _approve_previous),
    "publish_draft": (None, _publish_draft),
    "attendance": (AttendanceForm, _attendance),
    "attendance_sheet": (AttendanceSheetForm, _attendance_sheet),
    "chair": (ChairForm, _chair),
    "declaration": (DeclarationForm, _declaration),
    "deputation": (DeputationForm, _deputation),
}
# Forms about one agenda item: name -> (form class, field prefix, service call).
ITEM_FORMS = {
    "minute": (MinuteEntryForm, "m", _minute),
    "resolution": (ResolutionForm, "r", _resolution),
    "action": (ActionForm, "a", _action),
}


def _meeting_form(cls, meeting, members, data=None):
    if cls is DeputationForm:
        return cls(data, meeting=meeting)
    if cls is AttendanceForm:
        # Attendance rows are shared: the form carries the watermark it was loaded at.
        return cls(data, meeting=meeting, members=members, initial={"version": attendance_version(meeting)})
    if cls is AttendanceSheetForm:
        # Every member's row on one form, as recorded so far; the form carries the watermark it was loaded at.
        return cls(
            data,
            meeting=meeting,
            members=members,
            attendance=list(meeting.attendance.all()),
            initial={"version": attendance_version(meeting)},
        )
    return cls(data, meeting=meeting, members=members)


def minutes_edit(request, partnership, meeting):
    """One page for the whole record of a meeting; each form posts its `form` name."""
    meeting, _inside = visible_meeting(request, meeting)
    members = selectors.members_on(meeting.body, meeting.date)
    forms = {
        name: _meeting_form(cls, meeting, members) for name, (cls, _save) in MEETING_FORMS.items() if cls
    }
    errors, item_forms, status = [], {}, 200
    if request.method == "POST":
        which = request.POST.get("form")
        if which in MEETING_FORMS:
            cls, save = MEETING_FORMS[which]
            form = forms[which] = _meeting_form(cls, meeting, members, request.POST) if cls else None
            call = lambda by, data: save(meeting, by, data)  # noqa: E731
        elif which in ITEM_FORMS:
            item = get_object_or_404(meeting.items, pk=int_param(request.POST, "item"))
            cls, prefix, save = ITEM_FORMS[which]
            form = cls(request.POST, prefix=f"{prefix}{item.pk}")
            item_forms[item.pk] = {
                name: form if name == which else c(prefix=f"{p}{item.pk}")
                for name, (c, p, _s) in ITEM_FORMS.items()
            }
            call = lambda by, data: save(item, by, data)  # noqa: E731
        else:
            return HttpResponseBadRequest("Unknown form.")
        outcome = _save(request, form, call, errors)
        if outcome:
            messages.success(request, outcome)
            return redirect("governance:minutes_edit", partnership=partnership, meeting=meeting.pk)
        # A stale version: nothing of ours saved; the page shows the other person's record, and the form
        # carries its version now (formfields.add_service_error).
        conflict = getattr(form, "conflict_changes", None)
        if conflict is not None:
            return _render_minutes_editor(request, meeting, forms, item_forms, errors, 409, conflict=conflict)
        status = 400
    return _render_minutes_editor(request, meeting, forms, item_forms, errors, status)


def _minute_version(item):
    return current_version(MinuteEntry.objects.filter(item=item).first())


def _save(request, form, call, errors):
    """Runs the form's service; its errors go on the form (a stale version through the one helper, which puts
    the other person's changes on it), or (for a bare button) on the page."""
    if form is not None and not form.is_valid():
        return None
    try:
        return call(request.user, form.cleaned_data if form is not None else {})
    except ValidationError as error:
        if form is None:
            errors.extend(error.messages)
        else:
            form.add_service_error(error)
        return None


def _render_minutes_editor(request, meeting, forms, item_forms, errors, status, conflict=None):
    record = selectors.minutes_for(meeting, inside=True)
    reports = reports_by_item(meeting)
    versions = minute_versions(meeting)
    # Each item's minute is shown as the minutes page shows it (one template, committees' record of them).
    minutes = minutes_record(meeting, public=False)
    bodies = {body.pk: body for body in minutes.items}
    for item in record["items"]:
        item.body = bodies[item.pk]
        entry = getattr(item, "minute", None) if hasattr(item, "minute") else None
        item.forms = item_forms.get(item.pk) or {
            "minute": MinuteEntryForm(
                prefix=f"m{item.pk}",
                initial={
                    "members_commented": entry.members_commented if entry else "",
                    "officer_responses": entry.officer_responses if entry else "",
                    "discussion": entry.discussion if entry else "",
                    "version": versions.get(entry.pk, 0) if entry else 0,
                },
            ),
            "resolution": ResolutionForm(prefix=f"r{item.pk}", initial=_draft_resolution(item, reports)),
            "action": ActionForm(prefix=f"a{item.pk}"),
        }
    return render(
        request,
        "governance/papers/minutes_edit.html",
        {
            "meeting": meeting,
            "record": record,
            "minutes": minutes,
            "forms": forms,
            "errors": errors,
            "signed": meeting.status == Meeting.Status.MINUTES_APPROVED,
            "previous_waiting": selectors.previous_minutes_waiting(meeting),
            "conflict": conflict,
        },
        status=status,
    )


def _draft_resolution(item, reports):
    """The recommendations of the item's report, offered as the draft resolution until one is recorded."""
    report = reports.get(item.pk)
    if report is None or item.resolutions.all():
        return None
    return {"clauses": "\n".join(report_draft_resolution(report))}
