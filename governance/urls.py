"""Partnership pages: the project's urls mount these under /<partnership slug>/ in the governance namespace.
Each room lists its own pages in its urls.py; this module only gathers them (the rooms' urls have no namespace
of their own, so every name reads governance:<name>)."""

from django.urls import include, path

app_name = "governance"

urlpatterns = [
    path("", include("governance.partners.urls")),
    path("", include("governance.committees.urls")),
    path("", include("governance.delegations.urls")),
    path("", include("governance.papers.urls")),
    path("portfolio/", include("governance.portfolio.urls")),
]
