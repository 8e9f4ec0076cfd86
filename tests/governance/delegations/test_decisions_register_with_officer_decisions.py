"""Officer decisions appear in the decisions register beside committee resolutions, newest first, with the
same filters; drafts never appear; the list pages run a fixed number of queries whatever the data."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.delegations import services
from governance.models import Body

from ..delegation_helpers import cio, council, forward_plan_entry, save_decision, sd, shares_with_haringey

pytestmark = pytest.mark.django_db
URL = "/shared-digital/decisions/"


def take(**fields):
    decision, _ = save_decision(shares=fields.pop("shares", shares_with_haringey("1")), **fields)
    return services.officer_decision_take(decision=decision, by=cio(), published_on=decision.decided_on)


def test_taken_officer_decisions_sit_beside_resolutions_newest_first(demo, client):
    taken = take(title="Award of the MFD and print room contract", decided_on=date(2017, 7, 3))
    save_decision(shares=shares_with_haringey("1"), title="A draft that is not yet a decision")
    page = client.get(URL).content.decode()
    assert "Award of the MFD and print room contract" in page
    assert "A draft that is not yet a decision" not in page
    # 3 July 2017 comes after the demo's September award and before the June 2017 resolutions.
    assert (
        page.index("Award of the mobile devices, calls and data contract")
        < page.index("Award of the MFD and print room contract")
        < page.index("Shared Digital Mobile Phones/Devices Procurement Strategy")
    )
    assert f"Can take effect {taken.takes_effect_on:%-d %B %Y}" in page


def test_the_registers_filters_apply_to_officer_decisions(demo, client):
    take(title="Small award", shares=shares_with_haringey("1"))
    entry = forward_plan_entry(published_on=date(2018, 1, 1), decision_due=date(2018, 3, 1))
    decision, _ = save_decision(
        title="Key award", shares=shares_with_haringey("500000.00"), forward_plan_entry=entry
    )
    services.parallel_decision_record(
        parallel=decision.parallel_decisions.get(), decided_on=date(2018, 2, 27), by=cio()
    )
    services.officer_decision_take(decision=decision, by=cio(), published_on=date(2018, 3, 1))
    keys = client.get(URL, {"key_decision": "true"}).content.decode()
    assert "Key award" in keys and "Small award" not in keys
    later = client.get(URL, {"date_from": "2018-01-01"}).content.decode()
    assert "Key award" in later and "mobile devices, calls and data" not in later
    words = client.get(URL, {"text": "Small"}).content.decode()
    assert "Small award" in words and "Key award" not in words
    body = Body.objects.get(partnership=sd(), slug="shared-digital-joint-committee")
    assert "Key award" not in client.get(URL, {"body": body.pk}).content.decode()
    assert "Key award" in client.get(URL, {"council": council("LBH").pk}).content.decode()
    assert client.get(URL, {"council": "999999"}).status_code == 400


def _grow(n):
    for i in range(n):
        take(title=f"Grown decision {n}-{i}", decided_on=date(2018, 3, 1))
        forward_plan_entry(
            published_on=date(2026, 1, 1), decision_due=date(2099, 1, 1), reference=f"G/{n}/{i}"
        )


@pytest.mark.parametrize(
    "path",
    [
        URL,
        "/shared-digital/officer-decisions/",
        "/shared-digital/forward-plan/",
        "/shared-digital/delegations/",
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(demo, client, path):
    client.force_login(get_user_model().objects.get(username="auditor"))
    counts = []
    for n in (1, 6):
        _grow(n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_loading_the_demo_twice_changes_nothing(demo):
    from governance import demo as governance_demo
    from governance.models import DecisionRule, Delegation, ForwardPlanEntry

    before = [
        list(M.history.values_list("pk", flat=True)) for M in (DecisionRule, Delegation, ForwardPlanEntry)
    ]
    governance_demo.load()
    after = [
        list(M.history.values_list("pk", flat=True)) for M in (DecisionRule, Delegation, ForwardPlanEntry)
    ]
    assert before == after
    mobile = Delegation.objects.get(title__startswith="Mobile devices")
    assert mobile.granted_by.meeting.date == date(2017, 6, 19)
    assert mobile.to_office.short_name == "CDIO"
    haringey = DecisionRule.objects.get(kind="parallel_decision", council__code="LBH")
    assert haringey.amount == D("500000.00") and haringey.inclusive
