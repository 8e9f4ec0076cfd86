"""Statement PDFs are tagged, titled and in British English, fetch nothing but the project's static files,
and an issued statement's PDF is kept with its checksum; a period's zip is built as a job."""

import hashlib
import io
import zipfile

import pypdf
import pytest

from finance import documents
from finance.models import RechargeStatement
from finance.services import statement_pdf_bytes
from finance.tasks import build_statements_zip
from governance.jobs import services as jobs
from governance.models import Job


@pytest.fixture
def lbh_q1(finance_demo):
    return RechargeStatement.objects.select_related("council", "partnership").get(number="SD-2018/19-0001")


def test_the_statement_pdf_is_tagged_titled_and_shows_the_calculation(lbh_q1):
    content = documents.statement_pdf(lbh_q1)
    reader = pypdf.PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title.startswith("Invoice SD-2018/19-0001")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert (
        "London Borough of Haringey" in text
        and "3,697,000.00" in text
        and "BAU staff: budget for the year £5,259,000.00 ÷ 4 = £1,314,750.00" in text
    )


def test_an_issued_statements_pdf_is_kept_with_its_checksum_and_never_changes(lbh_q1):
    first = statement_pdf_bytes(lbh_q1)
    stored = RechargeStatement.objects.get(pk=lbh_q1.pk)
    assert stored.pdf_checksum == hashlib.sha256(first).hexdigest()
    assert statement_pdf_bytes(stored) == first


def test_the_csv_lists_the_lines_each_with_the_statements_net(lbh_q1):
    text = documents.statement_csv(lbh_q1).decode()
    assert text.splitlines()[0].startswith("number,kind,status,issue_date,due_date,payer,payee")
    assert text.splitlines()[-1].startswith("SD-2018/19-0001,invoice,issued,2018-07-10,2018-08-09")
    assert ",3697000.00,shared-digital," in text.splitlines()[-1]  # the statement's net, not a row of its own
    assert text.splitlines()[-1].endswith(
        ",LBH,3,Contribution to the hosted budget: Continuous improvement,"
        "A quarter of the year's budget,continuous_improvement,DEMO-SD-1300,244500.00"
    )
    assert ",net," not in text


def test_the_period_zip_is_built_as_a_job_with_only_what_the_requester_may_see(
    finance_demo, django_user_model
):
    haringey = django_user_model.objects.get(username="finance.haringey")
    from governance.models import Partnership

    sd = Partnership.objects.get(slug="shared-digital")
    job = jobs.job_create(
        kind="finance_statements_zip",
        title="Q1",
        by=haringey,
        partnership=sd,
        parameters={"year": 2018, "period": "Q1"},
    )
    assert build_statements_zip.run(str(job.pk)) == "succeeded"
    job = Job.objects.get(pk=job.pk)
    assert (job.status, job.done, job.total) == ("succeeded", 1, 1)
    names = zipfile.ZipFile(job.file.open("rb")).namelist()
    assert names == ["SD-2018-19-0001.pdf", "SD-2018-19-0001.csv", "SD-2018-19-0001.xml"]
    assert build_statements_zip.run(str(job.pk)) == "already finished"


def test_the_zip_button_queues_the_job_on_commit(
    finance_demo, client, django_user_model, django_capture_on_commit_callbacks
):
    from unittest import mock

    client.force_login(django_user_model.objects.get(username="cio"))
    with mock.patch("finance.views.build_statements_zip.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/shared-digital/finance/statements/zip/", {"year": "2018/19", "period": "Q1"}
            )
    job = Job.objects.get(kind="finance_statements_zip")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    delay.assert_called_once_with(str(job.pk))
