"""Creating a meeting: no dates in the past, the deputation deadline before the meeting, the next-meeting
line kept."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from governance.audit.versions import current_version
from governance.committees import services
from governance.models import Meeting


def test_a_meeting_cannot_be_created_in_the_past(jc, officer):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(body=jc, date=date.today() - timedelta(days=1), venue="Town Hall", by=officer)
    assert error.value.message_dict == {"date": [services.MEETING_IN_PAST]}
    assert not Meeting.objects.filter(date=date.today() - timedelta(days=1)).exists()


def test_the_deputation_deadline_defaults_to_four_days_before_and_must_precede_the_meeting(jc, officer):
    day = date.today() + timedelta(days=40)
    meeting = services.meeting_create(body=jc, date=day, venue="Town Hall", by=officer)
    assert meeting.deputation_deadline == day - timedelta(days=4)
    assert services.default_deputation_deadline(date(2017, 10, 30)) == date(2017, 10, 26)  # TC18
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            body=jc,
            date=day + timedelta(days=7),
            venue="Town Hall",
            deputation_deadline=day + timedelta(days=7),
            by=officer,
        )
    assert error.value.message_dict == {"deputation_deadline": [services.DEADLINE_AFTER_MEETING]}


def test_a_new_meeting_becomes_the_next_meeting_of_the_last_one(jc, officer, future_meeting):
    feb = Meeting.objects.get(body=jc, date=date(2018, 2, 20))
    assert feb.next_meeting == future_meeting
    assert future_meeting.committee_officer == officer


def test_meeting_details_change_but_the_date_is_fixed_once_published(future_meeting, officer, client):
    client.force_login(officer)
    url = f"/shared-digital/meetings/{future_meeting.pk}/edit/"
    assert client.get(url).status_code == 200
    services.meeting_update(meeting=future_meeting, venue="Council Chamber, Islington Town Hall", by=officer)
    services.agenda_publish(meeting=future_meeting, by=officer)
    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            meeting=future_meeting, date=future_meeting.date + timedelta(days=1), by=officer
        )
    assert error.value.message_dict == {"date": [services.DATE_FIXED_ONCE_PUBLISHED]}
    feb = Meeting.objects.get(date=date(2018, 2, 20))
    with pytest.raises(ValidationError) as error:
        services.meeting_update(meeting=future_meeting, next_meeting=feb, by=officer)
    assert error.value.message_dict == {"next_meeting": [services.NEXT_MEETING_NOT_LATER]}
    response = client.post(
        url,
        {
            "date": future_meeting.date.isoformat(),
            "start_time": "18:00",
            "venue": "Council Chamber, Islington Town Hall",
            "deputation_deadline": (future_meeting.date + timedelta(days=2)).isoformat(),
            "version": current_version(future_meeting),
        },
    )
    assert response.status_code == 400
    assert services.DEADLINE_AFTER_MEETING in response.content.decode()
    future_meeting.refresh_from_db()
    assert (
        future_meeting.start_time.hour == 19
        and future_meeting.venue == "Council Chamber, Islington Town Hall"
    )
