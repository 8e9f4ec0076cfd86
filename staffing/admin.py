from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DottedLine,
    Grade,
    OnCostRate,
    Placement,
    Post,
    PostHolder,
    Restructure,
    RestructureChange,
    SalaryPoint,
    SecondmentExtension,
)


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 0


class DottedLineInline(admin.TabularInline):
    model = DottedLine
    fk_name = "post"
    extra = 0


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "partnership",
        "team",
        "grade",
        "fte",
        "employing_council",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["partnership", "team", "employing_council", "funding_line"]
    search_fields = ["reference", "title"]
    raw_id_fields = ["reports_to", "created_by_restructure", "deleted_by_restructure"]
    inlines = [PlacementInline, DottedLineInline]


@admin.register(PostHolder)
class PostHolderAdmin(SimpleHistoryAdmin):
    list_display = ["post", "kind", "fte", "start", "end"]
    list_filter = ["kind"]
    raw_id_fields = ["post"]


class RestructureChangeInline(admin.TabularInline):
    model = RestructureChange
    fk_name = "restructure"
    extra = 0
    raw_id_fields = ["post", "reports_to", "reports_to_new"]


@admin.register(Restructure)
class RestructureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "phase", "effective_date", "staff_affected", "state"]
    list_filter = ["partnership", "state"]
    inlines = [RestructureChangeInline]
    readonly_fields = ["state", "applied_at", "applied_by"]


@admin.register(Grade, SalaryPoint, OnCostRate, SecondmentExtension, Placement, DottedLine, RestructureChange)
class StaffingAdmin(SimpleHistoryAdmin):
    pass
