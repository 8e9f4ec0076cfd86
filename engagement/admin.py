"""Alert subscriptions in the admin: counts by what is followed; the addresses only for holders of the
administrator role (the admin is theirs alone in the access table, and the check is made here again so that
opening it to others would not show addresses). Read-only: subscribers manage their alerts through signed
links; an administrator may delete one (the address goes with its last subscription)."""

from django.contrib import admin

from governance.roles import Role

from . import services
from .models import Subscription


def _administrator(request):
    return Role.ADMINISTRATOR in getattr(request, "roles", set())


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_filter = ["partnership", "kind", "frequency"]
    list_select_related = ["partnership", "subscriber"]

    def get_list_display(self, request):
        fields = ["__str__", "partnership", "kind", "frequency", "confirmed_at", "last_sent_at"]
        return fields + ["address"] if _administrator(request) else fields

    def get_fields(self, request, obj=None):
        fields = [
            "partnership",
            "kind",
            "body_slug",
            "query",
            "filters",
            "frequency",
            "created_at",
            "confirmed_at",
        ]
        return fields + ["address"] if _administrator(request) else fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description="E-mail address")
    def address(self, obj):
        return obj.subscriber.email

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.subscription_cancel(subscription=obj)

    def delete_queryset(self, request, queryset):
        for subscription in queryset.select_related("subscriber"):
            services.subscription_cancel(subscription=subscription)
