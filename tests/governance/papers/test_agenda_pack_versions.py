"""A built pack is stored with its version, checksum, page count and who built it. Building again from the same
content gives back the same pack; a change makes a new version and keeps the old, and only the changed report
is rendered again. Two builds at once produce one pack; a build that fails leaves no file and can be retried.
The Celery task reports its stages through the job and ends with the file to download."""

import hashlib

import pytest

from governance.jobs import services as jobs
from governance.models import AgendaPack, Job, RenderedPart
from governance.papers import documents
from governance.papers import services as report_services
from governance.papers.services import pack_build
from governance.papers.tasks import build_agenda_pack

from ..paper_helpers import pages_text, write_report


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def meeting(future_meeting, officer):
    write_report(future_meeting, officer, "Governance Model Review", signed=True)
    write_report(future_meeting, officer, "Network Services Transformation", signed=True)
    future_meeting.refresh_from_db()
    return future_meeting


def stored_packs(media):
    return sorted(p.name for p in (media / "packs").rglob("*.pdf")) if (media / "packs").exists() else []


def test_a_rebuild_after_one_change_renders_only_that_report_and_keeps_the_old_version(
    meeting, officer, media
):
    first = pack_build(meeting=meeting, audience="public", by=officer)
    with first.file.open("rb") as f:
        assert first.checksum == hashlib.sha256(f.read()).hexdigest()
    assert (first.version, first.built_by, first.page_count > 0) == (1, officer, True)

    assert (
        pack_build(meeting=meeting, audience="public", by=officer) == first
    )  # nothing changed: the same pack

    item = meeting.items.get(title="Network Services Transformation")
    report_services.report_save(item=item, by=officer, summary="A new summary for the network report.")
    # The change withdrew the sign-off; the public pack carries the report once it is signed again.
    report_services.report_sign_off(report=item.report, by=officer)
    calls = []
    real = documents.render_pdf_with_pages
    documents.render_pdf_with_pages = lambda html: calls.append(html) or real(html)
    try:
        second = pack_build(meeting=meeting, audience="public", by=officer)
    finally:
        documents.render_pdf_with_pages = real
    assert second.version == 2
    # The changed report, and the cover/front sheet only if their text changed: never the unchanged report.
    assert any("A new summary for the network report." in html for html in calls)
    assert not any("Governance Model Review</h1>" in html for html in calls)
    assert AgendaPack.objects.filter(meeting=meeting, audience="public").count() == 2
    with first.file.open("rb") as f:  # the old version is kept
        assert "A new summary" not in "\n".join(pages_text(f.read()))
    assert len(stored_packs(media)) == 2


def test_two_builds_at_once_produce_one_pack(meeting, officer, media, monkeypatch):
    """The second build finishes rendering after the first has stored its pack: it returns the first's."""
    real_build = documents.build_pack
    state = {}

    def build_and_let_another_finish_first(*args, **kwargs):
        built = real_build(*args, **kwargs)
        if "first" not in state:
            monkeypatch.setattr(documents, "build_pack", real_build)
            state["first"] = pack_build(meeting=meeting, audience="public", by=officer)
        return built

    monkeypatch.setattr(documents, "build_pack", build_and_let_another_finish_first)
    second = pack_build(meeting=meeting, audience="public", by=officer)
    assert second == state["first"]
    assert AgendaPack.objects.filter(meeting=meeting).count() == 1
    assert len(stored_packs(media)) == 1  # the loser's file was deleted


def test_a_failed_build_leaves_no_file_and_the_retried_job_builds_once(meeting, officer, media, monkeypatch):
    job = jobs.job_create(
        kind="agenda_pack",
        title="Public agenda pack",
        by=officer,
        parameters={"meeting": meeting.pk, "audience": "public"},
    )
    from governance.models import AgendaPack as Pack

    real_save = Pack.save

    def crash(self, *args, **kwargs):
        raise RuntimeError("The worker was killed while saving")

    monkeypatch.setattr(Pack, "save", crash)
    with pytest.raises(RuntimeError):
        build_agenda_pack(str(job.pk))  # the task body, run here (no eager mode)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "killed" in job.error
    assert stored_packs(media) == [] and not job.file
    assert not AgendaPack.objects.exists()
    assert RenderedPart.objects.exists()  # what was rendered is kept for the retry

    monkeypatch.setattr(Pack, "save", real_save)
    stages = []
    real_progress = jobs.job_progress
    monkeypatch.setattr(
        jobs, "job_progress", lambda job, **kw: stages.append(kw.get("stage")) or real_progress(job, **kw)
    )
    assert build_agenda_pack(str(job.pk)) == "succeeded"
    assert build_agenda_pack(str(job.pk)) == "already finished"
    job.refresh_from_db()
    pack = AgendaPack.objects.get()
    assert (pack.job, pack.version) == (job, 1)
    assert job.filename == pack.filename and job.checksum == pack.checksum
    assert "Rendering the reports" in stages
    assert "Merging the reports and appendices" in stages and "Numbering the pages" in stages
    assert len(stored_packs(media)) == 1
