"""Suppliers, contracts, the councils party to each with their share, extension options, and the public
procurement thresholds in force over time.

A contract points at governance's records (the partnership, its councils, the office that owns it, the
committee resolution or officer decision that authorised its award); governance never points back."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import dates

MONEY = {"max_digits": 14, "decimal_places": 2}

END_BEFORE_START = "The end date cannot be before the start date."
AMOUNT_BELOW_ZERO = "An amount cannot be below zero."
ANNUAL_ABOVE_TOTAL = "The annual value cannot be more than the total value."
CAPITAL_ABOVE_TOTAL = "The capital part cannot be more than the total value."
FRAMEWORK_NEEDS_NAME = "Name the framework (and its lot, if it has lots) for a framework call-off."
RESOLUTION_OR_DECISION = "Cite either a committee resolution or an officer decision, not both."
TAKE_BY_AFTER_START = "An extension must be taken on or before the day it starts."
EXTENSION_MONTHS = "An extension lasts at least one month."

# Finance's funding lines (finance.models.Line) that a contract's cost is charged to. Procurement may not
# import finance; tests/procurement/test_contract_costs.py checks the two lists agree.
FUNDING_LINES = [
    ("bau_non_staff", "BAU non-staff costs"),
    ("continuous_improvement", "Continuous improvement"),
    ("evergreening", "Evergreening provision"),
    ("one_off_transformation", "One-off transformation"),
]


class Supplier(models.Model):
    """A company, charity or other body that supplies the partnership. The SME and voluntary or community
    sector flags are published under the Local Government Transparency Code 2015."""

    name = models.CharField(max_length=200, unique=True)
    company_number = models.CharField(
        "company registration number", max_length=20, blank=True, help_text="Companies House number."
    )
    charity_number = models.CharField("registered charity number", max_length=20, blank=True)
    address = models.TextField(blank=True)
    is_sme = models.BooleanField("small or medium-sized enterprise", default=False)
    is_vcs = models.BooleanField("voluntary or community sector organisation", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def registration_number(self):
        return self.company_number or self.charity_number


class ProcurementThreshold(models.Model):
    """A public procurement threshold for a kind of contract let by a sub-central authority (a council),
    in force for a period, with where the figure comes from."""

    class Kind(models.TextChoices):
        SUPPLIES_SERVICES = "supplies_services", "Supplies and services"
        WORKS = "works", "Works"
        LIGHT_TOUCH = "light_touch", "Light touch (social and other specific services)"

    regime = models.CharField(max_length=200, help_text="Such as the Public Contracts Regulations 2015.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    amount = models.DecimalField("threshold (£)", **MONEY)
    vat_inclusive = models.BooleanField("includes VAT", default=False)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    source = models.TextField(help_text="The instrument or procurement policy note that sets the figure.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "effective_from"], name="threshold_unique_start"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="threshold_end_not_before_start",
                violation_error_message=END_BEFORE_START,
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: £{self.amount:,.0f} from {self.effective_from:%-d %B %Y}"


class Contract(models.Model):
    class Category(models.TextChoices):
        MOBILE = "mobile", "Mobile devices, calls and data"
        PRINT = "print", "Multi-functional devices and print rooms"
        WAN = "wan", "Wide area network"
        CASE_MANAGEMENT = "case_management", "Social care case management"
        DATA_CENTRE = "data_centre", "Data centres and hosting"
        SOFTWARE = "software", "Software licences and support"
        OTHER = "other", "Other"

    class Route(models.TextChoices):
        FRAMEWORK = "framework", "Framework call-off"
        CALL_OFF = "call_off", "Call-off from an existing contract"
        SINGLE_SOURCE = "single_source", "Single source (direct award)"
        OPEN = "open", "Open procedure"
        RESTRICTED = "restricted", "Restricted procedure"

    class Status(models.TextChoices):
        PIPELINE = "pipeline", "Pipeline"
        LIVE = "live", "Live"
        IN_EXTENSION = "in_extension", "In extension"
        EXPIRED = "expired", "Expired"
        TERMINATED = "terminated", "Terminated"

    class Award(models.TextChoices):
        DRAFT = "draft", "Draft award"
        AWARDED = "awarded", "Awarded"
        LEGACY = "legacy", "Let by a council before the partnership"

    class Invitation(models.TextChoices):
        TENDER = "tender", "Published invitation to tender"
        QUOTE = "quote", "Invitation to quote"
        NONE = "none", "Neither"

    partnership = models.ForeignKey(
        "governance.Partnership", on_delete=models.PROTECT, related_name="contracts"
    )
    reference = models.CharField(max_length=40, help_text="Such as SD-WAN-2018.")
    title = models.CharField(max_length=300)
    description = models.TextField("description of the goods or services", blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    department = models.CharField(
        "department responsible",
        max_length=200,
        default="Shared Digital",
        help_text="For the Transparency Code.",
    )
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        help_text="Blank while the contract is in the pipeline.",
    )
    contract_type = models.CharField(
        "kind for the procurement threshold",
        max_length=20,
        choices=ProcurementThreshold.Kind.choices,
        default=ProcurementThreshold.Kind.SUPPLIES_SERVICES,
    )
    total_value = models.DecimalField(
        "total value (£)", **MONEY, help_text="Over the whole term, net of VAT."
    )
    annual_value = models.DecimalField("annual value (£)", **MONEY)
    capital_value = models.DecimalField(
        "of which capital (£)", **MONEY, default=0, help_text="The rest of the total is revenue."
    )
    vat_not_recoverable = models.DecimalField("VAT that cannot be recovered (£)", **MONEY, default=0)
    start_date = models.DateField()
    end_date = models.DateField()
    review_date = models.DateField(null=True, blank=True)
    notice_months = models.PositiveSmallIntegerField("notice period (months)", default=0)
    extension_to_be_confirmed = models.BooleanField(
        "extension to be confirmed", default=False, help_text="Ticked where the options are not yet known."
    )
    route = models.CharField("procurement route", max_length=20, choices=Route.choices)
    framework_name = models.CharField(
        max_length=200, blank=True, help_text="Such as CCS RM1045 Network Services."
    )
    framework_lot = models.CharField(
        max_length=200, blank=True, help_text="Such as Lot 1 Data Access Services."
    )
    framework_suppliers = models.PositiveSmallIntegerField(
        "suppliers on the framework", null=True, blank=True
    )
    route_justification = models.TextField(
        "grounds for a direct award",
        blank=True,
        help_text="For a single-source award at or over the threshold: the regulation relied on.",
    )
    invitation = models.CharField(
        "invitation to quote or tender", max_length=10, choices=Invitation.choices, default=Invitation.NONE
    )
    standing_orders_of = models.ForeignKey(
        "governance.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="contract standing orders followed",
        help_text="The council whose contract standing orders the procurement follows.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PIPELINE)
    owner_office = models.ForeignKey(
        "governance.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The office that owns the contract (the owner post is added with staffing).",
    )
    funding_line = models.CharField(max_length=30, choices=FUNDING_LINES, default="bau_non_staff")
    coterminus_target = models.DateField("co-terminus target", null=True, blank=True)
    award = models.CharField(max_length=10, choices=Award.choices, default=Award.DRAFT)
    awarded_on = models.DateField("award date", null=True, blank=True)
    authorising_resolution = models.ForeignKey(
        "governance.Resolution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorising_decision = models.ForeignKey(
        "governance.OfficerDecision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="authorising officer decision",
    )
    needs_regulated_procedure = models.BooleanField(default=False, editable=False)
    threshold = models.ForeignKey(
        ProcurementThreshold,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["end_date", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="contract_unique_reference"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="contract_end_not_before_start",
                violation_error_message=END_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=Q(total_value__gte=0)
                & Q(annual_value__gte=0)
                & Q(capital_value__gte=0)
                & Q(vat_not_recoverable__gte=0),
                name="contract_amounts_not_negative",
                violation_error_message=AMOUNT_BELOW_ZERO,
            ),
            models.CheckConstraint(
                condition=Q(authorising_resolution__isnull=True) | Q(authorising_decision__isnull=True),
                name="contract_one_authorising_decision",
                violation_error_message=RESOLUTION_OR_DECISION,
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse(
            "procurement:contract", kwargs={"partnership": self.partnership.slug, "contract": self.pk}
        )

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = END_BEFORE_START
        for name in ("total_value", "annual_value", "capital_value", "vat_not_recoverable"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = AMOUNT_BELOW_ZERO
        if (
            self.total_value is not None
            and self.annual_value is not None
            and self.annual_value > self.total_value
        ):
            errors["annual_value"] = ANNUAL_ABOVE_TOTAL
        if (
            self.total_value is not None
            and self.capital_value is not None
            and self.capital_value > self.total_value
        ):
            errors["capital_value"] = CAPITAL_ABOVE_TOTAL
        if self.route == self.Route.FRAMEWORK and not self.framework_name.strip():
            errors["framework_name"] = FRAMEWORK_NEEDS_NAME
        if self.authorising_resolution_id and self.authorising_decision_id:
            errors["authorising_decision"] = RESOLUTION_OR_DECISION
        if errors:
            raise ValidationError(errors)

    @property
    def revenue_value(self):
        return self.total_value - self.capital_value

    @property
    def notice_date(self):
        return dates.notice_date(self.end_date, self.notice_months)

    @property
    def route_text(self):
        text = self.get_route_display()
        if self.framework_name:
            text += f": {self.framework_name}"
            if self.framework_lot:
                text += f", {self.framework_lot}"
        return text

    @property
    def authorising(self):
        return self.authorising_resolution or self.authorising_decision

    def state_on(self, day):
        """What the contract is on `day`, from its award and dates (procurement/dates.py, contract_state), as
        a phrase: not yet awarded, starts, live, extended (taken extensions only), ended, terminated."""
        state, when = dates.contract_state(
            day,
            awarded=self.award != self.Award.DRAFT,
            start=self.start_date,
            end=self.end_date,
            taken_extensions=[o.period for o in self.extensions.all() if o.taken_on],
            terminated=self.status == self.Status.TERMINATED,
        )
        if when is None:
            return {"not yet awarded": "Not yet awarded", "terminated": "Terminated"}[state]
        phrase = {
            "starts": "Awarded, starts",
            "live": "Live until",
            "extended": "Extended to",
            "ended": "Ended",
        }
        return f"{phrase[state]} {when:%-d %B %Y}"

    @property
    def state_today(self):
        return self.state_on(timezone.localdate())


class ContractShare(models.Model):
    """One council's share of a contract's total value."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="shares")
    council = models.ForeignKey("governance.Council", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField("share of the total value (£)", **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "council__code"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "council"], name="contract_share_once_per_council"),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="contract_share_not_negative",
                violation_error_message=AMOUNT_BELOW_ZERO,
            ),
        ]

    def __str__(self):
        return f"{self.council.code}: £{self.amount:,.2f}"


class ExtensionOption(models.Model):
    """An option to extend a contract: from when, for how many months, and the date by which it must be
    taken."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="extensions")
    starts_on = models.DateField()
    months = models.PositiveSmallIntegerField("length (months)")
    take_by = models.DateField("must be taken by")
    taken_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(take_by__lte=F("starts_on")),
                name="extension_taken_before_it_starts",
                violation_error_message=TAKE_BY_AFTER_START,
            ),
            models.CheckConstraint(
                condition=Q(months__gte=1),
                name="extension_at_least_a_month",
                violation_error_message=EXTENSION_MONTHS,
            ),
        ]

    def __str__(self):
        return f"{self.months} months from {self.starts_on:%-d %B %Y}"

    def clean(self):
        errors = {}
        if self.take_by and self.starts_on and self.take_by > self.starts_on:
            errors["take_by"] = TAKE_BY_AFTER_START
        if self.months is not None and self.months < 1:
            errors["months"] = EXTENSION_MONTHS
        if errors:
            raise ValidationError(errors)

    @property
    def ends_on(self):
        return dates.extension_end(self.starts_on, self.months)

    @property
    def period(self):
        return dates.Period(self.starts_on, self.ends_on)
