"""A committee officer records a meeting's attendance on one form: a row for each member of the body on the
meeting's date (present, apologies, apologies with the substitute they sent, absent), and who chaired. Nothing is
saved unless every row is right, and each wrong row shows its error by the row (a 400, never a 500)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.committees import services
from governance.models import Attendance

from ..conftest import member


def _url(meeting):
    return reverse("governance:minutes_edit", kwargs={"partnership": "shared-digital", "meeting": meeting.pk})


def _sheet(meeting, rows, chair=None):
    data = {"form": "attendance_sheet", "sheet-version": services.attendance_version(meeting)}
    for seat, status, substitute in rows:
        data[f"sheet-status_{seat.pk}"] = status
        data[f"sheet-substitute_{seat.pk}"] = substitute.pk if substitute else ""
    if chair is not None:
        data["sheet-chair"] = chair.pk
    return data


def test_the_sheet_has_a_row_for_every_member_and_records_them_all_at_once(client, officer, jc, held):
    hull, webbe = member(jc, "Councillor Andy Hull"), member(jc, "Councillor Claudia Webbe")
    arthur, shaikh = member(jc, "Councillor Jason Arthur"), member(jc, "Councillor Asima Shaikh")
    client.force_login(officer)
    page = client.get(_url(held)).content.decode()
    for name in (
        "Andy Hull",
        "Claudia Webbe",
        "Jason Arthur",
        "Ali Demirci",
        "Richard Olszewski",
        "Danny Beales",
    ):
        assert f"Councillor {name} (" in page
    assert "Councillor Theo Blackwell (LBC)" not in page.split("attendance-sheet")[1].split("</table>")[0]
    response = client.post(
        _url(held),
        _sheet(
            held,
            [(hull, "present", None), (webbe, "substitute_sent", shaikh), (arthur, "absent", None)],
            hull,
        ),
    )
    assert response.status_code == 302
    rows = {a.member: a for a in Attendance.objects.filter(meeting=held)}
    assert rows[hull].status == "present" and rows[hull].is_chair
    assert rows[webbe].status == "apologies"
    assert rows[shaikh].status == "present" and rows[shaikh].substitute_for == webbe
    assert rows[arthur].status == "absent"
    page = client.get(_url(held)).content.decode()  # the sheet shows what was recorded
    assert f'value="{shaikh.pk}" selected' in page and 'value="substitute_sent" selected' in page


def test_changing_a_mark_removes_the_substitute_who_no_longer_stood_in(client, officer, jc, held):
    webbe, shaikh = member(jc, "Councillor Claudia Webbe"), member(jc, "Councillor Asima Shaikh")
    client.force_login(officer)
    client.post(_url(held), _sheet(held, [(webbe, "substitute_sent", shaikh)]))
    assert client.post(_url(held), _sheet(held, [(webbe, "present", None)])).status_code == 302
    assert list(Attendance.objects.filter(meeting=held).values_list("member", "status")) == [
        (webbe.pk, "present")
    ]


def test_wrong_rows_are_refused_together_with_their_errors_and_nothing_is_saved(client, officer, jc, held):
    hull, webbe = member(jc, "Councillor Andy Hull"), member(jc, "Councillor Claudia Webbe")
    harrison = member(jc, "Councillor Adam Harrison")  # Camden's substitute: not Islington's
    client.force_login(officer)
    response = client.post(
        _url(held), _sheet(held, [(hull, "substitute_sent", None), (webbe, "apologies", None)], chair=webbe)
    )
    assert response.status_code == 400
    page = response.content.decode()
    for message in (services.SUBSTITUTE_SENT_NEEDS_WHOM, services.CHAIR_MUST_BE_PRESENT):
        assert message in page
    # The form offers each member only their own council's substitutes; the service says so too.
    response = client.post(_url(held), _sheet(held, [(webbe, "substitute_sent", harrison)]))
    assert response.status_code == 400
    with pytest.raises(ValidationError) as error:
        services.attendance_record_meeting(
            meeting=held, marks={webbe: ("substitute_sent", harrison)}, by=officer
        )
    assert services.SUBSTITUTE_OTHER_COUNCIL in str(error.value)
    assert not Attendance.objects.filter(meeting=held).exists()


def test_nonsense_on_the_sheet_is_a_400(client, officer, jc, held):
    hull = member(jc, "Councillor Andy Hull")
    client.force_login(officer)
    data = _sheet(held, [(hull, "asleep", None)])
    data[f"sheet-substitute_{hull.pk}"] = "x" * 30
    data["sheet-chair"] = "99999999999999999999999"
    assert client.post(_url(held), data).status_code == 400
    assert not Attendance.objects.filter(meeting=held).exists()
