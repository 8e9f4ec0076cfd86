"""The search's parameters: the words, and filters by committee, type and date, and the order. A value that
is not one of the choices, a date that does not exist or a query too long is the field's error (a 400)."""

import django_filters
from django import forms

from engagement.models import SearchDocument
from engagement.search.query import check_query
from governance.committees.public import public_bodies
from governance.widgets import GovukDateInput

ORDERS = [("relevance", "Most relevant first"), ("newest", "Newest first")]


class SearchForm(forms.Form):
    def clean_q(self):
        try:
            return check_query(self.cleaned_data.get("q"))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The last date cannot come before the first.")
        return data


class SearchFilter(django_filters.FilterSet):
    """Only validates and names the parameters: engagement.search.query applies them (search_hits)."""

    q = django_filters.CharFilter(method="keep", label="Words to search for")
    committee = django_filters.ChoiceFilter(
        method="keep", label="Committee or board", empty_label="Any committee or board"
    )
    type = django_filters.ChoiceFilter(
        method="keep", label="Type of document", choices=SearchDocument.Kind.choices, empty_label="Any type"
    )
    date_from = django_filters.DateFilter(method="keep", label="Dated on or after", widget=GovukDateInput)
    date_to = django_filters.DateFilter(method="keep", label="Dated on or before", widget=GovukDateInput)
    sort = django_filters.ChoiceFilter(method="keep", label="Order", choices=ORDERS, empty_label=None)

    class Meta:
        model = SearchDocument
        fields = []
        form = SearchForm

    def __init__(self, data=None, *args, partnership, **kwargs):
        super().__init__(data, *args, queryset=SearchDocument.objects.none(), **kwargs)
        self.filters["committee"].extra["choices"] = [(b.slug, b.name) for b in public_bodies(partnership)]
        form = self.form
        form.fields["q"].widget.input_type = "search"
        form.fields["q"].max_length = None
        for f in form.fields.values():
            w = f.widget
            w.attrs.setdefault("class", "govuk-select" if isinstance(w, forms.Select) else "govuk-input")

    def keep(self, queryset, name, value):
        return queryset

    def search_arguments(self):
        """(query, filters, order) for engagement.search.query.search_hits, once valid."""
        data = self.form.cleaned_data
        filters = {
            "committee": data.get("committee") or "",
            "kind": data.get("type") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
        return data.get("q") or "", filters, data.get("sort") or "relevance"
