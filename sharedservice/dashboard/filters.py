"""The dashboard's filters: financial year, council and the day it is read as at. Unknown parameters and
bad values are refused with a 400 (design.md: filters never silently return everything)."""

import django_filters
from django import forms

from finance.filters import YearFilter
from governance.filtering import StrictFilterSet


class DashboardFilter(StrictFilterSet):
    """A FilterSet over the partnership's councils: `council` picks one of them by code."""

    ALLOWED = {"year", "council", "on"}

    year = YearFilter(
        method="keep",
        label="Financial year",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    council = django_filters.ModelChoiceFilter(
        queryset=None,
        to_field_name="code",
        method="keep",
        label="Council",
        empty_label="Every council",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    on = django_filters.DateFilter(
        method="keep",
        label="As at (YYYY-MM-DD)",
        widget=forms.DateInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )

    def __init__(self, data=None, *, councils, **kwargs):
        super().__init__(data, queryset=councils, **kwargs)
        self.filters["council"].queryset = councils

    def keep(self, queryset, name, value):
        return queryset
