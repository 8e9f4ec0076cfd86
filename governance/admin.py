from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Council, HostAuthority, Job, Membership, Partnership, RoleAssignment


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind"]
    search_fields = ["name", "code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


class HostAuthorityInline(admin.TabularInline):
    model = HostAuthority
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "legal_basis", "start_date"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, HostAuthorityInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "council", "joined", "left"]
    list_filter = ["partnership"]
    list_select_related = ["partnership", "council"]


@admin.register(HostAuthority)
class HostAuthorityAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "council", "start", "end"]
    list_select_related = ["partnership", "council"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "partnership", "council"]
    list_filter = ["role", "partnership"]
    list_select_related = ["user", "partnership", "council"]
    autocomplete_fields = ["user"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]


# Committee business: bodies, their terms of reference and members are maintained here by administrators.
from .models import (  # noqa: E402
    AgendaItem,
    Body,
    BodyMember,
    ChairAppointment,
    Meeting,
    Resolution,
    TermsOfReference,
)


class TermsInline(admin.StackedInline):
    model = TermsOfReference
    extra = 0


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "kind", "chair_rule", "quorum"]
    list_filter = ["partnership", "kind"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TermsInline, BodyMemberInline]


@admin.register(BodyMember)
class BodyMemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "body", "council", "kind", "start", "end"]
    list_filter = ["body", "kind", "council"]


@admin.register(ChairAppointment)
class ChairAppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["body", "office", "member", "start", "end"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["body", "date", "status", "venue"]
    list_filter = ["body", "status"]
    readonly_fields = ["agenda_version"]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "position", "is_exempt"]
    list_filter = ["meeting__body", "is_exempt"]


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["item", "meeting", "is_key_decision"]


# Reports and agenda packs: reports with their history; packs are issued documents, so read-only here.
from .models import AgendaPack, Report  # noqa: E402


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "report_of", "date", "signed_on"]
    list_filter = ["submitted_to"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["item", "signed_by_user"]


@admin.register(AgendaPack)
class AgendaPackAdmin(admin.ModelAdmin):
    list_display = ["meeting", "audience", "version", "page_count", "is_published", "built_at", "built_by"]
    list_filter = ["audience", "is_published"]
    readonly_fields = [f.name for f in AgendaPack._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Decision rules, offices and the scheme of delegation: administrators edit them here, with their history.
from django import forms as django_forms  # noqa: E402

from .delegation_models import (  # noqa: E402
    DecisionRule,
    DecisionShare,
    Delegation,
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

# The portfolio room registers its own models (governance/portfolio/admin.py).
from .portfolio import admin as portfolio_admin  # noqa: E402, F401
