"""Writes for the portfolio. Each runs in one transaction, checks with full_clean() and raises a
ValidationError whose message is one of the constants below (tests check them). The board's gateway decision
is recorded as the board's resolution through the committees' own service, so it joins the decisions
register like any other resolution."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from governance.acting import records_user
from governance.audit.versions import UNCHECKED, check_version
from governance.committees.models import AgendaItem, Body, Meeting
from governance.committees.services import agenda_item_add, resolution_add
from governance.papers.documents import rendered
from governance.papers.pdf import Part, assemble

from . import rules, selectors
from .models import CRITERION_FIELDS, GatewayAssessment, HighlightReport, Project, Risk

COUNCIL_NOT_IN_PARTNERSHIP = "Every council a project serves must be a member of the partnership."
NEEDS_A_COUNCIL = "Choose at least one council the project serves."
PROGRAMME_OTHER_PARTNERSHIP = "That programme belongs to another partnership."
DUPLICATE_SAME_COUNCIL = "A duplicate is another council's project: choose a project of a different council."
DUPLICATE_OF_ITSELF = "A project cannot duplicate itself."
ALREADY_DECIDED = "The board has already decided on this proposal."
NOT_SCORED = "Score the proposal against all six criteria before the board decides."
NOT_ALIGNED = (
    "A proposal is approved only if it aligns with the enterprise architecture and the strategy: "
    "record both checks first."
)
NOT_A_REAL_PROJECT = "A proposal is approved only as a real project. It lacks: {missing}."
ITEM_NOT_A_BOARD = "Choose an agenda item of a board of this partnership."
HIGHLIGHT_NOT_IN_FLIGHT = "Highlight reports are for projects in flight."
HIGHLIGHT_TWICE = "This project already has a highlight report for that month."
RISK_SUBJECT_OTHER_PARTNERSHIP = "That programme or project belongs to another partnership."
RISK_NEEDS_OWNER = "Choose the office that owns the risk, or name its owner."
OWNER_OFFICE_OTHER_PARTNERSHIP = "That office belongs to another partnership."

PROJECT_FIELDS = [
    "title",
    "programme",
    "summary",
    "ict_lead",
    "project_manager",
    "manager_from",
    "sponsor",
    "owner_office",
    "scope",
    "allocated_budget",
    "funding_line",
    "start",
    "end",
    "milestones",
    "rag",
    "duplicate_of",
]
SCORE_FIELDS = [
    *CRITERION_FIELDS.values(),
    "aligns_with_strategy",
    "aligns_with_architecture",
    "assessment_notes",
]
HIGHLIGHT_FIELDS = ["month", "rag", "progress", "issues_for_escalation", "next_steps"]
RISK_FIELDS = [
    "level",
    "programme",
    "project",
    "description",
    "likelihood",
    "impact",
    "owner_office",
    "owner",
    "mitigation",
    "status",
    "review_date",
]

# Bodies whose decisions can admit a project to the portfolio: the boards, not the joint committee.
BOARD_KINDS = {
    Body.Kind.PORTFOLIO_BOARD,
    Body.Kind.PROGRAMME_BOARD,
    Body.Kind.DELIVERY_BOARD,
    Body.Kind.MANAGEMENT_BOARD,
}


def _check_version(model, obj, version):
    """The record, locked, if `version` (its latest history id, governance/audit/versions.py) is still its own;
    else StaleRecord with the other person's changes."""
    locked = model.objects.select_for_update().get(pk=obj.pk)
    check_version(locked, version)
    return locked


def _apply_project(project, fields, councils):
    for name, value in fields.items():
        if name not in PROJECT_FIELDS:
            raise TypeError(f"{name} is not a project field")
        setattr(project, name, value)
    if project.programme_id and project.programme.partnership_id != project.partnership_id:
        raise ValidationError({"programme": PROGRAMME_OTHER_PARTNERSHIP}, code="programme")
    if project.owner_office_id and project.owner_office.partnership_id != project.partnership_id:
        raise ValidationError({"owner_office": OWNER_OFFICE_OTHER_PARTNERSHIP}, code="owner_office")
    if councils is not None:
        councils = list(councils)
        if not councils:
            raise ValidationError({"councils": NEEDS_A_COUNCIL}, code="councils")
        members = {c.pk for c in project.partnership.councils_on(timezone.localdate())}
        if any(c.pk not in members for c in councils):
            raise ValidationError({"councils": COUNCIL_NOT_IN_PARTNERSHIP}, code="councils")
    if project.duplicate_of_id:
        if project.pk and project.duplicate_of_id == project.pk:
            raise ValidationError({"duplicate_of": DUPLICATE_OF_ITSELF}, code="duplicate")
        other = project.duplicate_of
        if other.partnership_id != project.partnership_id:
            raise ValidationError({"duplicate_of": PROGRAMME_OTHER_PARTNERSHIP}, code="duplicate")
        if councils is not None:
            theirs = set(other.councils.values_list("pk", flat=True))
            if theirs & {c.pk for c in councils}:
                raise ValidationError({"duplicate_of": DUPLICATE_SAME_COUNCIL}, code="duplicate")
    project.full_clean()
    return councils


@records_user
@transaction.atomic
def proposal_submit(*, partnership, councils, by, today=None, **fields):
    """Submits a new project to the gateway: the project (at the gateway stage) and its assessment."""
    today = today or timezone.localdate()
    project = Project(partnership=partnership, stage=Project.Stage.GATEWAY)
    councils = _apply_project(project, fields, councils)
    project.save()
    project.councils.set(councils)
    assessment = GatewayAssessment(project=project, submitted_on=today, submitted_by=by)
    assessment.full_clean()
    assessment.save()
    return assessment


@records_user
@transaction.atomic
def project_create(*, partnership, councils, by, stage=Project.Stage.IN_FLIGHT, **fields):
    """A project recorded directly (one already in flight when the portfolio began, say)."""
    project = Project(partnership=partnership, stage=stage)
    councils = _apply_project(project, fields, councils)
    project.save()
    project.councils.set(councils)
    return project


@records_user
@transaction.atomic
def project_update(*, project, version, by, councils=None, **fields):
    project = _check_version(Project, project, version)
    councils = _apply_project(project, fields, councils)
    project.save()
    if councils is not None:
        project.councils.set(councils)
    return project


@records_user
@transaction.atomic
def proposal_score(*, assessment, version, by, **fields):
    """Records the scores against the six criteria (0–5 each) and the two alignment checks."""
    assessment = _check_version(GatewayAssessment, assessment, version)
    if assessment.is_decided:
        raise ValidationError(ALREADY_DECIDED, code="decided")
    for name, value in fields.items():
        if name not in SCORE_FIELDS:
            raise TypeError(f"{name} is not a score field")
        setattr(assessment, name, value)
    assessment.full_clean()
    scores = {key: getattr(assessment, field) for key, field in CRITERION_FIELDS.items()}
    assessment.score = rules.total_score(scores)
    assessment.status = (
        GatewayAssessment.Status.SCORED
        if assessment.score is not None
        else GatewayAssessment.Status.SUBMITTED
    )
    assessment.save()
    return assessment


def decision_clauses(assessment, *, approve):
    project = assessment.project
    if approve:
        where = f" in the {project.programme.name} programme" if project.programme_id else ""
        return [
            f"THAT “{project.title}” be approved onto the shared technology portfolio{where}, "
            f"having scored {assessment.score} of {rules.MAX_SCORE} against the prioritisation criteria."
        ]
    return [
        f"THAT “{project.title}” not be approved onto the shared technology portfolio "
        f"(it scored {assessment.score} of {rules.MAX_SCORE} against the prioritisation criteria)."
    ]


@records_user
@transaction.atomic
def proposal_decide(*, assessment, item, approve, by, reasons=""):
    """The board's decision at its meeting, under an item of its agenda: recorded as the board's resolution
    (committees' resolution_add, so it is in the decisions register), then the proposal and project follow."""
    assessment = (
        GatewayAssessment.objects.select_for_update(of=("self",))
        .select_related("project__programme")
        .get(pk=assessment.pk)
    )
    project = assessment.project
    if assessment.is_decided:
        raise ValidationError(ALREADY_DECIDED, code="decided")
    item = AgendaItem.objects.select_related("meeting__body").get(pk=item.pk)
    body = item.meeting.body
    if body.partnership_id != project.partnership_id or body.kind not in BOARD_KINDS:
        raise ValidationError({"item": ITEM_NOT_A_BOARD}, code="board")
    if assessment.score is None:
        raise ValidationError(NOT_SCORED, code="not_scored")
    if approve:
        if not (assessment.aligns_with_strategy and assessment.aligns_with_architecture):
            raise ValidationError(NOT_ALIGNED, code="not_aligned")
        missing = project.missing_facts
        if missing:
            raise ValidationError(NOT_A_REAL_PROJECT.format(missing="; ".join(missing)), code="not_real")
    resolution = resolution_add(
        item=item,
        clauses=decision_clauses(assessment, approve=approve),
        reasons=reasons,
        by=by,
        councils=list(project.councils.all()),
    )
    assessment.status = GatewayAssessment.Status.APPROVED if approve else GatewayAssessment.Status.REJECTED
    assessment.board = body
    assessment.resolution = resolution
    assessment.decided_on = item.meeting.date
    assessment.full_clean()
    assessment.save()
    project.stage = Project.Stage.IN_FLIGHT if approve else Project.Stage.CLOSED
    project.save()
    return assessment


@records_user
@transaction.atomic
def proposal_table(*, assessment, meeting, by):
    """Puts the proposal on the agenda of a board's coming meeting, as an item for decision (through the
    committees' agenda service, which refuses a meeting already held). Returns the item."""
    assessment = GatewayAssessment.objects.select_related("project").get(pk=assessment.pk)
    if assessment.is_decided:
        raise ValidationError(ALREADY_DECIDED, code="decided")
    body = meeting.body
    if body.partnership_id != assessment.project.partnership_id or body.kind not in BOARD_KINDS:
        raise ValidationError({"meeting": ITEM_NOT_A_BOARD}, code="board")
    project = assessment.project
    return agenda_item_add(
        meeting=meeting,
        version=UNCHECKED,
        by=by,
        title=f"Portfolio gateway: {project.title}",
        description=f"A proposal for the shared technology portfolio, to approve or reject. {project.summary}".strip(),
        is_decision=True,
    )


def coming_board_meetings(partnership, *, today=None):
    """Boards' meetings from today whose agenda can still take an item."""
    today = today or timezone.localdate()
    return (
        Meeting.objects.filter(
            body__partnership=partnership,
            body__kind__in=BOARD_KINDS,
            status__in=[Meeting.Status.DRAFT, Meeting.Status.PUBLISHED],
            date__gte=today,
        )
        .select_related("body")
        .order_by("date", "start_time")
    )


def open_board_items(partnership):
    """Agenda items at which a board can decide today: published meetings whose minutes are not signed."""
    return (
        AgendaItem.objects.filter(
            meeting__body__partnership=partnership,
            meeting__body__kind__in=BOARD_KINDS,
            meeting__status__in=[Meeting.Status.PUBLISHED, Meeting.Status.HELD],
            standard="",
        )
        .select_related("meeting__body")
        .order_by("-meeting__date", "position")
    )


def first_of_month(day: date) -> date:
    return day.replace(day=1)


@records_user
@transaction.atomic
def highlight_submit(*, project, by, **fields):
    if project.stage != Project.Stage.IN_FLIGHT:
        raise ValidationError(HIGHLIGHT_NOT_IN_FLIGHT, code="not_in_flight")
    for name in fields:
        if name not in HIGHLIGHT_FIELDS:
            raise TypeError(f"{name} is not a highlight field")
    if fields.get("month"):
        fields["month"] = first_of_month(fields["month"])
    if HighlightReport.objects.filter(project=project, month=fields.get("month")).exists():
        raise ValidationError({"month": HIGHLIGHT_TWICE}, code="twice")
    report = HighlightReport(project=project, submitted_by=by, **fields)
    report.full_clean()
    report.save()
    # The project's RAG is its latest report's.
    latest = project.highlights.order_by("-month").first()
    if latest.pk == report.pk and project.rag != report.rag:
        project.rag = report.rag
        project.save()
    return report


def _apply_risk(risk, fields):
    for name, value in fields.items():
        if name not in RISK_FIELDS and name != "rating_as_written" and name != "source":
            raise TypeError(f"{name} is not a risk field")
        setattr(risk, name, value)
    if risk.level == Risk.Level.PARTNERSHIP:
        risk.programme, risk.project = None, None
    elif risk.level == Risk.Level.PROGRAMME:
        risk.project = None
    elif risk.level == Risk.Level.PROJECT and risk.project_id:
        risk.programme = risk.project.programme
    for subject in (risk.programme, risk.project):
        if subject is not None and subject.partnership_id != risk.partnership_id:
            raise ValidationError(RISK_SUBJECT_OTHER_PARTNERSHIP, code="partnership")
    if risk.owner_office_id and risk.owner_office.partnership_id != risk.partnership_id:
        raise ValidationError({"owner_office": OWNER_OFFICE_OTHER_PARTNERSHIP}, code="owner_office")
    if not (risk.owner or "").strip() and not risk.owner_office_id:
        raise ValidationError({"owner": RISK_NEEDS_OWNER}, code="owner")
    risk.full_clean()


@records_user
@transaction.atomic
def risk_create(*, partnership, by, **fields):
    risk = Risk(partnership=partnership)
    _apply_risk(risk, fields)
    risk.save()
    return risk


@records_user
@transaction.atomic
def risk_update(*, risk, version, by, **fields):
    risk = _check_version(Risk, risk, version)
    _apply_risk(risk, fields)
    risk.save()
    return risk


# The portfolio delivery meeting pack ---------------------------------------------------------------------


def _pack_author(partnership, month):
    host = partnership.host_on(month)
    return (
        f"{host.name}, Shared technology portfolio"
        if host
        else f"{partnership.name}, Shared technology portfolio"
    )


def delivery_pack_build(*, partnership, month, progress=None):
    """The month's highlight reports gathered by programme, as one tagged PDF through the papers machinery:
    each part rendered (and cached by the checksum of its HTML) by documents.rendered, then joined by
    pdf.assemble with a bookmark per programme and numbered pages. Returns (pdf bytes, filename)."""
    progress = progress or (lambda stage, done, total: None)
    groups, missing = selectors.highlights_for_month(partnership, month)
    title = f"{partnership.name}: portfolio delivery meeting pack, {month:%B %Y}"
    author = _pack_author(partnership, month)
    contents = []
    for programme, reports in groups:
        rags = [r.rag for r in reports]
        contents.append(
            {
                "name": programme.name if programme else "No programme",
                "count": len(reports),
                "red": rags.count("red"),
                "amber": rags.count("amber"),
                "green": rags.count("green"),
            }
        )
    total = 1 + len(groups)
    progress("Rendering the highlight reports", 0, total)
    cover = render_to_string(
        "print/portfolio_cover.html",
        {
            "title": title,
            "author": author,
            "partnership": partnership,
            "month": month,
            "contents": contents,
            "missing": missing,
        },
    )
    parts = [Part("cover", "Cover and contents", rendered(cover)[0])]
    progress("Rendering the highlight reports", 1, total)
    for done, (programme, reports) in enumerate(groups, start=2):
        name = programme.name if programme else "No programme"
        html = render_to_string(
            "print/portfolio_programme.html",
            {
                "author": author,
                "month": month,
                "programme_name": name,
                "board": programme.board.name if programme and programme.board_id else "",
                "co_chairs": [str(c) for c in programme.co_chairs.all()] if programme else [],
                "reports": reports,
            },
        )
        parts.append(Part(f"programme-{programme.pk if programme else 0}", name, rendered(html)[0]))
        progress("Rendering the highlight reports", done, total)
    assembled = assemble(parts, title=title, author=author, on_stage=lambda s: progress(s, total, total))
    return assembled.pdf, f"portfolio-delivery-pack-{partnership.slug}-{month:%Y-%m}.pdf"
