"""The money model: budgets (with revisions and control totals), forecasts, actuals, savings, one-off costs,
settlement settings per partnership and year, and recharge statements.

Money is pounds in DecimalField(max_digits=14, decimal_places=2). A financial year is stored as its starting
calendar year (2017 = 2017/18); see finance/periods.py.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Council, Partnership

from .periods import PERIODS, year_label
from .ubl import ENDPOINT_SCHEMES, gln_is_valid


def Money(*args, **kwargs):  # noqa: N802 - a field factory, named like a field
    return models.DecimalField(*args, max_digits=14, decimal_places=2, **kwargs)


def Year(verbose_name="financial year", **kwargs):  # noqa: N802
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(2000), MaxValueValidator(2099)],
        help_text="The calendar year the financial year starts in: 2017 for 2017/18.",
        **kwargs,
    )


class Line(models.TextChoices):
    BAU_STAFF = "bau_staff", "BAU staff"
    BAU_NON_STAFF = "bau_non_staff", "BAU non-staff costs"
    CONTINUOUS_IMPROVEMENT = "continuous_improvement", "Continuous improvement"
    EVERGREENING = "evergreening", "Evergreening provision"
    ONE_OFF_TRANSFORMATION = "one_off_transformation", "One-off transformation"


PERMANENT_LINES = [Line.BAU_STAFF, Line.BAU_NON_STAFF, Line.CONTINUOUS_IMPROVEMENT]
ONE_OFF_LINES = [Line.EVERGREENING, Line.ONE_OFF_TRANSFORMATION]

# Subtotals of the seed's Table 1: key -> (label, lines)
GROUPS = {
    "bau": ("Funding requirement for BAU", [Line.BAU_STAFF, Line.BAU_NON_STAFF]),
    "permanent": ("Requirement for BAU + continuous improvement", PERMANENT_LINES),
    "one_off": ("Total one-off funding provisions", ONE_OFF_LINES),
}
CONTROL_KEYS = [line.value for line in Line] + list(GROUPS)


def control_key_label(key):
    return GROUPS[key][0] if key in GROUPS else Line(key).label


# Bank details show on finance officers' screens only: the audit trail records that they changed, not what to.
BANK_FIELDS = ("bank_name", "bank_account_name", "bank_sort_code", "bank_account_number", "payment_reference")


class BudgetLine(models.Model):
    """One council's budget for one funding line in one year: the opening amount and, after revisions,
    the current amount."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="budget_lines")
    year = Year()
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="budget_lines")
    line = models.CharField(max_length=30, choices=Line.choices)
    opening = Money("opening budget")
    amount = Money("current budget")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "year", "line", "council__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "council", "line"], name="budget_line_unique"
            ),
        ]

    def __str__(self):
        return f"{self.council.code} {self.get_line_display()} {year_label(self.year)}: £{self.amount:,}"

    def get_absolute_url(self):
        return reverse("finance:budget", kwargs={"partnership": self.partnership.slug, "year": self.year})


class BudgetRevision(models.Model):
    """A dated change to a budget line, with its reason and the decision that approved it."""

    budget_line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="revisions")
    effective = models.DateField("date of revision")
    previous = Money("budget before")
    amount = Money("budget after")
    reason = models.CharField(max_length=300)
    decision = models.CharField("approving decision", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget_line", "effective", "pk"]

    def __str__(self):
        return f"{self.budget_line}: £{self.previous:,} → £{self.amount:,} on {self.effective}"

    @property
    def movement(self):
        return self.amount - self.previous


class ControlTotal(models.Model):
    """A total as printed in a source document (council blank = the TOTAL column), to check the computed
    total against. Keys are funding lines or the subtotals bau, permanent and one_off."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="control_totals")
    year = Year()
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Blank = TOTAL."
    )
    key = models.CharField(max_length=30, choices=[(k, control_key_label(k)) for k in CONTROL_KEYS])
    amount = Money()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "year", "key"]
        constraints = [
            models.UniqueConstraint(
                "partnership", "year", Coalesce("council", Value(0)), "key", name="control_total_unique"
            ),
        ]

    def __str__(self):
        who = self.council.code if self.council_id else "TOTAL"
        return f"{who} {self.get_key_display()} {year_label(self.year)}"


class Forecast(models.Model):
    """The projected outturn for a line in a year, as forecast in month N (optionally for one council)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="forecasts")
    year = Year()
    month = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)])
    line = models.CharField(max_length=30, choices=Line.choices)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    amount = Money("projected outturn")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "year", "month", "line"]
        constraints = [
            models.UniqueConstraint(
                "partnership", "year", "month", "line", Coalesce("council", Value(0)), name="forecast_unique"
            ),
        ]

    def __str__(self):
        who = f", {self.council.code}" if self.council_id else ""
        return f"{self.get_line_display()} forecast {year_label(self.year)}, month {self.month}{who}"


class Actual(models.Model):
    """A ledger line: what a council's ledger paid (incurred_by), and whom it falls on (charged_to blank =
    shared by the partnership; a council = that council alone, such as a local priority). Imported, never
    edited: corrections are further lines."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actuals")
    date = models.DateField()
    year = Year()
    line = models.CharField(max_length=30, choices=Line.choices)
    amount = Money()
    incurred_by = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    charged_to = models.ForeignKey(Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        indexes = [
            models.Index(fields=["partnership", "date"], name="actual_partnership_date"),
            # The dashboard's sums of a partnership's year (by council and line, and by month) read this
            # index alone on PostgreSQL (an index-only scan), not the year's lines scattered in the table.
            models.Index(
                fields=["partnership", "year"],
                include=["date", "line", "amount", "incurred_by", "charged_to"],
                name="actual_partnership_year",
            ),
        ]


class SharingBasis(models.TextChoices):
    EQUAL = "equal", "Equally"
    BASELINE = "baseline", "By baseline spend (each council's permanent budget)"
    WHERE_FALLS = "where_falls", "Where the savings fall"
    SAVINGS = "savings", "In proportion to each council's savings"
    EXPLICIT = "explicit", "As set for each council"


class SavingsTarget(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="savings_targets")
    year = Year()
    name = models.CharField(max_length=200)
    target = Money("target (total)")
    basis = models.CharField(
        max_length=20,
        choices=[
            (b.value, b.label) for b in (SharingBasis.EQUAL, SharingBasis.BASELINE, SharingBasis.WHERE_FALLS)
        ],
    )
    delivered = Money(default=Decimal("0.00"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "year", "pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year", "name"], name="savings_unique")]

    def __str__(self):
        return f"{self.name} {year_label(self.year)}"


class SavingsShare(models.Model):
    """Where savings fall: the amount falling to one council."""

    target = models.ForeignKey(SavingsTarget, on_delete=models.CASCADE, related_name="shares")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    amount = Money()
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "council"], name="savings_share_unique")]

    def __str__(self):
        return f"{self.target}: {self.council.code}'s share"


class OneOffCost(models.Model):
    """An investment or one-off implementation cost, shared equally, in proportion to each council's savings
    for the year (the 2014 rule), or as set per council."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="one_off_costs")
    year = Year()
    name = models.CharField(max_length=200)
    amount = Money()
    basis = models.CharField(
        max_length=20,
        choices=[
            (b.value, b.label) for b in (SharingBasis.EQUAL, SharingBasis.SAVINGS, SharingBasis.EXPLICIT)
        ],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year", "name"], name="one_off_cost_unique")
        ]

    def __str__(self):
        return self.name


class OneOffCostShare(models.Model):
    cost = models.ForeignKey(OneOffCost, on_delete=models.CASCADE, related_name="shares")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    amount = Money()
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cost", "council"], name="one_off_share_unique")]

    def __str__(self):
        return f"{self.cost}: {self.council.code}'s share"


class Settlement(models.Model):
    """How a partnership settles its costs from a financial year onwards (until a later row)."""

    class Model(models.TextChoices):
        HOSTED = "hosted", "Hosted budget: contributions to the host, and a year-end true-up"
        POOLED = "pooled", "Pooled costs: quarterly statement of costs shared by weights"

    class Weights(models.TextChoices):
        EQUAL = "equal", "Equal"
        FIXED = "fixed", "Fixed percentages"
        BUDGET = "budget", "Each council's budget for the year"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="settlements")
    year = Year("from financial year")
    model = models.CharField(max_length=10, choices=Model.choices)
    weights = models.CharField(max_length=10, choices=Weights.choices, default=Weights.BUDGET)
    fixed = models.JSONField(
        "fixed percentages", default=dict, blank=True, help_text='Council code to percentage: {"LBC": "40"}.'
    )
    host = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "year"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year"], name="settlement_unique")]

    def __str__(self):
        return f"{self.partnership}: {self.model} from {year_label(self.year)}"

    def clean(self):
        if self.weights == self.Weights.FIXED:
            try:
                total = sum(Decimal(str(v)) for v in (self.fixed or {}).values())
            except Exception:
                total = None
            if not self.fixed or total != 100:
                raise ValidationError({"fixed": "Fixed percentages must add up to 100."})
        elif self.fixed:
            raise ValidationError({"fixed": "Give fixed percentages only with fixed weights."})


class StatementCounter(models.Model):
    """The last statement number used for a partnership and year; locked with select_for_update."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    year = Year()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="statement_counter_unique")
        ]


ERROR_ISSUED_IMMUTABLE = "An issued statement cannot be changed or deleted."


class RechargeStatement(models.Model):
    """What one council pays (invoice) or is refunded (credit note) for a period. Sequence 0 is the
    statement; 1, 2 … are adjusting statements for the difference when inputs change after issue."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", "Invoice"
        CREDIT_NOTE = "credit_note", "Credit note"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Issued"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="statements")
    year = Year()
    period = models.CharField(max_length=10, choices=[(p, p) for p in PERIODS])
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    sequence = models.PositiveSmallIntegerField(default=0)
    model = models.CharField(max_length=10, choices=Settlement.Model.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    net = Money(help_text="Positive: the council pays. Negative: it is refunded.")
    number = models.CharField(max_length=40, null=True, blank=True, unique=True)
    drafted_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_checksum = models.CharField("PDF SHA-256", max_length=64, blank=True)
    # What the issued document prints, frozen at issue (finance/invoicing settings may change later).
    issue_date = models.DateField("date of issue (tax point)", null=True, blank=True)
    due_date = models.DateField("payment due", null=True, blank=True)
    payment_terms_days = models.PositiveSmallIntegerField("payment terms (days)", null=True, blank=True)
    payer_name = models.CharField(max_length=200, blank=True)
    payer_address = models.TextField(blank=True)
    payee_name = models.CharField(max_length=200, blank=True)
    payee_address = models.TextField(blank=True)
    purchase_order = models.CharField("payer's purchase order number", max_length=60, blank=True)
    vat_treatment = models.CharField("VAT treatment", max_length=300, blank=True)
    contact_name = models.CharField("contact at the issuing council", max_length=200, blank=True)
    contact_email = models.EmailField("contact e-mail", blank=True)
    contact_phone = models.CharField("contact telephone", max_length=40, blank=True)
    bank_name = models.CharField(max_length=200, blank=True)
    bank_account_name = models.CharField(max_length=200, blank=True)
    bank_sort_code = models.CharField("sort code", max_length=8, blank=True)
    bank_account_number = models.CharField("account number", max_length=8, blank=True)
    payment_reference = models.CharField(max_length=80, blank=True)
    # The CSV is made with the PDF when the statement is issued, and served as stored.
    csv = models.BinaryField(null=True, blank=True, editable=False)
    # The e-invoice (PEPPOL BIS Billing 3.0, UBL 2.1: finance/ubl.py), made with the PDF at issue and served as
    # stored; its SHA-256 beside it.
    ubl = models.BinaryField("e-invoice (UBL)", null=True, blank=True, editable=False)
    ubl_checksum = models.CharField("e-invoice SHA-256", max_length=64, blank=True)
    history = HistoricalRecords(excluded_fields=["pdf", "csv", "ubl"])
    audit_masked_fields = BANK_FIELDS

    class Meta:
        ordering = ["partnership", "year", "period", "council__code", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "period", "council", "sequence"], name="statement_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False), name="issued_statement_has_number"
            ),
        ]

    def __str__(self):
        return self.number or f"Draft {self.period} {year_label(self.year)} {self.council.code}"

    def get_absolute_url(self):
        return reverse(
            "finance:statement", kwargs={"partnership": self.partnership.slug, "statement_id": self.pk}
        )

    @property
    def year_label(self):
        return year_label(self.year)

    @property
    def is_issued(self):
        return self.status == self.Status.ISSUED

    @property
    def is_adjustment(self):
        return self.sequence > 0

    def _stored_issued(self):
        return (
            self.pk is not None and type(self).objects.filter(pk=self.pk, status=self.Status.ISSUED).exists()
        )

    def save(self, *args, update_fields=None, **kwargs):
        if self._stored_issued():
            # Once issued, nothing changes: its PDF and CSV are stored in the same save that issues it.
            raise ValidationError(ERROR_ISSUED_IMMUTABLE)
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_issued():
            raise ValidationError(ERROR_ISSUED_IMMUTABLE)
        return super().delete(*args, **kwargs)


class StatementLine(models.Model):
    """A line of a statement: its amounts sum to the statement's net; the description shows the sum."""

    statement = models.ForeignKey(RechargeStatement, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=500)
    basis = models.CharField(max_length=300, blank=True, help_text="The rule the amount follows, in brief.")
    working = models.CharField(max_length=500, blank=True, help_text="The arithmetic, in words.")
    funding_line = models.CharField(
        max_length=30, choices=Line.choices, blank=True, help_text="Blank: the line spans several."
    )
    ledger_code = models.CharField(max_length=40, blank=True, help_text="Set from the mapping at issue.")
    amount = Money()

    class Meta:
        ordering = ["statement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "position"], name="statement_line_unique")
        ]

    def save(self, *args, **kwargs):
        if self.statement.is_issued:
            raise ValidationError(ERROR_ISSUED_IMMUTABLE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if RechargeStatement.objects.filter(pk=self.statement_id, status="issued").exists():
            raise ValidationError(ERROR_ISSUED_IMMUTABLE)
        return super().delete(*args, **kwargs)


# Invoicing: what an accounts-payable team needs on a statement ------------------------------------------

SORT_CODE_VALIDATOR = RegexValidator(r"^\d{2}-\d{2}-\d{2}$", "Write the sort code as 00-00-00.")
ACCOUNT_NUMBER_VALIDATOR = RegexValidator(r"^\d{8}$", "The account number is 8 digits.")


class InvoicingSettings(models.Model):
    """What a partnership's statements print beside the figures: payment terms, VAT treatment, the contact
    at the issuing (host) council, the host's bank details for remittance, and the ledger code for lines that
    span several funding lines. Edited by the host's finance officers; frozen on each statement at issue."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="invoicing")
    payment_terms_days = models.PositiveSmallIntegerField(
        "payment terms (days)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Days from the date of issue to the due date, such as 30.",
    )
    vat_treatment = models.CharField(
        "VAT treatment",
        max_length=300,
        help_text="As printed, such as: Outside the scope of VAT: a recharge between local authorities.",
    )
    contact_name = models.CharField("contact name or team", max_length=200)
    contact_email = models.EmailField("contact e-mail")
    contact_phone = models.CharField("contact telephone", max_length=40, blank=True)
    bank_name = models.CharField("bank", max_length=200)
    bank_account_name = models.CharField("account name", max_length=200)
    bank_sort_code = models.CharField("sort code", max_length=8, validators=[SORT_CODE_VALIDATOR])
    bank_account_number = models.CharField(
        "account number", max_length=8, validators=[ACCOUNT_NUMBER_VALIDATOR]
    )
    payment_reference = models.CharField(
        "payment reference prefix",
        max_length=40,
        blank=True,
        help_text="Printed before the statement number in the reference payers quote, such as SDRECHARGE.",
    )
    default_ledger_code = models.CharField(
        "ledger code for lines spanning several funding lines", max_length=40, blank=True
    )
    history = HistoricalRecords()
    audit_masked_fields = BANK_FIELDS

    class Meta:
        verbose_name_plural = "invoicing settings"

    def __str__(self):
        return f"Invoicing settings: {self.partnership}"


class LedgerCode(models.Model):
    """The ledger code a partnership's statement lines carry for a funding line."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="ledger_codes")
    line = models.CharField("funding line", max_length=30, choices=Line.choices)
    code = models.CharField("ledger code", max_length=40)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "line"]
        constraints = [models.UniqueConstraint(fields=["partnership", "line"], name="ledger_code_unique")]

    def __str__(self):
        return f"{self.get_line_display()}: {self.code}"


ERROR_ENDPOINT_MISSING = "Give the electronic address in the scheme chosen."
ERROR_ENDPOINT_SCHEME_MISSING = "Choose the scheme of the electronic address."
ERROR_BAD_GLN = "A GLN is 13 digits, the last a check digit: check it against the council's registration."


class BillingProfile(models.Model):
    """A council as a payer or payee: the name and address invoices go to, and whether its accounts-payable
    team pays only against a purchase order."""

    council = models.OneToOneField(Council, on_delete=models.CASCADE, related_name="billing_profile")
    invoice_name = models.CharField(
        "name on invoices", max_length=200, help_text="Such as: London Borough of Haringey, Accounts Payable."
    )
    address = models.TextField("invoicing address", help_text="One line per line of the address.")
    requires_po = models.BooleanField("pays only against a purchase order number", default=False)
    # What an e-invoice names the council by (finance/einvoice.py): required before a statement to or from it
    # is issued.
    identifier = models.CharField(
        "identifier on e-invoices",
        max_length=40,
        blank=True,
        validators=[RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", "Use capital letters, digits and hyphens.")],
        help_text="The council's ONS (GSS) code, such as E09000014 for Haringey.",
    )
    endpoint_scheme = models.CharField(
        "electronic address scheme",
        max_length=4,
        blank=True,
        choices=[(k, f"{k}: {v}") for k, v in ENDPOINT_SCHEMES.items()],
        help_text="The scheme of the address the council receives e-invoices at on the PEPPOL network.",
    )
    endpoint = models.CharField(
        "electronic address",
        max_length=40,
        blank=True,
        help_text="The council's PEPPOL participant identifier in that scheme, such as a 13-digit GLN.",
    )
    buyer_reference = models.CharField(
        "reference on e-invoices without a purchase order",
        max_length=60,
        blank=True,
        help_text="What its accounts-payable team routes invoices by when there is no purchase order.",
    )
    officers_note = models.TextField(
        "note for finance officers",
        blank=True,
        help_text="Never printed on a statement or an e-invoice.",
    )
    history = HistoricalRecords()

    def __str__(self):
        return f"Billing profile: {self.council}"

    def clean(self):
        if self.endpoint_scheme and not self.endpoint:
            raise ValidationError({"endpoint": ERROR_ENDPOINT_MISSING})
        if self.endpoint and not self.endpoint_scheme:
            raise ValidationError({"endpoint_scheme": ERROR_ENDPOINT_SCHEME_MISSING})
        if self.endpoint_scheme == "0088" and not gln_is_valid(self.endpoint):
            raise ValidationError({"endpoint": ERROR_BAD_GLN})


class PurchaseOrder(models.Model):
    """The purchase order number a paying council raised for a partnership's recharges in a year."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="purchase_orders")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    year = Year()
    number = models.CharField("purchase order number", max_length=60)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "council__code", "year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "council", "year"], name="purchase_order_unique")
        ]

    def __str__(self):
        return f"{self.council.code} {year_label(self.year)}: {self.number}"


class Payment(models.Model):
    """Money that settled an issued statement, recorded by the host's finance officers when their ledger shows
    it: for an invoice, what the council paid; for a credit note, what it was refunded. Never edited: a payment
    recorded in error is reversed (`reversed_on` and the reason), which keeps it in the record."""

    statement = models.ForeignKey(RechargeStatement, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField("date paid")
    amount = Money(validators=[MinValueValidator(Decimal("0.01"))])
    reference = models.CharField(
        "remittance reference",
        max_length=80,
        blank=True,
        help_text="As on the remittance advice or bank line.",
    )
    reversed_on = models.DateField(null=True, blank=True, editable=False)
    reversal_reason = models.CharField(max_length=300, blank=True, editable=False)
    history = HistoricalRecords()
    # The change history of a statement includes its payments and their reversals (governance/audit).
    audit_part_of = "statement"

    class Meta:
        ordering = ["statement", "paid_on", "pk"]

    def __str__(self):
        return f"Payment of £{self.amount:,} on {self.statement.number or 'a draft'}"
