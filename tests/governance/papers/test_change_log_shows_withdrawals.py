"""The agenda's change log shows each withdrawal from the public, with what was withdrawn (as the public knew
it), the grounds, the reason and who withdrew it, newest first among the publications and sign-offs (issue 21 §4)."""

from html import unescape

import pytest

from governance.committees.publication import change_log
from governance.committees.services import agenda_publish
from governance.papers.services import report_save, report_sign_off
from governance.papers.withdrawal import withdraw

from ..paper_helpers import write_report


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def test_a_withdrawal_is_in_the_change_log_with_its_grounds_and_reason(future_meeting, officer, client):
    item, report = write_report(future_meeting, officer, "Heron network review", about="The figures.")
    report = report_sign_off(report=report_save(item=item, by=officer, title="Heron options"), by=officer)
    agenda_publish(meeting=future_meeting, by=officer)
    withdrawal, _job = withdraw(
        meeting=future_meeting,
        kind="report",
        target_id=report.pk,
        grounds="legal",
        reason="The monitoring officer advises it names a supplier in negotiation.",
        by=officer,
    )
    entries = change_log(future_meeting)
    newest = entries[0]
    assert newest.summary == (
        f"Withdrew the report “{withdrawal.title}” from the public: on legal advice. "
        "Reason: The monitoring officer advises it names a supplier in negotiation."
    )
    assert newest.who == "Carla Officer"
    assert any(e.summary.startswith("Published the agenda") for e in entries[1:])
    client.force_login(officer)
    page = unescape(client.get(f"/shared-digital/meetings/{future_meeting.pk}/agenda/edit/").content.decode())
    log = page[page.index('<h2 class="govuk-heading-l">Changes</h2>') :]
    assert f"Withdrew the report “{withdrawal.title}” from the public: on legal advice." in log
