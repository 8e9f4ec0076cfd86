"""“Download for the board”: a board paper, not the web page printed, built by a worker through the papers
room's machinery: a cover, a one-page summary of the headline figures (with their direction since the last
board paper and a red/amber/green status each) and the CIO's commentary, then the sections; titled and dated
by the day its figures are as at, for the board meeting it is for; tagged; its filename keeps the year."""

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
            URL,
            {
                "year": "2017/18",
                "council": "LBH",
                "on": "2018-01-15",
                "meeting": str(meeting.pk),
                "commentary": "Haringey's one-off underspend stays with Haringey.",
            },
        )
    job = Job.objects.get(kind="dashboard_board_pdf")
    assert response["Location"] == job.get_absolute_url()
    assert len(callbacks) == 1  # queued once the job is committed
    assert build_board_pack(str(job.pk)) == "succeeded"  # what the worker runs
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.done == job.total == 3
    pdf = job.file.read()
    assert job.filename == f"board-paper-shared-digital-2017-18-lbh-{meeting.date.isoformat()}.pdf"
    assert job.parameters["commentary"] == "Haringey's one-off underspend stays with Haringey."  # kept with it
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    title = reader.metadata.title
    assert meeting.body.name in title and f"{meeting.date:%-d %B %Y}" in title
    assert "as at 15 January 2018" in title
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
    pdf, filename, _headline = services.board_pack_build(
        partnership=sd, year=2017, council=None, day=date(2018, 3, 31)
    )
    assert filename == "board-paper-shared-digital-2017-18-2018-03-31.pdf"
    assert (
        pypdf.PdfReader(io.BytesIO(pdf)).metadata.title
        == "Shared Digital: report to the board, 2017/18: the shared service as at 31 March 2018"
    )


def _pages(pdf):
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_paper_opens_with_a_cover_and_a_one_page_summary_of_the_seeds_figures(
    as_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = as_user("cio")
    post = {"year": "2017/18", "on": "2018-03-31", "commentary": "Over by £45k at month 5: staffing pressures."}
    with django_capture_on_commit_callbacks(execute=False):
        client.post(URL, post)
    job = Job.objects.get(kind="dashboard_board_pdf")
    assert build_board_pack(str(job.pk)) == "succeeded"
    job.refresh_from_db()
    cover, summary = _pages(job.file.read())[:2]
    # The cover: partnership, meeting, the "as at" date with the forecast used, and the author.
    assert cover.startswith("Shared Digital The shared service as at 31 March 2018")
    assert "Not for a particular meeting" in cover
    assert "31 March 2018, with the Month 5 (August 2017) forecast" in cover
    assert "Chief Digital and Information Officer" in cover
    # The summary: the seed's 2017/18 figures at month 5 (August), revenue and one-off apart, each with its
    # status; then the CIO's commentary, on the same page.
    assert summary.startswith("Summary Shared Digital, 2017/18.")
    # (The cell breaks "out-turn" at its hyphen.)
    assert "turn, month 5 (August) £43,755,000.00 against a budget of £43,710,000.00: £45,000.00 over" in summary
    assert "£10,878,000.00 against a current budget of £16,121,000.00: £5,243,000.00 under, which stays with each council" in summary
    assert "Amber" in summary and "Green" in summary
    assert "No earlier board paper" in summary
    assert "Over by £45k at month 5: staffing pressures." in summary
    assert job.parameters["headline"]["revenue"] == {
        "key": "revenue",
        "value": "43755000.00",
        "shown": "£43,755,000.00 against a budget of £43,710,000.00: £45,000.00 over",
    }

    # The next paper reads each figure's direction since this one.
    with django_capture_on_commit_callbacks(execute=False):
        client.post(URL, {**post, "commentary": ""})
    second = Job.objects.filter(kind="dashboard_board_pdf").exclude(pk=job.pk).get()
    assert build_board_pack(str(second.pk)) == "succeeded"
    second.refresh_from_db()
    summary = _pages(second.file.read())[1]
    assert "Direction is since the board paper as at 31 March 2018." in summary
    assert "£45,000.00 over No change Amber" in summary
    assert "No commentary was written for this paper." in summary


def test_a_commentary_too_long_is_refused(as_user):
    response = as_user("cio").post(URL, {"year": "2017/18", "commentary": "x" * 4001})
    assert response.status_code == 400
    assert not Job.objects.filter(kind="dashboard_board_pdf").exists()
