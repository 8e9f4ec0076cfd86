"""The chair: appointed for a meeting from the council the meeting names, or for a calendar year from the
council whose turn it is (alphabetical rotation); chair and vice-chair never from the same council."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from governance.committees import services
from governance.models import Meeting

from ..conftest import member


@pytest.fixture
def october(sd):
    return Meeting.objects.get(date=date(2017, 10, 30))


def test_the_rotation_follows_the_seed(jc, october, officer, client):
    # June 2017 was chaired by Camden (Cllr Theo Blackwell), so Haringey is next for the year (TC19).
    assert services.next_chair_council(jc, date(2017, 10, 30)).code == "LBH"
    with pytest.raises(ValidationError) as error:
        services.chair_appoint(meeting=october, member=member(jc, "Councillor Andy Hull"), by=officer)
    assert error.value.message_dict == {
        "member": [services.CHAIR_FROM_NAMED_COUNCIL.format(council="London Borough of Camden")]
    }
    services.chair_appoint(meeting=october, member=member(jc, "Councillor Richard Olszewski"), by=officer)
    with pytest.raises(ValidationError) as error:
        services.chair_appoint(
            meeting=october, member=member(jc, "Councillor Andy Hull"), for_meeting_only=False, by=officer
        )
    assert error.value.message_dict == {
        "member": [services.CHAIR_NOT_THEIR_TURN.format(council="London Borough of Haringey")]
    }
    year = services.chair_appoint(
        meeting=october, member=member(jc, "Councillor Jason Arthur"), for_meeting_only=False, by=officer
    )
    assert (year.start, year.end) == (date(2017, 10, 30), date(2018, 10, 29))
    assert services.next_chair_council(jc, date(2018, 10, 30)).code == "LBI"
    page = client.get("/shared-digital/committees/shared-digital-joint-committee/").content.decode()
    assert (
        "Chair: Councillor Jason Arthur (London Borough of Haringey), 30 October 2017 to 29 October 2018"
        in page
    )


def test_chair_and_vice_chair_are_not_from_the_same_council(jc, october, officer):
    services.chair_appoint(
        meeting=october, member=member(jc, "Councillor Jason Arthur"), for_meeting_only=False, by=officer
    )
    with pytest.raises(ValidationError) as error:
        services.chair_appoint(
            meeting=october,
            member=member(jc, "Councillor Ali Demirci"),
            office="vice_chair",
            for_meeting_only=False,
            by=officer,
        )
    assert error.value.message_dict == {"member": [services.CHAIR_AND_VICE_SAME_COUNCIL]}
    services.chair_appoint(
        meeting=october,
        member=member(jc, "Councillor Claudia Webbe"),
        office="vice_chair",
        for_meeting_only=False,
        by=officer,
    )


def test_a_substitute_cannot_be_appointed_chair(jc, october, officer):
    with pytest.raises(ValidationError) as error:
        services.chair_appoint(meeting=october, member=member(jc, "Councillor Adam Harrison"), by=officer)
    assert error.value.message_dict == {"member": [services.CHAIR_NEEDS_MEMBER]}
