"""The partnership's own page, included by governance/urls.py at /<partnership>/ in the governance namespace
(so its name reads governance:partnership)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.partnership_detail, name="partnership"),
]
