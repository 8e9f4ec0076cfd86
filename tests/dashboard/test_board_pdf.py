"""“Download for the board”: the dashboard as a tagged PDF, built by a worker through the papers room's
machinery, titled and dated for the board meeting it is for, with progress and a download."""

import io
from datetime import date

import pikepdf
import pypdf

from governance.jobs.models import Job
from governance.models import Meeting, Partnership
from sharedservice.dashboard import services
from sharedservice.dashboard.tasks import build_board_pack

URL = "/shared-digital/dashboard/board.pdf"


def test_a_cio_asks_for_it_and_a_worker_builds_it(
    as_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = as_user("cio")
    meeting = (
        Meeting.objects.filter(body__partnership__slug="shared-digital", date__gte=date(2018, 1, 15))
        .order_by("date", "start_time")
        .first()
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            URL, {"year": "2017/18", "council": "LBH", "on": "2018-01-15", "meeting": str(meeting.pk)}
        )
    job = Job.objects.get(kind="dashboard_board_pdf")
    assert response["Location"] == job.get_absolute_url()
    assert len(callbacks) == 1  # queued once the job is committed
    assert build_board_pack(str(job.pk)) == "succeeded"  # what the worker runs
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.done == job.total == 3
    pdf = job.file.read()
    assert job.filename == f"dashboard-shared-digital-2017-lbh-{meeting.date.isoformat()}.pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    title = reader.metadata.title
    assert meeting.body.name in title and f"{meeting.date:%-d %B %Y}" in title
    words = " ".join(p.extract_text() for p in reader.pages)
    assert "London Borough of Haringey" in words
    assert all(
        s in words for s in ("MONEY", "CONTRACTS", "PEOPLE", "DECISIONS", "PORTFOLIO")
    )  # h2 in capitals
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert doc.Root.MarkInfo.Marked  # tagged
        assert "/StructTreeRoot" in doc.Root
    assert build_board_pack(str(job.pk)) == "already finished"
    assert client.get(job.get_absolute_url()).status_code == 200  # the progress page, with its download


def test_bad_filters_are_refused(as_user):
    client = as_user("cio")
    assert client.post(URL, {"year": "abc"}).status_code == 400
    assert client.post(URL, {"year": "2017/18", "meeting": "x"}).status_code == 400
    assert client.post(URL, {"year": "2017/18", "meeting": "9" * 40}).status_code == 400
    assert client.post(URL, {"year": "2017/18", "council": "ZZZ"}).status_code == 400
    assert not Job.objects.filter(kind="dashboard_board_pdf").exists()


def test_without_a_meeting_it_is_titled_for_the_year(full_demo):
    sd = Partnership.objects.get(slug="shared-digital")
    pdf, filename = services.board_pack_build(partnership=sd, year=2017, council=None, day=date(2018, 3, 31))
    assert filename == "dashboard-shared-digital-2017-2018-03-31.pdf"
    assert (
        pypdf.PdfReader(io.BytesIO(pdf)).metadata.title
        == "Shared Digital: the shared service at a glance, 2017/18"
    )
