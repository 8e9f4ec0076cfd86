"""Staffing's list pages run the same number of queries whatever the number of posts: twice the rows, the same
queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.audit.versions import current_version
from governance.roles import Role
from staffing import services
from staffing.models import PostHolder


def url(name):
    return reverse(f"staffing:{name}", kwargs={"partnership": "shared-digital"})


@pytest.fixture
def add_rows(post_factory, holder_factory, councils):
    today = timezone.localdate()
    state = {"n": 0}

    def add(n):
        """n teams of: a head, two reports (one filled, one vacant), one agency-covered, one seconded-in post
        ending soon, with dotted lines and placements."""
        for _ in range(n):
            state["n"] += 1
            team = f"Team {state['n']}"
            head = post_factory(title=f"Head {state['n']}", team=team)
            filled = post_factory(team=team, reports_to=head)
            post_factory(team=team, reports_to=head)
            agency = post_factory(team=team, reports_to=head)
            seconded = post_factory(team=team, reports_to=head, employing_council=councils["LBH"])
            holder_factory(post=head)
            holder_factory(post=filled)
            holder_factory(
                post=agency,
                kind=PostHolder.Kind.AGENCY,
                terms_council=None,
                start=today - timedelta(days=10),
                end=today + timedelta(days=20),
                day_rate=Decimal("400"),
            )
            holder_factory(
                post=seconded,
                kind=PostHolder.Kind.SECONDED_IN,
                seconded_from=councils["LBI"],
                terms_council=councils["LBI"],
                start=today - timedelta(days=10),
                end=today + timedelta(days=60),
            )
            services.post_update(
                post=head,
                version=current_version(head),
                by=None,
                works_for=[councils["LBC"]],
                lead_for=[],
                dotted_lines=[filled],
            )

    return add


def _count(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "path",
    ["establishment", "chart", "vacancies", "ending", "restructures", "export", "cost"],
)
def test_list_pages_run_a_fixed_number_of_queries(client, make_user, sd, councils, add_rows, path):
    client.force_login(make_user(Role.STAFFING_OFFICER, sd, councils["LBC"]))
    target = url(path) + ("?year=2017/18" if path == "cost" else "")
    add_rows(3)
    first = _count(client, target)
    add_rows(3)  # twice the rows
    assert _count(client, target) == first


def test_the_post_page_runs_a_fixed_number_of_queries(
    client, make_user, sd, councils, post_factory, holder_factory
):
    client.force_login(make_user(Role.ADMINISTRATOR, None, None))
    post = post_factory(fte=Decimal("10"), effective_from=date(2010, 1, 1))
    holder_factory(post=post, start=date(2010, 1, 1))
    path = reverse("staffing:post", kwargs={"partnership": "shared-digital", "pk": post.pk})
    first = _count(client, path)
    for i in range(2):
        holder_factory(post=post, start=date(2011 + i, 1, 1))
        services.post_update(post=post, version=current_version(post), by=None, title=f"Renamed {i}")
    assert _count(client, path) == first
