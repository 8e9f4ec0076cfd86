"""The portfolio in Django's admin. Programmes and their co-chairs are set up here; projects, gateway
assessments, highlight reports and risks are read-only, since their rules live in services.py (the pages
are where they change)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CoChair, GatewayAssessment, HighlightReport, Programme, Project, Risk


class CoChairInline(admin.TabularInline):
    model = CoChair
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "position", "board", "is_transformational"]
    list_filter = ["partnership"]
    list_select_related = ["partnership", "board"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CoChairInline]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["title", "partnership", "programme", "stage", "rag"]
    list_filter = ["partnership", "stage", "programme"]
    list_select_related = ["partnership", "programme"]
    search_fields = ["title"]


@admin.register(GatewayAssessment)
class GatewayAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["project", "status", "score", "submitted_on", "decided_on"]
    list_select_related = ["project"]


@admin.register(HighlightReport)
class HighlightReportAdmin(ReadOnlyAdmin):
    list_display = ["project", "month", "rag"]
    list_select_related = ["project"]


@admin.register(Risk)
class RiskAdmin(ReadOnlyAdmin):
    list_display = ["description", "partnership", "level", "likelihood", "impact", "status", "review_date"]
    list_filter = ["partnership", "level", "status"]
    list_select_related = ["partnership"]
