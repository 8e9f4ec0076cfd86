"""The establishment: grades and their salary points, on-cost rates, posts (with their reports-to and dotted
lines and the councils they work for), post holders (employed, seconded in, agency cover, with TUPE
transfers and secondment extensions), and restructures that delete and create posts on a date.

A post's status (filled, vacant, seconded in, covered by agency) is not stored: it is worked out from its
holders on the day asked about (see selectors.with_status), so it is never stale.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Council, Office, OfficerDecision, Partnership, Resolution

from .structure import peak_fte, reports_to_loop

ERROR_REPORTS_TO_LOOP = "Reporting to that post would make a loop: {chain}."
ERROR_REPORTS_TO_OTHER_PARTNERSHIP = "A post can only report to a post of the same partnership."
ERROR_REPORTS_TO_CLOSED = (
    "A post cannot report to a post that ends before it starts, or starts after it ends."
)
ERROR_GRADE_OTHER_PARTNERSHIP = "That grade belongs to another partnership."
ERROR_OFFICE_OTHER_PARTNERSHIP = "That office belongs to another partnership."
ERROR_OFFICE_HELD = "Another post holds that office over the same dates ({post})."
ERROR_HOLDERS_OUTSIDE_POST = (
    "Post holders would be in the post outside its dates (from {starts}): end them first."
)
ERROR_HOLDER_BEFORE_POST = "The holder cannot start before the post exists (it starts on {day})."
ERROR_HOLDER_AFTER_POST = "The holder cannot stay after the post ends (it ends on {day})."
ERROR_HOLDERS_ABOVE_FTE = "Holders would fill {total} FTE of this {fte} FTE post from {day}."
ERROR_SECONDMENT_NEEDS = "A secondment needs the council the person is seconded from and an end date."
ERROR_AGENCY_NEEDS = "Agency cover needs its day rate and an end date."
ERROR_TUPE_INCOMPLETE = "A TUPE transfer needs the council from, the council to and the date."
ERROR_EMPLOYED_NEEDS_TERMS = "Say whose terms and conditions the person is employed on."


def Money(*args, **kwargs):  # noqa: N802 - a field factory, named like a field
    return models.DecimalField(*args, max_digits=14, decimal_places=2, **kwargs)


def Fte(*args, **kwargs):  # noqa: N802
    return models.DecimalField(
        *args,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("999.99"))],
        **kwargs,
    )


def Year(verbose_name="financial year", **kwargs):  # noqa: N802
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(2000), MaxValueValidator(2098)],
        help_text="The calendar year the financial year starts in: 2017 for 2017/18.",
        **kwargs,
    )


class FundingLine(models.TextChoices):
    """The budget line that pays for a post. The codes are finance's funding-line codes (finance reads
    staffing's costs by them); staffing keeps them as plain choices so that it does not import finance."""

    BAU_STAFF = "bau_staff", "BAU staff"
    CONTINUOUS_IMPROVEMENT = "continuous_improvement", "Continuous improvement"
    ONE_OFF_TRANSFORMATION = "one_off_transformation", "One-off transformation"


class Status(models.TextChoices):
    FILLED = "filled", "Filled"
    VACANT = "vacant", "Vacant"
    SECONDED_IN = "seconded_in", "Seconded in"
    AGENCY = "agency", "Covered by agency"


class Grade(models.Model):
    """A pay grade of a partnership's establishment, such as PO5 or Director."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="grades")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=100, blank=True)
    rank = models.PositiveSmallIntegerField(default=0, help_text="Higher grades have higher numbers.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-rank", "code"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"], name="grade_unique_code")]

    def __str__(self):
        return self.code


class SalaryPoint(models.Model):
    """The salary point a grade is costed at in a financial year."""

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="salary_points")
    year = Year()
    salary = Money("annual salary (£)", validators=[MinValueValidator(Decimal("0"))])
    history = HistoricalRecords()

    class Meta:
        ordering = ["grade", "year"]
        constraints = [models.UniqueConstraint(fields=["grade", "year"], name="salary_point_unique")]

    def __str__(self):
        return f"{self.grade} {self.year}: £{self.salary:,}"


class OnCostRate(models.Model):
    """Employer's on-costs (pension and National Insurance) as a share of salary, for a financial year."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="on_cost_rates")
    year = Year()
    rate = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text="0.2800 for 28%.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "year"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year"], name="on_cost_rate_unique")]

    def __str__(self):
        return f"{self.year}: {self.rate * 100:.2f}%"


class Restructure(models.Model):
    """A change to the establishment approved by a decision: posts deleted and posts created on one date."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPLIED = "applied", "Applied"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="restructures")
    name = models.CharField(max_length=200)
    phase = models.PositiveSmallIntegerField(default=1)
    effective_date = models.DateField()
    staff_affected = models.PositiveIntegerField(
        default=0, help_text="Staff whose posts are deleted, changed or put at risk."
    )
    consultation_start = models.DateField(null=True, blank=True)
    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The resolution that approved it, if a body decided.",
    )
    officer_decision = models.ForeignKey(
        OfficerDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer decision that approved it, if taken under delegation.",
    )
    decision_text = models.CharField(
        "approving decision (other record)",
        max_length=300,
        blank=True,
        help_text="Where the decision is not recorded here, such as an executive decision report.",
    )
    notes = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-effective_date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="restructure_unique_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("staffing:restructure", kwargs={"partnership": self.partnership.slug, "pk": self.pk})

    @property
    def is_applied(self):
        return self.state == self.State.APPLIED

    @property
    def has_decision(self):
        return bool(self.resolution_id or self.officer_decision_id or self.decision_text)


class Post(models.Model):
    """A post in the establishment, from its effective date to its end (open when blank)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="posts")
    reference = models.CharField(max_length=20, help_text="The post number, unique in the partnership.")
    title = models.CharField(max_length=200)
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="posts")
    fte = Fte("FTE")
    team = models.CharField("team or division", max_length=100)
    reports_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="direct_reports"
    )
    employing_council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The decision-making office this post holds, such as the CDIO.",
    )
    funding_line = models.CharField(
        max_length=30,
        choices=FundingLine.choices,
        blank=True,
        help_text="Blank for posts outside the partnership's budget (such as a council's own director).",
    )
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    created_by_restructure = models.ForeignKey(
        Restructure, on_delete=models.PROTECT, null=True, blank=True, related_name="posts_created"
    )
    deleted_by_restructure = models.ForeignKey(
        Restructure, on_delete=models.PROTECT, null=True, blank=True, related_name="posts_deleted"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "team", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="post_unique_reference"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="post_ends_after_it_starts",
                violation_error_message="A post cannot end before it starts.",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "effective_from", "effective_to"], name="post_dates")]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("staffing:post", kwargs={"partnership": self.partnership.slug, "pk": self.pk})

    def is_open_on(self, day):
        return self.effective_from <= day and (self.effective_to is None or self.effective_to >= day)

    def clean(self):
        errors = {}
        if self.grade_id and self.partnership_id and self.grade.partnership_id != self.partnership_id:
            errors["grade"] = ERROR_GRADE_OTHER_PARTNERSHIP
        if self.office_id and self.partnership_id and self.office.partnership_id != self.partnership_id:
            errors["office"] = ERROR_OFFICE_OTHER_PARTNERSHIP
        elif self.office_id and self.effective_from:
            others = Post.objects.filter(office_id=self.office_id).exclude(pk=self.pk)
            others = others.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from))
            if self.effective_to:
                others = others.filter(effective_from__lte=self.effective_to)
            clash = others.first()
            if clash:
                errors["office"] = ERROR_OFFICE_HELD.format(post=clash)
        if self.reports_to_id:
            manager = self.reports_to
            if manager.partnership_id != self.partnership_id:
                errors["reports_to"] = ERROR_REPORTS_TO_OTHER_PARTNERSHIP
            elif self.effective_from and (
                (manager.effective_to and manager.effective_to < self.effective_from)
                or (self.effective_to and manager.effective_from > self.effective_to)
            ):
                errors["reports_to"] = ERROR_REPORTS_TO_CLOSED
            else:
                manager_of = dict(
                    Post.objects.filter(partnership_id=self.partnership_id).values_list("pk", "reports_to_id")
                )
                me = self.pk if self.pk else "new"
                loop = reports_to_loop(me, self.reports_to_id, manager_of)
                if loop:
                    titles = dict(
                        Post.objects.filter(pk__in=[p for p in loop if p != "new"]).values_list("pk", "title")
                    )
                    chain = " → ".join(titles.get(p, self.title) for p in loop + [loop[0]])
                    errors["reports_to"] = ERROR_REPORTS_TO_LOOP.format(chain=chain)
        if self.pk and self.effective_from:
            outside = self.holders.filter(start__lt=self.effective_from)
            if self.effective_to:
                outside = self.holders.filter(
                    Q(start__lt=self.effective_from) | Q(end__isnull=True) | Q(end__gt=self.effective_to)
                )
            if outside.exists():
                errors.setdefault(
                    "effective_to" if self.effective_to else "effective_from",
                    ERROR_HOLDERS_OUTSIDE_POST.format(starts=", ".join(h.start.isoformat() for h in outside)),
                )
        if errors:
            raise ValidationError(errors)


class Placement(models.Model):
    """A council the post works for (a section 113 placement), and whether the post is that council's lead
    Head of Service, its key point of liaison."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="placements")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField("lead Head of Service for this council", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["post", "council__code"]
        constraints = [models.UniqueConstraint(fields=["post", "council"], name="placement_unique")]

    def __str__(self):
        return f"{self.post} for {self.council.code}" + (" (lead)" if self.is_lead else "")


class DottedLine(models.Model):
    """A dotted-line report: the post also answers to another, as the CDIO does to Haringey and Islington."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="dotted_lines")
    to_post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="dotted_reports")
    history = HistoricalRecords()

    class Meta:
        ordering = ["post", "to_post"]
        constraints = [
            models.UniqueConstraint(fields=["post", "to_post"], name="dotted_line_unique"),
            models.CheckConstraint(condition=~Q(post=models.F("to_post")), name="dotted_line_not_self"),
        ]

    def __str__(self):
        return f"{self.post} ┄ {self.to_post}"


class PostHolder(models.Model):
    """A person in a post for a spell: employed (on a council's terms), seconded in from another council, or
    agency cover at a day rate; with a TUPE transfer where one applies."""

    class Kind(models.TextChoices):
        EMPLOYED = "employed", "Employed"
        SECONDED_IN = "seconded_in", "Seconded in"
        AGENCY = "agency", "Agency cover"

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="holders")
    person = models.CharField("name", max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EMPLOYED)
    fte = Fte("FTE", default=Decimal("1.00"))
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    terms_council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="terms and conditions of",
        help_text="The council that employs the person (blank for agency staff).",
    )
    seconded_from = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tupe_from = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="TUPE transfer from",
    )
    tupe_to = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="TUPE transfer to",
    )
    tupe_date = models.DateField("TUPE transfer date", null=True, blank=True)
    agency = models.CharField("agency", max_length=200, blank=True)
    day_rate = Money(
        "agency day rate (£)", null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["post", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="holder_ends_after_start",
                violation_error_message="A post holder cannot leave before they start.",
            ),
        ]
        indexes = [models.Index(fields=["kind", "end"], name="holder_kind_end")]

    def __str__(self):
        return f"{self.post.reference}: holder from {self.start}"

    def is_current_on(self, day):
        return self.start <= day and (self.end is None or self.end >= day)

    def errors_alone(self):
        """What is wrong with this holder on its own (no other holders counted): the fields its kind needs and
        its dates against the post's. No queries beyond the post."""
        errors = {}
        if self.kind == self.Kind.SECONDED_IN and not (self.seconded_from_id and self.end):
            errors["seconded_from"] = ERROR_SECONDMENT_NEEDS
        if self.kind == self.Kind.AGENCY and (self.day_rate is None or not self.end):
            errors["day_rate"] = ERROR_AGENCY_NEEDS
        if self.kind == self.Kind.EMPLOYED and not self.terms_council_id:
            errors["terms_council"] = ERROR_EMPLOYED_NEEDS_TERMS
        tupe = [self.tupe_from_id, self.tupe_to_id, self.tupe_date]
        if any(tupe) and not all(tupe):
            errors["tupe_date"] = ERROR_TUPE_INCOMPLETE
        if self.post_id and self.start:
            post = self.post
            if self.start < post.effective_from:
                errors["start"] = ERROR_HOLDER_BEFORE_POST.format(
                    day=post.effective_from.strftime("%-d %B %Y")
                )
            elif post.effective_to and (self.end is None or self.end > post.effective_to):
                errors["end"] = ERROR_HOLDER_AFTER_POST.format(day=post.effective_to.strftime("%-d %B %Y"))
        return errors

    def clean(self):
        errors = self.errors_alone()
        if not errors and self.post_id and self.start and self.fte:
            post = self.post
            others = post.holders.exclude(pk=self.pk).filter(Q(end__isnull=True) | Q(end__gte=self.start))
            if self.end:
                others = others.filter(start__lte=self.end)
            spells = [(h.fte, h.start, h.end) for h in others] + [(self.fte, self.start, self.end)]
            total, day = peak_fte(spells)
            if total > post.fte:
                errors["fte"] = ERROR_HOLDERS_ABOVE_FTE.format(
                    total=total, fte=post.fte, day=day.strftime("%-d %B %Y")
                )
        if errors:
            raise ValidationError(errors)


class SecondmentExtension(models.Model):
    """A secondment or agency cover extended to a later end date, and why."""

    holder = models.ForeignKey(PostHolder, on_delete=models.CASCADE, related_name="extensions")
    previous_end = models.DateField()
    new_end = models.DateField()
    reason = models.CharField(max_length=300)
    decided_by = models.CharField("approving decision", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["holder", "new_end"]

    def __str__(self):
        return f"Extended from {self.previous_end} to {self.new_end}"


class RestructureChange(models.Model):
    """One post a restructure deletes, or one it creates (described here until the restructure is applied,
    when the post is made and linked)."""

    class Action(models.TextChoices):
        DELETE = "delete", "Delete"
        CREATE = "create", "Create"

    restructure = models.ForeignKey(Restructure, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=10, choices=Action.choices)
    post = models.ForeignKey(Post, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reference = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=200, blank=True)
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    fte = Fte("FTE", null=True, blank=True)
    team = models.CharField(max_length=100, blank=True)
    employing_council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    funding_line = models.CharField(max_length=30, choices=FundingLine.choices, blank=True)
    reports_to = models.ForeignKey(
        Post,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="An existing post the new post reports to.",
    )
    reports_to_new = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Or a post this restructure creates.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["restructure", "action", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["restructure", "post"],
                condition=Q(action="delete"),
                name="restructure_deletes_post_once",
                violation_error_message="This restructure already deletes that post.",
            ),
        ]

    def __str__(self):
        target = self.post.title if self.action == self.Action.DELETE and self.post_id else self.title
        return f"{self.get_action_display()} {target}"
