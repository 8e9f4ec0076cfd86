"""Committee officers seat and unseat members and substitutes, each for a council of the partnership."""

from datetime import date

from governance.committees import services
from governance.models import BodyMember, Council

from ..conftest import member

URL = "/shared-digital/committees/shared-digital-joint-committee/members/"


def test_an_officer_seats_a_member_for_a_council_of_the_partnership(jc, officer, client):
    client.force_login(officer)
    lbc = Council.objects.get(code="LBC")
    response = client.post(
        URL,
        {
            "action": "add",
            "seat-name": "Councillor Georgia Gould",
            "seat-council": lbc.pk,
            "seat-kind": "member",
            "seat-start": "2018-05-21",
            "seat-version": services.seats_version(jc),
        },
    )
    assert response.status_code == 302
    seat = BodyMember.objects.get(body=jc, name="Councillor Georgia Gould")
    assert seat.council == lbc and seat.serves_on(date(2018, 6, 1))
    assert seat.history.count() == 1


def test_a_council_outside_the_partnership_or_a_second_seat_is_refused(jc, officer, client):
    client.force_login(officer)
    wcc = Council.objects.get(code="WCC")
    response = client.post(
        URL,
        {
            "action": "add",
            "seat-name": "Councillor X",
            "seat-council": wcc.pk,
            "seat-kind": "member",
            "seat-start": "2018-05-21",
            "seat-version": services.seats_version(jc),
        },
    )
    assert response.status_code == 400  # not even offered: Westminster is not a partner
    lbi = Council.objects.get(code="LBI")
    response = client.post(
        URL,
        {
            "action": "add",
            "seat-name": "Councillor Andy Hull",
            "seat-council": lbi.pk,
            "seat-kind": "member",
            "seat-start": "2018-01-01",
            "seat-version": services.seats_version(jc),
        },
    )
    assert response.status_code == 400
    assert services.ALREADY_SITS in response.content.decode()
    assert BodyMember.objects.filter(body=jc, name="Councillor Andy Hull").count() == 1


def test_an_officer_ends_a_seat_but_not_before_it_began(jc, officer, client):
    client.force_login(officer)
    hull = member(jc, "Councillor Andy Hull")
    version = services.seats_version(jc)
    response = client.post(
        URL, {"action": "end", "end-member": hull.pk, "end-end": "2016-01-01", "end-version": version}
    )
    assert response.status_code == 400
    assert services.MEMBERSHIP_ENDS_BEFORE_START in response.content.decode()
    assert (
        client.post(
            URL, {"action": "end", "end-member": hull.pk, "end-end": "2018-05-20", "end-version": version}
        ).status_code
        == 302
    )
    hull.refresh_from_db()
    assert hull.end == date(2018, 5, 20)
