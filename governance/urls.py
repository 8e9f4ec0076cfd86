from django.urls import include, path

from governance.committees import views as c
from governance.delegations import views as d
from governance.papers import meeting_views as m
from governance.papers import views as r
from governance.papers import withdrawal_views as wv
from governance.partners import views

app_name = "governance"

# Partnership pages; the project's urls mount these under /<partnership slug>/.

urlpatterns = [
    path("", views.partnership_detail, name="partnership"),
    # Committee business: the public site …
    path("committees/<slug:body>/", c.body_detail, name="body"),
    path("committees/<slug:body>/members/", c.body_members, name="body_members"),
    path("members/", c.members, name="members"),
    path("members/<int:person>/", c.person, name="person"),
    path("meetings/", c.meeting_list, name="meetings"),
    path("meetings/new/", c.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting>/", m.meeting_detail, name="meeting"),
    path("meetings/<int:meeting>/minutes/", c.minutes, name="minutes"),
    path("decisions/", d.decision_list, name="decisions"),
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
    path("meetings/<int:meeting>/minutes/edit/", m.minutes_edit, name="minutes_edit"),
    path("actions/", c.actions, name="actions"),
    path("actions/<int:action>/", c.action_update, name="action_update"),
    # Reports, agenda packs and the PDFs of single documents.
    path("meetings/<int:meeting>/papers/", r.papers, name="papers"),
    path("meetings/<int:meeting>/papers/build/", r.pack_build, name="pack_build"),
    path("meetings/<int:meeting>/papers/packs/<int:pack>/", r.pack_download, name="pack_download"),
    path("meetings/<int:meeting>/agenda.pdf", r.front_sheet_pdf, name="front_sheet_pdf"),
    path("meetings/<int:meeting>/supplements/<int:number>.pdf", wv.supplement_pdf, name="supplement_pdf"),
    path(
        "meetings/<int:meeting>/withdraw/<slug:kind>/<int:target>/",
        wv.withdraw_confirm,
        name="withdraw_confirm",
    ),
    path("meetings/<int:meeting>/minutes.pdf", r.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:meeting>/items/<int:item>/report/", r.report_detail, name="report_detail"),
    path("meetings/<int:meeting>/items/<int:item>/report.pdf", r.report_pdf, name="report_pdf"),
    path("meetings/<int:meeting>/items/<int:item>/report/edit/", r.report_edit, name="report_edit"),
    path(
        "meetings/<int:meeting>/items/<int:item>/report/sign-off/", r.report_sign_off, name="report_sign_off"
    ),
    path("meetings/<int:meeting>/items/<int:item>/report/appendices/", r.appendix_add, name="appendix_add"),
    path(
        "meetings/<int:meeting>/items/<int:item>/report/appendices/<int:appendix>/",
        r.appendix_file,
        name="appendix_file",
    ),
    path(
        "meetings/<int:meeting>/items/<int:item>/report/appendices/<int:appendix>/remove/",
        r.appendix_remove,
        name="appendix_remove",
    ),
    path(
        "meetings/<int:meeting>/items/<int:item>/decision.pdf",
        r.decision_notice_pdf,
        name="decision_notice_pdf",
    ),
    # Delegations, officer decisions and the forward plan.
    path("delegations/", d.delegations, name="delegations"),
    path("forward-plan/", d.forward_plan, name="forward_plan"),
    path("forward-plan.ics", d.forward_plan_ics, name="forward_plan_ics"),
    path("forward-plan/new/", d.forward_plan_entry_create, name="forward_plan_entry_create"),
    path(
        "meetings/<int:meeting>/agenda/items/<int:item>/forward-plan/",
        d.agenda_item_forward_plan,
        name="agenda_item_forward_plan",
    ),
    path("officer-decisions/", d.officer_decisions, name="officer_decisions"),
    path("officer-decisions/parallel/", d.parallel_decisions, name="parallel_decisions"),
    path("officer-decisions/new/", d.officer_decision_create, name="officer_decision_create"),
    path("officer-decisions/<int:decision>/", d.officer_decision, name="officer_decision"),
    path("officer-decisions/<int:decision>/edit/", d.officer_decision_edit, name="officer_decision_edit"),
    path("officer-decisions/<int:decision>/take/", d.officer_decision_take, name="officer_decision_take"),
    path(
        "officer-decisions/<int:decision>/parallel/<int:parallel>/",
        d.parallel_decision_record,
        name="parallel_decision_record",
    ),
    # The shared technology portfolio (governance/portfolio/).
    path("portfolio/", include("governance.portfolio.urls")),
]
