"""The committee pages: what each reader sees, the decisions register's filters, the feeds, and list pages
that run a fixed number of queries however much data there is."""

from datetime import date, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement.search import index_partnership
from governance.models import AgendaItem, Body, Meeting, PublishedAgenda, PublishedItem, Resolution
from governance.roles import Role

P = "/shared-digital"


def test_the_public_reads_the_30_october_2017_agenda_as_issued(sd, client):
    october = Meeting.objects.get(date=date(2017, 10, 30))
    page = client.get(f"{P}/meetings/{october.pk}/").content.decode()
    assert (
        "The deadline for deputation requests for this meeting is <strong>Thursday, 26 October 2017</strong>"
        in page
    )
    assert "Friday, 20 October 2017" in page  # issued on
    assert "THERE ARE NO PRIVATE REPORTS" in page
    assert "SHARED DIGITAL GOVERNANCE MODEL REVIEW" in page and "(Pages 13 - 86)" in page
    assert "Report of the Deputy Director of Finance" in page
    assert page.count("For decision: </span>") == 4  # items 8 to 11 carry the *
    assert "Tuesday, 20 February 2018 at 7.30 p.m." in page


def test_drafts_are_for_people_inside_only(sd, client, make_user):
    feb = Meeting.objects.get(date=date(2018, 2, 20))
    assert client.get(f"{P}/meetings/{feb.pk}/").status_code == 404
    assert "20 February 2018" not in client.get(f"{P}/meetings/").content.decode()
    assert "2018-02-20" not in client.get(f"{P}/meetings.ics").content.decode().replace(
        "20180220", "2018-02-20"
    )
    for role in (Role.MEMBER, Role.CIO, Role.AUDITOR, Role.COMMITTEE_OFFICER):
        client.force_login(make_user(role, sd))
        assert client.get(f"{P}/meetings/{feb.pk}/").status_code == 200, role


def test_only_committee_officers_and_administrators_edit(sd, client, make_user):
    october = Meeting.objects.get(date=date(2017, 10, 30))
    item = october.items.get(position=8)
    url = f"{P}/meetings/{october.pk}/agenda/items/{item.pk}/move/"
    for role in (Role.MEMBER, Role.CIO, Role.AUDITOR):
        client.force_login(make_user(role, sd))
        assert client.post(url, {"direction": "down", "version": 0}).status_code == 403, role
    client.force_login(make_user(Role.AUDITOR, sd))
    assert client.get(f"{P}/meetings/{october.pk}/agenda/edit/").status_code == 200
    assert 'name="direction"' not in client.get(f"{P}/meetings/{october.pk}/agenda/edit/").content.decode()


def test_the_committee_page_warns_the_officers_but_not_the_public_when_too_few_meetings_are_scheduled(
    jc, client, officer
):
    from governance.calendar import municipal_year_label

    warning = f"Only 0 meetings scheduled in the municipal year {municipal_year_label(date.today())}"
    page = client.get(f"{P}/committees/{jc.slug}/").content.decode()
    assert "Councillor Danny Beales" in page and "Councillor Asima Shaikh" in page
    assert warning not in page and "Below minimum" not in page  # an officer's warning, not the public's
    client.force_login(officer)
    page = client.get(f"{P}/committees/{jc.slug}/").content.decode()
    assert warning in page
    # 2017/18: 19 June, 30 October and the draft of 20 February 2018 (officers see drafts) meet the minimum.
    assert "Only 2 meetings" not in page


def test_the_decisions_register_filters_and_refuses_bad_filters(sd, client):
    page = client.get(f"{P}/decisions/").content.decode()
    assert "9 decisions." in page  # 7 resolutions and the CDIO's 2 awards
    assert "(ii) THAT authority be delegated to the Chief Digital and Information Officer (CDIO)" in page
    page = client.get(f"{P}/decisions/?text=mobile").content.decode()
    assert "2 decisions." in page and "mobile devices" in page  # the June 2017 resolution and the award
    assert (
        "9 decisions."
        in client.get(f"{P}/decisions/?council=" + str(sd.memberships.first().council_id)).content.decode()
    )
    assert "2 decisions." in client.get(f"{P}/decisions/?date_from=2017-07-01").content.decode()
    assert "0 decisions." in client.get(f"{P}/decisions/?key_decision=true").content.decode()
    response = client.get(f"{P}/decisions/?date_from=not-a-date")
    assert response.status_code == 400 and "Enter a valid date" in response.content.decode()
    assert client.get(f"{P}/decisions/?body=99999").status_code == 400


def test_the_feeds(sd, client):
    ics = client.get(f"{P}/meetings.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    from icalendar import Calendar

    events = Calendar.from_ical(ics.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Shared Digital Joint Committee"] * 2
    assert str(events[1]["LOCATION"]) == "Council Chamber, Civic Centre, Wood Green High Road N22 8LE"
    atom = client.get(f"{P}/decisions.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    body = atom.content.decode()
    assert body.count("<entry>") == 7 and "Shared Digital Budget 2017/2018" in body


def test_search_finds_titles_and_text(sd, client):
    index_partnership(sd)
    page = client.get(f"{P}/search/?q=network").content.decode()
    assert "Network Service Transformation" in page
    page = client.get(f"{P}/search/?q=print room").content.decode()
    assert "Multi-Functional Devices" in page


def _grow(jc, n):
    """Adds n published, held meetings with items, resolutions and minutes."""
    for i in range(n):
        day = date(2030, 1, 1) + timedelta(days=i * 7 + n * 1000)
        m = Meeting.objects.create(
            body=jc, date=day, start_time=time(19, 30), venue="Town Hall", status="held"
        )
        item = AgendaItem.objects.create(meeting=m, position=1, title=f"Network item {i}", report_of="CDIO")
        pub = PublishedAgenda.objects.create(meeting=m, number=0, issued_on=day, agenda_version=0)
        PublishedItem.objects.create(agenda=pub, item=item, number=1, title=item.title)
        r = Resolution.objects.create(item=item, meeting=m, clauses="THAT the network be noted.")
        r.councils.set(jc.partnership.councils_on(date(2020, 1, 1)))


@pytest.mark.parametrize(
    "path",
    [
        f"{P}/meetings/",
        f"{P}/decisions/",
        f"{P}/decisions/?text=network&key_decision=false",
        f"{P}/search/?q=network",
        f"{P}/committees/shared-digital-joint-committee/",
        f"{P}/meetings.ics",
        f"{P}/decisions.atom",
    ],
)
@pytest.mark.parametrize("username", [None, "officer"])
def test_list_pages_run_a_fixed_number_of_queries(jc, client, path, username):
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    counts = []
    for n in (1, 6):
        _grow(jc, n)
        cache.clear()  # _grow writes past the services: count the page's own queries, not a cached copy's
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("which", ["meeting", "minutes", "agenda_edit", "minutes_edit"])
def test_meeting_pages_run_a_fixed_number_of_queries(jc, client, which):
    client.force_login(get_user_model().objects.get(username="officer"))
    june = Meeting.objects.get(date=date(2017, 6, 19))
    urls = {
        "meeting": f"{P}/meetings/{june.pk}/",
        "minutes": f"{P}/meetings/{june.pk}/minutes/",
        "agenda_edit": f"{P}/meetings/{june.pk}/agenda/edit/",
        "minutes_edit": f"{P}/meetings/{june.pk}/minutes/edit/",
    }
    counts = []
    for n in (0, 5):
        for i in range(n):
            item = AgendaItem.objects.create(
                meeting=june, position=100 + i + 10 * n, title=f"Extra {i}", report_of="CDIO"
            )
            Resolution.objects.create(item=item, meeting=june, clauses="THAT it be noted.")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(urls[which]).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_demo_data_is_the_seed_and_loads_twice_without_change(demo):
    from governance import demo as governance_demo

    jc = Body.objects.get(slug="shared-digital-joint-committee")
    october = Meeting.objects.get(body=jc, date=date(2017, 10, 30))
    items = list(october.items.order_by("position"))
    assert len(items) == 14
    assert [(i.position, i.page_from, i.page_to) for i in items if i.page_from] == [
        (7, 7, 12),
        (8, 13, 86),
        (9, 87, 176),
        (10, 177, 186),
        (11, 187, 194),
        (12, 195, 200),
    ]
    assert [i.position for i in items if i.is_decision] == [8, 9, 10, 11]
    june = Meeting.objects.get(body=jc, date=date(2017, 6, 19))
    assert june.items.count() == 13 and june.resolutions.count() == 7
    counts = lambda: [m.objects.count() for m in (Body, Meeting, AgendaItem, Resolution, PublishedItem)]  # noqa: E731
    histories = lambda: [m.history.count() for m in (Body, Meeting, AgendaItem, Resolution)]  # noqa: E731
    before, history_before = counts(), histories()
    governance_demo.load()
    assert counts() == before and histories() == history_before


def test_meetings_filter_by_body_and_refuse_unknown_bodies(jc, client):
    board = Body.objects.get(slug="shared-digital-management-board")
    assert "30 October 2017" in client.get(f"{P}/meetings/?body={jc.pk}").content.decode()
    assert "30 October 2017" not in client.get(f"{P}/meetings/?body={board.pk}").content.decode()
    response = client.get(f"{P}/meetings/?body=99999")
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


def test_the_current_municipal_year_is_warned_about_even_with_no_meetings(jc, client, officer):
    from governance.calendar import municipal_year_label

    client.force_login(officer)
    page = client.get(f"{P}/committees/{jc.slug}/").content.decode()
    label = municipal_year_label(date.today())
    assert f"Only 0 meetings scheduled in the municipal year {label}" in page
