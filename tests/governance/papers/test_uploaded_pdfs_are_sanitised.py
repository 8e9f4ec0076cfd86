"""An uploaded PDF is rewritten by qpdf (pikepdf) without its active content before it is kept: no
JavaScript, /OpenAction, /AA (document, page, annotation), /Launch, /SubmitForm, /ImportData, /RichMedia or
embedded files, links included; only the clean copy is stored and served. A file that would break a pack
build is refused at upload with a message, and a build that still fails names the appendix."""

import hashlib
import io

import pikepdf
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from pikepdf import Array, Dictionary, Name, String

from governance.committees.services import agenda_publish
from governance.papers import sanitise
from governance.papers import services as report_services
from governance.papers.pdf import merge_problem
from governance.papers.services import pack_build, report_sign_off

from ..paper_helpers import uploaded_pdf, write_report

UNSAFE = [
    b"/JavaScript",
    b"/JS",
    b"/OpenAction",
    b"/AA",
    b"/Launch",
    b"/SubmitForm",
    b"/ImportData",
    b"/RichMedia",
    b"/EmbeddedFile",
    b"/FileAttachment",
    b"evil.exe",
]


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def js(code):
    return Dictionary(S=Name.JavaScript, JS=String(code))


def malicious_pdf():
    pdf = pikepdf.open(io.BytesIO(uploaded_pdf("Options appraisal")))
    attachment = pdf.make_stream(b"MZ not really a program")
    filespec = pdf.make_indirect(
        Dictionary(Type=Name.Filespec, F=String("evil.exe"), EF=Dictionary(F=attachment))
    )
    pdf.Root.OpenAction = pdf.make_indirect(js("app.alert('open')"))
    pdf.Root.AA = Dictionary(WC=js("app.alert('close')"))
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("a"), pdf.make_indirect(js("app.alert('names')"))])),
        EmbeddedFiles=Dictionary(Names=Array([String("evil.exe"), filespec])),
    )
    page = pdf.pages[0].obj
    page.AA = Dictionary(O=js("app.alert('page')"))

    def link(action, subtype=Name.Link):
        return pdf.make_indirect(
            Dictionary(Type=Name.Annot, Subtype=subtype, Rect=Array([0, 0, 50, 50]), A=action)
        )

    page.Annots = Array(
        [
            link(js("app.alert('link')")),
            link(Dictionary(S=Name.Launch, F=String("calc.exe"))),
            link(Dictionary(S=Name.SubmitForm, F=String("https://evil.example/"))),
            link(Dictionary(S=Name.ImportData, F=String("data.fdf"))),
            link(Dictionary(S=Name.URI, URI=String("https://example.org/"), Next=js("app.alert('next')"))),
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.RichMedia, Rect=Array([0, 0, 9, 9]))),
            pdf.make_indirect(
                Dictionary(
                    Type=Name.Annot, Subtype=Name.FileAttachment, FS=filespec, Rect=Array([0, 0, 9, 9])
                )
            ),
            pdf.make_indirect(
                Dictionary(
                    Type=Name.Annot,
                    Subtype=Name.Widget,
                    Rect=Array([0, 0, 9, 9]),
                    AA=Dictionary(K=js("app.alert('field')")),
                )
            ),
            link(Dictionary(S=Name.URI, URI=String("https://example.org/safe"))),
        ]
    )
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def expanded(data):
    """Every object written out uncompressed, so a name can be looked for in the bytes."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, qdf=True, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    return out.getvalue()


def upload(report, officer, data, title="Options appraisal"):
    return report_services.appendix_add(
        report=report, title=title, upload=SimpleUploadedFile("a.pdf", data, "application/pdf"), by=officer
    )


def test_active_content_is_removed_and_only_the_clean_copy_is_stored(future_meeting, officer):
    data = malicious_pdf()
    assert all(name in expanded(data) for name in UNSAFE)  # the test file carries each of them
    _, report = write_report(future_meeting, officer, "Network Services")
    appendix = upload(report, officer, data)
    with appendix.file.open("rb") as f:
        stored = f.read()
    clean = expanded(stored)
    assert [name for name in UNSAFE if name in clean] == []
    assert b"https://example.org/safe" in clean  # a plain link survives
    assert "Options appraisal" in "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(stored)).pages)
    assert appendix.checksum == hashlib.sha256(stored).hexdigest()


def test_the_public_pack_carries_no_active_content(future_meeting, officer):

    _, report = write_report(future_meeting, officer, "Network Services")
    upload(report, officer, malicious_pdf())
    report_sign_off(report=report, by=officer)
    agenda_publish(meeting=future_meeting, by=officer)
    pack = pack_build(meeting=future_meeting, audience="public", by=officer)
    with pack.file.open("rb") as f:
        clean = expanded(f.read())
    assert [name for name in UNSAFE if name in clean] == []


def direct_stream_pdf():
    """A page whose /Contents array holds a stream itself rather than a reference to one."""
    objs = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents[<</Length 22>>stream\nBT /F1 12 Tf (x) Tj ET\nendstream]>>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for o in offsets:
        out.write(b"%010d 00000 n \n" % o)
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def test_a_file_that_would_break_a_build_is_refused_at_upload(future_meeting, officer):
    # A stream placed directly in a page's /Contents array: the pack's merge code fails on it, even after the
    # rewrite, so it is refused at upload with a message and nothing is kept.
    broken = direct_stream_pdf()
    assert merge_problem(broken)
    _, report = write_report(future_meeting, officer, "Network Services")
    count = report.appendices.count()
    with pytest.raises(ValidationError) as refused:
        upload(report, officer, broken, title="Second")
    assert "cannot be merged into an agenda pack" in str(refused.value)
    assert report.appendices.count() == count
    # A sound PDF is accepted, and its clean copy goes through the same merge.
    appendix = upload(report, officer, uploaded_pdf("Fine"), title="Fine")
    with appendix.file.open("rb") as f:
        assert merge_problem(f.read()) is None


def test_a_build_that_still_fails_names_the_appendix(future_meeting, officer):
    _, report = write_report(future_meeting, officer, "Network Services")
    appendix = upload(report, officer, uploaded_pdf("Fine"), title="Supplier pricing")
    name = appendix.file.name
    appendix.file.storage.delete(name)
    appendix.file.storage.save(name, ContentFile(b"%PDF-1.7\n this is not a PDF any more"))
    with pytest.raises(Exception, match="Supplier pricing"):
        pack_build(meeting=future_meeting, audience="members", by=officer)


def test_an_unreadable_file_is_refused(monkeypatch):
    with pytest.raises(sanitise.UnsafePdf):
        sanitise.sanitise_pdf(b"%PDF-1.7\n garbage")
