"""The shared technology portfolio: programmes (the 2017 themes) with their boards and co-chairs, projects,
gateway assessments, monthly highlight reports and the risk register."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.delegations import offices

from . import rules

__all__ = ["Programme", "CoChair", "Project", "GatewayAssessment", "HighlightReport", "Risk"]


class Rag(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class Programme(models.Model):
    """A programme of the portfolio: in Shared Digital, one of the six themes of the 2017 strategy, each with
    its programme board co-chaired by a senior officer from each council (D1 L431, L2696)."""

    partnership = models.ForeignKey(
        "governance.Partnership", on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    position = models.PositiveSmallIntegerField(default=1)
    description = models.TextField(blank=True)
    is_transformational = models.BooleanField(
        default=False, help_text="One of the strategy's three transformational themes."
    )
    board = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        help_text="The programme board that oversees it.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="programme_unique_slug"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "governance:programme", kwargs={"partnership": self.partnership.slug, "programme": self.slug}
        )


class CoChair(models.Model):
    """The senior officer who co-chairs a programme board for one council."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="co_chairs")
    council = models.ForeignKey("governance.Council", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "council__code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "council"], name="cochair_one_per_council"),
        ]

    def __str__(self):
        return f"{self.name} ({self.council.code})"


class Project(models.Model):
    class Stage(models.TextChoices):
        IDEA = "idea", "Idea"
        GATEWAY = "gateway", "At the gateway"
        IN_FLIGHT = "in_flight", "In flight"
        CLOSED = "closed", "Closed"

    class ManagerFrom(models.TextChoices):
        ICT = "ict", "ICT"
        SERVICE = "service", "Service area"
        SUPPLIER = "supplier", "Third-party supplier"

    partnership = models.ForeignKey(
        "governance.Partnership", on_delete=models.CASCADE, related_name="projects"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="projects"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    councils = models.ManyToManyField(
        "governance.Council",
        related_name="+",
        help_text="The councils it serves: one council for a sovereign project, more for a shared one.",
    )
    ict_lead = models.CharField("ICT Lead", max_length=200, blank=True, help_text="One person.")
    project_manager = models.CharField(max_length=200, blank=True)
    manager_from = models.CharField(
        "project manager from", max_length=20, choices=ManagerFrom.choices, blank=True
    )
    sponsor = models.CharField(max_length=200, blank=True)
    owner_office = models.ForeignKey(
        "governance.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="owner",
        help_text="The office that owns the project: it shows as the post holding it, or as vacant.",
    )
    scope = models.TextField(blank=True)
    allocated_budget = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    funding_line = models.CharField(
        max_length=200,
        blank=True,
        help_text="The funding line the budget draws on, such as the Evergreening provision.",
    )
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    milestones = models.TextField(blank=True, help_text="One a line, such as 2018-02-20 Contract award.")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IDEA)
    rag = models.CharField("RAG status", max_length=10, choices=Rag.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        help_text="Another council's project doing the same thing.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="project_ends_after_start",
                violation_error_message="A project cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(allocated_budget__isnull=True) | Q(allocated_budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message="The allocated budget cannot be negative.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def owner_shown(self):
        """The owner as shown: the post holding the owning office when attach_owner_labels has read it, else
        the office's name, else the owner typed in."""
        label = self.__dict__.get("owner_label")
        return label if label is not None else offices.owner_label(self)

    def get_absolute_url(self):
        return reverse(
            "governance:project", kwargs={"partnership": self.partnership.slug, "project": self.pk}
        )

    @property
    def missing_facts(self):
        return rules.missing_facts(
            project_manager=self.project_manager,
            sponsor=self.sponsor,
            scope=self.scope,
            budget=self.allocated_budget,
            start=self.start,
            end=self.end,
            ict_lead=self.ict_lead,
        )

    @property
    def exclusion_reasons(self):
        """Why it is not part of the shared portfolio (needs duplicate_of fetched with it)."""
        duplicate = self.duplicate_of.title if self.duplicate_of_id else None
        return rules.exclusion_reasons(self.missing_facts, duplicate_of_title=duplicate)

    @property
    def is_real(self):
        return not self.exclusion_reasons

    @property
    def milestone_list(self):
        return [line.strip() for line in self.milestones.splitlines() if line.strip()]


class GatewayAssessment(models.Model):
    """A proposal at the portfolio gateway: its scores against the six prioritisation criteria, the checks of
    its alignment with the strategy and the architecture principles, and the board's decision."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        SCORED = "scored", "Scored"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="gateway")
    submitted_on = models.DateField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    partnership_score = models.PositiveSmallIntegerField(
        "partnership", null=True, blank=True, validators=[MaxValueValidator(rules.CRITERION_MAX)]
    )
    customer_need = models.PositiveSmallIntegerField(
        "responding to customer need",
        null=True,
        blank=True,
        validators=[MaxValueValidator(rules.CRITERION_MAX)],
    )
    service_needs = models.PositiveSmallIntegerField(
        "embedding with service needs",
        null=True,
        blank=True,
        validators=[MaxValueValidator(rules.CRITERION_MAX)],
    )
    aggregation = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(rules.CRITERION_MAX)]
    )
    resilience = models.PositiveSmallIntegerField(
        "building resilience", null=True, blank=True, validators=[MaxValueValidator(rules.CRITERION_MAX)]
    )
    transformation = models.PositiveSmallIntegerField(
        "transforming the business",
        null=True,
        blank=True,
        validators=[MaxValueValidator(rules.CRITERION_MAX)],
    )
    score = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    aligns_with_strategy = models.BooleanField("aligns with the strategy", default=False)
    aligns_with_architecture = models.BooleanField("aligns with the architecture principles", default=False)
    assessment_notes = models.TextField(blank=True)
    board = models.ForeignKey(
        "governance.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.OneToOneField(
        "governance.Resolution", on_delete=models.PROTECT, null=True, blank=True, related_name="gateway"
    )
    decided_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-score", "submitted_on", "pk"]

    def __str__(self):
        return f"Gateway: {self.project}"

    def criterion_scores(self):
        """{criterion key: score} as rules.CRITERIA names them."""
        return {
            "partnership": self.partnership_score,
            "customer_need": self.customer_need,
            "service_needs": self.service_needs,
            "aggregation": self.aggregation,
            "resilience": self.resilience,
            "transformation": self.transformation,
        }

    @property
    def is_decided(self):
        return self.status in {self.Status.APPROVED, self.Status.REJECTED}


CRITERION_FIELDS = {
    "partnership": "partnership_score",
    "customer_need": "customer_need",
    "service_needs": "service_needs",
    "aggregation": "aggregation",
    "resilience": "resilience",
    "transformation": "transformation",
}


class HighlightReport(models.Model):
    """A project's monthly highlight report (D0 3.11, D1 L432)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="highlights")
    month = models.DateField(help_text="The first day of the month reported on.")
    rag = models.CharField("RAG status", max_length=10, choices=Rag.choices)
    progress = models.TextField("progress this month")
    issues_for_escalation = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "project__title"]
        constraints = [
            models.UniqueConstraint(fields=["project", "month"], name="highlight_one_a_month"),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="highlight_month_first_day",
                violation_error_message="A highlight report is for a month: use its first day.",
            ),
        ]

    def __str__(self):
        return f"{self.project}, {self.month:%B %Y}"


class Risk(models.Model):
    class Level(models.TextChoices):
        PARTNERSHIP = "partnership", "Partnership"
        PROGRAMME = "programme", "Programme"
        PROJECT = "project", "Project"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey("governance.Partnership", on_delete=models.CASCADE, related_name="risks")
    level = models.CharField(max_length=20, choices=Level.choices)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="risks"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="risks"
    )
    description = models.TextField()
    likelihood = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    impact = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_as_written = models.CharField(
        max_length=40, blank=True, help_text="The rating in the source's words, such as Medium/High."
    )
    owner = models.CharField(
        "owner (named)",
        max_length=200,
        blank=True,
        help_text="Who manages the risk, where no office owns it.",
    )
    owner_office = models.ForeignKey(
        "governance.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="owner",
        help_text="The office that owns the risk: it shows as the post holding it, or as vacant.",
    )
    mitigation = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    review_date = models.DateField()
    source = models.CharField(max_length=300, blank=True, help_text="Where the risk was first recorded.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "review_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scale_one_to_five",
            ),
            models.CheckConstraint(
                condition=(
                    Q(level="partnership", programme__isnull=True, project__isnull=True)
                    | Q(level="programme", programme__isnull=False, project__isnull=True)
                    | Q(level="project", project__isnull=False)
                ),
                name="risk_level_matches_subject",
                violation_error_message=(
                    "A partnership risk names no programme or project; a programme risk names its programme; "
                    "a project risk names its project."
                ),
            ),
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def owner_shown(self):
        """The owner as shown: the post holding the owning office when attach_owner_labels has read it, else
        the office's name, else the owner typed in."""
        label = self.__dict__.get("owner_label")
        return label if label is not None else offices.owner_label(self)

    @property
    def score(self):
        return rules.risk_score(self.likelihood, self.impact)

    @property
    def band(self):
        return rules.risk_band(self.score)

    @property
    def subject(self):
        if self.level == self.Level.PROJECT:
            return self.project
        if self.level == self.Level.PROGRAMME:
            return self.programme
        return None
