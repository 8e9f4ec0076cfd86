from django import forms

from governance import formfields
from governance.audit.versions import VersionField, current_version
from governance.models import Council, Office, OfficerDecision, Resolution
from governance.widgets import GovukDateInput

from .costing import parse_year
from .models import FundingLine, Grade, Post, PostHolder

INPUT = {"class": "govuk-input"}
SHORT = {"class": "govuk-input govuk-input--width-10"}
SELECT = {"class": "govuk-select"}
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes__input"})


class DayForm(forms.Form):
    on = formfields.DateField(required=False, label="On", widget=GovukDateInput())


class YearForm(forms.Form):
    year = formfields.YearField(
        parse=parse_year, required=False, label="Financial year", widget=forms.TextInput(attrs=SHORT)
    )


class PostForm(forms.ModelForm):
    """A post's own fields; its placements, lead-council roles and dotted lines; and the version it was
    read at (its latest history id, governance/audit/versions.py)."""

    version = VersionField(
        required=False
    )  # none for a new post; an edit without one is refused by the service
    works_for = forms.ModelMultipleChoiceField(
        queryset=Council.objects.none(),
        required=False,
        widget=CHECKBOXES,
        label="Councils it works for (section 113 placement)",
    )
    lead_for = forms.ModelMultipleChoiceField(
        queryset=Council.objects.none(),
        required=False,
        widget=CHECKBOXES,
        label="Lead Head of Service for",
    )
    dotted_lines = forms.ModelMultipleChoiceField(
        queryset=Post.objects.none(),
        required=False,
        label="Dotted-line reports to",
        widget=forms.SelectMultiple(attrs={"class": "govuk-select", "size": "6"}),
    )

    class Meta:
        model = Post
        fields = [
            "reference",
            "title",
            "grade",
            "fte",
            "team",
            "reports_to",
            "employing_council",
            "office",
            "funding_line",
            "effective_from",
            "effective_to",
        ]
        widgets = {
            "reference": forms.TextInput(attrs=SHORT),
            "title": forms.TextInput(attrs=INPUT),
            "grade": forms.Select(attrs=SELECT),
            "fte": forms.TextInput(attrs={**SHORT, "inputmode": "decimal"}),
            "team": forms.TextInput(attrs=INPUT),
            "reports_to": forms.Select(attrs=SELECT),
            "employing_council": forms.Select(attrs=SELECT),
            "office": forms.Select(attrs=SELECT),
            "funding_line": forms.Select(
                attrs=SELECT, choices=[("", "Outside the budget")] + FundingLine.choices
            ),
            "effective_from": GovukDateInput(),
            "effective_to": GovukDateInput(),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        councils = Council.objects.filter(memberships__partnership=partnership).distinct().order_by("code")
        posts = Post.objects.filter(partnership=partnership, effective_to__isnull=True).order_by("title")
        if self.instance.pk:
            posts = posts.exclude(pk=self.instance.pk)
        self.fields["employing_council"].queryset = councils
        self.fields["works_for"].queryset = councils
        self.fields["lead_for"].queryset = councils
        self.fields["grade"].queryset = Grade.objects.filter(partnership=partnership)
        self.fields["office"].queryset = Office.objects.filter(partnership=partnership)
        self.fields["reports_to"].queryset = posts
        self.fields["dotted_lines"].queryset = posts
        if self.instance.pk:
            placements = list(self.instance.placements.all())
            self.initial.setdefault("works_for", [p.council_id for p in placements])
            self.initial.setdefault("lead_for", [p.council_id for p in placements if p.is_lead])
            self.initial.setdefault("dotted_lines", [d.to_post_id for d in self.instance.dotted_lines.all()])
            self.initial.setdefault("version", current_version(self.instance))

    def _post_clean(self):
        # The service validates the model (it may be stale); the form only checks its own fields.
        pass


class HolderForm(forms.ModelForm):
    class Meta:
        model = PostHolder
        fields = [
            "person",
            "kind",
            "fte",
            "start",
            "end",
            "terms_council",
            "seconded_from",
            "tupe_from",
            "tupe_to",
            "tupe_date",
            "agency",
            "day_rate",
        ]
        widgets = {
            "person": forms.TextInput(attrs=INPUT),
            "kind": forms.Select(attrs=SELECT),
            "fte": forms.TextInput(attrs={**SHORT, "inputmode": "decimal"}),
            "start": GovukDateInput(),
            "end": GovukDateInput(),
            "terms_council": forms.Select(attrs=SELECT),
            "seconded_from": forms.Select(attrs=SELECT),
            "tupe_from": forms.Select(attrs=SELECT),
            "tupe_to": forms.Select(attrs=SELECT),
            "tupe_date": GovukDateInput(),
            "agency": forms.TextInput(attrs=INPUT),
            "day_rate": forms.TextInput(attrs={**SHORT, "inputmode": "decimal"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = Council.objects.order_by("code")
        for name in ("terms_council", "seconded_from", "tupe_from", "tupe_to"):
            self.fields[name].queryset = councils

    def _post_clean(self):
        pass


class ExtendForm(forms.Form):
    version = VersionField()
    new_end = forms.DateField(label="New end date", widget=GovukDateInput())
    reason = forms.CharField(label="Reason", max_length=300, widget=forms.TextInput(attrs=INPUT))
    decided_by = forms.CharField(
        label="Approving decision", max_length=300, required=False, widget=forms.TextInput(attrs=INPUT)
    )


class RestructureForm(forms.Form):
    name = forms.CharField(max_length=200, widget=forms.TextInput(attrs=INPUT))
    phase = formfields.IntegerField(min_value=1, initial=1, widget=forms.TextInput(attrs=SHORT))
    effective_date = forms.DateField(widget=GovukDateInput())
    staff_affected = formfields.IntegerField(min_value=0, initial=0, widget=forms.TextInput(attrs=SHORT))
    consultation_start = forms.DateField(required=False, widget=GovukDateInput())
    resolution = forms.ModelChoiceField(
        queryset=Resolution.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        label="Approving resolution",
    )
    officer_decision = forms.ModelChoiceField(
        queryset=OfficerDecision.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        label="Approving officer decision",
    )
    decision_text = forms.CharField(
        label="Approving decision (other record)",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
    )
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3})
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = Resolution.objects.filter(
            meeting__body__partnership=partnership
        ).select_related("item", "meeting")
        self.fields["officer_decision"].queryset = OfficerDecision.objects.filter(partnership=partnership)


class DeletePostForm(forms.Form):
    version = VersionField()
    post = forms.ModelChoiceField(
        queryset=Post.objects.none(), widget=forms.Select(attrs=SELECT), label="Post to delete"
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = Post.objects.filter(
            partnership=partnership, effective_to__isnull=True
        ).order_by("reference")


class CreatePostForm(forms.Form):
    version = VersionField()
    reference = forms.CharField(max_length=20, widget=forms.TextInput(attrs=SHORT))
    title = forms.CharField(max_length=200, widget=forms.TextInput(attrs=INPUT))
    grade = forms.ModelChoiceField(queryset=Grade.objects.none(), widget=forms.Select(attrs=SELECT))
    fte = forms.DecimalField(
        label="FTE",
        max_digits=5,
        decimal_places=2,
        min_value=0.01,
        widget=forms.TextInput(attrs={**SHORT, "inputmode": "decimal"}),
    )
    team = forms.CharField(max_length=100, widget=forms.TextInput(attrs=INPUT))
    employing_council = forms.ModelChoiceField(
        queryset=Council.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    funding_line = forms.ChoiceField(
        choices=[("", "Outside the budget")] + FundingLine.choices,
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    reports_to = forms.ModelChoiceField(
        queryset=Post.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        label="Reports to (existing post)",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].queryset = Grade.objects.filter(partnership=partnership)
        self.fields["employing_council"].queryset = Council.objects.filter(
            memberships__partnership=partnership
        ).distinct()
        self.fields["reports_to"].queryset = Post.objects.filter(
            partnership=partnership, effective_to__isnull=True
        ).order_by("reference")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"})
    )


class VersionForm(forms.Form):
    version = VersionField()
