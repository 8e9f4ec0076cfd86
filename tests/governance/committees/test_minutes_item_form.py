"""The officer picks, on the minutes item's page, which held meeting's minutes it approves: the earlier held
meetings of the same body are offered; another body's meeting, or one not held, is refused with a clear
message and nothing saved (issue 21 §2, bad input)."""

from datetime import date, timedelta

import pytest

from governance.committees import services
from governance.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def minutes_item(meeting):
    return meeting.items.get(standard=AgendaItem.Standard.MINUTES)


def url(meeting, item, tail=""):
    return f"/shared-digital/meetings/{meeting.pk}/agenda/items/{item.pk}/{tail}"


def test_the_page_offers_the_held_meetings_and_saves_the_choice(future_meeting, officer, client):
    item = minutes_item(future_meeting)
    june = Meeting.objects.get(body=future_meeting.body, date=date(2017, 6, 19))
    october = Meeting.objects.get(body=future_meeting.body, date=date(2017, 10, 30))
    client.force_login(officer)
    page = client.get(url(future_meeting, item)).content.decode()
    assert "Whose minutes" in page and "Minutes of the meeting held on" in page
    assert f'value="{june.pk}"' in page and "19 June 2017" in page
    response = client.post(
        url(future_meeting, item, "minutes-of/"),
        {"minutes-version": future_meeting.agenda_version, "minutes-minutes_of": june.pk},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes_of == june and "19 June 2017" in item.description
    assert october.pk != june.pk


def test_a_meeting_of_another_body_or_not_held_is_refused_and_nothing_saved(
    future_meeting, officer, client, jc
):
    item = minutes_item(future_meeting)
    before = item.minutes_of_id
    other_body = Meeting.objects.exclude(body=future_meeting.body).first()
    draft = services.meeting_create(
        body=jc,
        date=date.today() + timedelta(days=30),
        venue="Camden Town Hall",
        chair_council=future_meeting.chair_council,
        by=officer,
    )
    client.force_login(officer)
    for bad in (other_body, draft):
        if bad is None:
            continue
        response = client.post(
            url(future_meeting, item, "minutes-of/"),
            {"minutes-version": future_meeting.agenda_version, "minutes-minutes_of": bad.pk},
        )
        assert response.status_code == 400
        assert "Choose an earlier meeting of this body that has been held" in response.content.decode()
    item.refresh_from_db()
    assert item.minutes_of_id == before


def test_only_the_minutes_item_has_the_form(future_meeting, officer, client):
    other = future_meeting.items.exclude(standard=AgendaItem.Standard.MINUTES).first()
    client.force_login(officer)
    assert "Whose minutes" not in client.get(url(future_meeting, other)).content.decode()
    response = client.post(url(future_meeting, other, "minutes-of/"), {"minutes-version": 0})
    assert response.status_code == 404
