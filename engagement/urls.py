from django.urls import path

from . import feeds, views

app_name = "engagement"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search.atom", feeds.search_atom, name="search_atom"),
]
