"""Reads for the portfolio pages, the delivery meeting pack and (later) the CIO dashboard. Each fetches its
related rows in bulk, so a page runs the same number of queries however many rows there are."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Prefetch

from governance.delegations import offices

from . import rules
from .models import GatewayAssessment, HighlightReport, Programme, Project, Risk


def programmes_for(partnership):
    return (
        Programme.objects.filter(partnership=partnership)
        .select_related("board", "partnership")
        .prefetch_related("co_chairs__council")
        .order_by("position", "name")
    )


def projects_for(partnership):
    return (
        Project.objects.filter(partnership=partnership)
        .select_related("partnership", "programme", "duplicate_of__partnership", "gateway")
        .prefetch_related("councils")
        .order_by("title")
    )


@dataclass
class ProgrammeView:
    programme: Programme | None
    projects: list = field(default_factory=list)  # real projects in flight
    excluded: list = field(default_factory=list)  # in flight, but not real projects
    pipeline: list = field(default_factory=list)  # ideas and proposals at the gateway

    @property
    def name(self):
        return self.programme.name if self.programme else "No programme yet"


@dataclass
class Portfolio:
    programmes: list
    in_portfolio: int
    excluded: int
    pipeline: int
    budget: object  # the allocated budget of the real projects in flight


def portfolio_for(partnership):
    """The shared technology portfolio by programme: real projects in flight; in-flight projects left out
    (with why); the pipeline. Three queries plus one per prefetch, whatever the number of projects."""
    programmes = list(programmes_for(partnership))
    views = {p.pk: ProgrammeView(p) for p in programmes}
    unassigned = ProgrammeView(None)
    in_portfolio = excluded = pipeline = 0
    budget = 0
    for project in projects_for(partnership):
        view = views.get(project.programme_id, unassigned)
        if project.stage == Project.Stage.IN_FLIGHT:
            if project.is_real:
                view.projects.append(project)
                in_portfolio += 1
                budget += project.allocated_budget
            else:
                view.excluded.append(project)
                excluded += 1
        elif project.stage in {Project.Stage.IDEA, Project.Stage.GATEWAY}:
            view.pipeline.append(project)
            pipeline += 1
    rows = list(views.values())
    if unassigned.projects or unassigned.excluded or unassigned.pipeline:
        rows.append(unassigned)
    return Portfolio(rows, in_portfolio, excluded, pipeline, budget)


def programme_detail(programme):
    projects = list(
        Project.objects.filter(programme=programme)
        .select_related("partnership", "duplicate_of", "gateway")
        .prefetch_related("councils")
        .order_by("title")
    )
    risks = offices.attach_owner_labels(
        Risk.objects.filter(programme=programme, status=Risk.Status.OPEN)
        .select_related("project", "owner_office")
        .order_by("-likelihood", "-impact")
    )
    return projects, risks


@dataclass
class RankedProposal:
    rank: int | None
    assessment: GatewayAssessment


def ranked_proposals(partnership):
    """Proposals waiting for the board, highest score first (rules.rank), then the decided ones."""
    qs = list(
        GatewayAssessment.objects.filter(project__partnership=partnership)
        .select_related("project__partnership", "project__programme", "board", "resolution__meeting")
        .prefetch_related("project__councils")
    )
    waiting = [a for a in qs if not a.is_decided]
    decided = sorted((a for a in qs if a.is_decided), key=lambda a: (a.decided_on, a.pk), reverse=True)
    by_pk = {a.pk: a for a in waiting}
    ranked = rules.rank([(a.pk, a.score, a.submitted_on) for a in waiting])
    return [RankedProposal(r.rank, by_pk[r.key]) for r in ranked], decided


def highlights_for_month(partnership, month: date):
    """The month's highlight reports gathered by programme (programme order, then project title), and the
    projects in flight that have not reported."""
    reports = list(
        HighlightReport.objects.filter(project__partnership=partnership, month=month)
        .select_related("project__partnership", "project__programme__partnership")
        .order_by(F("project__programme__position").asc(nulls_last=True), "project__title")
    )
    groups = {}
    for report in reports:
        groups.setdefault(report.project.programme, []).append(report)
    reported = {r.project_id for r in reports}
    missing = [
        p
        for p in Project.objects.filter(partnership=partnership, stage=Project.Stage.IN_FLIGHT)
        .select_related("partnership", "programme")
        .order_by("title")
        if p.pk not in reported
    ]
    return list(groups.items()), missing


def risks_for(partnership):
    return (
        Risk.objects.filter(partnership=partnership)
        .select_related("programme", "project", "owner_office")
        .order_by("-likelihood", "-impact", "review_date", "pk")
        .annotate(score_value=F("likelihood") * F("impact"))
    )


@dataclass
class HeatCell:
    likelihood: int
    impact: int
    count: int
    band: str


def heat_map(risks):
    """The 5 x 5 grid of open risks, likelihood rows from 5 (top) down to 1, impact columns 1 to 5."""
    grid = rules.heat_map([(r.likelihood, r.impact) for r in risks if r.status == Risk.Status.OPEN])
    return [
        [
            HeatCell(likelihood, impact, grid[(likelihood, impact)], rules.risk_band(likelihood * impact))
            for impact in rules.SCALE
        ]
        for likelihood in reversed(rules.SCALE)
    ]


def past_review(risks, *, today):
    return [r for r in risks if rules.is_past_review(r.review_date, today=today, is_open=r.status == "open")]


def project_detail(project_id, partnership):
    """The project with its councils, highlights and risks, and its owner and its risks' owners read (the posts
    holding their offices)."""
    project = (
        Project.objects.filter(partnership=partnership)
        .select_related(
            "programme__board",
            "duplicate_of",
            "gateway__board",
            "gateway__resolution__meeting",
            "owner_office",
        )
        .prefetch_related(
            "councils",
            "duplicates",
            Prefetch("highlights", queryset=HighlightReport.objects.order_by("-month")),
            Prefetch(
                "risks",
                queryset=Risk.objects.select_related("owner_office").order_by("-likelihood", "-impact"),
            ),
        )
        .get(pk=project_id)
    )
    offices.attach_owner_labels([project, *project.risks.all()])
    return project


RAG_ORDER = ["red", "amber", "green"]


def programme_rag(view):
    """A programme's RAG status: the worst of its real projects in flight ('' when none has one)."""
    rags = {p.rag for p in view.projects if p.rag}
    return next((r for r in RAG_ORDER if r in rags), "")


def open_risks(partnership):
    """Open risks, highest score first (likelihood x impact), then the earliest review."""
    return offices.attach_owner_labels(
        risks_for(partnership).filter(status=Risk.Status.OPEN).order_by("-score_value", "review_date", "pk")
    )
