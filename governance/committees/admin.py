from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

# Committee business: bodies, their terms of reference and members are maintained here by administrators.
from .models import AgendaItem, Body, BodyMember, ChairAppointment, Meeting, Resolution, TermsOfReference


class TermsInline(admin.StackedInline):
    model = TermsOfReference
    extra = 0


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "kind", "chair_rule", "quorum"]
    list_filter = ["partnership", "kind"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TermsInline, BodyMemberInline]


@admin.register(BodyMember)
class BodyMemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "person", "body", "council", "kind", "start", "end"]
    list_filter = ["body", "kind", "council"]
    autocomplete_fields = ["person"]


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
