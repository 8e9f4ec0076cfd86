import django_filters
from django import forms

from governance.filtering import StrictFilterSet
from governance.models import Council

from .models import Contract, Supplier

SELECT = {"class": "govuk-select"}
DATE = {"class": "govuk-input govuk-input--width-10", "type": "date"}


class ContractFilter(StrictFilterSet):
    """Filters for the register. Unknown parameters and bad values are refused (400)."""

    ALLOWED = {"council", "category", "supplier", "route", "status", "end_from", "end_to", "page"}

    council = django_filters.ModelChoiceFilter(
        field_name="shares__council",
        queryset=Council.objects.none(),
        to_field_name="code",
        label="Council",
        empty_label="Any council",
        widget=forms.Select(attrs=SELECT),
    )
    category = django_filters.ChoiceFilter(
        choices=Contract.Category.choices, empty_label="Any category", widget=forms.Select(attrs=SELECT)
    )
    supplier = django_filters.ModelChoiceFilter(
        queryset=Supplier.objects.none(), empty_label="Any supplier", widget=forms.Select(attrs=SELECT)
    )
    route = django_filters.ChoiceFilter(
        label="Procurement route",
        choices=Contract.Route.choices,
        empty_label="Any route",
        widget=forms.Select(attrs=SELECT),
    )
    status = django_filters.ChoiceFilter(
        choices=Contract.Status.choices, empty_label="Any status", widget=forms.Select(attrs=SELECT)
    )
    end_from = django_filters.DateFilter(
        field_name="end_date", lookup_expr="gte", label="Ends on or after", widget=forms.DateInput(attrs=DATE)
    )
    end_to = django_filters.DateFilter(
        field_name="end_date",
        lookup_expr="lte",
        label="Ends on or before",
        widget=forms.DateInput(attrs=DATE),
    )

    class Meta:
        model = Contract
        fields = ["council", "category", "supplier", "route", "status", "end_from", "end_to"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["council"].queryset = Council.objects.filter(
            memberships__partnership=partnership
        ).distinct()
        self.filters["supplier"].queryset = Supplier.objects.filter(
            contracts__partnership=partnership
        ).distinct()

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()
