"""The queue of parallel decisions a partner council must take (seed: the Haringey Cabinet Member's queue of
awards where Haringey's contribution is £500,000 or above), awaited until recorded."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.delegations import services

from ..delegation_helpers import cio, save_decision, shares_with_haringey

pytestmark = pytest.mark.django_db
URL = "/shared-digital/officer-decisions/parallel/"


def test_the_queue_shows_awaited_then_recorded_parallel_decisions(demo, client):
    client.force_login(get_user_model().objects.get(username="member"))
    decision, _ = save_decision(shares=shares_with_haringey("500000.00"), title="Award needing Haringey")
    save_decision(shares=shares_with_haringey("499999.99"), title="Award below Haringey's threshold")
    page = client.get(URL, {"council": "LBH"}).content.decode()
    assert "Award needing Haringey" in page and "Awaited</strong>" in page
    assert "Award below Haringey" not in page
    services.parallel_decision_record(
        parallel=decision.parallel_decisions.get(), decided_on=date(2018, 2, 27), by=cio(), reference="CM-7"
    )
    page = client.get(URL).content.decode()
    assert "27 Feb 2018 (CM-7)" in page and "None awaited." in page
    assert client.get(URL, {"council": "NOPE"}).status_code == 400


def test_the_queue_runs_a_fixed_number_of_queries(demo, client):
    client.force_login(get_user_model().objects.get(username="auditor"))
    counts = []
    for n in (1, 5):
        for i in range(n):
            save_decision(shares=shares_with_haringey("500000.00"), title=f"Award {n}-{i}")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_the_public_cannot_see_the_queue(demo, client):
    assert client.get(URL).status_code == 302
