"""A committee's list of chairs follows "chaired the meeting": who chaired a held meeting, as its attendance
records it, stands in place of the appointment made for that meeting, and changes when the record does
(issue 21 §4)."""

from datetime import date
from html import unescape

import pytest

from governance.committees.services import attendance_record
from governance.models import Attendance

pytestmark = pytest.mark.django_db
URL = "/shared-digital/committees/shared-digital-joint-committee/"


def chairs(client):
    page = unescape(client.get(URL).content.decode())
    start = page.index('<h2 class="govuk-heading-l">Chairs</h2>')
    return page[start : page.index("<h2", start + 10)]


def test_the_list_names_who_chaired_each_held_meeting(demo, client):
    listed = chairs(client)
    assert (
        "Chaired the meeting of 19 June 2017: Councillor Theo Blackwell (London Borough of Camden)" in listed
    )
    assert "for the meeting of 19 June 2017" not in listed  # the appointment gives way to the record


def test_when_the_record_of_who_chaired_changes_the_list_follows(demo, client, officer):
    june = Attendance.objects.filter(meeting__date=date(2017, 6, 19), is_chair=True).get().meeting
    other = (
        june.attendance.filter(status=Attendance.Status.PRESENT, is_chair=False)
        .select_related("member")
        .first()
    )
    attendance_record(
        meeting=june, member=other.member, status=Attendance.Status.PRESENT, is_chair=True, by=officer
    )
    listed = chairs(client)
    assert f"Chaired the meeting of 19 June 2017: {other.member.name}" in listed
    assert "Theo Blackwell" not in listed
