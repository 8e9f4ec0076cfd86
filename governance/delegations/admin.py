# Decision rules, offices and the scheme of delegation: administrators edit them here, with their history.
from django import forms as django_forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DecisionRule,
    DecisionShare,
    Delegation,
    ExecutiveDecision,
    ForwardPlanEntry,
    Office,
    OfficerDecision,
    ParallelDecision,
    Subject,
)


@admin.register(DecisionRule)
class DecisionRuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "partnership",
        "kind",
        "council",
        "amount",
        "capital_amount",
        "inclusive",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["partnership", "kind", "council"]
    list_select_related = ["partnership", "council"]


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "partnership"]
    list_select_related = ["partnership"]


class DelegationAdminForm(django_forms.ModelForm):
    subjects = django_forms.MultipleChoiceField(
        choices=Subject.choices, widget=django_forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Delegation
        fields = [
            "partnership",
            "title",
            "granted_by",
            "granted_by_text",
            "to_office",
            "to_body",
            "subjects",
            "financial_limit",
            "conditions",
            "effective_from",
            "effective_to",
            "revoked_on",
            "revocation_reason",
        ]


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    form = DelegationAdminForm
    list_display = [
        "title",
        "partnership",
        "to_office",
        "to_body",
        "financial_limit",
        "effective_from",
        "effective_to",
        "revoked_on",
    ]
    list_filter = ["partnership"]
    list_select_related = ["partnership", "to_office", "to_body"]
    raw_id_fields = ["granted_by"]


@admin.register(ForwardPlanEntry)
class ForwardPlanEntryAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "partnership", "decision_due", "published_on", "urgency"]
    list_filter = ["partnership"]
    list_select_related = ["partnership"]
    raw_id_fields = ["agenda_item"]


class DecisionShareInline(admin.TabularInline):
    model = DecisionShare
    extra = 0


class ParallelDecisionInline(admin.TabularInline):
    model = ParallelDecision
    extra = 0


@admin.register(OfficerDecision)
class OfficerDecisionAdmin(SimpleHistoryAdmin):
    """Read here; officer decisions are recorded and taken through their pages, which run the checks."""

    list_display = ["title", "partnership", "decided_on", "status", "value", "is_key_decision"]
    list_filter = ["partnership", "status"]
    list_select_related = ["partnership"]
    inlines = [DecisionShareInline, ParallelDecisionInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ExecutiveDecision)
class ExecutiveDecisionAdmin(SimpleHistoryAdmin):
    """A council's executive decision on a report the partner councils decide in parallel: recorded here from
    the council's decision notice (its date, when the report left it blank)."""

    list_display = ["title", "council", "decision_maker", "decided_on", "is_key_decision"]
    list_filter = ["partnership", "council"]
    list_select_related = ["council"]
