"""Who may decide what: the councils' and partnership's decision rules, offices, the scheme of delegation,
officer decisions with each council's share, the parallel decisions partners take, and the forward plan.
Imported by governance.models, so Django sees these models as governance's own.

Offices are the decision-making roles governance defines (the CDIO); staffing's posts will point at the
office they hold, never the reverse."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from . import decision_rules

MONEY = {"max_digits": 14, "decimal_places": 2}

END_BEFORE_START = "The end date cannot be before the start date."
LIMIT_BELOW_ZERO = "A financial limit cannot be below zero."
AMOUNT_BELOW_ZERO = "An amount cannot be below zero."
REVOKED_BEFORE_START = "A delegation cannot be revoked before it starts."
OFFICE_OR_BODY = "Delegate to an office or to a body, not both and not neither."
EXEMPT_NEEDS_PARAGRAPH = "Choose the Schedule 12A paragraph and give the summary the public will see."
URGENCY_NEEDS_WHO_AND_WHY = "Record who agreed to the urgency and why."


class Subject(models.TextChoices):
    """What a delegation covers and what a decision is about."""

    PROCUREMENT_STRATEGY = "procurement_strategy", "Procurement strategy"
    CONTRACT_AWARD = "contract_award", "Contract award"
    CONTRACT_EXTENSION = "contract_extension", "Contract extension"
    STAFFING = "staffing", "Staffing"
    BUDGET_VIREMENT = "budget_virement", "Budget virement"
    OTHER = "other", "Other matters"


def _period_constraint(name, start="effective_from", end="effective_to"):
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=name,
        violation_error_message=END_BEFORE_START,
    )


class DecisionRule(models.Model):
    """A council's or the partnership's rule about decisions, in force for a period.

    - key decision (a council's): key when the council's share reaches `amount`, or when it significantly
      affects `wards` or more of its wards;
    - parallel decision (a council's): the council takes its own decision, by `decision_maker`, when its
      share reaches `amount`;
    - routing (the partnership's): over `amount` revenue or `capital_amount` capital, `decision_maker`
      (the Joint Committee) decides rather than an officer.
    """

    class Kind(models.TextChoices):
        KEY_DECISION = "key_decision", "Key decision threshold"
        PARALLEL_DECISION = "parallel_decision", "Parallel decision by the council"
        ROUTING = "routing", "Decisions reserved to a body"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    partnership = models.ForeignKey(
        "governance.Partnership", on_delete=models.CASCADE, related_name="decision_rules"
    )
    council = models.ForeignKey(
        "governance.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision_rules",
        help_text="The council whose rule it is; blank for the partnership's own routing rule.",
    )
    amount = models.DecimalField("threshold (£)", **MONEY, help_text="Revenue, or the whole value.")
    capital_amount = models.DecimalField(
        "capital threshold (£)", **MONEY, null=True, blank=True, help_text="Routing rules only."
    )
    inclusive = models.BooleanField(
        "the threshold itself counts",
        default=True,
        help_text="Ticked for “£500,000 or above”; unticked for “exceeds £2m”.",
    )
    wards = models.PositiveSmallIntegerField(
        "wards significantly affected that make it key",
        default=0,
        help_text="Key decision rules: 2 for “two or more wards”; 0 for no wards rule.",
    )
    decision_maker = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who decides under the rule, such as a Cabinet Member for Haringey.",
    )
    source = models.TextField(help_text="Where the rule comes from: the constitution, minute or report.")
    officer_note = models.TextField(
        "note for officers (not published)",
        blank=True,
        help_text="Read by officers and auditors only, never by the public: such as a value still to be confirmed.",
    )
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "kind", "council__code", "effective_from"]
        constraints = [
            _period_constraint("decision_rule_end_not_before_start"),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & (Q(capital_amount__isnull=True) | Q(capital_amount__gte=0)),
                name="decision_rule_amounts_not_negative",
                violation_error_message=AMOUNT_BELOW_ZERO,
            ),
            models.CheckConstraint(
                condition=Q(kind="routing") | Q(council__isnull=False),
                name="decision_rule_council_rules_name_council",
                violation_error_message="A key decision or parallel decision rule is a council's: choose it.",
            ),
        ]

    def __str__(self):
        who = self.council.code if self.council_id else str(self.partnership)
        return f"{who}: {self.get_kind_display()} {self.bound_text} from {self.effective_from:%-d %B %Y}"

    @property
    def bound_text(self):
        words = "or above" if self.inclusive else "exceeded"
        text = f"{decision_rules.pounds(self.amount)} {words}"
        if self.capital_amount is not None:
            text = f"{decision_rules.pounds(self.amount)} revenue or {decision_rules.pounds(self.capital_amount)} capital {words}"
        return text

    def clean(self):
        errors = {}
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            errors["effective_to"] = END_BEFORE_START
        if self.amount is not None and self.amount < 0:
            errors["amount"] = AMOUNT_BELOW_ZERO
        if self.capital_amount is not None and self.capital_amount < 0:
            errors["capital_amount"] = AMOUNT_BELOW_ZERO
        if self.kind != self.Kind.ROUTING and not self.council_id:
            errors["council"] = "A key decision or parallel decision rule is a council's: choose it."
        if errors:
            raise ValidationError(errors)

    def in_force_on(self, day):
        return self.effective_from <= day and (self.effective_to is None or self.effective_to >= day)


class Office(models.Model):
    """A decision-making role of a partnership, such as the Chief Digital and Information Officer."""

    partnership = models.ForeignKey(
        "governance.Partnership", on_delete=models.CASCADE, related_name="offices"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=20, blank=True, help_text="Such as CDIO.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="office_unique_name")]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Delegation(models.Model):
    """Authority granted by a resolution to an office or a body, for subjects, up to a limit, for a period."""

    partnership = models.ForeignKey(
        "governance.Partnership", on_delete=models.CASCADE, related_name="delegations"
    )
    title = models.CharField(max_length=300)
    granted_by = models.ForeignKey(
        "governance.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
        help_text="The resolution that granted it.",
    )
    granted_by_text = models.CharField(
        "granted by (other source)",
        max_length=300,
        blank=True,
        help_text="Where no resolution is recorded here, such as the terms of reference of the legal agreement.",
    )
    to_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="delegations"
    )
    to_body = models.ForeignKey(
        "governance.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="delegations"
    )
    subjects = models.JSONField(default=list, help_text="The subjects it covers.")
    financial_limit = models.DecimalField(
        "financial limit (£)",
        **MONEY,
        null=True,
        blank=True,
        help_text="Blank when the resolution sets none.",
    )
    conditions = models.TextField(blank=True)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    revoked_on = models.DateField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "effective_from", "title"]
        constraints = [
            _period_constraint("delegation_end_not_before_start"),
            models.CheckConstraint(
                condition=Q(financial_limit__isnull=True) | Q(financial_limit__gte=0),
                name="delegation_limit_not_negative",
                violation_error_message=LIMIT_BELOW_ZERO,
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=F("effective_from")),
                name="delegation_revoked_not_before_start",
                violation_error_message=REVOKED_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=(Q(to_office__isnull=False) & Q(to_body__isnull=True))
                | (Q(to_office__isnull=True) & Q(to_body__isnull=False)),
                name="delegation_to_office_or_body",
                violation_error_message=OFFICE_OR_BODY,
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            errors["effective_to"] = END_BEFORE_START
        if self.financial_limit is not None and self.financial_limit < 0:
            errors["financial_limit"] = LIMIT_BELOW_ZERO
        if self.revoked_on and self.effective_from and self.revoked_on < self.effective_from:
            errors["revoked_on"] = REVOKED_BEFORE_START
        if bool(self.to_office_id) == bool(self.to_body_id):
            errors["to_office"] = OFFICE_OR_BODY
        valid = set(Subject.values)
        if not self.subjects or not isinstance(self.subjects, list) or set(self.subjects) - valid:
            errors["subjects"] = "Choose at least one subject the delegation covers."
        if errors:
            raise ValidationError(errors)

    @property
    def delegate(self):
        return self.to_office or self.to_body

    @property
    def subject_labels(self):
        return [Subject(s).label for s in self.subjects if s in Subject.values]

    @property
    def ends_on(self):
        """The last day it is in force: the earlier of its end and the day before its revocation."""

        ends = [d for d in (self.effective_to, self.revoked_on and self.revoked_on - timedelta(days=1)) if d]
        return min(ends) if ends else None

    def in_force_on(self, day):
        ends = self.ends_on
        return self.effective_from <= day and (ends is None or day <= ends)


class Urgency(models.TextChoices):
    NONE = "", "Not urgent"
    GENERAL_EXCEPTION = "general_exception", "General exception (regulation 10)"
    SPECIAL_URGENCY = "special_urgency", "Special urgency (regulation 11)"


class ForwardPlanEntry(models.Model):
    """A key decision to be taken, as published on the forward plan at least 28 clear days before."""

    partnership = models.ForeignKey(
        "governance.Partnership", on_delete=models.CASCADE, related_name="forward_plan"
    )
    reference = models.CharField(max_length=40, help_text="Such as SD/2017/03.")
    title = models.CharField("matter to be decided", max_length=300)
    decision_maker = models.CharField(max_length=200)
    councils = models.ManyToManyField(
        "governance.Council", related_name="+", help_text="The councils for which it is a key decision."
    )
    decision_due = models.DateField("date of the decision")
    published_on = models.DateField("notice published on")
    documents = models.TextField("documents to be considered", blank=True)
    is_exempt = models.BooleanField("to be considered in private (wholly or partly)", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField("Schedule 12A paragraph", null=True, blank=True)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, blank=True, default=Urgency.NONE)
    urgency_agreed_by = models.CharField(
        "who was told or agreed",
        max_length=200,
        blank=True,
        help_text="General exception: the chair of overview and scrutiny, who was told. Special urgency: the "
        "chair who agreed that the decision cannot reasonably be deferred.",
    )
    urgency_reason = models.TextField("why it is urgent", blank=True)
    agenda_item = models.ForeignKey(
        "governance.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The agenda item at which the key decision is taken.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision_due", "reference"]
        verbose_name_plural = "forward plan entries"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="forward_plan_unique_reference"
            ),
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_paragraph__isnull=False),
                name="forward_plan_exempt_has_paragraph",
                violation_error_message="Choose the Schedule 12A paragraph.",
            ),
            models.CheckConstraint(
                condition=Q(urgency="") | (~Q(urgency_agreed_by="") & ~Q(urgency_reason="")),
                name="forward_plan_urgency_who_and_why",
                violation_error_message=URGENCY_NEEDS_WHO_AND_WHY,
            ),
            models.UniqueConstraint(
                fields=["agenda_item"],
                condition=Q(agenda_item__isnull=False),
                name="forward_plan_one_entry_per_item",
                violation_error_message="That agenda item already has a forward plan entry.",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def clean(self):
        errors = {}
        if self.is_exempt and not self.exempt_paragraph:
            errors["exempt_paragraph"] = "Choose the Schedule 12A paragraph."
        if self.urgency and not (self.urgency_agreed_by.strip() and self.urgency_reason.strip()):
            errors["urgency_reason"] = URGENCY_NEEDS_WHO_AND_WHY
        if errors:
            raise ValidationError(errors)

    @property
    def clear_days_notice(self):
        return decision_rules.clear_days(self.published_on, self.decision_due)

    @property
    def notice_given(self):
        return decision_rules.notice_given(self.published_on, self.decision_due)

    def notice_problem(self, decided_on):
        """Why this notice does not suffice for the decision taken on decided_on, or "" (regulations 9–11)."""
        return decision_rules.key_decision_notice_problem(
            decided_on,
            self.published_on,
            reference=self.reference,
            urgency=self.urgency,
            agreed_by=self.urgency_agreed_by,
            reason=self.urgency_reason,
        )


class OfficerDecision(models.Model):
    """A decision taken under a delegation: the record regulation 7 of the Openness of Local Government
    Bodies Regulations 2014 requires, with the checks that make it lawful."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        TAKEN = "taken", "Taken"

    partnership = models.ForeignKey(
        "governance.Partnership", on_delete=models.CASCADE, related_name="officer_decisions"
    )
    title = models.CharField(
        max_length=300,
        help_text="Published even when the decision is exempt: keep exempt information out of it.",
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="decisions")
    decision_maker_name = models.CharField("decision maker (name)", max_length=200)
    decided_on = models.DateField("date of the decision")
    subject = models.CharField(max_length=30, choices=Subject.choices)
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="decisions")
    value = models.DecimalField("total value (£)", **MONEY)
    capital_value = models.DecimalField(
        "of which capital (£)", **MONEY, default=0, help_text="The rest of the value is revenue."
    )
    decision = models.TextField("the decision")
    reasons = models.TextField()
    alternatives = models.TextField("alternatives considered and rejected", blank=True)
    conflicts = models.TextField("conflicts of interest declared", blank=True)
    dispensation = models.TextField("dispensation granted", blank=True)
    background_papers = models.TextField(blank=True)
    officer_note = models.TextField(
        "note for officers (not published)",
        blank=True,
        help_text="Read by officers and auditors only, never by the public: such as a value still to be confirmed.",
    )
    is_exempt = models.BooleanField("contains exempt information", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField("Schedule 12A paragraph", null=True, blank=True)
    public_summary = models.TextField(
        blank=True,
        help_text="For an exempt decision: what the public sees instead of the decision and reasons.",
    )
    forward_plan_entry = models.ForeignKey(
        ForwardPlanEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    is_urgent = models.BooleanField(
        "urgent: not subject to call-in", default=False, help_text="Takes effect on publication."
    )
    urgency_agreed_by = models.CharField(
        "urgency agreed by",
        max_length=200,
        blank=True,
        help_text="Such as the chair of overview and scrutiny, who agrees that call-in does not apply.",
    )
    urgency_reason = models.TextField("why it cannot wait for call-in", blank=True)
    is_key_decision = models.BooleanField(default=False, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField("decision notice published on", null=True, blank=True)
    takes_effect_on = models.DateField("can take effect on", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    is_officer_decision = True  # for the decisions register, which lists resolutions beside these

    class Meta:
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(capital_value__gte=0) & Q(capital_value__lte=F("value")),
                name="officer_decision_value_not_negative",
                violation_error_message="The value cannot be below zero, nor its capital part above it.",
            ),
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_paragraph__isnull=False),
                name="officer_decision_exempt_has_paragraph",
                violation_error_message=EXEMPT_NEEDS_PARAGRAPH,
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_on__isnull=False),
                name="officer_decision_taken_is_published",
                violation_error_message="A decision taken is published.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "governance:officer_decision",
            kwargs={"partnership": self.partnership.slug, "decision": self.pk},
        )

    def clean(self):
        errors = {}
        if self.value is not None and self.value < 0:
            errors["value"] = AMOUNT_BELOW_ZERO
        if self.capital_value is not None and self.value is not None and self.capital_value > self.value:
            errors["capital_value"] = "The capital part cannot be more than the value."
        if self.is_exempt and not (self.exempt_paragraph and self.public_summary.strip()):
            errors["public_summary"] = EXEMPT_NEEDS_PARAGRAPH
        if self.is_urgent and not (self.urgency_reason.strip() and self.urgency_agreed_by.strip()):
            errors["urgency_reason"] = URGENCY_NEEDS_WHO_AND_WHY
        if errors:
            raise ValidationError(errors)

    @property
    def revenue_value(self):
        return self.value - self.capital_value

    @property
    def is_taken(self):
        return self.status == self.Status.TAKEN

    @property
    def date(self):
        return self.decided_on


class DecisionShare(models.Model):
    """One council's contribution to an officer decision's value, and the wards it significantly affects."""

    decision = models.ForeignKey(OfficerDecision, on_delete=models.CASCADE, related_name="shares")
    council = models.ForeignKey("governance.Council", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(**MONEY)
    wards = models.PositiveSmallIntegerField("wards significantly affected", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "council__code"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "council"], name="decision_share_once_per_council"),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="decision_share_not_negative",
                violation_error_message=AMOUNT_BELOW_ZERO,
            ),
        ]

    def __str__(self):
        return f"{self.decision.title}: {self.council.code}'s share"


class ParallelDecision(models.Model):
    """A decision a partner council must take beside an officer decision (Haringey's Cabinet Member decision),
    tracked from required until recorded."""

    decision = models.ForeignKey(OfficerDecision, on_delete=models.CASCADE, related_name="parallel_decisions")
    council = models.ForeignKey("governance.Council", on_delete=models.PROTECT, related_name="+")
    rule = models.ForeignKey(DecisionRule, on_delete=models.PROTECT, related_name="+")
    decision_maker = models.CharField(max_length=200, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=200, blank=True, help_text="The council's own record of it.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "council__code"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "council"], name="parallel_decision_once_per_council")
        ]

    @property
    def is_recorded(self):
        return self.decided_on is not None

    def __str__(self):
        return f"{self.decision.title}: {self.council.code}'s parallel decision"


class ExecutiveDecision(models.Model):
    """A council's executive decision on a report that the partner councils decide in parallel, each by its
    own decision maker (the Tri-borough report of 2014: H&F's Full Cabinet, RBKC's Leader, WCC's Cabinet
    Member). One row for each council's decision; the rows of one report share its title and forward plan
    reference. Listed in the decisions register beside resolutions and officer decisions."""

    partnership = models.ForeignKey(
        "governance.Partnership", on_delete=models.CASCADE, related_name="executive_decisions"
    )
    council = models.ForeignKey("governance.Council", on_delete=models.PROTECT, related_name="+")
    decision_maker = models.CharField(
        max_length=200, help_text="As the report names it, such as the Leader of the Council."
    )
    title = models.CharField("report title (decision subject)", max_length=300)
    decided_on = models.DateField(
        "date of the decision",
        null=True,
        blank=True,
        help_text="Blank while the council's record of the date is not held here.",
    )
    forward_plan_reference = models.CharField(max_length=40, blank=True, help_text="Such as 04230/14/K/A.")
    is_key_decision = models.BooleanField(default=False)
    reporting_officers = models.TextField(blank=True)
    decision = models.TextField(help_text="The recommendations agreed, one a line with their numbers.")
    reasons = models.TextField("reasons for the decision", blank=True)
    officer_note = models.TextField(
        "note for officers (not published)",
        blank=True,
        help_text="Read by officers and auditors only, never by the public.",
    )
    history = HistoricalRecords()

    is_executive_decision = True  # for the decisions register

    class Meta:
        ordering = [F("decided_on").desc(nulls_last=True), "council__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "council", "title"], name="executive_decision_once_per_council"
            )
        ]

    def __str__(self):
        return f"{self.title}: {self.council.code}"

    @property
    def clauses(self):
        return [line.strip() for line in self.decision.splitlines() if line.strip()]
