"""Committee business, included by governance/urls.py at /<partnership>/ in the governance namespace (so names
read governance:body, governance:meetings …). The meeting page and the minutes editor are papers' (they show
the meeting's reports and packs): governance/papers/urls.py."""

from django.urls import path

from . import views as c

urlpatterns = [
    # The public site …
    path("committees/<slug:body>/", c.body_detail, name="body"),
    path("committees/<slug:body>/members/", c.body_members, name="body_members"),
    path("members/", c.members, name="members"),
    path("members/<int:person>/", c.person, name="person"),
    path("meetings/", c.meeting_list, name="meetings"),
    path("meetings/new/", c.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting>/minutes/", c.minutes, name="minutes"),
    path("meetings.ics", c.meetings_ics, name="meetings_ics"),
    path("decisions.atom", c.decisions_atom, name="decisions_atom"),
    # … and the committee officer's editors.
    path("meetings/<int:meeting>/edit/", c.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting>/agenda/edit/", c.agenda_edit, name="agenda_edit"),
    path("meetings/<int:meeting>/agenda/items/", c.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:meeting>/agenda/items/<int:item>/", c.agenda_item_edit, name="agenda_item_edit"),
    path(
        "meetings/<int:meeting>/agenda/items/<int:item>/remove/",
        c.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path("meetings/<int:meeting>/agenda/items/<int:item>/move/", c.agenda_item_move, name="agenda_item_move"),
    path(
        "meetings/<int:meeting>/agenda/items/<int:item>/minutes-of/",
        c.agenda_item_minutes_of,
        name="agenda_item_minutes_of",
    ),
    path("meetings/<int:meeting>/agenda/order/", c.agenda_reorder, name="agenda_reorder"),
    path("meetings/<int:meeting>/agenda/publish/", c.agenda_publish, name="agenda_publish"),
    path("actions/", c.actions, name="actions"),
    path("actions/<int:action>/", c.action_update, name="action_update"),
]
