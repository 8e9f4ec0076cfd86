"""An uploaded appendix that is not a PDF, is encrypted, is damaged or is over 50 MB is refused at upload with a
message; a good PDF is kept with its checksum and page count; a written appendix needs text."""

import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import Appendix
from governance.papers import services as report_services
from governance.papers.forms import AppendixForm

from ..conftest import add_business
from ..paper_helpers import COMPLETE, uploaded_pdf


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def report_url(future_meeting, officer, client):
    item = add_business(future_meeting, officer, "Network")
    report = report_services.report_save(item=item, by=officer, title="Network", report_of="CDIO", **COMPLETE)
    client.force_login(officer)
    client.report = report
    return f"/shared-digital/meetings/{future_meeting.pk}/items/{item.pk}/report/"


def encrypted_pdf():
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(uploaded_pdf("Secret"))))
    writer.encrypt("password")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "content,message",
    [
        (b"PK\x03\x04 a spreadsheet", "The file is not a PDF."),
        ("encrypted", "The PDF is encrypted or password-protected; upload an unprotected copy."),
        (b"%PDF-1.7\n garbage", "The PDF is damaged and cannot be read."),
    ],
)
def test_a_bad_upload_is_refused_with_a_message(report_url, client, media, content, message):
    if content == "encrypted":
        content = encrypted_pdf()
    upload = SimpleUploadedFile("appendix.pdf", content, content_type="application/pdf")
    response = client.post(f"{report_url}appendices/", {"title": "Options paper", "upload": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Appendix.objects.filter(report=client.report).exists()
    assert not list((media / "reports").rglob("*")) if (media / "reports").exists() else True


def test_an_upload_over_50_mb_is_refused_before_it_is_read():
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.7", content_type="application/pdf")
    upload.size = 50 * 1024 * 1024 + 1
    form = AppendixForm(data={"title": "Big"}, files={"upload": upload})
    assert not form.is_valid()
    assert form.errors["upload"] == ["The file is larger than 50 MB."]


def test_a_good_pdf_is_kept_with_its_checksum_and_pages(report_url, client):
    upload = SimpleUploadedFile(
        "appendix.pdf", uploaded_pdf("Options paper", 2), content_type="application/pdf"
    )
    response = client.post(f"{report_url}appendices/", {"title": "Options paper", "upload": upload})
    assert response.status_code == 302
    appendix = Appendix.objects.get(report=client.report)
    assert appendix.page_count == 2 and len(appendix.checksum) == 64
    assert client.get(f"{report_url}appendices/{appendix.pk}/").status_code == 200


def test_a_written_appendix_needs_text(report_url, client):
    response = client.post(f"{report_url}appendices/", {"title": "Notes", "body": "  "})
    assert response.status_code == 400
    assert "Upload the appendix as a PDF, or write its text." in response.content.decode()
    response = client.post(f"{report_url}appendices/", {"title": "Notes", "body": "## Costs\n\nSome text."})
    assert response.status_code == 302
    assert Appendix.objects.get(report=client.report).body.startswith("## Costs")
