"""Pages of the portfolio. The access table (sharedservice/access.py) decides who reaches each URL: members
and auditors read, committee officers, the CIO and administrators edit; the public sees none of it."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from governance.audit.versions import current_version
from governance.delegations import offices
from governance.formfields import refused
from governance.jobs import services as jobs
from governance.roles import PORTFOLIO_EDITORS

from . import rules, selectors, services
from .forms import (
    DecisionForm,
    HighlightForm,
    MonthForm,
    ProjectForm,
    RiskFilter,
    RiskForm,
    ScoreForm,
    TableForm,
)
from .models import GatewayAssessment, Project, Risk
from .tasks import build_delivery_pack

EDITORS = PORTFOLIO_EDITORS


def _can_edit(request):
    return bool(set(getattr(request, "roles", ())) & EDITORS)


def _url(name, request, **kwargs):
    return reverse(f"governance:{name}", kwargs={"partnership": request.partnership.slug, **kwargs})


# The portfolio, programmes and projects -----------------------------------------------------------------


def portfolio(request, partnership):
    return render(
        request,
        "governance/portfolio/portfolio.html",
        {"portfolio": selectors.portfolio_for(request.partnership), "can_edit": _can_edit(request)},
    )


def programme(request, partnership, programme):
    programme = get_object_or_404(selectors.programmes_for(request.partnership), slug=programme)
    projects, risks = selectors.programme_detail(programme)
    return render(
        request,
        "governance/portfolio/programme.html",
        {"programme": programme, "projects": projects, "risks": risks},
    )


def _project(request, project_id):
    try:
        return selectors.project_detail(project_id, request.partnership)
    except Project.DoesNotExist:
        raise Http404("No such project.") from None


def project(request, partnership, project):
    project = _project(request, project)
    return render(
        request,
        "governance/portfolio/project.html",
        {
            "project": project,
            "can_edit": _can_edit(request),
            "criteria": _criteria(project.gateway) if hasattr(project, "gateway") else [],
        },
    )


def project_edit(request, partnership, project):
    project = get_object_or_404(Project.objects.filter(partnership=request.partnership), pk=project)
    status = 200
    if request.method == "POST":
        form = ProjectForm(request.POST, instance=project, partnership=request.partnership)
        if form.is_valid():
            try:
                services.project_update(
                    project=project,
                    version=form.cleaned_data["version"],
                    councils=form.cleaned_data["councils"],
                    by=request.user,
                    **form.service_fields(),
                )
            except ValidationError as e:
                form.add_service_error(e)
            else:
                messages.success(request, "Project saved.")
                return redirect(project)
        status = refused(form)
    else:
        form = ProjectForm(
            instance=project, partnership=request.partnership, initial={"version": current_version(project)}
        )
    return render(
        request, "governance/portfolio/project_form.html", {"form": form, "project": project}, status=status
    )


# The gateway --------------------------------------------------------------------------------------------


def _criteria(assessment):
    scores = assessment.criterion_scores()
    return [(label, scores[key]) for key, label in rules.CRITERIA]


def proposals(request, partnership):
    ranked, decided = selectors.ranked_proposals(request.partnership)
    return render(
        request,
        "governance/portfolio/proposals.html",
        {"ranked": ranked, "decided": decided, "can_edit": _can_edit(request), "max_score": rules.MAX_SCORE},
    )


def proposal_create(request, partnership):
    status = 200
    if request.method == "POST":
        form = ProjectForm(request.POST, partnership=request.partnership)
        if form.is_valid():
            try:
                assessment = services.proposal_submit(
                    partnership=request.partnership,
                    councils=form.cleaned_data["councils"],
                    by=request.user,
                    **form.service_fields(),
                )
            except ValidationError as e:
                form.add_service_error(e)
            else:
                messages.success(request, "Proposal submitted to the gateway. Score it next.")
                return redirect(_url("proposal_score", request, project=assessment.project_id))
        status = 400
    else:
        form = ProjectForm(partnership=request.partnership)
    return render(
        request, "governance/portfolio/project_form.html", {"form": form, "project": None}, status=status
    )


def _assessment(request, project_id):
    return get_object_or_404(
        GatewayAssessment.objects.select_related("project__programme").filter(
            project__partnership=request.partnership
        ),
        project_id=project_id,
    )


def proposal_score(request, partnership, project):
    assessment = _assessment(request, project)
    status = 200
    if request.method == "POST":
        form = ScoreForm(request.POST, instance=assessment)
        if form.is_valid():
            try:
                services.proposal_score(
                    assessment=assessment,
                    version=form.cleaned_data["version"],
                    by=request.user,
                    **form.service_fields(),
                )
            except ValidationError as e:
                form.add_service_error(e)
            else:
                messages.success(request, "Scores saved.")
                return redirect(_url("proposals", request))
        status = refused(form)
    else:
        form = ScoreForm(instance=assessment, initial={"version": current_version(assessment)})
    return render(
        request,
        "governance/portfolio/proposal_score.html",
        {"form": form, "assessment": assessment, "max_score": rules.MAX_SCORE},
        status=status,
    )


def proposal_decide(request, partnership, project, table_form=None, status=200):
    assessment = _assessment(request, project)
    if request.method == "POST" and table_form is None:
        form = DecisionForm(request.POST, partnership=request.partnership)
        if form.is_valid():
            try:
                services.proposal_decide(
                    assessment=assessment,
                    item=form.cleaned_data["item"],
                    approve=form.cleaned_data["outcome"] == "approve",
                    reasons=form.cleaned_data["reasons"],
                    by=request.user,
                )
            except ValidationError as e:
                form.add_service_error(e)
            else:
                messages.success(request, "The board's decision is recorded as its resolution.")
                return redirect(_url("project", request, project=assessment.project_id))
        status = 400
    else:
        form = DecisionForm(partnership=request.partnership, project=assessment.project)
    return render(
        request,
        "governance/portfolio/proposal_decide.html",
        {
            "table_form": table_form or TableForm(partnership=request.partnership),
            "form": form,
            "assessment": assessment,
            "criteria": _criteria(assessment),
            "max_score": rules.MAX_SCORE,
        },
        status=status,
    )


def proposal_table(request, partnership, project):
    """Puts the proposal on a board meeting's agenda (POST only), then back to the decision page."""
    assessment = _assessment(request, project)
    form = TableForm(request.POST, partnership=request.partnership)
    if form.is_valid():
        try:
            item = services.proposal_table(
                assessment=assessment, meeting=form.cleaned_data["meeting"], by=request.user
            )
        except ValidationError as e:
            form.add_service_error(e)
        else:
            messages.success(
                request, f"Added to the agenda of the {item.meeting.body.name} as “{item.title}”."
            )
            return redirect(_url("proposal_decide", request, project=assessment.project_id))
    return proposal_decide(request, partnership, project, table_form=form, status=400)


# Highlight reports and the delivery meeting pack -------------------------------------------------------


def _month(request):
    form = MonthForm(request.GET or request.POST)
    if not form.is_valid():
        return None
    text = form.cleaned_data.get("month")
    if not text:
        return timezone.localdate().replace(day=1)
    return date.fromisoformat(f"{text}-01")


def highlights(request, partnership):
    month = _month(request)
    if month is None:
        return HttpResponseBadRequest("Give the month as YYYY-MM, such as 2018-01.")
    groups, missing = selectors.highlights_for_month(request.partnership, month)
    return render(
        request,
        "governance/portfolio/highlights.html",
        {"month": month, "groups": groups, "missing": missing, "can_edit": _can_edit(request)},
    )


def highlight_create(request, partnership, project):
    project = get_object_or_404(Project.objects.filter(partnership=request.partnership), pk=project)
    status = 200
    if request.method == "POST":
        form = HighlightForm(request.POST)
        if form.is_valid():
            try:
                report = services.highlight_submit(project=project, by=request.user, **form.service_fields())
            except ValidationError as e:
                form.add_service_error(e)
            else:
                messages.success(request, "Highlight report saved.")
                return redirect(_url("highlights", request) + f"?month={report.month:%Y-%m}")
        status = 400
    else:
        form = HighlightForm()
    return render(
        request, "governance/portfolio/highlight_form.html", {"form": form, "project": project}, status=status
    )


def delivery_pack_build(request, partnership):
    month = _month(request)
    if month is None:
        return HttpResponseBadRequest("Give the month as YYYY-MM, such as 2018-01.")
    with transaction.atomic():
        job = jobs.job_create(
            kind="portfolio_delivery_pack",
            title=f"Portfolio delivery meeting pack, {month:%B %Y}",
            by=request.user,
            partnership=request.partnership,
            parameters={"month": month.isoformat()},
        )
        build_delivery_pack.delay_on_commit(str(job.pk))
    return redirect(job)


# Risks ---------------------------------------------------------------------------------------------------


def risks(request, partnership):
    qs = selectors.risks_for(request.partnership)
    risk_filter = RiskFilter(request.GET or None, queryset=qs, partnership=request.partnership)
    status = 200
    if request.GET and not risk_filter.is_valid():
        status, rows = 400, []
    else:
        rows = list(risk_filter.qs if request.GET else qs)
    today = timezone.localdate()
    offices.attach_owner_labels(rows, today)
    return render(
        request,
        "governance/portfolio/risks.html",
        {
            "filter": risk_filter,
            "bad_filter": status == 400,
            "risks": rows,
            "grid": selectors.heat_map(rows),
            "impacts": rules.SCALE,
            "labels": rules.SCALE_LABELS,
            "past_review": selectors.past_review(rows, today=today),
            "today": today,
            "can_edit": _can_edit(request),
        },
        status=status,
    )


def risk_create(request, partnership):
    return _risk_form(request, None)


def risk_edit(request, partnership, risk):
    risk = get_object_or_404(Risk.objects.filter(partnership=request.partnership), pk=risk)
    return _risk_form(request, risk)


def _risk_form(request, risk):
    status = 200
    if request.method == "POST":
        form = RiskForm(request.POST, instance=risk, partnership=request.partnership)
        if form.is_valid():
            try:
                if risk is None:
                    services.risk_create(
                        partnership=request.partnership, by=request.user, **form.service_fields()
                    )
                else:
                    services.risk_update(
                        risk=risk,
                        version=form.cleaned_data["version"],
                        by=request.user,
                        **form.service_fields(),
                    )
            except ValidationError as e:
                form.add_service_error(e)
            else:
                messages.success(request, "Risk saved.")
                return redirect(_url("risks", request))
        status = refused(form)
    else:
        form = RiskForm(
            instance=risk,
            partnership=request.partnership,
            initial={"version": current_version(risk)} if risk else {"review_date": timezone.localdate()},
        )
    return render(request, "governance/portfolio/risk_form.html", {"form": form, "risk": risk}, status=status)
