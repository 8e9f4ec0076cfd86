"""Mounted at /<partnership>/ before governance's pages (sharedservice/urls.py); every path is in the access
table (sharedservice/access.py)."""

from django.urls import path

from . import feeds, search_views, views

app_name = "engagement"

urlpatterns = [
    path("search/", search_views.search, name="search"),
    path("search.atom", feeds.search_atom, name="search_atom"),
    path("alerts/", views.subscribe, name="subscribe"),
    path("alerts/check-your-email/", views.subscribe_sent, name="subscribe_sent"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("alerts/manage/", views.manage_request, name="manage_request"),
    path("alerts/manage/<str:token>/", views.manage, name="manage"),
    path("alerts/privacy/", views.privacy, name="privacy"),
    path("alerts/subscribers/", views.counts, name="counts"),
    path("committees/<slug:body>/feed.atom", views.committee_atom, name="committee_atom"),
    path("forward-plan.atom", views.forward_plan_atom, name="forward_plan_atom"),
]
