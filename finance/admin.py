from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BudgetLine,
    BudgetRevision,
    ControlTotal,
    Forecast,
    OneOffCost,
    RechargeStatement,
    SavingsTarget,
    Settlement,
)


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "year", "council", "line", "opening", "amount"]
    list_filter = ["partnership", "year", "line"]


@admin.register(BudgetRevision)
class BudgetRevisionAdmin(SimpleHistoryAdmin):
    list_display = ["budget_line", "effective", "previous", "amount", "reason"]


@admin.register(ControlTotal, Forecast, SavingsTarget, OneOffCost, Settlement)
class FinanceAdmin(SimpleHistoryAdmin):
    pass


@admin.register(RechargeStatement)
class RechargeStatementAdmin(SimpleHistoryAdmin):
    """Read-only: statements are drafted and issued by the services, never edited by hand."""

    list_display = [
        "__str__",
        "partnership",
        "year",
        "period",
        "council",
        "sequence",
        "kind",
        "status",
        "net",
    ]
    list_filter = ["partnership", "year", "period", "status"]
    exclude = ["pdf"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
