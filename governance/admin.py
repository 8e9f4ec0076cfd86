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
