"""Pages for committee reports and agenda packs, and the PDFs of single documents. The access table decides
who reaches each URL; these views decide what each reader sees: the public reads only the reports of published,
non-exempt items and only published public packs."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from governance.audit.versions import StaleRecord, check_version, current_version
from governance.committees import selectors
from governance.committees.models import Meeting
from governance.committees.ordering import numbered
from governance.committees.public import Withdrawn, meeting_view, minutes_are_public
from governance.committees.public import published_item_ids as public_item_ids
from governance.committees.views import visible_meeting
from governance.formfields import refused
from governance.jobs import services as jobs

from . import documents, public
from . import services as report_services
from .forms import AppendixForm, BuildPackForm, ReportForm, SignOffForm
from .markdown import render_markdown
from .models import AgendaPack, Report
from .selectors import visible_packs
from .tasks import build_agenda_pack

SIGN_OFF_WITHDRAWN = "Report saved. Its sign-off by {who} has been withdrawn: it needs signing off again."
APPENDIX_SIGN_OFF_WITHDRAWN = (
    " The report's sign-off by {who} has been withdrawn: it needs signing off again."
)
SIGN_OFF_STALE = "The report has changed since you opened it: read it again before signing it off."


def _item(request, meeting_id, item_id):
    """The meeting and item, if this reader may see the item's papers."""
    meeting, inside = visible_meeting(request, meeting_id)
    items = numbered(list(meeting.items.select_related("report")))
    item = next((i for i in items if i.pk == int(item_id)), None)
    if item is None:
        raise Http404("No such item.")
    if not inside:
        published = meeting.publications.filter(is_current=True, items__item=item).exists()
        if item.is_exempt or not published:
            raise Http404("No such item.")
    return meeting, item, inside


def _report(item, meeting=None, inside=True):
    """The item's report. The public reads it only through the projection: signed off, on a non-exempt item
    of the published agenda (a draft answers 404, as if there were none)."""
    if not inside:
        return public.public_report(meeting, item.pk)
    report = documents._report_of(item)
    if report is None:
        raise Http404("This item has no report.")
    return report


def _pdf_response(pdf, filename, *, inline=True):
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def answers_withdrawn(view):
    """What the public projection says was withdrawn answers 410 Gone with the notice of withdrawal."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Withdrawn as gone:
            return render(request, "governance/papers/withdrawn.html", {"notice": gone.notice}, status=410)

    return wrapper


# Reports ------------------------------------------------------------------------------------------------


@answers_withdrawn
def report_detail(request, partnership, meeting, item):
    meeting, item, inside = _item(request, meeting, item)
    # Every reader gets the read views (papers/public.py), never the models.
    report = public.report_view(_report(item, meeting, inside), item=item)
    return render(
        request,
        "governance/papers/report_detail.html",
        {
            "meeting": meeting_view(meeting, with_next=False),
            "item": report.item,
            "report": report,
            "summary": render_markdown(report.summary),
            "background": render_markdown(report.background_papers),
            "contact": render_markdown(report.contact_officer),
            "sections": [
                {"number": n, "heading": h, "html": render_markdown(t)} for n, h, t in report.sections
            ],
            "appendices": list(report.appendices),
            "can_edit": selectors.can_edit(request),
        },
    )


@answers_withdrawn
def report_pdf(request, partnership, meeting, item):
    meeting, item, inside = _item(request, meeting, item)
    report = _report(item, meeting, inside)
    return _pdf_response(documents.report_pdf(report), f"report-item-{item.number}.pdf")


@answers_withdrawn
def appendix_file(request, partnership, meeting, item, appendix):
    meeting, item, inside = _item(request, meeting, item)
    if inside:
        report = _report(item, meeting, inside)
        appendix = get_object_or_404(report.appendices, pk=appendix)
    else:
        report, appendix = public.public_appendix(meeting, item.pk, appendix)
    if appendix.is_uploaded:
        return FileResponse(
            appendix.file.open("rb"),
            content_type="application/pdf",
            filename=f"appendix-{appendix.letter.lower()}.pdf",
        )
    pdf = documents.single_pdf(
        documents.appendix_html(appendix), title=str(appendix), author=report.report_of
    )
    return _pdf_response(pdf, f"appendix-{appendix.letter.lower()}.pdf")


def _editor_item(request, meeting_id, item_id):
    meeting, item, inside = _item(request, meeting_id, item_id)
    if item.standard:
        raise Http404("Standard items carry no report.")
    return meeting, item


def _edit_context(request, meeting, item, **extra):
    report = documents._report_of(item)
    context = {
        "meeting": meeting,
        "item": item,
        "report": report,
        "form": ReportForm(
            instance=report,
            partnership=request.partnership,
            initial={"version": current_version(report)}
            if report
            else {
                "title": item.report_title or item.title,
                "report_of": item.report_of,
                "submitted_to": meeting.body,
                "date": meeting.date,
                "version": 0,
            },
        ),
        "sign_form": SignOffForm(initial={"version": current_version(report)} if report else None),
        "may_sign": report_services.may_sign_off(request.user, request.partnership),
        "signer_name": report_services.signer_name(request.user),
        "appendix_form": AppendixForm(),
        "appendices": list(report.appendices.all()) if report else [],
        "missing": report.missing_sections() if report else [],
        "can_edit": selectors.can_edit(request),
    }
    context.update(extra)
    return context


def report_edit(request, partnership, meeting, item):
    meeting, item = _editor_item(request, meeting, item)
    if request.method == "POST":
        form = ReportForm(request.POST, instance=documents._report_of(item), partnership=request.partnership)
        if form.is_valid():
            before = documents._report_of(item)
            was_signed = before is not None and before.is_signed
            try:
                saved = report_services.report_save(
                    item=item,
                    by=request.user,
                    version=form.cleaned_data.get("version"),
                    **form.report_fields(),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                if was_signed and not saved.is_signed:
                    messages.success(request, SIGN_OFF_WITHDRAWN.format(who=before.signed_by))
                else:
                    messages.success(request, "Report saved.")
                return redirect(
                    "governance:report_edit", partnership=partnership, meeting=meeting.pk, item=item.pk
                )
        return render(
            request,
            "governance/papers/report_edit.html",
            _edit_context(request, meeting, item, form=form),
            status=refused(form),
        )
    return render(request, "governance/papers/report_edit.html", _edit_context(request, meeting, item))


@require_POST
def report_sign_off(request, partnership, meeting, item):
    """Signs the report off as the signed-in officer. The form carries the version they read: a report
    changed since is not signed (they read the new text first)."""
    meeting, item = _editor_item(request, meeting, item)
    report = _report(item)
    form = SignOffForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                locked = Report.objects.select_for_update().get(pk=report.pk)
                check_version(locked, form.cleaned_data.get("version"))
                report_services.report_sign_off(report=locked, by=request.user)
        except StaleRecord:
            form.add_error(None, SIGN_OFF_STALE)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Report signed off.")
            return redirect(
                "governance:report_edit", partnership=partnership, meeting=meeting.pk, item=item.pk
            )
    return render(
        request,
        "governance/papers/report_edit.html",
        _edit_context(request, meeting, item, sign_form=form),
        status=400,
    )


@require_POST
def appendix_add(request, partnership, meeting, item):
    meeting, item = _editor_item(request, meeting, item)
    report = _report(item)
    form = AppendixForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            report_services.appendix_add(
                report=report,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data.get("upload"),
                body=form.cleaned_data.get("body", ""),
                by=request.user,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, f"Added the appendix “{form.cleaned_data['title']}”." + _withdrawn(report)
            )
            return redirect(
                "governance:report_edit", partnership=partnership, meeting=meeting.pk, item=item.pk
            )
    return render(
        request,
        "governance/papers/report_edit.html",
        _edit_context(request, meeting, item, appendix_form=form),
        status=400,
    )


@require_POST
def appendix_remove(request, partnership, meeting, item, appendix):
    meeting, item = _editor_item(request, meeting, item)
    report = _report(item)
    appendix = get_object_or_404(report.appendices, pk=appendix)
    withdrawn = _withdrawn(report)  # the service withdraws the sign-off on this same object
    report_services.appendix_remove(appendix=appendix, by=request.user)
    messages.success(request, f"Removed the appendix “{appendix.title}”." + withdrawn)
    return redirect("governance:report_edit", partnership=partnership, meeting=meeting.pk, item=item.pk)


def _withdrawn(report):
    """The sentence telling the officer that a change withdrew the report's sign-off (report: as it was
    before the change)."""
    return APPENDIX_SIGN_OFF_WITHDRAWN.format(who=report.signed_by) if report.is_signed else ""


# Packs --------------------------------------------------------------------------------------------------


def papers(request, partnership, meeting, form=None, status=200):
    """The reports of a meeting and its agenda packs, with the button that builds one."""
    meeting, inside = visible_meeting(request, meeting)
    if not inside:
        raise PermissionDenied("Only people inside the committee see the papers being prepared.")
    items = [
        i
        for i in numbered(list(meeting.items.select_related("report").prefetch_related("report__appendices")))
        if not i.standard
    ]
    for i in items:
        i.paper = documents._report_of(i)
    packs = list(meeting.packs.select_related("built_by").order_by("audience", "-version"))
    withdrawals = list(meeting.withdrawals.select_related("by"))
    published = public_item_ids(meeting) if meeting.status != Meeting.Status.DRAFT else set()
    gone = {(w.kind, w.item_id if w.kind in ("item", "report") else w.target_id) for w in withdrawals}
    for i in items:
        # What the officer may still withdraw from the public: published, public, not yet withdrawn.
        i.can_withdraw = i.pk in published and ("item", i.pk) not in gone
        i.can_withdraw_report = (
            i.can_withdraw and i.paper is not None and i.paper.is_signed and not i.is_exempt
        ) and ("report", i.pk) not in gone
        i.withdrawable_appendices = (
            [a for a in i.paper.appendices.all() if ("appendix", a.pk) not in gone]
            if i.can_withdraw_report
            else []
        )
    for pack in packs:
        pack.can_withdraw = (
            pack.audience == AgendaPack.Audience.PUBLIC
            and pack.is_published
            and not public.pack_withdrawal(pack, withdrawals)
        )
    return render(
        request,
        "governance/papers/papers.html",
        {
            "meeting": meeting,
            "items": items,
            "packs": packs,
            "unsigned": [i for i in items if i.paper and not i.paper.is_signed],
            "form": form or BuildPackForm(),
            "can_edit": selectors.can_edit(request),
            "held": meeting.status in {Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED},
            "withdrawals": withdrawals,
        },
        status=status,
    )


@require_POST
def pack_build(request, partnership, meeting):
    """Starts a build of the pack in a worker and shows its progress."""
    meeting_obj, inside = visible_meeting(request, meeting)
    form = BuildPackForm(request.POST)
    if not form.is_valid():
        return papers(request, partnership, meeting, form=form, status=400)
    if meeting_obj.status in {Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED}:
        form.add_error(None, report_services.MEETING_HELD_NO_PACK)
        return papers(request, partnership, meeting, form=form, status=400)

    audience = form.cleaned_data["audience"]
    label = dict(AgendaPack.Audience.choices)[audience]
    with transaction.atomic():
        job = jobs.job_create(
            kind="agenda_pack",
            title=f"{label}: {meeting_obj.body.name}, {meeting_obj.date:%-d %B %Y}",
            by=request.user,
            partnership=request.partnership,
            parameters={"meeting": meeting_obj.pk, "audience": audience},
        )
        build_agenda_pack.delay_on_commit(str(job.pk))
    return redirect(job)


@answers_withdrawn
def pack_download(request, partnership, meeting, pack):
    """Inside: every version. The public: only the latest published public pack of the meeting; an earlier
    version, or one withdrawn, answers 410 with the notice."""
    meeting, inside = visible_meeting(request, meeting)
    if inside:
        pack = get_object_or_404(visible_packs(meeting, inside=True), pk=pack)
    else:
        pack = public.public_pack(meeting, pack)
    return FileResponse(pack.file.open("rb"), content_type="application/pdf", filename=pack.filename)


# Single documents ---------------------------------------------------------------------------------------


def front_sheet_pdf(request, partnership, meeting):
    """The front sheet and agenda with the page ranges of the latest pack (people inside only: the public
    reads it in the published pack)."""
    meeting, inside = visible_meeting(request, meeting)
    if not inside:
        raise PermissionDenied("The public reads the front sheet in the published agenda pack.")
    items = numbered(list(meeting.items.all()))
    ranges = {i.pk: (i.page_from, i.page_to) for i in items if i.page_from and i.page_to}
    publication = meeting.publications.filter(is_current=True).first()
    html = documents.front_sheet_html(
        meeting,
        items,
        audience="members",
        ranges=ranges,
        issued_on=meeting.issue_date or (publication.issued_on if publication else None),
    )
    title = f"{meeting.body.name}, {meeting.date:%-d %B %Y}: agenda"
    pdf = documents.single_pdf(html, title=title, author=documents._author(meeting))
    return _pdf_response(pdf, f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-agenda.pdf")


def minutes_pdf(request, partnership, meeting):
    meeting, inside = visible_meeting(request, meeting)
    if not inside and not minutes_are_public(meeting):  # signed, or published as a draft
        raise Http404("These minutes have not been published yet.")
    html = documents.minutes_html(meeting, full=inside)
    title = f"Minutes: {meeting.body.name}, {meeting.date:%-d %B %Y}"
    pdf = documents.single_pdf(html, title=title, author=documents._author(meeting))
    return _pdf_response(pdf, f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-minutes.pdf")


def decision_notice_pdf(request, partnership, meeting, item):
    meeting, inside = visible_meeting(request, meeting)
    items = numbered(list(meeting.items.all()))
    item = next((i for i in items if i.pk == int(item)), None)
    if item is None:
        raise Http404("No such item.")
    resolutions = selectors.resolutions_for(request.partnership, inside=inside).filter(item=item)
    resolutions = list(resolutions.prefetch_related("councils"))
    if not resolutions:
        raise Http404("No decision has been published on this item.")
    html = documents.decision_notice_html(meeting, item, resolutions)
    pdf = documents.single_pdf(
        html, title=f"Decision notice: {item.title}", author=documents._author(meeting)
    )
    return _pdf_response(pdf, f"decision-{meeting.date:%Y-%m-%d}-item-{item.number}.pdf")
