"""The audit trail's filters, one FilterSet applied to every history table in turn: each filter narrows a
historical model's queryset, or empties it when that kind of record cannot match (another kind, or a kind that
belongs to no partnership). Unknown parameters and bad values are refused with a 400 by the view."""

import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model

from governance import formfields
from governance.filtering import StrictFilterSet

from .history import kind_choices, kind_key, partnership_path

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d %m %Y"]
RECORD_NEEDS_KIND = "Choose the kind of record whose history you want."
DATES_REVERSED = "The ‘to’ date must be the same as or after the ‘from’ date."
MAX_ID = 2**63 - 1


def part_of(model, kind):
    """The foreign key by which a record of `model` is part of a record of `kind` (a model names it in
    `audit_part_of`: a payment is part of its statement's history), or None."""
    name = getattr(model, "audit_part_of", None)
    if not name:
        return None
    field = model._meta.get_field(name)
    return field if kind_key(field.related_model) == kind else None


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class RecordFilter(django_filters.Filter):
    field_class = formfields.IntegerField


class ChangeForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("record") is not None and not data.get("kind"):
            self.add_error("kind", RECORD_NEEDS_KIND)
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", DATES_REVERSED)
        return data


def _date_filter(lookup, label):
    return django_filters.DateFilter(
        field_name="history_date",
        lookup_expr=f"date__{lookup}",
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "numeric"}),
        help_text="For example, 27/3/2018",
    )


class ChangeFilter(StrictFilterSet):
    """Filters for the change history."""

    ALLOWED = {"partnership", "kind", "person", "date_from", "date_to", "record", "page"}

    partnership = django_filters.ModelChoiceFilter(
        queryset=lambda request: apps.get_model("governance", "Partnership").objects.order_by("name"),
        to_field_name="slug",
        method="filter_partnership",
        label="Partnership",
        empty_label="Any partnership",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    kind = django_filters.ChoiceFilter(
        choices=[],
        method="filter_kind",
        label="Kind of record",
        empty_label="Any kind",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    person = PersonFilter(
        queryset=lambda request: get_user_model().objects.order_by("last_name", "first_name", "username"),
        field_name="history_user",
        label="Changed by",
        empty_label="Anybody",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    date_from = _date_filter("gte", "From")
    date_to = _date_filter("lte", "To")
    record = RecordFilter(
        method="filter_record",
        label="Record number",
        min_value=1,
        max_value=MAX_ID,
        widget=forms.HiddenInput,
    )

    class Meta:
        form = ChangeForm
        fields = []

    def __init__(self, data=None, **kwargs):
        # Applied to each history table in turn (filter_queryset); the queryset of its own is never read.
        kwargs.setdefault("queryset", get_user_model().objects.none())
        super().__init__(data, **kwargs)
        self.form.fields["kind"].choices = [("", "Any kind")] + kind_choices()

    @staticmethod
    def _model(queryset):
        return queryset.model.instance_type

    def filter_kind(self, queryset, name, value):
        model = self._model(queryset)
        if kind_key(model) == value:
            return queryset
        # One record's whole history includes the records that are part of it (a statement's payments).
        if self.form.cleaned_data.get("record") is not None and part_of(model, value):
            return queryset
        return queryset.none()

    def filter_partnership(self, queryset, name, value):
        path = partnership_path(self._model(queryset))
        if path is None:
            return queryset.none()
        if path == "":
            return queryset.filter(**{self._model(queryset)._meta.pk.attname: value.pk})
        return queryset.filter(**{path: value})

    def filter_record(self, queryset, name, value):
        model = self._model(queryset)
        kind = self.form.cleaned_data.get("kind")
        parent = part_of(model, kind) if kind and kind_key(model) != kind else None
        if parent is not None:
            return queryset.filter(**{parent.attname: value})
        return queryset.filter(**{model._meta.pk.attname: value})

    def applied(self):
        """The filters in use, as query parameters (for the export and the page links)."""
        return {k: v for k, v in self.data.items() if k in self.ALLOWED - {"page"} and v not in ("", None)}
