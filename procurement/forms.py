from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from governance import formfields
from governance.audit.versions import VersionField, current_version
from governance.models import Council, Office, OfficerDecision, Resolution
from governance.widgets import GovukDateInput

from .models import Contract, Supplier
from .services import CONTRACT_FIELDS, SUPPLIER_FIELDS

INPUT = "govuk-input"
EXTENSION_ROWS = 3


def _style(field):
    widget = field.widget
    if isinstance(widget, forms.Select):
        widget.attrs.setdefault("class", "govuk-select")
    elif isinstance(widget, forms.Textarea):
        widget.attrs.setdefault("class", "govuk-textarea")
        widget.attrs.setdefault("rows", 3)
    elif isinstance(widget, forms.CheckboxInput):
        widget.attrs.setdefault("class", "govuk-checkboxes__input")
    else:
        widget.attrs.setdefault("class", INPUT)


# Every date field uses the GOV.UK date input (day, month, year), not the browser's mm/dd/yyyy.
DateInput = GovukDateInput


class ContractForm(forms.ModelForm):
    """The contract's fields (the service's list), each member council's share, up to three extension
    options, and the version the editor started from (its latest history id, governance/audit/versions.py)."""

    version = VersionField(required=False)  # none for a new contract; an edit without one is refused

    class Meta:
        model = Contract
        fields = [f for f in CONTRACT_FIELDS if f != "award"]
        widgets = {
            name: DateInput()
            for name in ("start_date", "end_date", "review_date", "coterminus_target", "awarded_on")
        }

    award = forms.ChoiceField(
        label="Award",
        choices=[c for c in Contract.Award.choices if c[0] != Contract.Award.AWARDED],
        help_text="A draft is awarded from the contract page once every check passes.",
    )

    def __init__(self, *args, partnership, councils, instance=None, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        self.councils = councils
        self.fields["supplier"].queryset = Supplier.objects.order_by("name")
        self.fields["owner_office"].queryset = Office.objects.filter(partnership=partnership)
        self.fields["authorising_resolution"].queryset = Resolution.objects.filter(
            meeting__body__partnership=partnership
        ).select_related("item", "meeting")
        self.fields["authorising_resolution"].label_from_instance = lambda r: (
            f"{r.meeting.date:%-d %B %Y}: {r.item.title}"
        )
        self.fields["authorising_decision"].queryset = OfficerDecision.objects.filter(partnership=partnership)
        self.fields["standing_orders_of"].queryset = Council.objects.filter(pk__in=[c.pk for c in councils])
        if instance is not None and instance.pk:
            self.fields["version"].initial = current_version(instance)
            if instance.award == Contract.Award.AWARDED:
                # An award, once made, stays: the edit keeps it and its checks must still pass.
                self.fields["award"].choices = [(Contract.Award.AWARDED, Contract.Award.AWARDED.label)]
            self.fields["award"].initial = instance.award
        shares = {s.council_id: s.amount for s in instance.shares.all()} if instance and instance.pk else {}
        for council in councils:
            self.fields[f"share_{council.code}"] = forms.DecimalField(
                label=f"{council.name}’s share (£)",
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=0,
                initial=shares.get(council.pk),
            )
        options = list(instance.extensions.all()) if instance and instance.pk else []
        for n in range(1, EXTENSION_ROWS + 1):
            option = options[n - 1] if len(options) >= n else None
            self.fields[f"ext{n}_starts_on"] = forms.DateField(
                label=f"Extension option {n}: starts on",
                required=False,
                widget=DateInput(),
                initial=option and option.starts_on,
            )
            self.fields[f"ext{n}_months"] = formfields.IntegerField(
                label=f"Extension option {n}: length (months)",
                required=False,
                min_value=1,
                initial=option and option.months,
            )
            self.fields[f"ext{n}_take_by"] = forms.DateField(
                label=f"Extension option {n}: must be taken by",
                required=False,
                widget=DateInput(),
                initial=option and option.take_by,
            )
            self.fields[f"ext{n}_taken_on"] = forms.DateField(
                label=f"Extension option {n}: taken on",
                required=False,
                widget=DateInput(),
                initial=option and option.taken_on,
            )
        for field in self.fields.values():
            _style(field)

    def _post_clean(self):
        # The service validates the contract (with its shares and options) as a whole; skip the ModelForm's
        # own instance validation so that nothing is checked twice or half-way.
        pass

    def share_fields(self):
        return [self[f"share_{c.code}"] for c in self.councils]

    def extension_rows(self):
        return [
            [self[f"ext{n}_{part}"] for part in ("starts_on", "months", "take_by", "taken_on")]
            for n in range(1, EXTENSION_ROWS + 1)
        ]

    def contract_fields(self):
        skip = {"version"}
        return [self[name] for name in self.fields if name in CONTRACT_FIELDS and name not in skip]

    def clean(self):
        data = super().clean()
        for n in range(1, EXTENSION_ROWS + 1):
            parts = [data.get(f"ext{n}_{p}") for p in ("starts_on", "months", "take_by")]
            if any(parts) and not all(parts):
                raise ValidationError(f"Extension option {n}: give its start, length and take-by date.")
        return data

    def shares(self):
        """[(council, amount)] for each council given a share above nothing."""
        return [
            (c, self.cleaned_data[f"share_{c.code}"])
            for c in self.councils
            if (self.cleaned_data.get(f"share_{c.code}") or Decimal("0")) > 0
        ]

    def extensions(self):
        out = []
        for n in range(1, EXTENSION_ROWS + 1):
            d = self.cleaned_data
            if d.get(f"ext{n}_starts_on"):
                out.append(
                    (
                        d[f"ext{n}_starts_on"],
                        d[f"ext{n}_months"],
                        d[f"ext{n}_take_by"],
                        d.get(f"ext{n}_taken_on"),
                    )
                )
        return out

    def contract_values(self):
        return {name: self.cleaned_data.get(name) for name in CONTRACT_FIELDS if name in self.cleaned_data}


class AwardForm(forms.Form):
    # Not asked for where the contract cites its decision: the award takes the decision's date.
    awarded_on = forms.DateField(
        label="Award date",
        required=False,
        widget=DateInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )


class CoterminusForm(forms.Form):
    target = formfields.DateField(
        label="Target end date",
        help_text="Contracts ending in this month are aligned with it.",
        widget=DateInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    category = forms.ChoiceField(
        label="Category",
        required=False,
        choices=[("", "The categories that share the target")] + list(Contract.Category.choices),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"})
    )


class SupplierForm(forms.ModelForm):
    class Meta:
        model = Supplier
        fields = SUPPLIER_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _style(field)
