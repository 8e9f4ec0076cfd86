import django_filters
from django import forms

from governance.filtering import StrictFilterSet

from .models import Post, Status

SELECT = {"class": "govuk-select"}


class EstablishmentFilter(StrictFilterSet):
    """Filters for the establishment: council, team, status (on the day shown) and grade. Unknown parameters
    and bad values are refused (400). The choices are the partnership's own."""

    ALLOWED = {"council", "team", "status", "grade", "on", "page"}

    council = django_filters.ChoiceFilter(
        field_name="employing_council__code",
        label="Employing council",
        empty_label="Any council",
        widget=forms.Select(attrs=SELECT),
    )
    team = django_filters.ChoiceFilter(
        field_name="team", label="Team", empty_label="Any team", widget=forms.Select(attrs=SELECT)
    )
    status = django_filters.ChoiceFilter(
        field_name="status",
        label="Status",
        choices=Status.choices,
        empty_label="Any status",
        widget=forms.Select(attrs=SELECT),
    )
    grade = django_filters.ChoiceFilter(
        field_name="grade__code", label="Grade", empty_label="Any grade", widget=forms.Select(attrs=SELECT)
    )

    class Meta:
        model = Post
        fields = ["council", "team", "status", "grade"]

    def __init__(self, data=None, *args, councils=(), teams=(), grades=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["council"].extra["choices"] = [(c.code, c.name) for c in councils]
        self.filters["team"].extra["choices"] = [(t, t) for t in teams]
        self.filters["grade"].extra["choices"] = [(g.code, g.code) for g in grades]
