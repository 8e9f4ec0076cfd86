"""The forward plan: key decisions to come, per partnership and per council, on the public site and as an
iCalendar feed; urgent entries record who agreed and why."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ..delegation_helpers import cio, council, forward_plan_entry

pytestmark = pytest.mark.django_db
URL = "/shared-digital/forward-plan/"


def test_the_demo_forward_plan_holds_the_key_decisions_of_30_october_2017(demo, client):
    page = client.get(URL, {"all": "1"}).content.decode()
    assert "SD/2017/01" in page and "Network service transformation" in page
    assert "SD/2017/02" in page and "case management" in page
    assert "30 Oct 2017" in page and "Shared Digital Joint Committee" in page
    # Without asking, the page shows what is coming and, grouped apart, the latest that fell due.
    page = client.get(URL).content.decode()
    assert "No key decisions are due from today on." in page
    assert page.index("Coming up") < page.index("Fell due recently") < page.index("SD/2017/01")


def test_the_plan_per_council_and_a_bad_council_is_a_400(demo, client):
    soon = timezone.localdate() + timedelta(days=40)
    forward_plan_entry(published_on=timezone.localdate(), decision_due=soon)  # key for Haringey only
    assert "SD/2018/01" in client.get(URL, {"council": "LBH"}).content.decode()
    assert "SD/2018/01" not in client.get(URL, {"council": "LBC"}).content.decode()
    assert client.get(URL, {"council": "NOPE"}).status_code == 400


def test_the_ical_feed_has_one_event_per_key_decision(demo, client):
    response = client.get("/shared-digital/forward-plan.ics", {"all": "1"})
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20171030" in body
    assert client.get("/shared-digital/forward-plan.ics", {"council": "NOPE"}).status_code == 400


def test_urgency_is_shown_with_who_agreed_and_why(demo, client):
    soon = timezone.localdate() + timedelta(days=10)
    forward_plan_entry(
        published_on=timezone.localdate(),
        decision_due=soon,
        urgency="special_urgency",
        urgency_agreed_by="Chair of Overview and Scrutiny",
        urgency_reason="The network supplier's price holds only until the end of the month.",
    )
    page = client.get(URL).content.decode()
    assert "Special urgency (regulation 11), agreed by Chair of Overview and Scrutiny" in page


def test_the_cio_adds_an_entry_and_an_urgent_one_without_reasons_is_refused(demo, client):
    client.force_login(cio())
    data = {
        "reference": "SD/2026/09",
        "title": "Print room services award",
        "decision_maker": "Chief Digital and Information Officer",
        "councils": [council("LBH").pk],
        "decision_due": (date.today() + timedelta(days=35)).isoformat(),
        "published_on": date.today().isoformat(),
        "urgency": "general_exception",
    }
    response = client.post(URL + "new/", data)
    assert (
        response.status_code == 200
        and "Record who agreed to the urgency and why." in response.content.decode()
    )
    data.update(urgency="")
    assert client.post(URL + "new/", data).status_code == 302
    assert "Print room services award" in client.get(URL).content.decode()


def test_the_public_cannot_add_entries(demo, client):
    response = client.post(URL + "new/", {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
