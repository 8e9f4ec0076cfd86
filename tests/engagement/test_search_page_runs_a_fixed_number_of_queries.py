"""The results page, its feed and the API run the same number of queries for one result as for a full page
(fifty, of sixty)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement.models import SearchDocument
from engagement.search.index import Doc, write

from .conftest import SD


def grow(partnership, n):
    docs = [
        Doc(
            key=f"forward_plan:{900000 + i}",
            kind=SearchDocument.Kind.FORWARD_PLAN,
            title=f"Quillwort procurement {i}",
            body="A quillwort paragraph.",
            date=date(2030, 1, 1) + timedelta(days=i),
            url=f"{SD}/forward-plan/",
        )
        for i in range(n)
    ]
    write(partnership, docs)  # the index then holds these alone (rolled back after the test)


@pytest.mark.parametrize(
    "path",
    [
        f"{SD}/search/?q=quillwort",
        f"{SD}/search/?q=quillwort&sort=newest&type=forward_plan",
        f"{SD}/search.atom?q=quillwort",
        "/api/v1/partnerships/shared-digital/search/?q=quillwort",
    ],
)
def test_one_result_or_a_full_page_cost_the_same_queries(sd, client, path):
    counts = []
    for n in (1, 60):
        grow(sd, n)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200
        assert "Quillwort procurement" in response.content.decode()
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
