"""Forms for the portfolio. They only parse; the services hold the rules (and name the fields)."""

import django_filters
from django import forms
from django.utils import timezone

from governance.audit.versions import VersionField
from governance.committees.forms import DateInput, GovukMixin
from governance.committees.models import AgendaItem, Meeting
from governance.delegations.models import Office
from governance.partners.models import Council

from . import rules, services
from .models import GatewayAssessment, HighlightReport, Programme, Project, Risk


class _ServiceValidated:
    def _post_clean(self):
        pass  # the service validates, with the row locked

    def service_fields(self):
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ProjectForm(_ServiceValidated, GovukMixin, forms.ModelForm):
    """A proposal for the gateway, or the edit of a project (with its version)."""

    councils = forms.ModelMultipleChoiceField(
        queryset=Council.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="One council for a sovereign project; two or more for a shared one.",
    )
    version = VersionField(required=False)

    class Meta:
        model = Project
        fields = [*services.PROJECT_FIELDS]
        widgets = {"start": DateInput(), "end": DateInput()}
        labels = {"allocated_budget": "Allocated budget (£)"}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councils"].queryset = Council.objects.filter(
            memberships__partnership=partnership
        ).distinct()
        self.fields["programme"].queryset = Programme.objects.filter(partnership=partnership)
        self.fields["owner_office"].queryset = Office.objects.filter(partnership=partnership)
        others = Project.objects.filter(partnership=partnership)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.fields["councils"].initial = list(self.instance.councils.all())
        self.fields["duplicate_of"].queryset = others
        self.fields["duplicate_of"].label = "Duplicates another council's project"
        self.fields["councils"].widget.attrs["class"] = "govuk-checkboxes__input"

    def service_fields(self):
        data = super().service_fields()
        data.pop("councils", None)
        return data


class ScoreForm(_ServiceValidated, GovukMixin, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = GatewayAssessment
        fields = services.SCORE_FIELDS
        help_texts = {
            "aligns_with_strategy": "The 2017 strategy and its themes.",
            "aligns_with_architecture": "The councils' agreed digital and ICT design principles.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in services.SCORE_FIELDS[:6]:
            f = self.fields[name]
            f.required = True
            f.min_value, f.max_value = 0, 5
            f.help_text = "0 (none) to 5 (strongly)."
            f.widget.attrs.update({"class": "govuk-input govuk-input--width-2", "min": 0, "max": 5})


class DecisionForm(GovukMixin, forms.Form):
    item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        label="Board meeting and agenda item",
        help_text="Boards' meetings with a published agenda whose minutes are not yet signed.",
    )
    outcome = forms.ChoiceField(
        choices=[("approve", "Approve onto the portfolio"), ("reject", "Reject")],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(widget=forms.Textarea, required=False)

    def __init__(self, *args, partnership, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = services.open_board_items(partnership)
        if project is not None:
            tabled = f"Portfolio gateway: {project.title}"
            self.fields["item"].initial = next(
                (i.pk for i in self.fields["item"].queryset if i.title == tabled), None
            )
        self.fields["item"].label_from_instance = lambda i: (
            f"{i.meeting.body.name}, {i.meeting.date:%-d %B %Y}: {i.title}"
        )
        self.fields["outcome"].widget.attrs["class"] = "govuk-radios__input"


class TableForm(GovukMixin, forms.Form):
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label="Board meeting",
        help_text="A board's coming meeting whose agenda can still take an item.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = services.coming_board_meetings(partnership)
        self.fields["meeting"].label_from_instance = lambda m: f"{m.body.name}, {m.date:%-d %B %Y}"


class HighlightForm(_ServiceValidated, GovukMixin, forms.ModelForm):
    class Meta:
        model = HighlightReport
        fields = services.HIGHLIGHT_FIELDS
        widgets = {"month": DateInput()}
        help_texts = {"month": "Any day of the month: the report is filed against the month."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].initial = timezone.localdate().replace(day=1)


class RiskForm(_ServiceValidated, GovukMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Risk
        fields = services.RISK_FIELDS
        widgets = {"review_date": DateInput()}
        help_texts = {
            "likelihood": "1 very low, 2 low, 3 medium, 4 high, 5 very high.",
            "impact": "1 very low, 2 low, 3 medium, 4 high, 5 very high.",
            "programme": "For a programme risk.",
            "project": "For a project risk.",
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(partnership=partnership)
        self.fields["project"].queryset = Project.objects.filter(partnership=partnership)
        self.fields["owner_office"].queryset = Office.objects.filter(partnership=partnership)
        self.fields[
            "owner_office"
        ].help_text = "The office that owns the risk: shown as the post that holds it, or as vacant. Or name the owner below."
        scale = [(n, f"{n}: {label}") for n, label in rules.SCALE_LABELS.items()]
        self.fields["likelihood"] = forms.TypedChoiceField(choices=scale, coerce=int, label="Likelihood")
        self.fields["impact"] = forms.TypedChoiceField(choices=scale, coerce=int, label="Impact")
        for name in ("likelihood", "impact"):
            self.fields[name].widget.attrs["class"] = "govuk-select"
            self.fields[name].help_text = "1 very low, 2 low, 3 medium, 4 high, 5 very high."


class MonthForm(forms.Form):
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)


class RiskFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=Risk.Level.choices)
    status = django_filters.ChoiceFilter(choices=Risk.Status.choices)
    programme = django_filters.ModelChoiceFilter(queryset=Programme.objects.none())

    class Meta:
        model = Risk
        fields = []

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = Programme.objects.filter(partnership=partnership)
        for f in self.form.fields.values():
            f.widget.attrs["class"] = "govuk-select"
