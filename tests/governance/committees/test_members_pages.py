"""The public members' pages: who sits where now by council, and a page per person with their seats over time,
what the published minutes say of their attendance (the rate), their declarations (of an exempt item only
"(an exempt item)") and their council's register of interests; each at a fixed number of queries."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.committees import public, services
from governance.models import AgendaItem, BodyMember, Council, Person

from ..conftest import add_business, member

MEMBERS = "/shared-digital/members/"


def person_of(jc, name):
    return member(jc, name).person


def test_the_members_page_lists_who_sits_now_by_council_and_former_members(jc, client):
    response = client.get(MEMBERS)
    assert response.status_code == 200
    page = response.content.decode()
    for council in Council.objects.filter(code__in=["LBC", "LBH", "LBI"]):
        assert council.name in page
    hull = person_of(jc, "Councillor Andy Hull")
    assert f'href="/shared-digital/members/{hull.pk}/"' in page
    former, now = page.split("Former members")[1], page.split("Former members")[0]
    assert "Councillor Theo Blackwell" in former and "Councillor Theo Blackwell" not in now
    assert "Councillor Danny Beales" in now


def minutes_with_attendance(jc, officer, held, *, exempt_declaration=False):
    """The held meeting's attendance (Andy Hull present, Claudia Webbe's apologies with Asima Shaikh standing
    in), a declaration by Andy Hull, and its draft minutes published."""
    hull, webbe = member(jc, "Councillor Andy Hull"), member(jc, "Councillor Claudia Webbe")
    shaikh = member(jc, "Councillor Asima Shaikh")
    services.attendance_record(meeting=held, member=hull, status="present", by=officer)
    services.attendance_record(meeting=held, member=webbe, status="apologies", by=officer)
    services.attendance_record(
        meeting=held, member=shaikh, status="present", substitute_for=webbe, by=officer
    )
    item = held.items.get(title="Network service transformation")
    if exempt_declaration:
        item = AgendaItem.objects.create(
            meeting=held,
            position=99,
            title="Data centre exit: terms with the supplier",
            is_exempt=True,
            exempt_paragraph=3,
            public_title="Data centre contract",
        )
    services.declaration_add(item=item, member=hull, text="Spouse works for a bidder", by=officer)
    services.minutes_publish_draft(meeting=held, by=officer)
    return hull, webbe, shaikh


def test_a_persons_page_shows_seats_attendance_rate_declarations_and_the_register(jc, officer, held, client):
    hull, webbe, shaikh = minutes_with_attendance(jc, officer, held)
    Council.objects.filter(code="LBI").update(register_of_interests_url="https://example.org/lbi/interests")
    record = public.person_record(jc.partnership, hull.person_id)
    assert (record.figures.expected, record.figures.present, record.figures.rate) == (1, 1, 100)
    assert [d.text for d in record.declarations] == ["Spouse works for a bidder"]
    page = client.get(f"{MEMBERS}{hull.person_id}/").content.decode()
    assert "Shared Digital Joint Committee" in page and "1 May 2017" in page
    assert "Present at <strong>1 of 1</strong>" in page and "(100%)" in page
    assert "Spouse works for a bidder" in page
    assert 'href="https://example.org/lbi/interests"' in page
    webbe_record = public.person_record(jc.partnership, webbe.person_id)
    figures = webbe_record.figures
    assert (figures.expected, figures.present, figures.apologies, figures.substitute_sent) == (1, 0, 1, 1)
    assert figures.rate == 0
    assert webbe_record.meetings[0].substitute == "Councillor Asima Shaikh"
    shaikh_record = public.person_record(jc.partnership, shaikh.person_id)
    assert shaikh_record.figures.expected == 0 and shaikh_record.figures.as_substitute == 1
    assert shaikh_record.meetings[0].substitute_for == "Councillor Claudia Webbe"


def test_a_declaration_on_an_exempt_item_shows_only_that_it_was_an_exempt_item(jc, officer, held, client):
    hull, _, _ = minutes_with_attendance(jc, officer, held, exempt_declaration=True)
    page = client.get(f"{MEMBERS}{hull.person_id}/").content.decode()
    assert "(an exempt item)" in page
    for secret in ("Spouse works for a bidder", "Data centre exit", "Data centre contract", "Pecuniary"):
        assert secret not in page
    (declaration,) = public.person_record(jc.partnership, hull.person_id).declarations
    assert declaration.withheld and declaration.is_pecuniary is None


def test_attendance_is_not_public_before_the_minutes_are(jc, officer, held):
    hull = member(jc, "Councillor Andy Hull")
    services.attendance_record(meeting=held, member=hull, status="present", by=officer)
    assert public.person_record(jc.partnership, hull.person_id).figures.expected == 0


def test_a_person_without_a_seat_in_the_partnership_or_no_such_person_is_a_404(jc, client):
    stranger = Person.objects.create(council=Council.objects.get(code="LBC"), name="Nobody Here")
    assert client.get(f"{MEMBERS}{stranger.pk}/").status_code == 404
    assert client.get(f"{MEMBERS}999999/").status_code == 404
    assert client.get(f"{MEMBERS}99999999999999999999/").status_code == 404


def queries(call):
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx)


def test_the_members_pages_cost_the_same_with_more_people_and_meetings(jc, officer, held, client):
    hull, _, _ = minutes_with_attendance(jc, officer, held)
    url = f"{MEMBERS}{hull.person_id}/"
    before = (queries(lambda: client.get(MEMBERS)), queries(lambda: client.get(url)))
    lbc = Council.objects.get(code="LBC")
    for n in range(3):
        services.body_member_add(
            body=jc,
            council=lbc,
            kind="member",
            start=date(2018, 1, 1),
            name=f"Councillor Extra {n}",
            by=officer,
        )
    second = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=40), venue="Hall", by=officer
    )
    add_business(second, officer, "Second business")
    services.agenda_publish(meeting=second, by=officer)
    type(second).objects.filter(pk=second.pk).update(
        date=date.today() - timedelta(days=2), deputation_deadline=date.today() - timedelta(days=6)
    )
    second.refresh_from_db()
    services.meeting_mark_held(meeting=second, by=officer)
    services.attendance_record(meeting=second, member=hull, status="apologies", by=officer)
    services.minutes_publish_draft(meeting=second, by=officer)
    after = (queries(lambda: client.get(MEMBERS)), queries(lambda: client.get(url)))
    assert after == before
    assert public.person_record(jc.partnership, hull.person_id).figures.expected == 2
    assert BodyMember.objects.filter(body=jc, name__startswith="Councillor Extra").count() == 3
