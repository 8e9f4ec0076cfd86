from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

# Reports and agenda packs: reports with their history; packs are issued documents, so read-only here.
from .models import AgendaPack, Report
from .services import REPORT_FIELDS, report_save

SIGN_OFF_FIELDS = ["signed_by", "signed_role", "signed_on", "signed_at", "signed_by_user"]


def report_is_fixed(report):
    """A signed-off report, or one on an agenda already published, is read-only here: its text changes only
    through the report's page, whose service withdraws the sign-off and is in the history."""
    return report.is_signed or report.item.meeting.is_published


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    """Drafts are edited through the same service as the report's page (report_save); signed-off and published
    reports are read-only, the sign-off itself always is, and no version is reverted behind the services'
    back."""

    list_display = ["title", "report_of", "date", "signed_on"]
    list_filter = ["submitted_to"]
    list_select_related = ["item__meeting"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["item"]
    fields = ["item", *[f for f in REPORT_FIELDS], *SIGN_OFF_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        return [*SIGN_OFF_FIELDS, "item"] if obj is not None else SIGN_OFF_FIELDS

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.pk and report_is_fixed(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.pk and report_is_fixed(obj):
            return False
        return super().has_delete_permission(request, obj)

    def revert_disabled(self, request, obj=None):
        return True

    def save_model(self, request, obj, form, change):
        current = Report.objects.select_related("item__meeting").filter(pk=obj.pk).first() if change else None
        if current is not None and report_is_fixed(current):
            raise PermissionDenied("A signed-off or published report is changed only on its own page.")
        fields = {name: form.cleaned_data[name] for name in REPORT_FIELDS if name in form.cleaned_data}
        item = current.item if current is not None else form.cleaned_data["item"]
        saved = report_save(item=item, by=request.user, **fields)
        obj.pk = saved.pk
        obj._state.adding = False


@admin.register(AgendaPack)
class AgendaPackAdmin(admin.ModelAdmin):
    list_display = ["meeting", "audience", "version", "page_count", "is_published", "built_at", "built_by"]
    list_filter = ["audience", "is_published"]
    readonly_fields = [f.name for f in AgendaPack._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
