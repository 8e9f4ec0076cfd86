"""The dashboard's links, reversed once per page rather than once per row (a `{% url %}` per row cost the page
tens of milliseconds): `{% dashboard_links slug year as links %}` gives each page's address, and the address
of a record's page with a stand-in id that `with_id` replaces row by row."""

from django import template
from django.urls import reverse

register = template.Library()

# Stands for a record's id (or a programme's slug) in a reversed address; digits, so every converter takes it.
STAND_IN = "987654321"

PAGES = [
    "finance:statements",
    "staffing:cost",
    "staffing:establishment",
    "staffing:vacancies",
    "staffing:ending",
    "procurement:pipeline",
    "procurement:coterminus",
    "governance:risks",
    "governance:forward_plan",
    "governance:portfolio",
    "governance:parallel_decisions",
    "governance:officer_decisions",
]
YEAR_PAGES = ["finance:budget", "finance:forecast", "finance:savings"]
RECORD_PAGES = [
    "finance:statement",
    "procurement:contract",
    "staffing:post",
    "staffing:restructure",
    "governance:meeting",
    "governance:minutes",
    "governance:officer_decision",
    "governance:programme",
    "governance:project",
]


def _key(name):
    return name.replace(":", "_")


@register.simple_tag
def dashboard_links(slug, year):
    """{"finance_budget": address, …, "procurement_contract": address with the stand-in id, …}."""
    links = {_key(name): reverse(name, args=[slug]) for name in PAGES}
    links.update({_key(name): reverse(name, args=[slug, year]) for name in YEAR_PAGES})
    links.update({_key(name): reverse(name, args=[slug, STAND_IN]) for name in RECORD_PAGES})
    return links


@register.filter
def with_id(address, value):
    """A record page's address (from dashboard_links) for the record with this id or slug."""
    return address.replace(STAND_IN, str(value), 1)
