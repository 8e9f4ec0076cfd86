"""A committee officer writes a report, builds the agenda pack in the browser, watches its progress and
downloads it; the pages pass axe-core."""

import re

import pytest

from governance.models import Job

from .conftest import assert_accessible, expect

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def test_an_officer_builds_the_pack_and_sees_progress_and_the_download(page, live_server, demo_live, sign_in):
    from governance.demo import load_live_meeting
    from governance.papers.tasks import build_agenda_pack

    # The demo's live meeting: its exempt item has no report yet (the only "Write the report" link) (the 30 October 2017 items all have theirs,
    # and that meeting's members' pack is some 135 pages).
    meeting = load_live_meeting()
    sign_in("officer")
    page.goto(f"{live_server.url}/shared-digital/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Reports and agenda packs for this meeting").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reports and agenda packs"
    assert_accessible(page)

    # The report editor, and a sign-off refused for a missing section, with the error summary.
    page.get_by_role("link", name=re.compile(r"^Write the report for item \d+$")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Write the report"
    assert_accessible(page)
    page.get_by_label("Report title", exact=True).fill("Managed wide area network: contract award")
    page.get_by_label("Report of", exact=True).fill("Chief Digital and Information Officer")
    page.get_by_label("Summary of report").fill("This report asks the Committee to award the WAN contract.")
    page.get_by_role("button", name="Save the report").click()
    page.get_by_role("button", name="Sign off the report").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert "cannot be signed off without" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the papers for this meeting").click()

    page.get_by_label("Members' pack (with the exempt part)").check()
    page.get_by_role("button", name="Build the pack").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Members' pack")
    assert page.locator("progress").count() == 1
    assert_accessible(page)

    job = Job.objects.get(kind="agenda_pack")
    assert build_agenda_pack(str(job.pk)) == "succeeded"  # the worker's part, run here
    download_link = page.get_by_role("link", name=re.compile(r"Download .*members-pack-v1\.pdf"))
    download_link.wait_for(timeout=15000)
    assert_accessible(page)
    with page.expect_download() as info:
        download_link.click()
    assert info.value.suggested_filename.endswith("members-pack-v1.pdf")
    assert open(info.value.path(), "rb").read(5) == b"%PDF-"
