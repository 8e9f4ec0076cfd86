"""Pages for delegations, officer decisions, parallel decisions and the forward plan. The access table decides
who reaches each URL; these views decide what each reader sees: the public sees only decisions taken, and of
an exempt one only its title and public summary."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from governance.audit.versions import current_version
from governance.calendar import ics_calendar
from governance.committees import selectors
from governance.committees.forms import DecisionFilter
from governance.committees.ordering import numbered
from governance.committees.public import register_resolution_view
from governance.committees.views import visible_meeting
from governance.formfields import refused
from governance.partners.models import Council
from governance.partners.public import council_view
from governance.partners.public_cache import cached_public_page
from governance.roles import DECISION_RECORDERS

from . import decision_rules as R
from . import public, register, services
from . import selectors as delegation_selectors
from .forms import (
    ForwardPlanEntryForm,
    ForwardPlanLinkForm,
    ForwardPlanUrgencyForm,
    ItemForwardPlanEntryForm,
    OfficerDecisionForm,
    ParallelDecisionForm,
    partnership_councils,
)
from .key_decisions import KEY_DECISION_PROBLEM, item_notice_problem
from .models import DecisionRule, Delegation, ForwardPlanEntry, OfficerDecision, ParallelDecision

RECORDER_ROLES = DECISION_RECORDERS


def can_record(request):
    return bool(set(getattr(request, "roles", ())) & RECORDER_ROLES)


# The scheme of delegation and the rules ------------------------------------------------------------------


def delegations(request, partnership):
    today = timezone.localdate()
    items = list(
        Delegation.objects.filter(partnership=request.partnership)
        .select_related(
            "to_office",
            "to_body",
            "granted_by__meeting__body__partnership",
            "granted_by__meeting__minutes_approved_at",
        )
        .order_by("-effective_from", "title")
    )
    rules = list(
        DecisionRule.objects.filter(partnership=request.partnership)
        .select_related("council")
        .order_by("kind", "council__code", "-effective_from")
    )
    return render(
        request,
        "governance/delegations/delegations.html",
        {
            # Everyone reads the scheme through the public projection: dataclasses, never the models.
            "in_force": [public.delegation_view(d) for d in items if d.in_force_on(today)],
            "ended": [public.delegation_view(d) for d in items if not d.in_force_on(today)],
            "rules": [public.decision_rule_view(r) for r in rules],
            "today": today,
        },
    )


# Officer decisions ---------------------------------------------------------------------------------------


def officer_decisions(request, partnership):
    """Every officer decision, drafts included, for the people who record and check them."""
    decisions = list(
        OfficerDecision.objects.filter(partnership=request.partnership)
        .select_related("office", "delegation", "partnership")
        .order_by("status", "-decided_on", "-pk")
    )
    return render(
        request,
        "governance/delegations/officer_decisions.html",
        {"decisions": decisions, "can_record": can_record(request)},
    )


def _decision_form(request, decision=None):
    councils = partnership_councils(request.partnership)
    initial = {}
    if decision is None:
        initial = {
            "decided_on": timezone.localdate(),
            "decision_maker_name": request.user.get_full_name(),
            "office": request.partnership.offices.first(),
        }
    if decision is not None:
        initial = {"version": current_version(decision)}
    return OfficerDecisionForm(
        request.POST or None,
        instance=decision,
        initial=initial,
        partnership=request.partnership,
        councils=councils,
    )


def _save_decision(request, form, decision=None):
    versioned = {"version": form.cleaned_data.get("version")} if decision is not None else {}
    try:
        decision, checks = services.officer_decision_save(
            partnership=request.partnership,
            existing=decision,
            by=request.user,
            shares=form.shares(),
            **versioned,
            **form.decision_fields(),
        )
    except ValidationError as error:
        # A stale version too: nothing of ours saved, the other person's changes shown beside the form, which
        # carries their version now (the one helper).
        form.add_service_error(error)
        return None
    failed = services.failures(checks)
    if failed:
        messages.info(
            request, f"Saved as a draft. {len(failed)} check{'s' if len(failed) != 1 else ''} to resolve."
        )
    else:
        messages.success(
            request, "Saved as a draft. Every check passes: the decision can be recorded as taken."
        )
    return decision


def officer_decision_create(request, partnership):
    form = _decision_form(request)
    if request.method == "POST" and form.is_valid():
        decision = _save_decision(request, form)
        if decision is not None:
            return redirect(decision)
    return render(
        request, "governance/delegations/officer_decision_form.html", {"form": form, "decision": None}
    )


def _decision(request, decision_id, *, draft_only=False):
    qs = OfficerDecision.objects.filter(partnership=request.partnership).select_related(
        "partnership", "office", "delegation__to_office", "delegation__to_body", "forward_plan_entry"
    )
    decision = get_object_or_404(qs, pk=decision_id)
    return decision


def officer_decision_edit(request, partnership, decision):
    decision = _decision(request, decision)
    if decision.is_taken:
        messages.info(request, services.ALREADY_TAKEN)
        return redirect(decision)
    form = _decision_form(request, decision)
    if request.method == "POST" and form.is_valid():
        saved = _save_decision(request, form, decision)
        if saved is not None:
            return redirect(saved)
    status = 200
    if request.method == "POST":
        status = refused(form)
    return render(
        request,
        "governance/delegations/officer_decision_form.html",
        {"form": form, "decision": decision},
        status=status,
    )


def officer_decision(request, partnership, decision):
    """The decision notice: for the public, a decision taken; for people inside, drafts too with the checks."""
    inside = selectors.sees_inside(request)
    if not inside:
        # The public reads through the projection: of an exempt decision only title and public summary.
        return render(
            request,
            "governance/delegations/officer_decision_public.html",
            {"decision": public.public_officer_decision(request.partnership, decision)},
        )
    decision = _decision(request, decision)
    shares = list(decision.shares.select_related("council"))
    parallels = list(decision.parallel_decisions.select_related("council", "rule"))
    checks = services.decision_checks(
        decision,
        shares=[(s.council, s.amount, s.wards) for s in shares],
        parallels={p.council_id: p for p in parallels},
    )
    show_exempt = inside or not decision.is_exempt
    return render(
        request,
        "governance/delegations/officer_decision.html",
        {
            "decision": decision,
            "shares": shares,
            "parallels": parallels,
            "checks": checks if inside else [],
            "failures": services.failures(checks) if inside else [],
            "show_exempt": show_exempt,
            "inside": inside,
            "can_record": can_record(request) and not decision.is_taken,
            "parallel_form": ParallelDecisionForm(),
            "effect_from": decision.takes_effect_on,
        },
    )


@require_POST
def officer_decision_take(request, partnership, decision):
    decision = _decision(request, decision)
    try:
        decision = services.officer_decision_take(decision=decision, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(decision)
    messages.success(
        request,
        f"Decision recorded as taken and its notice published. It can take effect on "
        f"{decision.takes_effect_on:%-d %B %Y}.",
    )
    return redirect(decision)


@require_POST
def parallel_decision_record(request, partnership, decision, parallel):
    decision = _decision(request, decision)
    parallel = get_object_or_404(
        ParallelDecision.objects.select_related("council"), decision=decision, pk=parallel
    )
    form = ParallelDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.parallel_decision_record(parallel=parallel, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{parallel.council.name}’s parallel decision recorded.")
            return redirect(decision)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(decision)


def parallel_decisions(request, partnership):
    """The queue of parallel decisions partner councils must take (a Haringey Cabinet Member's queue of
    awards where Haringey's contribution is £500,000 or more), awaited first; ?council=LBH for one council."""
    qs = ParallelDecision.objects.filter(decision__partnership=request.partnership).select_related(
        "council", "decision__partnership"
    )
    code = request.GET.get("council", "").strip()
    council = None
    if code:
        council = Council.objects.filter(code=code, memberships__partnership=request.partnership).first()
        if council is None:
            return HttpResponseBadRequest("No such council in this partnership.")
        qs = qs.filter(council=council)
    rows = list(qs.order_by("decided_on", "decision__decided_on", "pk"))
    return render(
        request,
        "governance/delegations/parallel_decisions.html",
        {
            "awaited": [p for p in rows if not p.is_recorded],
            "recorded": [p for p in rows if p.is_recorded],
            "council": council,
            "councils": partnership_councils(request.partnership),
        },
    )


# The forward plan ----------------------------------------------------------------------------------------


RECENTLY_DUE = 10  # how many of the key decisions that fell due before today the forward plan shows


def _forward_plan(request):
    """Entries from today on and the latest that fell due before (or all with ?all=1), optionally for one
    council (?council=LBH)."""
    qs = (
        ForwardPlanEntry.objects.filter(partnership=request.partnership)
        .select_related(*public.FORWARD_PLAN_MEETING)
        .prefetch_related("councils")
    )
    code = request.GET.get("council", "").strip()
    council = None
    if code:
        council = Council.objects.filter(code=code, memberships__partnership=request.partnership).first()
        if council is None:
            return None, None, True
        qs = qs.filter(councils=council)
    if request.GET.get("all"):
        return list(qs.order_by("decision_due", "reference")), council, False
    # What is coming, and what fell due most recently (the page groups the two), without asking for either.
    today = timezone.localdate()
    recent = list(qs.filter(decision_due__lt=today).order_by("-decision_due", "-reference")[:RECENTLY_DUE])
    coming = list(qs.filter(decision_due__gte=today).order_by("decision_due", "reference"))
    return recent[::-1] + coming, council, False


@cached_public_page(by_date=True)
def forward_plan(request, partnership):
    entries, council, bad = _forward_plan(request)
    # Everyone reads the forward plan through the public projection: dataclasses, never the models.
    councils = [council_view(c) for c in partnership_councils(request.partnership)]
    entries = [public.forward_plan_entry_view(e) for e in entries or ()]
    council = council_view(council)
    if bad:
        return render(
            request,
            "governance/delegations/forward_plan.html",
            {
                "entries": [],
                "councils": councils,
                "bad_council": True,
                "unnoticed": [],
                "notice_days": R.FORWARD_PLAN_CLEAR_DAYS,
            },
            status=400,
        )
    return render(
        request,
        "governance/delegations/forward_plan.html",
        {
            "entries": entries,
            "council": council,
            "councils": councils,
            "show_all": bool(request.GET.get("all")),
            "can_record": can_record(request),
            "notice_days": R.FORWARD_PLAN_CLEAR_DAYS,
            "unnoticed": delegation_selectors.key_decision_items_without_entry(
                request.partnership, timezone.localdate()
            )
            if can_record(request)
            else [],
        },
    )


def forward_plan_ics(request, partnership):
    """The forward plan as an iCalendar feed: one all-day event per key decision."""
    entries, council, bad = _forward_plan(request)
    if bad:
        return HttpResponseBadRequest("No such council in this partnership.")
    events = []
    for entry in (public.forward_plan_entry_view(e) for e in entries):
        description = f"Decision maker: {entry.decision_maker}."
        if entry.documents:
            description += f" Documents: {entry.documents}."
        if entry.is_exempt:
            description += " To be considered in private (wholly or partly)."
        events.append(
            {
                "uid": f"forward-plan-{entry.pk}@{request.partnership.slug}.sharedservice",
                "summary": f"Key decision {entry.reference}: {entry.title}",
                "dtstart": entry.decision_due,
                "dtstamp": timezone.now(),
                "description": description,
                "last-modified": datetime.combine(
                    entry.published_on, time(9), tzinfo=timezone.get_default_timezone()
                ),
            }
        )
    name = f"{request.partnership.name} forward plan" + (f" ({council.code})" if council else "")
    response = HttpResponse(
        ics_calendar(name=name, product="Forward plan", events=events),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{request.partnership.slug}-forward-plan.ics"'
    return response


def forward_plan_entry_create(request, partnership):
    form = ForwardPlanEntryForm(
        request.POST or None, partnership=request.partnership, initial={"published_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        councils = data.pop("councils")
        try:
            entry = services.forward_plan_entry_create(
                partnership=request.partnership, by=request.user, councils=councils, **data
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Forward plan entry {entry.reference} added.")
            return redirect("governance:forward_plan", partnership=partnership)
    return render(request, "governance/delegations/forward_plan_form.html", {"form": form})


# A key decision on an agenda and its forward plan notice ----------------------------------------------------


def agenda_item_forward_plan(request, partnership, meeting, item):
    """The forward plan notice of a key decision on an agenda: create the entry from the item, or link one
    already on the plan; then, where 28 clear days' notice cannot be given, record general exception or
    special urgency with who and why. Says whether the notice suffices for publishing the agenda."""
    meeting, _inside = visible_meeting(request, meeting)
    items = numbered(list(meeting.items.all()))
    item = next((i for i in items if i.pk == item), None)
    if item is None:
        raise Http404("No such item on this agenda.")
    entry = ForwardPlanEntry.objects.filter(agenda_item=item).prefetch_related("councils").first()
    partnership_obj = request.partnership
    initial = {
        "reference": "",
        "title": item.title,
        "decision_maker": meeting.body.name,
        "published_on": timezone.localdate(),
        "documents": f"Report of the {item.report_of}"
        + (f", {item.report_title}" if item.report_title else "")
        if item.report_of
        else "",
        "is_exempt": item.is_exempt,
        "exempt_paragraph": item.exempt_paragraph,
    }
    create_form = ItemForwardPlanEntryForm(partnership=partnership_obj, initial=initial)
    link_form = ForwardPlanLinkForm(partnership=partnership_obj)
    urgency_form = ForwardPlanUrgencyForm(
        initial={
            "urgency": entry.urgency,
            "agreed_by": entry.urgency_agreed_by,
            "reason": entry.urgency_reason,
        }
        if entry
        else None
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        bound = {
            "create": lambda: ItemForwardPlanEntryForm(request.POST, partnership=partnership_obj),
            "link": lambda: ForwardPlanLinkForm(request.POST, partnership=partnership_obj),
            "urgency": lambda: ForwardPlanUrgencyForm(request.POST),
        }
        if action not in bound or (action == "urgency" and entry is None):
            return HttpResponseBadRequest("Create, link or record urgency for this item's notice.")
        form = bound[action]()
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if action == "create":
                    councils = data.pop("councils")
                    entry = services.forward_plan_entry_create_from_item(
                        item=item, by=request.user, councils=councils, **data
                    )
                    done = f"Forward plan entry {entry.reference} created from the item."
                elif action == "link":
                    entry = services.forward_plan_entry_link(entry=data["entry"], item=item, by=request.user)
                    done = f"Forward plan entry {entry.reference} linked to the item."
                else:
                    services.forward_plan_urgency_record(
                        entry=entry,
                        urgency=data["urgency"],
                        agreed_by=data["agreed_by"],
                        reason=data["reason"],
                        by=request.user,
                    )
                    done = "Recorded."
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, done)
                return redirect(
                    "governance:agenda_item_forward_plan",
                    partnership=partnership,
                    meeting=meeting.pk,
                    item=item.pk,
                )
        status = 400
        if action == "create":
            create_form = form
        elif action == "link":
            link_form = form
        else:
            urgency_form = form
    problem = item_notice_problem(item, entry, meeting.date) if item.is_key_decision else ""
    return render(
        request,
        "governance/delegations/agenda_item_forward_plan.html",
        {
            "meeting": meeting,
            "item": item,
            "entry": entry,
            "problem": KEY_DECISION_PROBLEM.format(number=item.number, title=item.title, problem=problem)
            if problem
            else "",
            "latest_notice": R.latest_notice_date(meeting.date),
            "notice_days": R.FORWARD_PLAN_CLEAR_DAYS,
            "clear_days": R.clear_days(entry.published_on, meeting.date) if entry else None,
            "create_form": create_form,
            "link_form": link_form,
            "urgency_form": urgency_form,
            "forms": [create_form, link_form, urgency_form],
            "can_record": can_record(request),
            "held": meeting.status in services.HELD_STATUSES,
        },
        status=status,
    )


@cached_public_page(by_date=True)
def decision_list(request, partnership):
    inside = selectors.sees_inside(request)
    qs = selectors.resolutions_for(request.partnership, inside=inside)
    decision_filter = DecisionFilter(request.GET or None, queryset=qs, partnership=request.partnership)
    if request.GET and not decision_filter.is_valid():
        return render(
            request,
            "governance/delegations/decision_list.html",
            {"filter": decision_filter, "page": None, "bad_filter": True},
            status=400,
        )
    results = decision_filter.qs.distinct() if request.GET else qs
    # Officer decisions taken under delegation join the resolutions (delegations/register.py).
    results = register.merged(results, request.partnership, request.GET or None, inside=inside)
    page = Paginator(results, 25).get_page(request.GET.get("page"))
    # The page's rows as dataclasses (the public projections), never the models: resolutions for everyone,
    # officer decisions for the public (people inside see the draft and its checks).
    page.object_list = [
        public.executive_decision_view(r)
        if getattr(r, "is_executive_decision", False)
        else (public.officer_decision_view(r) if not inside else r)
        if getattr(r, "is_officer_decision", False)
        else register_resolution_view(r)
        for r in page.object_list
    ]
    return render(
        request, "governance/delegations/decision_list.html", {"filter": decision_filter, "page": page}
    )
