"""Who reads what: the public reads the reports of published, non-exempt items and never an exempt report or a
draft; members, the CIO and auditors read every report and the members' pack; only committee officers and
administrators write. Minutes and decision notices come as PDFs to those who may read them."""

import pytest

from governance.committees.services import agenda_publish
from governance.models import Meeting, Resolution
from governance.papers.services import pack_build, report_sign_off
from governance.roles import Role

from ..paper_helpers import pages_text, write_report


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def papers(future_meeting, officer):
    public_item, _ = write_report(future_meeting, officer, "Network Services Transformation")
    exempt_item, _ = write_report(
        future_meeting, officer, "Data Centre Contract", exempt=True, about="Secret"
    )
    return future_meeting, public_item, exempt_item


def url(meeting, item=None, suffix=""):
    base = f"/shared-digital/meetings/{meeting.pk}/"
    return f"{base}items/{item.pk}/{suffix}" if item else f"{base}{suffix}"


def test_the_public_reads_only_published_non_exempt_signed_off_reports(papers, officer, client):
    meeting, public_item, exempt_item = papers
    assert client.get(url(meeting, public_item, "report/")).status_code == 404  # a draft agenda
    agenda_publish(meeting=meeting, by=officer)
    # Published agenda, report not yet signed off: the public cannot read the draft.
    for suffix in ("report/", "report.pdf"):
        assert client.get(url(meeting, public_item, suffix)).status_code == 404, suffix
    assert "Report to follow" in client.get(url(meeting)).content.decode()
    for item in (public_item, exempt_item):
        report_sign_off(report=item.report, by=officer)
    assert "Report to follow" not in client.get(url(meeting)).content.decode()
    page = client.get(url(meeting, public_item, "report/"))
    assert page.status_code == 200 and "Network Services Transformation" in page.content.decode()
    pdf = client.get(url(meeting, public_item, "report.pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert "Network Services Transformation" in "\n".join(pages_text(pdf.content))
    assert client.get(url(meeting, exempt_item, "report/")).status_code == 404
    assert client.get(url(meeting, exempt_item, "report.pdf")).status_code == 404
    assert "Data Centre Contract" not in client.get(url(meeting)).content.decode()
    assert client.get(url(meeting, suffix="papers/")).status_code == 302  # sign in first


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CIO, Role.AUDITOR])
def test_members_the_cio_and_auditors_read_everything_but_do_not_write(
    papers, officer, make_user, sd, client, role
):
    meeting, public_item, exempt_item = papers
    members_pack = pack_build(meeting=meeting, audience="members", by=officer)
    client.force_login(make_user(role, sd))
    assert "Secret" in client.get(url(meeting, exempt_item, "report/")).content.decode()
    assert client.get(url(meeting, suffix="papers/")).status_code == 200
    assert client.get(url(meeting, suffix=f"papers/packs/{members_pack.pk}/")).status_code == 200
    assert client.post(url(meeting, suffix="papers/build/"), {"audience": "public"}).status_code == 403
    assert client.post(url(meeting, public_item, "report/edit/"), {}).status_code == 403


def test_an_officer_starts_a_build_and_is_shown_the_job(
    papers, officer, client, django_capture_on_commit_callbacks
):
    meeting, _, _ = papers
    client.force_login(officer)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url(meeting, suffix="papers/build/"), {"audience": "members"})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    assert len(callbacks) == 1  # the task is queued once the job row is committed
    assert client.post(url(meeting, suffix="papers/build/"), {"audience": "everyone"}).status_code == 400


def test_minutes_and_decision_notices_as_pdf(demo, client, officer):
    june = Meeting.objects.get(date="2017-06-19")
    resolution = Resolution.objects.filter(meeting=june).exclude(item__standard="minutes").first()
    # The June minutes are not yet approved: the public cannot have them, the officer can.
    assert client.get(url(june, suffix="minutes.pdf")).status_code == 404
    notice = client.get(url(june, resolution.item, "decision.pdf"))
    assert notice.status_code == 200
    text = "\n".join(pages_text(notice.content))
    assert "Decision notice" in text and resolution.clause_list[0][:30] in text.replace("\n", " ")
    client.force_login(officer)
    minutes = client.get(url(june, suffix="minutes.pdf"))
    text = "\n".join(pages_text(minutes.content))
    assert "MINUTES END" in text and "DRAFT" in text


def test_administrators_see_reports_with_their_history_and_packs_read_only(demo, client):
    from django.contrib.auth import get_user_model

    from governance.models import Report

    client.force_login(get_user_model().objects.get(username="admin"))
    report = Report.objects.first()
    assert client.get("/admin/governance/report/").status_code == 200
    assert client.get(f"/admin/governance/report/{report.pk}/history/").status_code == 200
    assert client.get("/admin/governance/agendapack/").status_code == 200
    assert client.get("/admin/governance/agendapack/add/").status_code == 403
