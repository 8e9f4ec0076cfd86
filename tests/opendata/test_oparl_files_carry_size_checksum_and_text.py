"""A File for a stored public PDF (an uploaded appendix, the published public pack) carries its size and SHA-1
as the bytes served at its accessUrl have them, and its text where something keeps it (the search index
registers its extracted text with governance.papers.public.register_file_text); a PDF made when asked for (a
report, the minutes) carries neither size nor checksum rather than a guess."""

import hashlib

import pytest

from governance.committees import services
from governance.papers import public as papers_public
from governance.papers.services import pack_build
from tests.governance.paper_helpers import uploaded_pdf, write_report

from .conftest import local

BODY = "/oparl/v1.1/body/shared-digital/"


@pytest.fixture
def texts():
    def source(checksums):
        return {c: f"text of {c[:8]}" for c in checksums}

    papers_public.register_file_text(source)
    yield source
    papers_public._file_text_sources.remove(source)


def served(client, url):
    response = client.get(local(url))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_stored_files_carry_size_sha1_and_text_and_made_ones_do_not(client, future_meeting, officer, texts):
    item, report = write_report(
        future_meeting, officer, "Fleet telematics", appendix_pdf=uploaded_pdf("Fleet"), signed=True
    )
    services.agenda_publish(meeting=future_meeting, by=officer)
    pack = pack_build(meeting=future_meeting, audience="public", by=officer)
    appendix = report.appendices.get()

    meeting = client.get(f"{BODY}meeting/{future_meeting.pk}/").json()
    invitation = meeting["invitation"]
    assert invitation["id"].endswith(f"/file/pack-{pack.pk}/")
    data = served(client, invitation["accessUrl"])
    assert invitation["size"] == len(data)
    assert invitation["sha1Checksum"] == hashlib.sha1(data).hexdigest()
    assert invitation["text"] == f"text of {pack.checksum[:8]}"

    paper = client.get(f"{BODY}paper/report-{report.pk}/").json()
    [aux] = paper["auxiliaryFile"]
    data = served(client, aux["accessUrl"])
    assert aux["size"] == len(data) and aux["sha1Checksum"] == hashlib.sha1(data).hexdigest()
    assert aux["text"] == f"text of {appendix.checksum[:8]}"
    assert aux["mimeType"] == "application/pdf"

    main = paper["mainFile"]
    assert main["accessUrl"].endswith(f"/items/{item.pk}/report.pdf")
    assert not {"size", "sha1Checksum", "text"} & set(main)
    assert client.get(local(main["accessUrl"])).status_code == 200
