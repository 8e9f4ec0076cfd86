"""A report is written in the house template; it cannot be signed off without its required sections; changing a
signed report withdraws the sign-off while its history keeps every version; its recommendations become the
draft resolution."""

import pytest
from django.core.exceptions import ValidationError

from governance.audit.versions import current_version
from governance.models import Report
from governance.papers import services as report_services

from ..conftest import add_business
from ..paper_helpers import COMPLETE


@pytest.fixture
def item(future_meeting, officer):
    return add_business(future_meeting, officer, "Network Services Transformation")


def test_a_report_without_a_required_section_cannot_be_signed_off(item, officer):
    text = dict(COMPLETE, legal="", contact_officer="")
    report = report_services.report_save(item=item, by=officer, title="Network", report_of="CDIO", **text)
    with pytest.raises(ValidationError) as error:
        report_services.report_sign_off(report=report, by=officer)
    assert error.value.messages == [
        report_services.REPORT_INCOMPLETE.format(missing="the legal implications and the contact officer")
    ]
    report.refresh_from_db()
    assert not report.is_signed


def test_a_complete_report_is_signed_off_and_a_later_change_withdraws_the_sign_off(item, officer):
    report = report_services.report_save(item=item, by=officer, title="Network", report_of="CDIO", **COMPLETE)
    report_services.report_sign_off(report=report, by=officer)
    report.refresh_from_db()
    assert report.is_signed and report.signed_by == "Carla Officer"
    with pytest.raises(ValidationError, match="already been signed off"):
        report_services.report_sign_off(report=report, by=officer)

    report_services.report_save(item=item, by=officer, summary="A changed summary.")
    report.refresh_from_db()
    assert not report.is_signed
    versions = list(report.history.order_by("history_date"))
    assert [v.signed_by for v in versions] == ["", "Carla Officer", ""]
    assert versions[0].summary == COMPLETE["summary"]


def test_the_item_follows_the_report_and_standard_items_carry_none(item, future_meeting, officer):
    report_services.report_save(
        item=item, by=officer, title="Network Services", report_of="Chief Digital Officer", **COMPLETE
    )
    item.refresh_from_db()
    assert (item.report_title, item.report_of) == ("Network Services", "Chief Digital Officer")
    apologies = future_meeting.items.get(standard="apologies")
    with pytest.raises(ValidationError, match="do not carry a report"):
        report_services.report_save(item=apologies, by=officer, title="No", report_of="No")


def test_recommendations_become_the_draft_resolution(item, officer):
    report = report_services.report_save(item=item, by=officer, title="Network", report_of="CDIO", **COMPLETE)
    assert report_services.report_draft_resolution(report) == [
        "THAT approve the strategy for a single shared network",
        "THAT note the contract award date",
    ]
    assert Report.objects.get(pk=report.pk).recommendation_list[0].startswith("Approve")


def test_the_sign_off_page_shows_what_is_missing(item, officer, client):
    report = report_services.report_save(
        item=item, by=officer, title="Network", report_of="CDIO", summary="Only this."
    )
    client.force_login(officer)
    url = f"/shared-digital/meetings/{item.meeting_id}/items/{item.pk}/report/sign-off/"
    response = client.post(url, {"version": current_version(report)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "cannot be signed off without" in page and "the legal implications" in page


def test_the_minutes_editor_offers_the_recommendations_as_the_draft_resolution(demo, client, officer):
    from governance.models import Meeting

    october = Meeting.objects.get(date="2017-10-30")
    client.force_login(officer)
    page = client.get(f"/shared-digital/meetings/{october.pk}/minutes/edit/").content.decode()
    assert "THAT approve the strategy for the Councils to share their wide area networks" in page
