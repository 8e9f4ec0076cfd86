"""The portfolio's URLs, mounted by governance/urls.py under /<partnership>/portfolio/ in the governance
namespace (so names read governance:portfolio, governance:risks …)."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.portfolio, name="portfolio"),
    path("programmes/<slug:programme>/", v.programme, name="programme"),
    path("projects/<int:project>/", v.project, name="project"),
    path("projects/<int:project>/edit/", v.project_edit, name="project_edit"),
    path("projects/<int:project>/highlights/new/", v.highlight_create, name="highlight_create"),
    path("gateway/", v.proposals, name="proposals"),
    path("gateway/new/", v.proposal_create, name="proposal_create"),
    path("gateway/<int:project>/score/", v.proposal_score, name="proposal_score"),
    path("gateway/<int:project>/decision/", v.proposal_decide, name="proposal_decide"),
    path("gateway/<int:project>/table/", v.proposal_table, name="proposal_table"),
    path("highlights/", v.highlights, name="highlights"),
    path("highlights/pack/", v.delivery_pack_build, name="delivery_pack_build"),
    path("risks/", v.risks, name="risks"),
    path("risks/new/", v.risk_create, name="risk_create"),
    path("risks/<int:risk>/", v.risk_edit, name="risk_edit"),
]
