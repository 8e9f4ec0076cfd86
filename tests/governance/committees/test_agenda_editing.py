"""The agenda editor: standard items first, numbering follows the order, exempt items at the end, and a
bad move leaves the agenda as it was."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from governance.committees import services
from governance.committees.services import numbered
from governance.models import AgendaItem, Body

from ..conftest import add_business


def titles(meeting):
    return [(i.number, i.title) for i in numbered(list(meeting.items.all()))]


def test_a_new_meeting_starts_with_the_standard_items(future_meeting):
    got = titles(future_meeting)
    assert [t for _, t in got] == [
        "Appointment of Chair for the meeting",
        "Apologies",
        "Declarations by members of pecuniary and non-pecuniary interests in respect of items on this agenda",
        "Deputations",
        "Announcements",
        "Notification of any items of business that the Chair decides to take as urgent",
        "Minutes",
        "Any other business that the Chair decides to take as urgent",
    ]
    chair = future_meeting.items.get(standard="chair")
    assert "representing London Borough of Islington" in chair.description
    minutes = future_meeting.items.get(standard="minutes")
    # The previous *held* meeting (20 February 2018 is a draft that never took place; issue 21, section 2).
    assert minutes.description == "To approve and sign the minutes of the meeting held on 19 June 2017."
    assert minutes.minutes_of.date.isoformat() == "2017-06-19"


def test_a_body_with_a_standing_chair_has_no_chair_item(sd, officer):
    board = Body.objects.get(slug="shared-digital-management-board")
    meeting = services.meeting_create(
        body=board, date=date.today() + timedelta(days=30), venue="5 Pancras Square", by=officer
    )
    assert not meeting.items.filter(standard="chair").exists()
    assert meeting.items.count() == 7


def test_items_are_added_edited_and_removed_and_numbering_follows(future_meeting, officer):
    a = add_business(
        future_meeting,
        officer,
        "Network service transformation",
        report_of="Chief Digital and Information Officer",
        wards="All Wards",
        is_decision=True,
        page_from=187,
        page_to=194,
    )
    b = add_business(future_meeting, officer, "Shared Digital financial update")
    assert titles(future_meeting)[-3:-1] == [(8, a.title), (9, b.title)]
    assert a.pages == "Pages 187 - 194"
    future_meeting.refresh_from_db()
    services.agenda_item_update(
        item=a, version=future_meeting.agenda_version, by=officer, title="WAN convergence"
    )
    future_meeting.refresh_from_db()
    services.agenda_item_remove(
        item=AgendaItem.objects.get(pk=a.pk), version=future_meeting.agenda_version, by=officer
    )
    assert titles(future_meeting)[-2:] == [
        (8, b.title),
        (9, "Any other business that the Chair decides to take as urgent"),
    ]
    summaries = list(future_meeting.agenda_changes.values_list("summary", flat=True))
    assert summaries[-3:] == [
        "Added “Shared Digital financial update”",
        "Edited “Network service transformation” (now “WAN convergence”)",
        "Removed “WAN convergence”",
    ]
    assert AgendaItem.history.filter(id=a.pk).count() == 3  # created, edited, deleted


def test_reorder_takes_the_full_new_order(future_meeting, officer):
    a = add_business(future_meeting, officer, "A")
    b = add_business(future_meeting, officer, "B")
    c = add_business(future_meeting, officer, "C")
    future_meeting.refresh_from_db()
    standard = [i.pk for i in numbered(list(future_meeting.items.filter(standard__gt="")))]
    services.agenda_item_reorder(
        meeting=future_meeting,
        order=standard + [c.pk, a.pk, b.pk],
        version=future_meeting.agenda_version,
        by=officer,
    )
    assert [t for _, t in titles(future_meeting)][-4:-1] == ["C", "A", "B"]
    future_meeting.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.agenda_item_reorder(
            meeting=future_meeting,
            order=standard + [c.pk, a.pk],
            version=future_meeting.agenda_version,
            by=officer,
        )
    assert error.value.messages == [services.REORDER_INCOMPLETE]
    with pytest.raises(ValidationError) as error:
        services.agenda_item_reorder(
            meeting=future_meeting,
            order=standard + [c.pk, a.pk, b.pk, b.pk],
            version=future_meeting.agenda_version,
            by=officer,
        )
    assert error.value.messages == [services.REORDER_INCOMPLETE]


def test_an_item_cannot_be_moved_above_the_standard_items_and_nothing_is_saved(future_meeting, officer):
    a = add_business(future_meeting, officer, "A")
    future_meeting.refresh_from_db()
    before = titles(future_meeting)
    version = future_meeting.agenda_version
    with pytest.raises(ValidationError) as error:
        services.agenda_item_move(item=a, direction="up", version=version, by=officer)
    assert error.value.messages == [services.ITEM_ABOVE_STANDARD]
    order = [i.pk for i in numbered(list(future_meeting.items.all()))]
    order.remove(a.pk)
    with pytest.raises(ValidationError) as error:
        services.agenda_item_reorder(
            meeting=future_meeting, order=[a.pk] + order, version=version, by=officer
        )
    assert error.value.messages == [services.ITEM_ABOVE_STANDARD]
    future_meeting.refresh_from_db()
    assert titles(future_meeting) == before
    assert future_meeting.agenda_version == version


def test_moving_up_and_down_swaps_neighbours(future_meeting, officer):
    a = add_business(future_meeting, officer, "A")
    b = add_business(future_meeting, officer, "B")
    future_meeting.refresh_from_db()
    services.agenda_item_move(item=b, direction="up", version=future_meeting.agenda_version, by=officer)
    assert [t for _, t in titles(future_meeting)][-3:-1] == ["B", "A"]
    future_meeting.refresh_from_db()
    services.agenda_item_move(
        item=AgendaItem.objects.get(pk=b.pk),
        direction="down",
        version=future_meeting.agenda_version,
        by=officer,
    )
    assert [t for _, t in titles(future_meeting)][-3:-1] == ["A", "B"]
    future_meeting.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.agenda_item_move(
            item=AgendaItem.objects.get(pk=b.pk),
            direction="down",
            version=future_meeting.agenda_version,
            by=officer,
        )
    assert error.value.messages == [services.ITEM_CANNOT_MOVE]
    assert a.pk


def test_exempt_items_always_sit_at_the_end(future_meeting, officer):
    secret = add_business(
        future_meeting,
        officer,
        "Supplier pricing",
        is_exempt=True,
        exempt_paragraph=3,
        public_title="Contract award (exempt)",
    )
    open_item = add_business(future_meeting, officer, "Strategy")
    assert [t for _, t in titles(future_meeting)][-3:] == [
        "Strategy",
        "Any other business that the Chair decides to take as urgent",
        "Supplier pricing",
    ]
    future_meeting.refresh_from_db()
    standard = [i.pk for i in numbered(list(future_meeting.items.filter(standard__gt="")))]
    services.agenda_item_reorder(
        meeting=future_meeting,
        order=standard + [secret.pk, open_item.pk],
        version=future_meeting.agenda_version,
        by=officer,
    )
    assert [t for _, t in titles(future_meeting)][-3:] == [
        "Strategy",
        "Any other business that the Chair decides to take as urgent",
        "Supplier pricing",
    ]


def test_an_exempt_item_needs_its_paragraph_and_public_title(future_meeting, officer):
    with pytest.raises(ValidationError) as error:
        add_business(future_meeting, officer, "Supplier pricing", is_exempt=True)
    assert set(error.value.message_dict) == {"exempt_paragraph", "public_title"}
    assert not future_meeting.items.filter(title="Supplier pricing").exists()
