"""Every page bench/pages.py measures runs the same number of queries when its data doubles: built with the
benchmark's own data builder (bench/data.py) at a small size, then at twice the rows."""

import io

import pytest
from django.contrib.auth import get_user_model
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
    posts=0,
    contracts=0,
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
    posts=0,
    contracts=0,
)


def _counts(client):
    counts = {}
    for label, path, username in bench_pages():
        client.logout()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        client.get(path)  # the first request of a session may save it
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (label, path, response.status_code)
        counts[label] = len(ctx)
    return counts


@pytest.mark.django_db
def test_every_benchmarked_page_runs_the_same_queries_when_its_rows_double(client):
    build(SMALL, out=io.StringIO(), progress=False)
    small = _counts(client)
    build(DOUBLE, out=io.StringIO(), progress=False)
    double = _counts(client)
    assert len(small) == 9
    assert small == double


@pytest.mark.django_db
def test_the_benchmark_data_builds_once(client):
    build(SMALL, out=io.StringIO(), progress=False)
    again = build(SMALL, out=io.StringIO(), progress=False)
    assert {note for label, note in again.items() if label != "Posts and contracts"} == {"kept"}
