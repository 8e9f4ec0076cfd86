"""The committee officer's home page lists the meetings to come with every deadline (the forward plan notice
of key decisions, 28 clear days; publication, 5 clear working days; deputation requests) and what is still
missing (reports not signed off or not written, key decisions without notice), in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.calendar import latest_publication_date
from governance.committees import services
from governance.delegations.decision_rules import latest_notice_date
from governance.papers.deadlines import upcoming_deadlines

from ..conftest import add_business

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(demo):
    from governance.demo import load_live_meeting

    return load_live_meeting(today=date.today())


def test_the_officers_home_lists_the_live_meeting_with_its_deadlines_and_what_is_missing(
    live, officer, client
):
    strategy = live.items.get(title="Shared Digital Strategy: final version for approval")
    live.refresh_from_db()
    services.agenda_item_update(item=strategy, version=live.agenda_version, by=officer, is_key_decision=True)
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert "Meetings to come: deadlines and what is missing" in page
    assert f"{live.body.name}, {live.date:%A %-d %B %Y}" in page
    assert (
        f"Key decisions on the forward plan by {latest_notice_date(live.date):%-d %B %Y} (28 clear days)"
        in page
    )
    assert (
        f"Publish the agenda by {latest_publication_date(live.date):%-d %B %Y} (5 clear working days)" in page
    )
    assert f"By {live.deputation_deadline:%-d %B %Y}" in page
    assert (
        "Item 8, “Shared Digital Strategy: final version for approval”: the report is not signed off." in page
    )
    assert "Item 9, “Shared Digital Finance Update”: the report is not signed off." in page
    assert "Item 11, “Managed wide area network: award of the contract”: the report is to follow" in page
    # The strategy, just ticked, has no notice; the contract award's notice was given in time.
    assert (
        "Item 8, “Shared Digital Strategy: final version for approval”, is a key decision: it has no" in page
    )
    assert "“Managed wide area network: award of the contract”, is a key decision" not in page


def test_other_roles_see_no_meeting_deadlines(live, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="finance.camden"))
    assert "Meetings to come: deadlines" not in client.get("/").content.decode()


def test_the_deadlines_take_a_fixed_number_of_queries(live, sd, jc, officer):
    with CaptureQueriesContext(connection) as one:
        assert len(upcoming_deadlines(sd, date.today())) == 1
    for weeks in (8, 10, 12):
        meeting = services.meeting_create(
            body=jc, date=date.today() + timedelta(weeks=weeks), venue="Town Hall", by=officer
        )
        add_business(meeting, officer, "Key paper", is_key_decision=True, report_of="CDIO")
    with CaptureQueriesContext(connection) as four:
        deadlines = upcoming_deadlines(sd, date.today())
    assert len(deadlines) == 4 and len(four) == len(one)
    assert all(d.missing for d in deadlines[1:])
