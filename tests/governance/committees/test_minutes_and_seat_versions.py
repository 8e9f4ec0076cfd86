"""The minutes editor's forms of shared records (an item's minute, the meeting's attendance) and the body's
seat forms carry the version they were loaded at, as the agenda editor and the report editor do: a stale
version is refused (409) with the other person's change shown and nothing of it saved; a form sent without
its version is refused (400)."""

import re
from datetime import date

from django.urls import reverse

from governance.committees import services
from governance.committees.selectors import members_on
from governance.models import Attendance, BodyMember, MinuteEntry

from ..conftest import add_business, member

BODY = "/shared-digital/committees/shared-digital-joint-committee/"
STALE = "Somebody else saved this record"


def hidden(client, url, name):
    page = client.get(url).content.decode()
    found = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', page)
    found = found or re.search(rf'<input[^>]*value="([^"]*)"[^>]*name="{re.escape(name)}"', page)
    assert found, f"{name} is not on {url}"
    return found.group(1)


def _editor(meeting, officer):
    item = add_business(meeting, officer, "Network services transformation")
    services.agenda_publish(meeting=meeting, by=officer)
    url = reverse("governance:minutes_edit", kwargs={"partnership": "shared-digital", "meeting": meeting.pk})
    return item, url


def test_a_stale_minute_is_refused_and_shows_the_other_change(future_meeting, officer, other_officer, client):
    item, url = _editor(future_meeting, officer)
    client.force_login(officer)
    mine = hidden(client, url, f"m{item.pk}-version")
    assert mine == "0"  # not written yet
    client.force_login(other_officer)
    theirs = hidden(client, url, f"m{item.pk}-version")
    response = client.post(
        url,
        {
            "form": "minute",
            "item": item.pk,
            f"m{item.pk}-discussion": "Theirs",
            f"m{item.pk}-version": theirs,
        },
    )
    assert response.status_code == 302
    client.force_login(officer)
    data = {"form": "minute", "item": item.pk, f"m{item.pk}-discussion": "Mine", f"m{item.pk}-version": mine}
    response = client.post(url, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert STALE in page and "Sam Second" in page and "Changed by somebody else" in page
    assert MinuteEntry.objects.get(item=item).discussion == "Theirs"
    # The page now carries their version: sending it again saves over theirs, knowingly.
    fresh = re.search(rf'name="m{item.pk}-version" value="(\d+)"', page) or re.search(
        rf'value="(\d+)" name="m{item.pk}-version"', page
    )
    assert fresh and fresh.group(1) != mine
    # Without a version: refused, nothing saved.
    del data[f"m{item.pk}-version"]
    assert client.post(url, data).status_code == 400
    assert MinuteEntry.objects.get(item=item).discussion == "Theirs"
    data[f"m{item.pk}-version"] = fresh.group(1)
    assert client.post(url, data).status_code == 302
    assert MinuteEntry.objects.get(item=item).discussion == "Mine"


def test_stale_attendance_of_the_same_member_is_refused_another_members_is_not(
    jc, future_meeting, officer, other_officer, client
):
    _item, url = _editor(future_meeting, officer)
    first, second = [m for m in members_on(jc, future_meeting.date) if m.kind == "member"][:2]
    client.force_login(officer)
    mine = hidden(client, url, "attendance-version")
    client.force_login(other_officer)
    theirs = hidden(client, url, "attendance-version")

    def attend(member, status, version):
        data = {"form": "attendance", "attendance-member": member.pk, "attendance-status": status}
        if version is not None:
            data["attendance-version"] = version
        return client.post(url, data)

    assert attend(first, "apologies", theirs).status_code == 302
    client.force_login(officer)
    response = attend(first, "present", mine)
    assert response.status_code == 409
    assert STALE in response.content.decode() and "Sam Second" in response.content.decode()
    assert Attendance.objects.get(meeting=future_meeting, member=first).status == "apologies"
    # Nobody else touched the second member's attendance: the same page saves it.
    assert attend(second, "present", mine).status_code == 302
    assert attend(second, "apologies", None).status_code == 400
    assert Attendance.objects.get(meeting=future_meeting, member=second).status == "present"


def test_a_stale_seat_change_is_refused_and_shows_the_other_change(jc, officer, other_officer, client):
    hull = member(jc, "Councillor Andy Hull")
    client.force_login(officer)
    mine = hidden(client, BODY, "end-version")
    assert hidden(client, BODY, "seat-version") == mine
    client.force_login(other_officer)
    theirs = hidden(client, BODY, "seat-version")
    seat = {
        "action": "add",
        "seat-name": "Councillor Georgia Gould",
        "seat-council": hull.council_id,
        "seat-kind": "member",
        "seat-start": "2018-05-21",
    }
    assert client.post(BODY + "members/", {**seat, "seat-version": theirs}).status_code == 302
    # The page I loaded before their change: ending a seat or seating someone is refused.
    client.force_login(officer)
    end = {"action": "end", "end-member": hull.pk, "end-end": "2018-05-20", "end-version": mine}
    response = client.post(BODY + "members/", end)
    assert response.status_code == 409
    page = response.content.decode()
    assert STALE in page and "Sam Second" in page and "Changed by somebody else" in page
    assert "Councillor Georgia Gould" in page  # their change: the seat they added
    hull.refresh_from_db()
    assert hull.end is None
    other = {**seat, "seat-name": "Councillor Nadia Shah", "seat-version": mine}
    assert client.post(BODY + "members/", other).status_code == 409
    del other["seat-version"]
    assert client.post(BODY + "members/", other).status_code == 400
    assert not BodyMember.objects.filter(body=jc, name="Councillor Nadia Shah").exists()
    # With the version the page carries now, both save.
    current = hidden(client, BODY, "end-version")
    assert client.post(BODY + "members/", {**end, "end-version": current}).status_code == 302
    hull.refresh_from_db()
    assert hull.end == date(2018, 5, 20)


def test_a_version_that_is_not_a_whole_number_a_column_can_hold_is_refused_not_a_server_error(
    jc, future_meeting, officer, client
):
    item, url = _editor(future_meeting, officer)
    hull = member(jc, "Councillor Andy Hull")
    client.force_login(officer)
    for bad in ("abc", "1.5", "1e400", "9" * 40, "-1"):
        data = {"form": "minute", "item": item.pk, f"m{item.pk}-discussion": "x", f"m{item.pk}-version": bad}
        assert client.post(url, data).status_code in (400, 409), bad
        end = {"action": "end", "end-member": hull.pk, "end-end": "2018-05-20", "end-version": bad}
        assert client.post(BODY + "members/", end).status_code == 400, bad
    assert not MinuteEntry.objects.filter(item=item).exists()
    hull.refresh_from_db()
    assert hull.end is None
