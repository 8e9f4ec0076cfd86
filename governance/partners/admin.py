from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import Council, HostAuthority, Membership, Partnership, Person, RoleAssignment


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind"]
    search_fields = ["name", "code"]
    # A website typed without a scheme is read as https:// (Django 6's default; says so now, without a warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Person)
class CouncillorAdmin(SimpleHistoryAdmin):
    """Councillors and co-opted members: their ward, party, public e-mail and register entry are kept here (their
    seats on the bodies are the committee officers', on each body's page)."""

    list_display = ["name", "title", "council", "kind", "ward", "party"]
    list_filter = ["council", "kind"]
    search_fields = ["name", "ward", "party"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


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


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]
