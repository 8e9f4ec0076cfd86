import django_filters
from django import forms

from governance import formfields
from governance.filtering import StrictFilterSet

from .models import RechargeStatement
from .periods import PERIODS, parse_year


class YearFilter(django_filters.Filter):
    """A financial year (2018/19) in a query string: finance's years."""

    field_class = formfields.YearField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("parse", parse_year)
        super().__init__(*args, **kwargs)


class StatementFilter(StrictFilterSet):
    """Filters for the statements list. Unknown parameters and bad values are refused (400)."""

    ALLOWED = {"year", "period", "council", "status", "page"}

    year = YearFilter(
        field_name="year",
        label="Financial year",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    period = django_filters.ChoiceFilter(
        choices=[(p, p) for p in PERIODS],
        empty_label="Any period",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    council = django_filters.CharFilter(
        field_name="council__code",
        label="Council code",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    status = django_filters.ChoiceFilter(
        choices=RechargeStatement.Status.choices,
        empty_label="Any status",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    class Meta:
        model = RechargeStatement
        fields = ["year", "period", "council", "status"]
