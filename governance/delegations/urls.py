"""Delegations, officer decisions, the forward plan and the decisions register, included by governance/urls.py
at /<partnership>/ in the governance namespace (so names read governance:decisions, governance:forward_plan …)."""

from django.urls import path

from . import views as d

urlpatterns = [
    path("decisions/", d.decision_list, name="decisions"),
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
]
