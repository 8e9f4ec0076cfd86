"""The site's URLs plus /bench/bare/, a view that does no work of its own, to time the server and the
middleware alone. Only bench/settings.py routes here; its access rule is added here, not in the site's
access table, so that it exists only while benchmarking."""

from django.http import HttpResponse
from django.urls import include, path

from sharedservice.access import ACCESS, EVERYONE, Rule

ACCESS["bench_bare"] = Rule(read=EVERYONE)


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("sharedservice.urls")),
]
