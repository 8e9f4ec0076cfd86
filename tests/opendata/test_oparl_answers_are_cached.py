"""OParl answers are public pages like any other: an anonymous caller's GET of a body, a list or an object is
served from the public cache until the partnership's public version moves, and a change the public can see is
in the very next answer. Building a list reads the whole partnership; a cached answer is one cache read."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.committees import services

VENUE = "Committee Room 3, Town Hall, Judd Street London WC1H 9JE"  # the future_meeting fixture's
MOVED = "Council Chamber, Islington Town Hall"


def location_of(answer, meeting):
    """The location the answer (a list of meetings or one meeting) gives the meeting."""
    data = answer.json()
    found = [m for m in data.get("data", [data]) if m["id"].endswith(f"/meeting/{meeting.pk}/")]
    assert len(found) == 1
    return found[0]["location"]["description"]


def test_a_list_and_an_object_are_served_from_the_cache_until_the_public_data_changes(
    future_meeting, officer, client, django_assert_max_num_queries
):
    services.agenda_publish(meeting=future_meeting, by=officer)
    body = "/oparl/v1.1/body/shared-digital/"
    urls = [body, f"{body}meeting/", f"{body}meeting/{future_meeting.pk}/"]
    first = {}
    for url in urls:
        with CaptureQueriesContext(connection) as built:
            first[url] = client.get(url)
        assert first[url].status_code == 200, url
        assert len(built) > 2, url  # built from the data
    assert location_of(first[urls[1]], future_meeting) == location_of(first[urls[2]], future_meeting) == VENUE
    for url in urls:
        with django_assert_max_num_queries(1):  # the body's partnership, whose version keys the answer
            again = client.get(url)
        assert again.status_code == 200 and again.content == first[url].content
        assert again["Content-Type"] == first[url]["Content-Type"] == "application/json"
        assert again["Access-Control-Allow-Origin"] == "*"

    services.meeting_update(meeting=future_meeting, venue=MOVED, by=officer)
    for url in urls[1:]:
        assert location_of(client.get(url), future_meeting) == MOVED, url


def test_an_unknown_body_and_bad_input_are_answered_each_time(demo, client):
    for _ in range(2):
        missing = client.get("/oparl/v1.1/body/no-such-body/meeting/")
        assert missing.status_code == 404 and missing.json()["status"] == 404
        bad = client.get("/oparl/v1.1/body/shared-digital/meeting/", {"page": "x"})
        assert bad.status_code == 400 and bad.json()["status"] == 400
