"""A person cannot hold two overlapping seats of the same kind on one body: the service refuses it with a clear
message, the model's clean() on every database, and PostgreSQL's exclusion constraint even a raw insert. Another
kind (a member who is also the standing chair), another body, or dates that do not overlap are fine."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from governance.committees import services
from governance.committees.models import SEAT_OVERLAPS
from governance.models import BodyMember, Council

from ..conftest import member

URL = "/shared-digital/committees/shared-digital-joint-committee/members/"


def test_the_service_refuses_an_overlapping_seat_of_the_same_kind(jc, officer):
    hull = member(jc, "Councillor Andy Hull")
    with pytest.raises(ValidationError) as error:
        services.body_member_add(
            body=jc,
            person=hull.person,
            council=hull.council,
            kind="member",
            start=date(2018, 1, 1),
            by=officer,
        )
    assert services.ALREADY_SITS in str(error.value)
    with pytest.raises(ValidationError):  # the same person under another printed name
        services.body_member_add(
            body=jc,
            name="Cllr Andy  Hull",
            council=hull.council,
            kind="member",
            start=date(2018, 1, 1),
            by=officer,
        )
    assert BodyMember.objects.filter(body=jc, person=hull.person).count() == 1


def test_another_kind_or_later_dates_are_allowed(jc, officer):
    blackwell = member(jc, "Councillor Theo Blackwell")  # sat until 19 October 2017
    services.body_member_add(
        body=jc,
        person=blackwell.person,
        council=blackwell.council,
        kind="member",
        start=date(2018, 5, 1),
        by=officer,
    )
    hull = member(jc, "Councillor Andy Hull")
    chair = services.body_member_add(
        body=jc, person=hull.person, council=hull.council, kind="chair", start=date(2018, 1, 1), by=officer
    )
    assert chair.name == "Councillor Andy Hull" and chair.person == hull.person
    assert BodyMember.objects.filter(person=blackwell.person).count() == 2


def test_clean_refuses_an_overlap_on_every_database(jc):
    hull = member(jc, "Councillor Andy Hull")
    seat = BodyMember(
        body=jc, person=hull.person, council=hull.council, kind="member", start=date(2019, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        seat.full_clean()
    assert SEAT_OVERLAPS.format(person="Councillor Andy Hull", kind="member") in str(error.value)


def test_a_seat_is_for_the_persons_own_council(jc, officer):
    hull = member(jc, "Councillor Andy Hull")
    with pytest.raises(ValidationError):
        services.body_member_add(
            body=jc,
            person=hull.person,
            council=Council.objects.get(code="LBC"),
            kind="substitute",
            start=date(2018, 1, 1),
            by=officer,
        )


def test_the_officers_form_shows_the_overlap_as_a_field_error_not_a_500(jc, officer, client):
    client.force_login(officer)
    response = client.post(
        URL,
        {
            "action": "add",
            "seat-name": "Cllr Andy Hull",
            "seat-council": Council.objects.get(code="LBI").pk,
            "seat-kind": "member",
            "seat-start": "2019-01-01",
            "seat-version": services.seats_version(jc),
        },
    )
    assert response.status_code == 400
    assert services.ALREADY_SITS in response.content.decode()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's")
def test_postgresql_refuses_an_overlapping_seat_written_past_the_service(jc):
    hull = member(jc, "Councillor Andy Hull")
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyMember.objects.create(
            body=jc,
            person=hull.person,
            name="Andy Hull",
            council=hull.council,
            kind="member",
            start=date(2020, 1, 1),
        )
    BodyMember.objects.create(  # another kind is not an overlap
        body=jc,
        person=hull.person,
        name="Andy Hull",
        council=hull.council,
        kind="chair",
        start=date(2020, 1, 1),
    )
