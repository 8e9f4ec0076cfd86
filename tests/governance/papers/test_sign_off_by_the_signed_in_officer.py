"""A report is signed off by the signed-in committee officer, for its author: their name, role and the time are
recorded, never a typed name. Anyone else is refused with a clear message and nothing is saved. Any later change
(its text, an appendix added or removed) withdraws the sign-off and the page says so; the admin cannot change a
signed or published report behind the services' back (issue 21 §4; issue 23: an admin edit of a signed report
went public without a new sign-off)."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.audit.versions import current_version
from governance.models import Report
from governance.papers import services as report_services
from governance.roles import Role

from ..conftest import add_business
from ..paper_helpers import COMPLETE


@pytest.fixture
def item(future_meeting, officer):
    return add_business(future_meeting, officer, "Network Services Transformation")


@pytest.fixture
def report(item, officer):
    return report_services.report_save(
        item=item,
        by=officer,
        title="Network Services Transformation",
        report_of="Chief Digital and Information Officer",
        author_name="Ed Garcez",
        **COMPLETE,
    )


@pytest.fixture
def admin():
    return get_user_model().objects.get(username="admin")


def report_url(item):
    return f"/shared-digital/meetings/{item.meeting_id}/items/{item.pk}/report/"


def edit_url(item):
    return report_url(item) + "edit/"


def test_the_signed_in_officer_signs_with_their_name_role_and_the_time(report, officer):
    before = timezone.now()
    report_services.report_sign_off(report=report, by=officer)
    report.refresh_from_db()
    assert (report.signed_by, report.signed_role) == ("Carla Officer", "Committee officer")
    assert report.signed_by_user == officer
    assert before <= report.signed_at <= timezone.now()
    assert report.signed_on == timezone.localdate(report.signed_at)


@pytest.mark.parametrize("who", ["admin", "member", "cio", "nobody", "other partnership"])
def test_someone_who_may_not_sign_is_refused_and_nothing_is_saved(report, who, make_user, admin, sd):
    from governance.models import Partnership

    by = {
        "admin": lambda: admin,
        "member": lambda: make_user(Role.MEMBER, sd),
        "cio": lambda: make_user(Role.CIO, sd),
        "nobody": lambda: None,
        "other partnership": lambda: make_user(
            Role.COMMITTEE_OFFICER, Partnership.objects.get(slug="triborough-ict")
        ),
    }[who]()
    versions = report.history.count()
    with pytest.raises(ValidationError) as error:
        report_services.report_sign_off(report=report, by=by)
    assert error.value.messages == [report_services.SIGNER_NOT_ALLOWED.format(partnership="Shared Digital")]
    report.refresh_from_db()
    assert not report.is_signed and report.signed_by == "" and report.history.count() == versions


def test_the_page_says_who_may_sign_for_the_author_and_signs_with_a_button(report, officer, client):
    client.force_login(officer)
    page = client.get(edit_url(report.item)).content.decode()
    assert (
        "A committee officer of Shared Digital signs the report off for its author, Ed Garcez, Chief" in page
    )
    assert "You sign as Carla Officer, committee officer" in page
    assert 'name="signed_by"' not in page  # no typed name

    response = client.post(report_url(report.item) + "sign-off/", {"version": current_version(report)})
    assert response.status_code == 302
    page = client.get(edit_url(report.item)).content.decode()
    report.refresh_from_db()
    assert f"by Carla Officer, Committee officer, at {timezone.localtime(report.signed_at):%H:%M} on" in page
    assert "Any change to its text, or an appendix added or removed, withdraws the sign-off" in page


def test_an_administrator_is_told_they_may_not_sign_and_nothing_is_signed(report, admin, client):
    client.force_login(admin)
    page = client.get(edit_url(report.item)).content.decode()
    assert "You cannot sign it off: only a committee officer of Shared Digital may." in page
    assert "Sign off the report</button>" not in page

    response = client.post(report_url(report.item) + "sign-off/", {"version": current_version(report)})
    assert response.status_code == 400
    assert "Only a committee officer of Shared Digital, signed in, may sign off" in response.content.decode()
    report.refresh_from_db()
    assert not report.is_signed


def test_a_report_changed_since_the_officer_opened_it_is_not_signed(report, officer, other_officer, client):
    opened = current_version(report)
    report_services.report_save(item=report.item, by=other_officer, summary="Changed meanwhile.")
    client.force_login(officer)
    response = client.post(report_url(report.item) + "sign-off/", {"version": opened})
    assert response.status_code == 400
    assert "The report has changed since you opened it" in response.content.decode()
    report.refresh_from_db()
    assert not report.is_signed
    # A form without its version is refused too.
    assert client.post(report_url(report.item) + "sign-off/", {}).status_code == 400
    report.refresh_from_db()
    assert not report.is_signed


def _form_data(report, **changes):
    data = {
        "version": current_version(report),
        "submitted_to": report.submitted_to_id,
        "date_day": report.date.day,
        "date_month": report.date.month,
        "date_year": report.date.year,
    }
    for name in report_services.REPORT_FIELDS:
        if name not in {"submitted_to", "date"}:
            data[name] = getattr(report, name)
    data.update(changes)
    return data


def test_changing_a_signed_report_on_its_page_withdraws_the_sign_off_and_says_so(report, officer, client):
    report_services.report_sign_off(report=report, by=officer)
    report.refresh_from_db()
    client.force_login(officer)
    response = client.post(edit_url(report.item), _form_data(report, summary="A new summary."), follow=True)
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    assert "Its sign-off by Carla Officer has been withdrawn: it needs signing off again." in page
    report.refresh_from_db()
    assert not report.is_signed and report.signed_at is None and report.signed_role == ""


def test_an_appendix_added_or_removed_withdraws_the_sign_off_and_says_so(report, officer, client):
    client.force_login(officer)
    report_services.report_sign_off(report=report, by=officer)
    response = client.post(
        report_url(report.item) + "appendices/", {"title": "Costs", "body": "The costs."}, follow=True
    )
    assert "The report's sign-off by Carla Officer has been withdrawn" in unescape(response.content.decode())
    report.refresh_from_db()
    assert not report.is_signed

    report_services.report_sign_off(report=report, by=officer)
    appendix = report.appendices.get()
    response = client.post(report_url(report.item) + f"appendices/{appendix.pk}/remove/", follow=True)
    assert "The report's sign-off by Carla Officer has been withdrawn" in unescape(response.content.decode())
    report.refresh_from_db()
    assert not report.is_signed and not report.appendices.exists()


def test_every_label_on_the_report_page_points_at_its_own_field(report, officer, client):
    client.force_login(officer)
    page = client.get(edit_url(report.item)).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert '<label class="govuk-label" for="appendix-title">Title of the appendix' in page
    for target in re.findall(r'<label[^>]*for="([^"]+)"', page):
        assert f'id="{target}"' in page, target


# The admin ------------------------------------------------------------------------------------------------


def admin_change(report):
    return f"/admin/governance/report/{report.pk}/change/"


def test_the_admin_cannot_change_a_signed_report(report, officer, admin, client):
    report_services.report_sign_off(report=report, by=officer)
    client.force_login(admin)
    page = client.get(admin_change(report))
    assert page.status_code == 200 and 'name="summary"' not in page.content.decode()  # read-only
    data = {"summary": "Changed in the admin.", **{f: getattr(report, f) for f in ("title", "report_of")}}
    assert client.post(admin_change(report), data).status_code == 403
    assert client.post(f"/admin/governance/report/{report.pk}/delete/", {"post": "yes"}).status_code == 403
    version = report.history.order_by("history_id").first().history_id
    client.post(f"/admin/governance/report/{report.pk}/history/{version}/", data)
    report.refresh_from_db()
    assert report.is_signed and report.summary == COMPLETE["summary"]


def test_the_admin_cannot_change_a_report_on_a_published_agenda(report, officer, admin, client):
    meeting = report.item.meeting
    meeting.status = meeting.Status.PUBLISHED
    meeting.save(update_fields=["status"])
    client.force_login(admin)
    assert 'name="summary"' not in client.get(admin_change(report)).content.decode()
    assert client.post(admin_change(report), {"summary": "Changed."}).status_code == 403
    report.refresh_from_db()
    assert report.summary == COMPLETE["summary"]


def test_a_draft_changed_in_the_admin_goes_through_the_reports_service(report, admin, client):
    client.force_login(admin)
    page = client.get(admin_change(report)).content.decode()
    assert 'name="summary"' in page and 'name="signed_by"' not in page
    data = _form_data(report, title="Network services: the new WAN")
    data.pop("version")
    data["date"] = report.date.isoformat()
    response = client.post(admin_change(report), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report.refresh_from_db()
    assert report.title == "Network services: the new WAN"
    report.item.refresh_from_db()
    assert report.item.report_title == "Network services: the new WAN"  # the service's rule, not a bare save
    assert report.history.latest().history_user == admin


def test_the_seed_reports_are_signed_by_their_author(demo):
    report = Report.objects.filter(item__meeting__date="2017-10-30").order_by("item__position").first()
    assert (report.signed_by, report.signed_role) == ("Ed Garcez", "Chief Digital and Information Officer")
    assert str(report.signed_on) == "2017-10-19"


def test_the_agenda_editor_links_to_each_items_report(future_meeting, officer, client):
    written = add_business(future_meeting, officer, "Network Services Transformation")
    report_services.report_save(item=written, by=officer, title="Network", report_of="CDIO", **COMPLETE)
    unwritten = add_business(future_meeting, officer, "Case management review")
    client.force_login(officer)
    page = client.get(f"/shared-digital/meetings/{future_meeting.pk}/agenda/edit/").content.decode()
    assert (
        f'href="{edit_url(written)}">Edit the report<span class="govuk-visually-hidden"> for Network Services'
        in page
    )
    assert f'href="{edit_url(unwritten)}">Write the report<span class="govuk-visually-hidden"> for Case' in page
    assert page.count("the report<span") == 2  # standard items carry no report
