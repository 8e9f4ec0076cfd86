"""The JSON API, version 1, mounted at /api/v1/: each app's api.py, the OpenAPI schema and its docs page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import finance.urls  # noqa: F401 - registers the financial year converter (fy)
from engagement import api as engagement
from finance import api as finance
from governance.committees import api as committees
from governance.delegations import api as delegations
from governance.papers import api as papers
from governance.partners import api as partners
from procurement import api as procurement
from staffing import api as staffing

app_name = "api"


def partnership_paths(*routes):
    """(route under /partnerships/<slug>/, view class, name) → URL patterns."""
    return [
        path(f"partnerships/<slug:partnership>/{route}", view.as_view(), name=name)
        for route, view, name in routes
    ]


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("partnerships/", partners.PartnershipList.as_view(), name="partnerships"),
    *partnership_paths(
        ("", partners.PartnershipDetail, "partnership"),
        ("bodies/", committees.BodyList, "bodies"),
        ("meetings/", committees.MeetingList, "meetings"),
        ("meetings/<int:meeting>/", papers.MeetingDetail, "meeting"),
        ("resolutions/", committees.ResolutionList, "resolutions"),
        ("people/", committees.PersonList, "people"),
        ("people/<int:person>/", committees.PersonDetail, "person"),
        ("memberships/", committees.MembershipList, "memberships"),
        ("officer-decisions/", delegations.OfficerDecisionList, "officer_decisions"),
        ("officer-decisions/<int:decision>/", delegations.OfficerDecisionDetail, "officer_decision"),
        ("forward-plan/", delegations.ForwardPlan, "forward_plan"),
        ("contracts/", procurement.ContractList, "contracts"),
        ("posts/", staffing.PostList, "posts"),
        ("search/", engagement.Search, "search"),
        # Finance: a token (Authorization: Token <key>) of a user who may read the partnership's finance pages.
        ("finance/statements/", finance.StatementList, "finance_statements"),
        ("finance/statements/<int:statement_id>/", finance.StatementDetail, "finance_statement"),
        ("finance/statements/<int:statement_id>/e-invoice/", finance.StatementEInvoice, "finance_statement_ubl"),
        ("finance/<fy:year>/budget/", finance.Budget, "finance_budget"),
        ("finance/<fy:year>/forecast/", finance.Forecast, "finance_forecast"),
        ("finance/<fy:year>/actuals/", finance.Actuals, "finance_actuals"),
    ),
]
