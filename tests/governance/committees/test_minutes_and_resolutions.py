"""Minutes: attendance and substitutes, declarations, deputations, resolutions, and approval at the next
meeting, after which they are the signed record."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from governance.committees import selectors, services
from governance.models import Attendance, Declaration, Deputation, Meeting, Resolution

from ..conftest import member


def test_a_substitute_stands_in_only_for_an_absent_member_of_the_same_council(held, jc, officer):
    hull, webbe = member(jc, "Councillor Andy Hull"), member(jc, "Councillor Claudia Webbe")
    shaikh, vanier = member(jc, "Councillor Asima Shaikh"), member(jc, "Councillor Bernice Vanier")
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            meeting=held, member=shaikh, status="present", substitute_for=hull, by=officer
        )
    assert error.value.message_dict == {"substitute_for": [services.SUBSTITUTE_NEEDS_ABSENT_MEMBER]}
    services.attendance_record(meeting=held, member=hull, status="apologies", by=officer)
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            meeting=held, member=vanier, status="present", substitute_for=hull, by=officer
        )
    assert error.value.message_dict == {"substitute_for": [services.SUBSTITUTE_OTHER_COUNCIL]}
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            meeting=held, member=webbe, status="present", substitute_for=hull, by=officer
        )
    assert error.value.message_dict == {"substitute_for": [services.SUBSTITUTE_NOT_A_SUBSTITUTE]}
    blackwell = member(jc, "Councillor Theo Blackwell")  # left the committee in October 2017
    with pytest.raises(ValidationError) as error:
        services.attendance_record(meeting=held, member=blackwell, status="present", by=officer)
    assert error.value.messages == [services.NOT_A_MEMBER]
    row = services.attendance_record(
        meeting=held, member=shaikh, status="present", substitute_for=hull, by=officer
    )
    assert row.substitute_for == hull
    assert Attendance.objects.filter(meeting=held).count() == 2


def test_the_attendance_record_says_whether_the_meeting_was_quorate(held, jc, officer):
    # The demo quorum: three members, at least one from each council.
    for name in ["Councillor Richard Olszewski", "Councillor Danny Beales", "Councillor Jason Arthur"]:
        services.attendance_record(meeting=held, member=member(jc, name), status="present", by=officer)
    assert selectors.is_quorate(held) is False  # nobody from Islington
    services.attendance_record(
        meeting=held, member=member(jc, "Councillor Andy Hull"), status="apologies", by=officer
    )
    services.attendance_record(
        meeting=held,
        member=member(jc, "Councillor Asima Shaikh"),
        status="present",
        substitute_for=member(jc, "Councillor Andy Hull"),
        by=officer,
    )
    assert selectors.is_quorate(held) is True


def test_a_member_cannot_declare_twice_on_one_item(held, jc, officer):
    item = held.items.get(title="Network service transformation")
    arthur = member(jc, "Councillor Jason Arthur")
    services.declaration_add(
        item=item, member=arthur, text="Employed by a network supplier", is_pecuniary=True, by=officer
    )
    with pytest.raises(ValidationError) as error:
        services.declaration_add(item=item, member=arthur, text="Again", by=officer)
    assert error.value.messages == [services.DECLARED_TWICE]
    assert Declaration.objects.filter(item=item).count() == 1


def test_a_deputation_after_the_deadline_is_refused(held, officer):
    item = held.items.get(title="Network service transformation")
    late = held.deputation_deadline + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.deputation_add(
            meeting=held, requester="Wood Green Residents", received=late, item=item, by=officer
        )
    assert error.value.message_dict == {"received": [services.DEPUTATION_LATE]}
    services.deputation_add(
        meeting=held,
        requester="Wood Green Residents",
        received=held.deputation_deadline,
        item=item,
        by=officer,
    )
    assert Deputation.objects.filter(meeting=held).count() == 1


def test_resolutions_are_numbered_and_carry_the_key_decision_flag(held, officer):
    item = held.items.get(title="Network service transformation")
    resolution = services.resolution_add(
        item=item,
        clauses="THAT the strategy be approved; and\nTHAT authority be delegated to the CDIO.",
        reasons="For the reasons set out in the report",
        by=officer,
    )
    assert resolution.numbered_clauses == [
        ("(i)", "THAT the strategy be approved; and"),
        ("(ii)", "THAT authority be delegated to the CDIO."),
    ]
    assert resolution.is_key_decision
    assert {c.code for c in resolution.councils.all()} == {"LBC", "LBH", "LBI"}
    with pytest.raises(ValidationError) as error:
        services.resolution_add(item=item, clauses="  \n ", by=officer)
    assert error.value.message_dict == {"clauses": [services.RESOLUTION_NEEDS_CLAUSE]}


def test_minutes_are_approved_at_the_next_meeting_and_then_cannot_be_edited(sd, officer, client):
    june = Meeting.objects.get(date=date(2017, 6, 19))
    october = Meeting.objects.get(date=date(2017, 10, 30))
    # The public cannot read draft minutes.
    assert client.get(f"/shared-digital/meetings/{june.pk}/minutes/").status_code == 404
    with pytest.raises(ValidationError) as error:
        services.minutes_approve(meeting=june, by=officer)
    assert error.value.messages == [services.NO_PREVIOUS_MINUTES]
    previous = services.minutes_approve(meeting=october, by=officer)
    assert previous == june
    june.refresh_from_db()
    assert june.status == Meeting.Status.MINUTES_APPROVED and june.minutes_approved_at == october
    approval = Resolution.objects.get(item__meeting=october, item__standard="minutes")
    assert approval.clause_list == [
        "THAT the minutes of the meeting held on 19 June 2017 be approved and signed as a correct record."
    ]
    item = june.items.get(title="Progress with Shared Digital")
    for attempt in (
        lambda: services.minute_entry_save(item=item, discussion="Rewritten", by=officer),
        lambda: services.resolution_add(item=item, clauses="THAT history be rewritten.", by=officer),
        lambda: services.action_add(item=item, text="x", owner="y", by=officer),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages == [services.MINUTES_SIGNED]
    page = client.get(f"/shared-digital/meetings/{june.pk}/minutes/").content.decode()
    assert "Approved and signed as a correct record at the meeting of 30 October 2017" in page
    assert "Councillor Theo Blackwell (Chair)" in page
    assert "The meeting was quorate." in page
