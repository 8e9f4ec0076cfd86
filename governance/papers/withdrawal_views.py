"""Withdrawing what was published (a confirmation page that says what will happen, then the withdrawal), and
the supplementary agendas as PDFs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from governance.committees.models import Withdrawal
from governance.committees.public import meeting_view, public_supplements
from governance.committees.views import visible_meeting

from . import documents
from .forms import WithdrawForm
from .models import AgendaPack
from .public import pack_withdrawal
from .views import _pdf_response
from .withdrawal import HELD, NO_SUCH_KIND, NOT_OF_THIS_MEETING, withdraw, withdrawal_target

# What stops being served, by kind, as the confirmation page says it.
CONSEQUENCES = {
    Withdrawal.Kind.ITEM: [
        "The agenda on the meeting page, in the JSON API and in the Modern.gov service shows only "
        "“Item withdrawn” under its number.",
        "Its report, the report's PDF and its appendices answer “withdrawn” (410 Gone) with the notice.",
        "Search no longer finds it; its decisions and minutes leave the decisions register and its feed.",
    ],
    Withdrawal.Kind.REPORT: [
        "The agenda keeps the item, without the report; the papers list, the JSON API and the Modern.gov "
        "service no longer link it.",
        "The report page, its PDF and its appendices answer “withdrawn” (410 Gone) with the notice.",
        "Search no longer finds the item by the report's title.",
    ],
    Withdrawal.Kind.APPENDIX: [
        "The appendix answers “withdrawn” (410 Gone) with the notice; the report stays.",
    ],
    Withdrawal.Kind.PACK: [
        "The pack answers “withdrawn” (410 Gone) with the notice; the meeting page, the feeds, the JSON API "
        "and the Modern.gov service no longer link it.",
    ],
}


def _affected_packs(meeting, kind, target_id):
    """The published public packs that will answer 410: the pack withdrawn, or every one built so far."""
    packs = list(
        meeting.packs.filter(audience=AgendaPack.Audience.PUBLIC, is_published=True).order_by("version")
    )
    if kind == Withdrawal.Kind.PACK:
        return [p for p in packs if p.pk == target_id]
    return packs


def withdraw_confirm(request, partnership, meeting, kind, target):
    """GET: what will happen, and the form. POST: the withdrawal (grounds and reason required)."""
    meeting, _inside = visible_meeting(request, meeting)
    if kind not in Withdrawal.Kind.values:
        raise Http404(NO_SUCH_KIND)
    problem, title = None, ""
    try:
        _item, _target_id, title = withdrawal_target(meeting, kind=kind, target_id=target)
    except ValidationError as error:
        if NOT_OF_THIS_MEETING in error.messages:
            raise Http404(NOT_OF_THIS_MEETING) from None
        problem = error.messages[0]
    form = WithdrawForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if problem is None and form.is_valid():
            try:
                withdrawal, job = withdraw(
                    meeting=meeting,
                    kind=kind,
                    target_id=target,
                    grounds=form.cleaned_data["grounds"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    f"{withdrawal.title} has been withdrawn from the public."
                    + (" A corrected public agenda pack is being built." if job else ""),
                )
                return redirect(job) if job else redirect(meeting.get_absolute_url())
    withdrawals = list(meeting.withdrawals.all())
    packs = [p for p in _affected_packs(meeting, kind, target) if not pack_withdrawal(p, withdrawals)]
    return render(
        request,
        "governance/papers/withdraw_confirm.html",
        {
            "meeting": meeting_view(meeting, with_next=False),
            "kind": kind,
            "kind_label": Withdrawal.Kind(kind).label,
            "title": title,
            "problem": problem,
            "form": form,
            "consequences": CONSEQUENCES[kind],
            "packs": packs,
            "rebuilds": meeting.status not in HELD,
        },
        status=status,
    )


def supplement_pdf(request, partnership, meeting, number):
    """A supplementary agenda as issued, as its own PDF (public once issued)."""
    meeting, _inside = visible_meeting(request, meeting)
    supplement = next((s for s in public_supplements(meeting) if s.number == number), None)
    if supplement is None:
        raise Http404("No such supplementary agenda.")
    title = f"{meeting.body.name}, {meeting.date:%-d %B %Y}: supplementary agenda {number}"
    author = documents._author(meeting)
    html = render_to_string(
        "print/supplement.html",
        {"meeting": meeting_view(meeting, with_next=False), "supplement": supplement, "author": author},
    )
    pdf = documents.single_pdf(html, title=title, author=author)
    return _pdf_response(pdf, f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-supplement-{number}.pdf")
