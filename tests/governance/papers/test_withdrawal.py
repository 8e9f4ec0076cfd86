"""Withdrawal: an officer withdraws a published item, report, appendix or pack with a reason, on a page that
says what will happen; from then every public copy stops serving it (pages, search, feeds, the JSON API, the
Modern.gov service and every pack version that carried it answer 410 or no longer list it), a corrected pack
is built by the worker's task, and the withdrawal is in the history with its reason. Only the latest public
pack version of a meeting is public at all (issue 23)."""

import pytest
from django.core.exceptions import ValidationError

from engagement.search import index_partnership
from governance.committees.models import Withdrawal
from governance.committees.services import agenda_publish
from governance.jobs.models import Job
from governance.papers.models import AgendaPack
from governance.papers.services import pack_build, report_save, report_sign_off
from governance.papers.tasks import build_agenda_pack
from governance.papers.withdrawal import WITHDRAWAL_REASON_NEEDED, withdraw

from ..paper_helpers import pages_text, uploaded_pdf, write_report

REPORT_TITLE = "Heron network review"  # the item's title
PAPER_TITLE = "Kingfisher options appraisal"  # its report's
SECRET = "kestrel-contract-figures"


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published(future_meeting, officer):
    """A published agenda with a signed report (a written appendix and an uploaded one) and its public pack."""
    item, report = write_report(
        future_meeting,
        officer,
        REPORT_TITLE,
        about=f"The figures {SECRET} are set out here.",
        appendix_text="Appendix notes about herons.",
        appendix_pdf=uploaded_pdf("Options paper"),
    )
    report = report_save(item=item, by=officer, title=PAPER_TITLE)
    report = report_sign_off(report=report, by=officer)
    agenda_publish(meeting=future_meeting, by=officer)
    pack = pack_build(meeting=future_meeting, audience="public", by=officer)
    assert pack.is_published
    index_partnership(future_meeting.body.partnership)  # what the worker does after the commit
    return future_meeting, item, report, pack


def base(meeting):
    return f"/shared-digital/meetings/{meeting.pk}/"


def pdf_text(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(pages_text(body))


def run_queued_build(callbacks):
    """The withdrawal queued one build of the public pack after its commit: run that job as the worker does."""
    assert len(callbacks) == 1
    job = Job.objects.filter(kind="agenda_pack").latest("pk")
    assert job.parameters["audience"] == "public"
    build_agenda_pack(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    return job


def test_a_withdrawn_report_answers_410_everywhere_and_a_corrected_pack_is_built(
    published, officer, client, django_capture_on_commit_callbacks
):
    meeting, item, report, old_pack = published
    appendix = report.appendices.first()
    urls = {
        "page": f"{base(meeting)}items/{item.pk}/report/",
        "pdf": f"{base(meeting)}items/{item.pk}/report.pdf",
        "appendix": f"{base(meeting)}items/{item.pk}/report/appendices/{appendix.pk}/",
        "pack": f"{base(meeting)}papers/packs/{old_pack.pk}/",
    }
    for url in urls.values():
        assert client.get(url).status_code == 200
    assert SECRET in pdf_text(client.get(urls["pack"]))
    assert "Nothing public matches" not in client.get("/shared-digital/search/?q=Kingfisher").content.decode()

    with django_capture_on_commit_callbacks() as callbacks:
        withdrawal, job = withdraw(
            meeting=meeting,
            kind="report",
            target_id=report.pk,
            grounds="legal",
            reason="Legal advice from Camden Legal Services: the figures are commercially sensitive.",
            by=officer,
        )
    assert job is not None
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 410, name
        page = response.content.decode()
        assert "withdrawn" in page and "On legal advice" in page and SECRET not in page
    # The meeting page, search, the feeds, the API and the Modern.gov service no longer list or link it.
    page = client.get(base(meeting)).content.decode()
    assert urls["page"] not in page and urls["pack"] not in page
    assert "The report on this item has been withdrawn" in page
    assert "Nothing public matches" in client.get("/shared-digital/search/?q=Kingfisher").content.decode()
    ics = client.get("/shared-digital/meetings.ics").content.decode().replace("\r\n ", "")
    assert urls["pack"] not in ics
    api = client.get(f"/api/v1/partnerships/shared-digital/meetings/{meeting.pk}/").json()
    assert [d for d in api["documents"] if d["kind"] in ("report", "pack")] == []
    assert all(i["report_title"] == "" for i in api["agenda_items"] if i["id"] == item.pk)
    mg = client.get(f"/shared-digital/mgWebService.asmx/GetMeeting?lMeetingId={meeting.pk}").content.decode()
    assert urls["pdf"] not in mg and urls["pack"] not in mg and PAPER_TITLE not in mg

    # The worker builds the corrected pack: a new version, public, without the report; the old one stays 410.
    run_queued_build(callbacks)
    corrected = AgendaPack.objects.filter(meeting=meeting, audience="public").latest("version")
    assert corrected.version == old_pack.version + 1 and corrected.is_published
    new_url = f"{base(meeting)}papers/packs/{corrected.pk}/"
    response = client.get(new_url)
    assert response.status_code == 200 and SECRET not in pdf_text(response)
    assert client.get(urls["pack"]).status_code == 410
    assert new_url in client.get(base(meeting)).content.decode()
    # People inside still read the report; the record keeps the withdrawal with its reason.
    client.force_login(officer)
    assert client.get(urls["page"]).status_code == 200
    papers = client.get(f"{base(meeting)}papers/").content.decode()
    assert "Legal advice from Camden Legal Services" in papers
    history = withdrawal.history.get()
    assert history.reason.startswith("Legal advice") and history.history_user == officer


def test_a_withdrawal_without_a_reason_saves_and_withdraws_nothing(published, officer, client):
    meeting, item, report, pack = published
    with pytest.raises(ValidationError) as error:
        withdraw(meeting=meeting, kind="report", target_id=report.pk, grounds="error", reason="  ", by=officer)
    assert error.value.message_dict["reason"] == [WITHDRAWAL_REASON_NEEDED]
    client.force_login(officer)
    url = f"{base(meeting)}withdraw/report/{report.pk}/"
    response = client.post(url, {"grounds": "error", "reason": ""})
    assert response.status_code == 400 and WITHDRAWAL_REASON_NEEDED in response.content.decode()
    assert not Withdrawal.objects.exists() and not Job.objects.exists()
    client.logout()
    assert client.get(f"{base(meeting)}items/{item.pk}/report/").status_code == 200
    assert client.get(f"{base(meeting)}papers/packs/{pack.pk}/").status_code == 200


def test_the_confirmation_page_says_what_will_happen_then_withdraws_the_item(
    published, officer, client, django_capture_on_commit_callbacks
):
    meeting, item, report, pack = published
    client.force_login(officer)
    url = f"{base(meeting)}withdraw/item/{item.pk}/"
    page = client.get(url).content.decode()
    assert "What will happen" in page and f"version {pack.version}" in page
    assert "A corrected public agenda pack is built" in page
    assert f'href="{url}"' in client.get(f"{base(meeting)}papers/").content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, {"grounds": "exempt", "reason": "Paragraph 3 applies after all."})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    assert len(callbacks) == 1
    client.logout()
    # The public agenda keeps only the number and "Item withdrawn", on the page, in the API and Modern.gov.
    page = client.get(base(meeting)).content.decode()
    assert REPORT_TITLE not in page and "Item withdrawn".upper() in page.upper()
    api = client.get(f"/api/v1/partnerships/shared-digital/meetings/{meeting.pk}/").json()
    titles = [i["title"] for i in api["agenda_items"]]
    assert REPORT_TITLE not in titles and "Item withdrawn" in titles
    mg = client.get(f"/shared-digital/mgWebService.asmx/GetMeeting?lMeetingId={meeting.pk}").content.decode()
    assert REPORT_TITLE not in mg
    search = client.get(f"/shared-digital/search/?q={REPORT_TITLE[:10]}").content.decode()
    assert "Nothing public matches" in search
    assert client.get(f"{base(meeting)}items/{item.pk}/report/").status_code == 410
    assert client.get(f"{base(meeting)}papers/packs/{pack.pk}/").status_code == 410
    # Withdrawing it again is refused with a message, and the page offers no form.
    client.force_login(officer)
    again = client.get(url).content.decode()
    assert "already been withdrawn" in again and 'name="reason"' not in again


def test_an_appendix_or_a_pack_is_withdrawn_on_its_own(published, officer, client):
    meeting, item, report, pack = published
    first, second = report.appendices.order_by("position")
    withdraw(meeting=meeting, kind="appendix", target_id=first.pk, grounds="error", reason="Wrong file.", by=officer)
    assert client.get(f"{base(meeting)}items/{item.pk}/report/appendices/{first.pk}/").status_code == 410
    assert client.get(f"{base(meeting)}items/{item.pk}/report/appendices/{second.pk}/").status_code == 200
    assert client.get(f"{base(meeting)}items/{item.pk}/report/").status_code == 200
    assert client.get(f"{base(meeting)}papers/packs/{pack.pk}/").status_code == 410  # it carried the appendix


def test_a_withdrawn_pack_answers_410_and_leaves_the_feeds(published, officer, client):
    meeting, _item, _report, pack = published
    url = f"{base(meeting)}papers/packs/{pack.pk}/"
    withdraw(meeting=meeting, kind="pack", target_id=pack.pk, grounds="error", reason="Pages out of order.", by=officer)
    response = client.get(url)
    assert response.status_code == 410 and "published in error" in response.content.decode()
    assert url not in client.get("/shared-digital/meetings.ics").content.decode().replace("\r\n ", "")
    assert url not in client.get(base(meeting)).content.decode()
    with pytest.raises(ValidationError):  # once is enough
        withdraw(meeting=meeting, kind="pack", target_id=pack.pk, grounds="error", reason="Again.", by=officer)


def test_only_the_latest_pack_version_is_public(published, officer, client):
    """Issue 23: every older version answers 410, so a report made exempt later does not escape in it."""
    meeting, _item, report, first = published
    write_report(meeting, officer, "Finance update", signed=True)
    agenda_publish(meeting=meeting, by=officer)  # supplementary agenda 1
    second = pack_build(meeting=meeting, audience="public", by=officer)
    assert second.version == 2 and second.is_published
    old = client.get(f"{base(meeting)}papers/packs/{first.pk}/")
    assert old.status_code == 410 and "A later version of the agenda pack replaces it" in old.content.decode()
    assert client.get(f"{base(meeting)}papers/packs/{second.pk}/").status_code == 200
    client.force_login(officer)  # people inside keep every version
    assert client.get(f"{base(meeting)}papers/packs/{first.pk}/").status_code == 200


def test_what_was_never_published_cannot_be_withdrawn(future_meeting, officer, client):
    item, report = write_report(future_meeting, officer, REPORT_TITLE, signed=True)
    with pytest.raises(ValidationError, match="has not been published"):
        withdraw(meeting=future_meeting, kind="report", target_id=report.pk, grounds="error", reason="x", by=officer)
    client.force_login(officer)
    page = client.get(f"{base(future_meeting)}withdraw/report/{report.pk}/").content.decode()
    assert "has not been published" in page and 'name="reason"' not in page
    response = client.post(f"{base(future_meeting)}withdraw/report/{report.pk}/", {"grounds": "error", "reason": "x"})
    assert response.status_code == 400 and not Withdrawal.objects.exists()
    assert client.get(f"{base(future_meeting)}withdraw/everything/{report.pk}/").status_code == 404
