"""Publishing an agenda: five clear working days or a reason for urgency; then frozen, with later
changes going out as numbered supplementary agendas."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from governance.calendar import is_working_day, latest_publication_date
from governance.committees import services
from governance.models import Meeting

from ..conftest import add_business


def test_publishing_in_time_needs_no_reason(future_meeting, officer):
    add_business(future_meeting, officer, "Strategy")
    publication = services.agenda_publish(meeting=future_meeting, by=officer)
    future_meeting.refresh_from_db()
    assert publication.number == 0
    assert future_meeting.status == Meeting.Status.PUBLISHED
    assert future_meeting.issue_date == date.today()
    assert [p.title for p in publication.items.all()][-2] == "Strategy"  # before any other business


def test_publishing_late_needs_the_reason_for_urgency_which_is_printed(jc, officer, client):
    day = date.today() + timedelta(days=3)
    meeting = services.meeting_create(body=jc, date=day, venue="Civic Centre", by=officer)
    with pytest.raises(ValidationError) as error:
        services.agenda_publish(meeting=meeting, by=officer)
    assert error.value.message_dict == {"urgency_reason": [services.URGENCY_REASON_NEEDED]}
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT and not meeting.publications.exists()
    services.agenda_publish(
        meeting=meeting, by=officer, urgency_reason="The contract expires before the next meeting."
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Reason for urgency" in page and "The contract expires before the next meeting." in page


def test_the_rule_uses_the_meeting_calendar_not_calendar_days(jc, officer):
    day = date(2017, 10, 30)
    assert latest_publication_date(day) == date(2017, 10, 20)
    meeting = services.meeting_create(body=jc, date=date.today() + timedelta(days=20), venue="x", by=officer)
    # On the last day allowed, no reason is needed; a day later, it is.
    services.agenda_publish(meeting=meeting, by=officer, today=latest_publication_date(meeting.date))
    meeting.refresh_from_db()
    add_business(meeting, officer, "Late paper")
    next_working_day = latest_publication_date(meeting.date) + timedelta(days=1)
    while not is_working_day(next_working_day):
        next_working_day += timedelta(days=1)
    with pytest.raises(ValidationError):
        services.agenda_publish(meeting=meeting, by=officer, today=next_working_day)


def test_a_published_agenda_is_frozen_and_changes_go_out_as_numbered_supplements(
    future_meeting, officer, client
):
    item = add_business(future_meeting, officer, "Strategy")
    services.agenda_publish(meeting=future_meeting, by=officer)
    with pytest.raises(ValidationError) as error:
        services.agenda_publish(meeting=future_meeting, by=officer)
    assert error.value.messages == [services.NOTHING_TO_PUBLISH]
    future_meeting.refresh_from_db()
    services.agenda_item_update(
        item=item, version=future_meeting.agenda_version, by=officer, title="Strategy, revised"
    )
    # Until the supplement is published, the public still reads the agenda as issued.
    page = client.get(future_meeting.get_absolute_url()).content.decode()
    assert "STRATEGY" in page
    assert "REVISED" not in page
    supplement = services.agenda_publish(meeting=future_meeting, by=officer)
    assert supplement.number == 1
    assert str(supplement).startswith("Supplementary agenda 1")
    changed = [p for p in supplement.items.all() if p.is_new_or_changed]
    assert [p.title for p in changed] == ["Strategy, revised"]
    page = client.get(future_meeting.get_absolute_url()).content.decode()
    assert "STRATEGY, REVISED" in page and "supplementary agenda 1" in page
    assert future_meeting.publications.count() == 2
    assert future_meeting.publications.filter(is_current=True).count() == 1


def test_a_held_meeting_agenda_cannot_change(sd, officer):
    june = Meeting.objects.get(date=date(2017, 6, 19))
    with pytest.raises(ValidationError) as error:
        add_business(june, officer, "Afterthought")
    assert error.value.messages == [services.MEETING_ALREADY_HELD]


def test_a_supplement_lists_the_items_withdrawn_since_the_last_issue(future_meeting, officer, client):
    item = add_business(future_meeting, officer, "Strategy")
    add_business(
        future_meeting, officer, "Pricing", is_exempt=True, exempt_paragraph=3, public_title="Contract matter"
    )
    services.agenda_publish(meeting=future_meeting, by=officer)
    future_meeting.refresh_from_db()
    services.agenda_item_remove(item=item, version=future_meeting.agenda_version, by=officer)
    future_meeting.refresh_from_db()
    services.agenda_item_remove(
        item=future_meeting.items.get(title="Pricing"), version=future_meeting.agenda_version, by=officer
    )
    supplement = services.agenda_publish(meeting=future_meeting, by=officer)
    assert supplement.withdrawn.splitlines() == ["Strategy", "Contract matter"]
    page = client.get(future_meeting.get_absolute_url()).content.decode()
    assert "Withdrawn: Strategy; Contract matter." in page and "Pricing" not in page
