"""The JSON API has the partnership's people and their memberships (seats over time), public only: a person's
detail carries their seats and the attendance figures from the published minutes, with an ETag and 304."""

from governance.committees import services

from ..conftest import member

API = "/api/v1/partnerships/shared-digital/"


def test_people_and_memberships_are_in_the_api(client, jc):
    people = client.get(f"{API}people/").json()
    hull = next(p for p in people if p["name"] == "Andy Hull")
    assert hull["title"] == "Councillor" and hull["council"]["code"] == "LBI"
    assert hull["ward"] == "" and hull["party"] == ""  # the seed does not say: left blank
    assert hull["web_url"].endswith(f"/shared-digital/members/{hull['id']}/")
    memberships = client.get(f"{API}memberships/").json()
    blackwell = next(m for m in memberships if m["name"] == "Councillor Theo Blackwell")
    assert (blackwell["role"], blackwell["start"], blackwell["end"]) == ("member", "2017-05-01", "2017-10-19")
    assert blackwell["body"]["slug"] == "shared-digital-joint-committee"
    assert len(memberships) == 10 and len(people) == 10


def test_a_persons_detail_has_seats_and_attendance_and_answers_304(client, jc, officer, held):
    hull = member(jc, "Councillor Andy Hull")
    services.attendance_record(meeting=held, member=hull, status="present", by=officer)
    services.minutes_publish_draft(meeting=held, by=officer)
    response = client.get(f"{API}people/{hull.person_id}/")
    data = response.json()
    assert [m["body"]["slug"] for m in data["memberships"]] == ["shared-digital-joint-committee"]
    assert data["attendance"] == {
        "expected": 1,
        "present": 1,
        "apologies": 0,
        "substitute_sent": 0,
        "absent": 0,
        "as_substitute": 0,
        "rate": 100,
    }
    again = client.get(f"{API}people/{hull.person_id}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_unknown_people_and_parameters_are_refused(client, jc):
    assert client.get(f"{API}people/999999/").status_code == 404
    assert client.get(f"{API}people/?name=x").status_code == 400
    assert client.get(f"{API}memberships/?body=x").status_code == 400
