from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

# Reports and agenda packs: reports with their history; packs are issued documents, so read-only here.
from .models import AgendaPack, Report


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
