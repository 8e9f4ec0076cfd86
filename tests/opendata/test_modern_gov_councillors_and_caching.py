"""More of the Modern.gov web service: GetCouncillorsByWard (every member sitting on the partnership's bodies by
their council's ward), GetCommitteesByUser(lUserId), GetAllMeetingsByDate(sStartDate, sEndDate), `isrestricted`
on each agenda item, draft minutes marked as draft, and ETag / Last-Modified with 304 on every operation. The
`moderngov` client from PyPI reads the councillors (its -w ward listing, run as its command) and a councillor's
committees from a live server; bad input is an XML 400 or 404, never a 500."""

import importlib
import subprocess
import sys
from datetime import date, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest
from django.contrib.auth import get_user_model

from governance.committees import services
from governance.models import BodyMember, Meeting, Person

BASE = "/shared-digital/mgWebService.asmx"
OPERATIONS = (
    "",
    "/GetCommittees",
    "/GetMeetings",
    "/GetAllMeetingsByDate?sStartDate=01/01/2017&sEndDate=31/12/2018",
    "/GetCouncillorsByWard",
)


def xml(client, path, **headers):
    response = client.get(path, **headers)
    return response, ET.fromstring(response.content) if response.content else None


def hull():
    return Person.objects.get(name="Andy Hull")


@pytest.mark.django_db
def test_councillors_by_ward_lists_who_sits_now_grouped_by_their_councils_ward(client, demo):
    Person.objects.filter(name="Andy Hull").update(
        ward="Highbury", party="Labour", email="andy.hull@example.org"
    )
    response, root = xml(client, f"{BASE}/GetCouncillorsByWard")
    assert response.status_code == 200 and root.tag == "councillorsbyward"
    wards = {w.findtext("wardtitle"): w for w in root.iter("ward")}
    assert "Highbury" in wards and "London Borough of Camden (ward not recorded)" in wards
    (andy,) = wards["Highbury"].iter("councillor")
    assert andy.findtext("councillorid") == str(hull().pk)
    assert andy.findtext("fullusername") == "Councillor Andy Hull"
    assert (
        andy.findtext("politicalpartytitle") == "Labour" and andy.findtext("email") == "andy.hull@example.org"
    )
    assert andy.findtext("termsofoffice/termofoffice/startdate") == "01/05/2017"
    names = [c.findtext("fullusername") for c in root.iter("councillor")]
    assert "Councillor Danny Beales" in names and "Councillor Theo Blackwell" not in names  # left in 2017
    assert len(names) == 9  # six members and three substitutes sit today


@pytest.mark.django_db
def test_committees_by_user_gives_a_councillors_seats_and_unknown_ids_are_404s(client, demo):
    response, root = xml(client, f"{BASE}/GetCommitteesByUser?lUserId={hull().pk}")
    assert response.status_code == 200 and root.findtext("fullusername") == "Councillor Andy Hull"
    (committee,) = root.iter("committee")
    assert committee.findtext("committeetitle") == "Shared Digital Joint Committee"
    assert (committee.findtext("memberrole"), committee.findtext("iscurrent")) == ("Member", "True")
    _, lower = xml(client, f"{BASE}/getcommitteesbyuser?LUSERID={hull().pk}")
    assert lower.findtext("councillorid") == str(hull().pk)
    stranger = Person.objects.create(council=hull().council, name="Sits Nowhere")
    for query, status in (
        (f"lUserId={stranger.pk}", 404),
        ("lUserId=999999", 404),
        ("lUserId=abc", 400),
        ("lUserId=", 400),
        ("lUserId=99999999999999999999999", 400),
    ):
        response, root = xml(client, f"{BASE}/GetCommitteesByUser?{query}")
        assert (response.status_code, root.tag) == (status, "error"), query


@pytest.mark.django_db
def test_all_meetings_by_date_needs_both_dates_in_order(client, demo):
    response, root = xml(client, f"{BASE}/GetAllMeetingsByDate?sStartDate=01/06/2017&sEndDate=31/10/2017")
    assert response.status_code == 200
    assert [m.findtext("meetingdate") for m in root.iter("meeting")] == ["19/06/2017", "30/10/2017"]
    assert {m.findtext("committeetitle") for m in root.iter("meeting")} == {"Shared Digital Joint Committee"}
    for query in (
        "sStartDate=01/06/2017",
        "sEndDate=01/06/2017",
        "sStartDate=31/10/2017&sEndDate=01/06/2017",
        "sStartDate=32/01/2017&sEndDate=01/06/2018",
    ):
        response, root = xml(client, f"{BASE}/GetAllMeetingsByDate?{query}")
        assert (response.status_code, root.tag) == (400, "error"), query


@pytest.mark.django_db
def test_exempt_items_are_restricted_and_draft_minutes_say_they_are_draft(client, demo):
    from tests.governance.conftest import add_business

    officer = get_user_model().objects.get(username="officer")
    body = Meeting.objects.get(date=date(2017, 6, 19)).body
    meeting = services.meeting_create(
        body=body, date=date.today() + timedelta(days=30), venue="Hall", by=officer
    )
    add_business(meeting, officer, "Open business")
    add_business(
        meeting, officer, "Secret terms", is_exempt=True, exempt_paragraph=3, public_title="Contract matter"
    )
    services.agenda_publish(meeting=meeting, by=officer)
    Meeting.objects.filter(pk=meeting.pk).update(
        date=date.today() - timedelta(days=3), deputation_deadline=date.today() - timedelta(days=7)
    )
    meeting.refresh_from_db()
    services.meeting_mark_held(meeting=meeting, by=officer)
    webbe = BodyMember.objects.get(body=body, name="Councillor Claudia Webbe")
    shaikh = BodyMember.objects.get(body=body, name="Councillor Asima Shaikh")
    services.attendance_record_meeting(
        meeting=meeting, marks={webbe: ("substitute_sent", shaikh)}, by=officer
    )
    open_item = meeting.items.get(title="Open business")
    services.minute_entry_save(item=open_item, discussion="Members discussed it.", by=officer)
    services.minutes_publish_draft(meeting=meeting, by=officer)
    _, root = xml(client, f"{BASE}/GetMeeting?lMeetingId={meeting.pk}")
    restricted = {i.findtext("agendaitemtitle"): i.findtext("isrestricted") for i in root.iter("agendaitem")}
    assert restricted["Contract matter"] == "True" and restricted["Open business"] == "False"
    assert "Secret terms" not in ET.tostring(root, encoding="unicode")
    assert root.findtext("minutepublished") == "True" and root.findtext("minutesdraft") == "True"
    body_html = next(
        i.findtext("minutesnonemptyhtmlbody")
        for i in root.iter("agendaitem")
        if i.findtext("agendaitemtitle") == "Open business"
    )
    assert body_html.startswith("<p><em>Draft minutes") and "Members discussed it." in body_html
    attendance = {a.get("name"): a.get("attendance") for a in root.iter("attendee")}
    assert attendance == {
        "Councillor Claudia Webbe": "Apologies, sent substitute",
        "Councillor Asima Shaikh": "Present as substitute",
    }
    assert {a.get("memberid") for a in root.iter("attendee")} == {str(webbe.person_id), str(shaikh.person_id)}


@pytest.mark.django_db
def test_every_operation_has_an_etag_and_last_modified_and_answers_304(client, demo):
    june = Meeting.objects.get(date=date(2017, 6, 19))
    for path in (
        *OPERATIONS,
        f"/GetMeeting?lMeetingId={june.pk}",
        f"/GetCommitteesByUser?lUserId={hull().pk}",
    ):
        first = client.get(BASE + path)
        assert first.status_code == 200 and first["ETag"] and first["Last-Modified"], path
        again = client.get(BASE + path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"], path
        since = client.get(BASE + path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304, path
        stale = client.get(BASE + path, HTTP_IF_NONE_MATCH='"something-else"')
        assert stale.status_code == 200, path
    before = client.get(f"{BASE}/GetCouncillorsByWard")
    Person.objects.get(name="Andy Hull").save()  # a change the answer could show moves Last-Modified
    Person.objects.filter(name="Andy Hull").update(party="Labour")
    after = client.get(f"{BASE}/GetCouncillorsByWard", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    for bad in ("Mon, 99 Foo 2017 00:00:00 GMT", "x" * 500):
        assert client.get(f"{BASE}/GetCommittees", HTTP_IF_MODIFIED_SINCE=bad).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_moderngov_client_reads_councillors_by_ward_and_a_councillors_committees(
    live_server, demo, tmp_path, monkeypatch
):
    # (xmltodict, which the client uses, reads a ward of one councillor as a dict, and the client's flat list of
    # councillors then breaks, as it would on a council's own site: every ward here has several.)
    Person.objects.filter(name__in=["Andy Hull", "Claudia Webbe", "Asima Shaikh"]).update(ward="Highbury")
    site = f"http://127.0.0.1:{urlsplit(live_server.url).port}/shared-digital"
    # Its command line: `moderngov <site> -w` prints the wards of GetCouncillorsByWard (its cache in tmp_path).
    listing = subprocess.run(
        [sys.executable, "-c", "from moderngov.mgq import run; run()", site, "-w"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    wards = listing.stdout.splitlines()
    assert "Highbury" in wards and "London Borough of Haringey (ward not recorded)" in wards
    monkeypatch.chdir(tmp_path)
    mg = importlib.import_module("moderngov.api")
    mg.cache.clear()
    client = mg.ModerngovApi(site)
    councillors = client.councillors.list()
    assert "Councillor Andy Hull" in [c["fullusername"] for c in councillors]
    andy = next(c for c in councillors if c["fullusername"] == "Councillor Andy Hull")
    committees = client.committees.by_member(int(andy["councillorid"]))["committeesbyuser"]
    assert committees["fullusername"] == "Councillor Andy Hull"
    assert committees["committees"]["committee"]["committeetitle"] == "Shared Digital Joint Committee"
