"""Every page bench/pages.py measures runs the same number of queries when its data doubles: built with the
benchmark's own data builder (bench/data.py) at a small size, then at twice the rows."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.data import Sizes, bench_pages, build

SMALL = Sizes(
    partnerships=2,
    councils_each=3,
    years=1,
    meetings=6,
    items_each=4,
    resolutions=10,
    officer_decisions=8,
    forward_plan=4,
    ledger_lines=120,
    posts=12,
    contracts=10,
)
# Twice the rows of everything a page lists: meetings, items, resolutions, decisions, forward plan entries,
# ledger lines, and (with twice the years) statements and the history rows of all of them.
DOUBLE = Sizes(
    partnerships=2,
    councils_each=3,
    years=2,
    meetings=12,
    items_each=8,
    resolutions=20,
    officer_decisions=16,
    forward_plan=8,
    ledger_lines=240,
    posts=24,
    contracts=20,
)


def _counts(client):
    counts = {}
    for label, path, username in bench_pages():
        client.logout()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        client.get(path)  # the first request of a session may save it
        cache.clear()  # count the queries of the page itself, not of a cached copy
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (label, path, response.status_code)
        # The change history reads each kind of record on its page in one query (with the versions before and
        # every related row its labels, links and field changes name): its queries follow the kinds of
        # record shown, at most the kinds there are, never the rows.
        kinds = response.context.get("kinds_on_page", 0) if response.context is not None else 0
        counts[label] = len(ctx) - kinds
    return counts


@pytest.mark.django_db
def test_every_benchmarked_page_runs_the_same_queries_when_its_rows_double(client):
    build(SMALL, out=io.StringIO(), progress=False)
    small = _counts(client)
    build(DOUBLE, out=io.StringIO(), progress=False)
    double = _counts(client)
    assert len(small) == 23  # the 18 pages and API reads, and 5 OParl lists and objects
    assert small == double


@pytest.mark.django_db
def test_the_benchmark_data_builds_once(client):
    build(SMALL, out=io.StringIO(), progress=False)
    again = build(SMALL, out=io.StringIO(), progress=False)
    assert set(again.values()) == {"kept"}
