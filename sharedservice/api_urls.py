"""The JSON API, version 1, mounted at /api/v1/: each app's api.py, the OpenAPI schema and its docs page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import finance.urls  # noqa: F401 - registers the financial year converter (fy)
from finance import api as finance
from governance.committees import api as committees
from governance.delegations import api as delegations
from governance.papers import api as papers
from governance.partners import api as partners
from procurement import api as procurement
from staffing import api as staffing

app_name = "api"

P = "partnerships/<slug:partnership>/"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("partnerships/", partners.PartnershipList.as_view(), name="partnerships"),
    path(P, partners.PartnershipDetail.as_view(), name="partnership"),
    path(P + "bodies/", committees.BodyList.as_view(), name="bodies"),
    path(P + "meetings/", committees.MeetingList.as_view(), name="meetings"),
    path(P + "meetings/<int:meeting>/", papers.MeetingDetail.as_view(), name="meeting"),
    path(P + "resolutions/", committees.ResolutionList.as_view(), name="resolutions"),
    path(P + "officer-decisions/", delegations.OfficerDecisionList.as_view(), name="officer_decisions"),
    path(
        P + "officer-decisions/<int:decision>/",
        delegations.OfficerDecisionDetail.as_view(),
        name="officer_decision",
    ),
    path(P + "forward-plan/", delegations.ForwardPlan.as_view(), name="forward_plan"),
    path(P + "contracts/", procurement.ContractList.as_view(), name="contracts"),
    path(P + "posts/", staffing.PostList.as_view(), name="posts"),
    # Finance: a token (Authorization: Token <key>) of a user who may read the partnership's finance pages.
    path(P + "finance/statements/", finance.StatementList.as_view(), name="finance_statements"),
    path(
        P + "finance/statements/<int:statement_id>/",
        finance.StatementDetail.as_view(),
        name="finance_statement",
    ),
    path(P + "finance/<fy:year>/budget/", finance.Budget.as_view(), name="finance_budget"),
    path(P + "finance/<fy:year>/forecast/", finance.Forecast.as_view(), name="finance_forecast"),
    path(P + "finance/<fy:year>/actuals/", finance.Actuals.as_view(), name="finance_actuals"),
]
