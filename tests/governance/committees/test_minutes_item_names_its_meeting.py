"""The minutes item of a meeting names the previous held meeting of the same body, once, and everything reads
that one record: the agenda's wording, both packs' minutes, the approval. Draft minutes of a held meeting can
be published, marked as draft, and are replaced by the approved version once the next meeting approves them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from governance.committees import services
from governance.committees.models import MINUTES_OF_OTHER_BODY, AgendaItem, Body, Meeting
from governance.papers import documents

from ..conftest import add_business


def minutes_item(meeting):
    return meeting.items.get(standard=AgendaItem.Standard.MINUTES)


def new_meeting(jc, officer, days):
    return services.meeting_create(body=jc, date=date.today() + timedelta(days=days), venue="Town Hall", by=officer)


def hold(meeting, officer, days_ago=7):
    """Publishes the agenda, moves the meeting into the past and records it as held."""
    add_business(meeting, officer, "Network service transformation")
    services.agenda_publish(meeting=meeting, by=officer)
    Meeting.objects.filter(pk=meeting.pk).update(
        date=date.today() - timedelta(days=days_ago),
        deputation_deadline=date.today() - timedelta(days=days_ago + 4),
    )
    meeting.refresh_from_db()
    services.meeting_mark_held(meeting=meeting, by=officer)
    return meeting


def test_a_new_agenda_names_the_previous_held_meeting_not_a_draft_one(jc, officer):
    """The demo has a draft Joint Committee meeting of 20 February 2018 that never took place and a
    published, never held, 30 October 2017; the last held meeting is 19 June 2017."""
    june = Meeting.objects.get(body=jc, date=date(2017, 6, 19))
    assert Meeting.objects.filter(body=jc, date=date(2018, 2, 20), status=Meeting.Status.DRAFT).exists()
    item = minutes_item(new_meeting(jc, officer, 60))
    assert item.minutes_of == june
    assert item.description == "To approve and sign the minutes of the meeting held on 19 June 2017."


def test_the_demo_live_meeting_names_the_previous_held_meeting(demo):
    from governance.demo import load_live_meeting

    meeting = load_live_meeting(today=date.today() + timedelta(days=400))
    item = minutes_item(meeting)
    assert item.minutes_of.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)
    assert item.minutes_of.date == date(2017, 6, 19) and "2018" not in item.description


def test_minutes_of_another_body_or_an_unheld_meeting_are_refused_and_nothing_saved(jc, officer):
    meeting = new_meeting(jc, officer, 60)
    item = minutes_item(meeting)
    before = (item.minutes_of_id, item.description, Meeting.objects.get(pk=meeting.pk).agenda_version)
    other_body = Body.objects.create(
        partnership=jc.partnership, name="Digital Delivery Board", slug="digital-delivery-board-x", kind="other"
    )
    theirs = Meeting.objects.create(
        body=other_body, date=date.today() - timedelta(days=30), venue="Town Hall", status=Meeting.Status.HELD
    )
    with pytest.raises(ValidationError) as error:
        services.minutes_item_point_at(item=item, minutes_of=theirs, by=officer)
    assert error.value.message_dict["minutes_of"] == [MINUTES_OF_OTHER_BODY]
    draft = Meeting.objects.get(body=jc, date=date(2018, 2, 20))
    with pytest.raises(ValidationError, match="has been held"):
        services.minutes_item_point_at(item=item, minutes_of=draft, by=officer)
    item.refresh_from_db()
    assert (item.minutes_of_id, item.description, Meeting.objects.get(pk=meeting.pk).agenda_version) == before


def test_holding_a_meeting_points_the_next_agenda_at_it_and_both_packs_carry_the_same_minutes(jc, officer):
    first = new_meeting(jc, officer, 30)
    second = new_meeting(jc, officer, 60)
    hold(first, officer)
    item = minutes_item(second)
    assert item.minutes_of == first
    assert f"held on {first.date:%-d %B %Y}" in item.description
    titles = {}
    for audience in ("public", "members"):
        items = documents.pack_items(second, audience=audience)
        bodies = documents.pack_bodies(second, items, audience=audience)
        titles[audience] = [b.title for b in bodies if b.item_id == item.pk]
    assert titles["public"] == titles["members"] and len(titles["public"]) == 1
    assert titles["public"][0].endswith(f"Minutes of {first.date:%-d %B %Y}")


def test_draft_minutes_are_published_marked_draft_then_replaced_by_the_approved_version(jc, officer, client):
    first = new_meeting(jc, officer, 30)
    second = new_meeting(jc, officer, 60)
    hold(first, officer)
    url = f"/shared-digital/meetings/{first.pk}/minutes/"
    assert client.get(url).status_code == 404  # held, nothing published yet
    assert client.get(f"/shared-digital/meetings/{first.pk}/minutes.pdf").status_code == 404
    client.force_login(officer)
    response = client.post(f"/shared-digital/meetings/{first.pk}/minutes/edit/", {"form": "publish_draft"})
    assert response.status_code == 302
    client.logout()
    page = client.get(url)
    assert page.status_code == 200 and "Draft minutes" in page.content.decode()
    assert "Draft minutes (not yet approved)" in client.get(f"/shared-digital/meetings/{first.pk}/").content.decode()
    api = client.get(f"/api/v1/partnerships/shared-digital/meetings/{first.pk}/").json()
    assert "Draft minutes (PDF)" in [d["title"] for d in api["documents"]]
    with pytest.raises(ValidationError, match="already published"):
        services.minutes_publish_draft(meeting=first, by=officer)
    # The next meeting approves them: the public now reads the approved, signed minutes.
    add_business(second, officer, "Finance update")
    services.agenda_publish(meeting=second, by=officer)
    approved = services.minutes_approve(meeting=second, by=officer)
    assert approved == first
    page = client.get(url).content.decode()
    assert "Minutes, approved and signed" in page and "Draft minutes" not in page


def test_only_a_held_meetings_minutes_can_be_published_as_a_draft(jc, officer):
    meeting = new_meeting(jc, officer, 30)
    with pytest.raises(ValidationError, match="has been held"):
        services.minutes_publish_draft(meeting=meeting, by=officer)
