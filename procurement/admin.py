from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Contract, ContractShare, ExtensionOption, ProcurementThreshold, Supplier


class ShareInline(admin.TabularInline):
    model = ContractShare
    extra = 0


class ExtensionInline(admin.TabularInline):
    model = ExtensionOption
    extra = 0


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    """Read-mostly: contracts are saved through procurement.services (the register's pages), which check the
    shares, options and award; the admin shows them with their history."""

    list_display = [
        "reference",
        "title",
        "partnership",
        "supplier",
        "total_value",
        "end_date",
        "status",
        "award",
    ]
    list_filter = ["partnership", "category", "route", "status", "award"]
    search_fields = ["reference", "title", "supplier__name"]
    inlines = [ShareInline, ExtensionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Supplier)
class SupplierAdmin(SimpleHistoryAdmin):
    list_display = ["name", "company_number", "charity_number", "is_sme", "is_vcs"]
    search_fields = ["name", "company_number"]


@admin.register(ProcurementThreshold)
class ProcurementThresholdAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "amount", "vat_inclusive", "effective_from", "effective_to", "regime"]
    list_filter = ["kind", "regime"]
