from django import forms
from django.core.exceptions import ValidationError

from governance import formfields
from governance.audit.versions import VersionField
from governance.widgets import GovukDateInput

from .models import CONTROL_KEYS, BillingProfile, InvoicingSettings, Line, Settlement, control_key_label
from .periods import PERIODS, parse_period, parse_year
from .services import BILLING_PROFILE_FIELDS, INVOICING_FIELDS, parse_amount, parse_percentage

GOVUK_INPUT = {"class": "govuk-input govuk-input--width-10"}
GOVUK_SELECT = {"class": "govuk-select"}


class MoneyField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_amount(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class ControlTotalForm(forms.Form):
    council = forms.ChoiceField(label="Column", widget=forms.Select(attrs=GOVUK_SELECT))
    key = forms.ChoiceField(
        label="Line or subtotal",
        choices=[(k, control_key_label(k)) for k in CONTROL_KEYS],
        widget=forms.Select(attrs=GOVUK_SELECT),
    )
    amount = MoneyField(
        label="Printed total (£)",
        required=False,
        help_text="Leave blank to remove the control total.",
        widget=forms.TextInput(attrs={**GOVUK_INPUT, "inputmode": "decimal"}),
    )

    def __init__(self, *args, councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].choices = [("TOTAL", "TOTAL (all councils)")] + [
            (c.code, c.name) for c in councils
        ]


class ImportForm(forms.Form):
    KINDS = [("budget", "Budget lines"), ("forecast", "Forecasts"), ("actuals", "Actuals (ledger lines)")]
    kind = forms.ChoiceField(label="What the file holds", choices=KINDS, widget=forms.RadioSelect)
    file = forms.FileField(
        label="CSV file", widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"})
    )
    revise = forms.BooleanField(
        label="Record budget rows for existing lines as dated revisions",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )
    reason = forms.CharField(
        label="Reason for the revisions",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )
    decision = forms.CharField(
        label="Approving decision",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("revise") and not data.get("reason"):
            self.add_error("reason", "Give the reason for the revisions.")
        return data


class SettlementForm(forms.Form):
    year = formfields.YearField(
        parse=parse_year,
        label="From financial year",
        widget=forms.TextInput(attrs={**GOVUK_INPUT, "class": "govuk-input govuk-input--width-5"}),
    )
    model = forms.ChoiceField(
        label="Settlement model", choices=Settlement.Model.choices, widget=forms.RadioSelect
    )
    weights = forms.ChoiceField(
        label="Weights (pooled model)", choices=Settlement.Weights.choices, widget=forms.RadioSelect
    )
    fixed = forms.CharField(
        label="Fixed percentages",
        required=False,
        help_text="Like LBC=40,LBH=30,LBI=30",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )
    host = forms.ChoiceField(label="Host authority", widget=forms.Select(attrs=GOVUK_SELECT))

    def __init__(self, *args, councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].choices = [(c.code, c.name) for c in councils]

    def clean_fixed(self):
        result = {}
        for part in self.cleaned_data["fixed"].split(","):
            if not part.strip():
                continue
            code, _, value = part.partition("=")
            try:
                result[code.strip().upper()] = str(parse_percentage(value))
            except ValueError:
                raise ValidationError(f"“{part[:40]}” is not CODE=percentage.") from None
        return result


class RunForm(forms.Form):
    year = formfields.YearField(parse=parse_year)
    period = forms.ChoiceField(choices=[(p, p) for p in PERIODS])
    action = forms.ChoiceField(choices=[("draft", "Draft"), ("issue", "Issue")])

    def clean_period(self):
        return parse_period(self.cleaned_data["period"])


class ZipForm(forms.Form):
    year = formfields.YearField(parse=parse_year)
    period = forms.ChoiceField(choices=[(p, p) for p in PERIODS])


GOVUK_TEXT = {"class": "govuk-input"}


class InvoicingSettingsForm(forms.ModelForm):
    """What the partnership's statements print beside the figures; carries the settings' version (their latest
    history id, 0 while there are none: governance/audit/versions.py)."""

    version = VersionField()

    class Meta:
        model = InvoicingSettings
        fields = INVOICING_FIELDS
        widgets = {
            "payment_terms_days": forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
            "vat_treatment": forms.TextInput(attrs=GOVUK_TEXT),
            "contact_name": forms.TextInput(attrs=GOVUK_TEXT),
            "contact_email": forms.EmailInput(
                attrs={**GOVUK_TEXT, "autocomplete": "off", "spellcheck": "false"}
            ),
            "contact_phone": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
            "bank_name": forms.TextInput(attrs=GOVUK_TEXT),
            "bank_account_name": forms.TextInput(attrs=GOVUK_TEXT),
            "bank_sort_code": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
            "bank_account_number": forms.TextInput(
                attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "numeric"}
            ),
            "payment_reference": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
            "default_ledger_code": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
        }


class LedgerCodesForm(forms.Form):
    """One ledger code per funding line (blank: lines of that funding line take the default code)."""

    def __init__(self, *args, initial_codes=None, **kwargs):
        super().__init__(*args, **kwargs)
        for line in Line:
            self.fields[f"code_{line.value}"] = forms.CharField(
                label=f"Ledger code: {line.label}",
                required=False,
                max_length=40,
                initial=(initial_codes or {}).get(line.value, ""),
                widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
            )

    def codes(self):
        return {line.value: self.cleaned_data[f"code_{line.value}"] for line in Line}


class BillingProfileForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = BillingProfile
        fields = BILLING_PROFILE_FIELDS
        widgets = {
            "invoice_name": forms.TextInput(attrs=GOVUK_TEXT),
            "address": forms.Textarea(attrs={"class": "govuk-textarea", "rows": 5}),
            "requires_po": forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
            "identifier": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
            "endpoint_scheme": forms.Select(attrs={"class": "govuk-select"}),
            "endpoint": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
            "buyer_reference": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
            "officers_note": forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
        }


class PurchaseOrderForm(forms.Form):
    year = formfields.YearField(
        parse=parse_year,
        label="Financial year",
        help_text="Like 2018/19.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    number = forms.CharField(
        label="Purchase order number",
        required=False,
        max_length=60,
        help_text="Leave blank to remove the year's purchase order.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )


class PaymentForm(forms.Form):
    """A payment that settled an issued statement, as the host's ledger shows it."""

    paid_on = forms.DateField(label="Date paid", widget=GovukDateInput)
    amount = MoneyField(
        label="Amount (£)",
        help_text="Pounds and pence, like 1,314,750.00.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}),
    )
    reference = forms.CharField(
        label="Remittance reference",
        required=False,
        max_length=80,
        help_text="As on the remittance advice or the bank line (optional).",
        widget=forms.TextInput(attrs=GOVUK_TEXT),
    )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is None:
            raise ValidationError("Enter the amount paid.")
        if amount <= 0:
            raise ValidationError("The amount must be more than £0.00.")
        return amount


class PaymentReversalForm(forms.Form):
    reason = forms.CharField(
        label="Why is the payment being reversed?",
        max_length=300,
        help_text="Such as: the payment bounced; it was recorded against the wrong statement.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
    )
