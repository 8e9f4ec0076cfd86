from django import forms
from django.core.exceptions import ValidationError

from .models import CONTROL_KEYS, Settlement, control_key_label
from .periods import PERIODS, parse_period, parse_year
from .services import parse_amount, parse_percentage

GOVUK_INPUT = {"class": "govuk-input govuk-input--width-10"}
GOVUK_SELECT = {"class": "govuk-select"}


class YearField(forms.CharField):
    default_error_messages = {"invalid": "Enter the financial year like 2018/19."}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_year(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


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
    year = YearField(
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
    year = YearField()
    period = forms.ChoiceField(choices=[(p, p) for p in PERIODS])
    action = forms.ChoiceField(choices=[("draft", "Draft"), ("issue", "Issue")])

    def clean_period(self):
        return parse_period(self.cleaned_data["period"])


class ZipForm(forms.Form):
    year = YearField()
    period = forms.ChoiceField(choices=[(p, p) for p in PERIODS])
