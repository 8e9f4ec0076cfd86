"""The minutes editor's chair form appoints a chair or vice-chair for the meeting (it used to answer 404 or
fail with a server error); a form the page does not have is refused."""

from django.urls import reverse

from governance.committees import services
from governance.committees.selectors import members_on
from governance.models import ChairAppointment


def _published(meeting, officer):
    services.agenda_publish(meeting=meeting, by=officer)  # the record of a meeting starts with its agenda
    return meeting


def _url(meeting):
    return reverse("governance:minutes_edit", kwargs={"partnership": "shared-digital", "meeting": meeting.pk})


def test_the_chair_form_appoints_a_member_of_the_named_council_for_the_meeting(
    client, officer, jc, future_meeting
):
    chair = next(
        m for m in members_on(jc, future_meeting.date) if m.council.code == "LBI" and m.kind == "member"
    )
    client.force_login(officer)
    response = client.post(
        _url(_published(future_meeting, officer)),
        {"form": "chair", "chair-member": chair.pk, "chair-office": "chair", "chair-term": "meeting"},
    )
    assert response.status_code == 302
    appointment = ChairAppointment.objects.get(appointed_at=future_meeting)
    assert (appointment.member, appointment.office, appointment.for_meeting_only) == (chair, "chair", True)


def test_a_chair_from_another_council_is_refused_with_the_rule(client, officer, jc, future_meeting):
    other = next(
        m for m in members_on(jc, future_meeting.date) if m.council.code != "LBI" and m.kind == "member"
    )
    client.force_login(officer)
    response = client.post(
        _url(_published(future_meeting, officer)),
        {"form": "chair", "chair-member": other.pk, "chair-office": "chair", "chair-term": "meeting"},
    )
    assert response.status_code == 400
    assert not ChairAppointment.objects.filter(appointed_at=future_meeting).exists()


def test_a_form_the_page_does_not_have_is_refused(client, officer, future_meeting):
    client.force_login(officer)
    assert client.post(_url(future_meeting), {"form": "nonsense"}).status_code == 400
