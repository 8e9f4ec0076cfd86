"""Publishing an agenda asks for confirmation on a page that says what will happen, with the warnings: reports
not signed off, exempt items without a report, late publication, and whatever other rooms append to the
publication warnings (issue 21 §4). What would be refused is refused at once; a confirmation of an agenda
changed since is refused, and nothing is published."""

from datetime import date, timedelta
from html import unescape

import pytest

from governance.committees import publication, services
from governance.models import Council
from governance.papers import services as report_services

from ..conftest import add_business
from ..paper_helpers import COMPLETE


def publish_url(meeting):
    return f"/shared-digital/meetings/{meeting.pk}/agenda/publish/"


@pytest.fixture
def agenda(future_meeting, officer):
    signed = add_business(future_meeting, officer, "Shared Digital Strategy", report_of="CDIO")
    report = report_services.report_save(
        item=signed, by=officer, title="Strategy", report_of="CDIO", **COMPLETE
    )
    report_services.report_sign_off(report=report, by=officer)
    draft = add_business(future_meeting, officer, "Network Services Transformation", report_of="CDIO")
    report_services.report_save(item=draft, by=officer, title="Network", report_of="CDIO", summary="Draft.")
    add_business(future_meeting, officer, "Finance update", report_of="Director of Finance")
    add_business(
        future_meeting,
        officer,
        "Supplier pricing",
        is_exempt=True,
        exempt_paragraph=3,
        public_title="A contract matter",
    )
    future_meeting.refresh_from_db()
    return future_meeting


def test_the_button_brings_a_page_saying_what_will_happen_with_the_warnings(agenda, officer, client):
    client.force_login(officer)
    response = client.post(publish_url(agenda), {"urgency_reason": ""})
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Publish the agenda?" in page and "What will happen" in page
    assert "The agenda is issued today, with its 4 items of business." in page
    assert "Network Services Transformation”: its report is not signed off" in page
    assert "“Supplier pricing” (exempt): no report has been written for the members." in page
    assert "“Finance update”: a report of the Director of Finance is listed but not written." in page
    assert "Shared Digital Strategy”: its report" not in page  # signed off: nothing to say
    assert f'name="version" value="{agenda.agenda_version}"' in page
    assert not agenda.publications.exists()  # nothing published yet


def test_confirming_publishes_and_a_confirmation_of_a_changed_agenda_is_refused(agenda, officer, client):
    client.force_login(officer)
    stale = agenda.agenda_version
    add_business(agenda, officer, "Late addition")
    response = client.post(publish_url(agenda), {"confirm": "yes", "version": stale, "urgency_reason": ""})
    assert response.status_code == 400
    assert publication.AGENDA_CHANGED in unescape(response.content.decode())
    assert not agenda.publications.exists()

    agenda.refresh_from_db()
    response = client.post(
        publish_url(agenda), {"confirm": "yes", "version": agenda.agenda_version, "urgency_reason": ""}
    )
    assert response.status_code == 302
    assert agenda.publications.filter(is_current=True).count() == 1


def test_late_publication_is_warned_of_and_without_a_reason_refused_at_once(jc, officer, client):
    soon = services.meeting_create(
        body=jc,
        date=date.today() + timedelta(days=3),
        venue="Town Hall",
        chair_council=Council.objects.get(code="LBI"),
        by=officer,
    )
    client.force_login(officer)
    response = client.post(publish_url(soon), {"urgency_reason": ""})
    assert response.status_code == 400
    assert services.URGENCY_REASON_NEEDED in unescape(response.content.decode())
    response = client.post(publish_url(soon), {"urgency_reason": "The budget must be set this month."})
    page = unescape(response.content.decode())
    assert response.status_code == 200 and publication.PUBLISHED_LATE in page
    assert "“The budget must be set this month.”" in page
    assert not soon.publications.exists()


def test_other_rooms_append_their_warnings(agenda, officer, client, monkeypatch):
    monkeypatch.setattr(
        publication,
        "publication_warnings",
        [*publication.publication_warnings, lambda meeting, items: [f"Checked {len(items)} items."]],
    )
    client.force_login(officer)
    page = client.post(publish_url(agenda), {"urgency_reason": ""}).content.decode()
    assert "Checked" in page and "items." in page


def test_the_change_log_shows_publication_sign_offs_and_withdrawn_sign_offs(agenda, officer, client):
    client.force_login(officer)
    long_title = "Shared Digital Strategy 2018 to 2022: " + "the councils' shared priorities, " * 6
    item = agenda.items.get(title="Network Services Transformation")
    report_services.report_save(item=item, by=officer, title=long_title.strip(), **COMPLETE)
    report_services.report_sign_off(report=item.report, by=officer)
    client.post(
        publish_url(agenda), {"confirm": "yes", "version": agenda.agenda_version, "urgency_reason": ""}
    )
    report_services.report_save(item=item, by=officer, summary="Changed after sign-off.")
    page = unescape(client.get(f"/shared-digital/meetings/{agenda.pk}/agenda/edit/").content.decode())
    log = page[page.index('<h2 class="govuk-heading-l">Changes</h2>') :]
    assert f"Published the agenda, dated {date.today():%-d %B %Y}." in log
    assert f"Signed off the report “{long_title.strip()}”." in log  # the whole title
    assert "Carla Officer, Committee officer" in log
    assert f"Changed the report “{long_title.strip()}”: its sign-off is withdrawn" in log
    assert log.index("its sign-off is withdrawn") < log.index("Published the agenda")  # newest first
