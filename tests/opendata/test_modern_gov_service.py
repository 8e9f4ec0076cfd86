"""The Modern.gov-compatible web service (/<partnership>/mgWebService.asmx/<Operation>) answers as Modern.gov
installs do, so the tools that read them read it unchanged: the real `moderngov` client from PyPI (0.3.0)
reads the committees, the meetings and the demo's 19 June 2017 meeting from the site on a loopback port, and
a plain XML parser finds the same things by element name, as scrapers do. Exempt items appear only as their
public title; a bad operation or parameter is an XML error with status 400, never a 500."""

import importlib
from datetime import date
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest
from django.contrib.auth import get_user_model

from governance.committees import services
from governance.models import Meeting

BASE = "/shared-digital/mgWebService.asmx"


def june_2017():
    return Meeting.objects.get(body__partnership__slug="shared-digital", date=date(2017, 6, 19))


def sign_the_june_minutes():
    """The minutes of 19 June 2017 are approved at the joint committee's next meeting: attendance and the
    minutes' text become public."""
    meeting = june_2017()
    later = (
        Meeting.objects.filter(body=meeting.body, date__gt=meeting.date)
        .exclude(status=Meeting.Status.DRAFT)
        .order_by("date")
        .first()
    )
    services.minutes_approve(meeting=later, by=get_user_model().objects.get(username="officer"))
    return june_2017()


def xml(client, path):
    response = client.get(path)
    assert response["Content-Type"].startswith("text/xml"), path
    return response.status_code, ET.fromstring(response.content)


@pytest.mark.django_db
def test_a_plain_xml_parser_reads_committees_meetings_and_a_meeting_by_element_names(client, demo):
    # Before the minutes are signed, who attended is not public: the serving members are "Expected".
    _, before = xml(client, f"{BASE}/GetMeeting?lMeetingId={june_2017().pk}")
    assert {a.get("attendance") for a in before.iter("attendee")} == {"Expected"}
    assert before.findtext("minutepublished") == "False"
    meeting = sign_the_june_minutes()
    status, committees = xml(client, f"{BASE}/GetCommittees")
    assert status == 200 and committees.tag == "committees"
    titles = [c.findtext("committeetitle") for c in committees.iter("committee")]
    assert "Shared Digital Joint Committee" in titles
    assert {c.findtext("committeedeleted") for c in committees.iter("committee")} == {"False"}

    status, listing = xml(client, f"{BASE}/GetMeetings?lCommitteeId=0&sFromDate=&sToDate=")
    assert status == 200 and listing.tag == "getmeetings"
    dates = [m.findtext("meetingdate") for m in listing.iter("meeting")]
    assert "19/06/2017" in dates
    status, narrowed = xml(
        client, f"{BASE}/GetMeetings?lCommitteeId=0&sFromDate=01/06/2017&sToDate=30/06/2017"
    )
    assert [m.findtext("meetingdate") for m in narrowed.iter("meeting")] == ["19/06/2017"]

    status, root = xml(client, f"{BASE}/GetMeeting?lMeetingId={meeting.pk}")
    assert status == 200 and root.tag == "meeting"
    assert root.findtext("meetingid") == str(meeting.pk) and root.findtext("meetingtime") == "19:30"
    assert root.findtext("minutepublished") == "True" and root.findtext("agendapublished") == "True"
    items = root.findall("agendaitems/agendaitem")
    assert [int(i.findtext("agendaitemnumber")) for i in items] == list(range(1, len(items) + 1))
    attendees = root.findall("attendees/attendee")
    assert attendees and all(a.get("memberid") and a.get("name") for a in attendees)
    assert {a.get("attendance") for a in attendees} <= {"Present", "Apologies"}
    bodies = [i.findtext("minutesnonemptyhtmlbody") for i in items]
    assert any(b and b.startswith("<p>") for b in bodies)  # the signed minutes' text, as HTML
    for doc in root.iter("linkeddoc"):
        assert urlsplit(doc.findtext("url")).scheme == "http"  # absolute


@pytest.mark.django_db
def test_paths_and_parameter_names_match_in_any_case_and_bad_requests_are_xml_400s(client, demo):
    meeting = june_2017()
    for path in (
        f"/shared-digital/mgwebservice.asmx/getmeeting?lmeetingid={meeting.pk}",
        f"/shared-digital/MGWEBSERVICE.ASMX/GetMeeting?LMEETINGID={meeting.pk}",
    ):
        status, root = xml(client, path)
        assert status == 200 and root.findtext("meetingid") == str(meeting.pk), path
    status, root = xml(client, "/shared-digital/mgWebService.asmx")
    assert status == 200 and {o.findtext("name") for o in root.iter("operation")} >= {"GetMeeting"}
    for query in (
        "GetNothing",
        "GetMeeting",
        "GetMeeting?lMeetingId=abc",
        "GetMeeting?lMeetingId=1e400",
        "GetMeetings?sFromDate=31/02/2017",
        "GetMeetings?lCommitteeId=-1",
    ):
        status, root = xml(client, f"{BASE}/{query}")
        assert status == 400 and root.tag == "error", query
    status, root = xml(client, f"{BASE}/GetMeeting?lMeetingId=999999")
    assert status == 404 and root.tag == "error"


@pytest.mark.django_db
def test_an_exempt_item_is_only_its_public_title(client, demo):
    from tests.governance.conftest import add_business

    officer = get_user_model().objects.get(username="officer")
    body = june_2017().body
    meeting = services.meeting_create(body=body, date=date(2030, 1, 10), venue="Town Hall", by=officer)
    add_business(
        meeting,
        officer,
        "Zanzibar contract termination",
        description="Quokka pricing",
        is_exempt=True,
        exempt_paragraph=3,
        public_title="Contract matter",
    )
    services.agenda_publish(meeting=meeting, by=officer)
    page = client.get(f"{BASE}/GetMeeting?lMeetingId={meeting.pk}").content.decode()
    assert "Contract matter" in page and "Zanzibar" not in page and "Quokka" not in page


@pytest.mark.django_db(transaction=True)
def test_the_moderngov_client_from_pypi_reads_the_demo(live_server, demo, tmp_path, monkeypatch):
    meeting = sign_the_june_minutes()
    # The client caches every answer in ./mgq.cache-dir for a day: keep that out of the checkout.
    monkeypatch.chdir(tmp_path)
    mg = importlib.import_module("moderngov.api")
    mg.cache.clear()
    port = urlsplit(live_server.url).port
    client = mg.ModerngovApi(f"http://127.0.0.1:{port}/shared-digital")
    assert client.site_url.endswith("/shared-digital/mgWebService.asmx")

    committees = client.committees.list()
    assert "Shared Digital Joint Committee" in [c["committeetitle"] for c in committees]

    listing = client.meetings.list()
    listing = listing if isinstance(listing, list) else [listing]  # xmltodict: one committee is a dict
    meetings = [m for c in listing for m in c["committeemeetings"]["meeting"]]
    assert ("19/06/2017", "19:30") in [(m["meetingdate"], m["meetingtime"]) for m in meetings]

    june = client.meetings.by_meeting_id(meeting.pk)
    assert june["meetingid"] == str(meeting.pk) and june["meetingdate"] == "19/06/2017"
    titles = [i["agendaitemtitle"] for i in june["agendaitems"]["agendaitem"]]
    assert titles[0] == "Apologies"
    attendees = june["attendees"]["attendee"]
    assert attendees and all(a["@name"] and a["@memberid"] for a in attendees)
