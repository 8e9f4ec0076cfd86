"""The same build runs from the command line and writes the PDF to a file."""

import pytest
from django.core.management import CommandError, call_command

from ..paper_helpers import pages_text, write_report


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_build_pack_writes_the_members_pack(future_meeting, officer, tmp_path, capsys):
    write_report(future_meeting, officer, "Contract Award", exempt=True, about="Only for members' eyes.")
    out = tmp_path / "pack.pdf"
    call_command(
        "build_pack",
        committee="shared-digital-joint-committee",
        date=future_meeting.date.isoformat(),
        audience="members",
        output=str(out),
    )
    text = "\n".join(pages_text(out.read_bytes()))
    assert "Only for members' eyes." in text
    assert "Members' pack (with the exempt part), version 1" in capsys.readouterr().out


def test_build_pack_says_when_there_is_no_such_meeting(demo, tmp_path):
    with pytest.raises(CommandError, match="No meeting of shared-digital-joint-committee"):
        call_command(
            "build_pack",
            committee="shared-digital-joint-committee",
            date="2001-01-01",
            audience="public",
            output=str(tmp_path / "x.pdf"),
        )
