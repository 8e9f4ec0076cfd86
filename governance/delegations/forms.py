"""Forms for officer decisions, parallel decisions and the forward plan, and the filters of the officer
decisions in the decisions register. They only parse input; the rules are the services'."""

from decimal import Decimal

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from governance import formfields
from governance.audit.versions import VersionField
from governance.committees.forms import DateInput, GovukMixin
from governance.committees.models import AgendaItem
from governance.parsing import RecordsField
from governance.partners.models import Council
from governance.projection import ProjectionFilterSet

from .models import DecisionShare, Delegation, ExecutiveDecision, ForwardPlanEntry, Office, OfficerDecision


def iso_date():
    """A date input whose value the browser's date picker understands (YYYY-MM-DD)."""
    return DateInput(format="%Y-%m-%d")


MONEY_FIELD = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}


def partnership_councils(partnership):
    return list(Council.objects.filter(memberships__partnership=partnership).distinct().order_by("code"))


class OfficerDecisionForm(GovukMixin, forms.ModelForm):
    """The record of an officer decision, with one contribution (and wards count) per council."""

    # The version of the draft the form was loaded at (governance/audit/versions.py); stale or missing refused.
    version = VersionField(required=False)

    class Meta:
        model = OfficerDecision
        fields = [
            "title",
            "office",
            "decision_maker_name",
            "decided_on",
            "subject",
            "delegation",
            "value",
            "capital_value",
            "decision",
            "reasons",
            "alternatives",
            "conflicts",
            "dispensation",
            "background_papers",
            "forward_plan_entry",
            "is_urgent",
            "urgency_agreed_by",
            "urgency_reason",
            "is_exempt",
            "exempt_paragraph",
            "public_summary",
        ]
        widgets = {"decided_on": iso_date()}
        labels = {"forward_plan_entry": "Forward plan notice"}

    def __init__(self, *args, partnership, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.councils = councils
        self.fields["office"].queryset = Office.objects.filter(partnership=partnership)
        self.fields["delegation"].queryset = Delegation.objects.filter(
            partnership=partnership
        ).select_related("to_office", "to_body")
        self.fields["forward_plan_entry"].queryset = ForwardPlanEntry.objects.filter(partnership=partnership)
        self.fields[
            "forward_plan_entry"
        ].help_text = "Needed for a key decision: published 28 clear days before."
        self.fields["exempt_paragraph"] = forms.TypedChoiceField(
            choices=[("", "Not exempt")] + list(AgendaItem.ExemptParagraph.choices),
            coerce=int,
            empty_value=None,
            required=False,
            label="Schedule 12A paragraph",
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )
        shares = {}
        if self.instance.pk:
            shares = {s.council_id: s for s in self.instance.shares.all()}
        for council in councils:
            share = shares.get(council.pk)
            self.fields[f"share_{council.code}"] = forms.DecimalField(
                **MONEY_FIELD,
                label=f"{council.name}: contribution (£)",
                initial=share.amount if share else Decimal("0.00"),
                widget=forms.TextInput(
                    attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}
                ),
            )
            self.fields[f"wards_{council.code}"] = formfields.IntegerField(
                min_value=0,
                label=f"{council.name}: wards significantly affected",
                initial=share.wards if share else 0,
                widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
            )

    def share_fields(self):
        return [(self[f"share_{c.code}"], self[f"wards_{c.code}"]) for c in self.councils]

    def main_fields(self):
        return [f for f in self if not f.name.startswith(("share_", "wards_"))]

    def shares(self):
        data = self.cleaned_data
        return [
            (c, data[f"share_{c.code}"], data[f"wards_{c.code}"])
            for c in self.councils
            if data.get(f"share_{c.code}") or data.get(f"wards_{c.code}")
        ]

    def decision_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ParallelDecisionForm(GovukMixin, forms.Form):
    decision_maker = forms.CharField(max_length=200, label="Decision maker", required=False)
    decided_on = forms.DateField(widget=iso_date(), label="Date of the council’s decision")
    reference = forms.CharField(max_length=200, label="Reference", required=False)


class ForwardPlanEntryForm(GovukMixin, forms.ModelForm):
    class Meta:
        model = ForwardPlanEntry
        fields = [
            "reference",
            "title",
            "decision_maker",
            "councils",
            "decision_due",
            "published_on",
            "documents",
            "is_exempt",
            "exempt_paragraph",
            "urgency",
            "urgency_agreed_by",
            "urgency_reason",
        ]
        widgets = {
            "decision_due": iso_date(),
            "published_on": iso_date(),
            "councils": forms.CheckboxSelectMultiple,
        }
        field_classes = {"councils": RecordsField}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["councils"].queryset = Council.objects.filter(
            memberships__partnership=partnership
        ).distinct()
        self.fields["councils"].widget.attrs = {"class": "govuk-checkboxes__input"}
        self.fields["exempt_paragraph"] = forms.TypedChoiceField(
            choices=[("", "Not exempt")] + list(AgendaItem.ExemptParagraph.choices),
            coerce=int,
            empty_value=None,
            required=False,
            label="Schedule 12A paragraph",
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )


class OfficerDecisionFilter(ProjectionFilterSet):
    """The decisions register's filters applied to officer decisions: the same names and meanings as
    DecisionFilter (forms.py), for the register page and the API alike. They read only the fields the public
    projection shows (`shown_…`, governance/projection.py), so an exempt decision answers a filter only
    through its title, public summary and dates. A body filter matches decisions taken under a delegation to
    that body."""

    always_shown = ProjectionFilterSet.always_shown | {"decided_on"}
    reads = {
        "council": {"shown_shares"},
        "text": {"shown_title", "shown_decision", "shown_reasons", "shown_public_summary"},
    }

    body = django_filters.NumberFilter(field_name="shown_body")
    # The register's date boxes (GOV.UK day, month, year) or a plain ISO date in a link.
    date_from = django_filters.DateFilter(field_name="decided_on", lookup_expr="gte", widget=DateInput)
    date_to = django_filters.DateFilter(field_name="decided_on", lookup_expr="lte", widget=DateInput)
    council = django_filters.NumberFilter(method="filter_council")
    key_decision = django_filters.BooleanFilter(field_name="shown_is_key_decision")
    text = django_filters.CharFilter(method="filter_text")

    class Meta:
        model = OfficerDecision
        fields = []

    def filter_council(self, queryset, name, value):
        shares = DecisionShare.objects.filter(decision=OuterRef("pk"), council_id=value, amount__gt=0)
        return queryset.filter(Exists(shares), shown_shares=True)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(shown_title__icontains=value)
            | Q(shown_decision__icontains=value)
            | Q(shown_reasons__icontains=value)
            | Q(shown_public_summary__icontains=value)
        )


class ExecutiveDecisionFilter(django_filters.FilterSet):
    """The decisions register's filters applied to the councils' parallel executive decisions: the same names
    and meanings as DecisionFilter. They are no body's, so a body filter matches none; a council filter
    matches the council's own decision; one whose date is not recorded matches no date range."""

    body = django_filters.NumberFilter(method="filter_body")
    date_from = django_filters.DateFilter(field_name="decided_on", lookup_expr="gte", widget=DateInput)
    date_to = django_filters.DateFilter(field_name="decided_on", lookup_expr="lte", widget=DateInput)
    council = django_filters.NumberFilter(field_name="council_id")
    key_decision = django_filters.BooleanFilter(field_name="is_key_decision")
    text = django_filters.CharFilter(method="filter_text")

    class Meta:
        model = ExecutiveDecision
        fields = []

    def filter_body(self, queryset, name, value):
        return queryset.none()

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(decision__icontains=value)
            | Q(reasons__icontains=value)
            | Q(decision_maker__icontains=value)
        )


class ItemForwardPlanEntryForm(ForwardPlanEntryForm):
    """A forward plan entry created from an agenda item: the date of the decision is the meeting's, and any
    general exception or special urgency is recorded afterwards, on the entry."""

    prefix = "create"

    class Meta(ForwardPlanEntryForm.Meta):
        fields = [
            "reference",
            "title",
            "decision_maker",
            "councils",
            "published_on",
            "documents",
            "is_exempt",
            "exempt_paragraph",
        ]


class ForwardPlanLinkForm(GovukMixin, forms.Form):
    prefix = "link"

    entry = forms.ModelChoiceField(
        queryset=ForwardPlanEntry.objects.none(),
        label="Forward plan entry",
        help_text="Entries of this partnership not yet linked to an agenda item.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = ForwardPlanEntry.objects.filter(
            partnership=partnership, agenda_item__isnull=True
        ).order_by("decision_due", "reference")


class ForwardPlanUrgencyForm(GovukMixin, forms.Form):
    prefix = "urgency"

    urgency = forms.ChoiceField(
        choices=[("", "Choose")] + [c for c in ForwardPlanEntry._meta.get_field("urgency").choices if c[0]],
        label="Notice taken under",
        help_text="General exception: the chair of overview and scrutiny has been told and the notice was "
        "published at least 5 clear days before. Special urgency: the chair has agreed that the decision "
        "cannot reasonably be deferred.",
    )
    agreed_by = forms.CharField(
        max_length=200,
        label="Who was told (general exception) or agreed (special urgency)",
        help_text="Their name and role, such as the chair of overview and scrutiny.",
    )
    reason = forms.CharField(
        widget=forms.Textarea, max_length=4000, label="Why the decision cannot wait for 28 clear days’ notice"
    )
