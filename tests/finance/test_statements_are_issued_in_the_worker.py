"""A quarter's statements are issued by the worker, not in the web request: the confirmed Issue button starts a
job whose page shows the progress and ends with a download. Their PDFs are rendered before the issuing
transaction (which holds the counter only to number and store them), once per content; if what was rendered is
no longer what would be issued, it is rendered again; a failure leaves nothing half issued, and the retry
renders nothing it rendered before (issue 27 §2)."""

import io

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from finance import einvoice, services
from finance.models import RechargeStatement, StatementCounter
from finance.tasks import issue_statements
from governance.jobs import services as jobs
from governance.models import Job
from governance.papers import documents as papers_documents

RUN = "/shared-digital/finance/statements/run/"


@pytest.fixture
def renders(monkeypatch):
    """The print HTML of each PDF laid out (not taken from the rendered parts), with the open savepoints then."""
    calls = []
    real = papers_documents.render_pdf_with_pages

    def render(html):
        calls.append((html, len(connection.savepoint_ids)))
        return real(html)

    monkeypatch.setattr(papers_documents, "render_pdf_with_pages", render)
    monkeypatch.setattr(papers_documents, "_recent", papers_documents._Recent())  # what this process kept
    return calls


def _job(sd, by):
    return jobs.job_create(
        kind="finance_statements_issue",
        title="Issue Q2 2018/19",
        by=by,
        partnership=sd,
        parameters={"year": 2018, "period": "Q2"},
    )


def _text(pdf):
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(bytes(pdf))).pages)


def _issued(sd):
    return list(
        RechargeStatement.objects.filter(partnership=sd, year=2018, period="Q2", status="issued").order_by(
            "number"
        )
    )


def test_confirming_starts_a_job_that_issues_in_the_worker_and_ends_with_a_download(
    client, finance_demo, sd, django_capture_on_commit_callbacks
):
    client.force_login(get_user_model().objects.get(username="finance.camden"))
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(RUN, {"year": "2018/19", "period": "Q2", "action": "issue", "confirm": "yes"})
    job = Job.objects.get(kind="finance_statements_issue")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert len(queued) == 1 and not _issued(sd)  # the request issued nothing itself
    assert issue_statements.run(str(job.pk)) == "succeeded"
    job.refresh_from_db()
    issued = _issued(sd)
    assert len(issued) == 2 and (job.done, job.total) == (2, 2)
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"/jobs/{job.pk}/download/" in page
    assert 'href="/shared-digital/finance/statements/?year=2018/19&amp;period=Q2"' in page  # back to the list
    download = b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content).decode()
    assert {row.split(",")[0] for row in download.splitlines()[1:]} == {st.number for st in issued}


def test_the_pdfs_are_rendered_before_the_issuing_transaction(finance_demo, sd, renders):
    services.statements_draft(partnership=sd, year=2018, period="Q2")
    outside = len(connection.savepoint_ids)
    issued = services.statements_issue(partnership=sd, year=2018, period="Q2")
    assert len(renders) == len(issued) == 2
    assert all(depth == outside for _, depth in renders)
    for st in issued:
        assert st.number in _text(RechargeStatement.objects.get(pk=st.pk).pdf)


def test_a_number_taken_meanwhile_renders_again_and_each_pdf_prints_its_own_number(
    finance_demo, sd, renders, monkeypatch
):
    services.statements_draft(partnership=sd, year=2018, period="Q2")
    counter, _ = StatementCounter.objects.get_or_create(partnership=sd, year=2018)
    used = counter.last
    real = services.documents.pdf_of_html
    taken = []

    def render_while_another_period_is_numbered(html, *, store=False):
        if not taken:  # another period of the year is issued while these render
            taken.append(StatementCounter.objects.filter(pk=counter.pk).update(last=used + 1))
        return real(html, store=store)

    monkeypatch.setattr(services.documents, "pdf_of_html", render_while_another_period_is_numbered)
    issued = services.statements_issue(partnership=sd, year=2018, period="Q2")
    numbers = [st.number for st in issued]
    assert numbers == [f"SD-2018/19-{n:04d}" for n in (used + 2, used + 3)]
    assert len(renders) == 4  # rendered for the numbers expected, then for those given
    for st in issued:
        assert st.number in _text(RechargeStatement.objects.get(pk=st.pk).pdf)
    counter.refresh_from_db()
    assert counter.last == used + 3


def test_a_failed_issue_leaves_nothing_and_its_retry_renders_nothing_again(
    finance_demo, sd, renders, monkeypatch, django_user_model
):
    counter, _ = StatementCounter.objects.get_or_create(partnership=sd, year=2018)
    used = counter.last
    job = _job(sd, django_user_model.objects.get(username="cio"))
    real = einvoice.document
    calls = []

    def fails_on_the_second(st, context):
        calls.append(st.pk)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real(st, context)

    monkeypatch.setattr(einvoice, "document", fails_on_the_second)
    with pytest.raises(RuntimeError):
        issue_statements.run(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.file
    assert not _issued(sd)
    assert not RechargeStatement.objects.filter(partnership=sd, year=2018, period="Q2", pdf_checksum__gt="")
    counter.refresh_from_db()
    assert counter.last == used
    assert len(renders) == 2

    monkeypatch.setattr(einvoice, "document", real)
    # The retry, as a worker started afresh would run it (nothing kept in its memory).
    monkeypatch.setattr(papers_documents, "_recent", papers_documents._Recent())
    assert issue_statements.run(str(job.pk)) == "succeeded"
    assert len(renders) == 2  # the retry took both PDFs from the rendered parts
    assert [st.number for st in _issued(sd)] == [f"SD-2018/19-{n:04d}" for n in (used + 1, used + 2)]


def test_a_statement_is_laid_out_once_per_content(client, finance_demo, sd, renders):
    drafts, _ = services.statements_draft(partnership=sd, year=2018, period="Q2")
    client.force_login(get_user_model().objects.get(username="cio"))
    url = f"/shared-digital/finance/statements/{drafts[0].pk}/pdf/"
    first, again = (client.get(url).content for _ in range(2))
    assert first == again and first.startswith(b"%PDF-")
    assert len(renders) == 1


def test_issuing_marks_only_its_own_partnership_changed(finance_demo, sd, renders):
    """The PDFs kept by content are a cache: storing them marks no other partnership's pages or figures."""
    from governance.models import Partnership

    others = Partnership.objects.exclude(pk=sd.pk).order_by("pk")
    before = list(others.values_list("pk", "public_version", "data_version"))
    sd_before = Partnership.objects.values_list("data_version", flat=True).get(pk=sd.pk)
    services.recharges_run(partnership=sd, year=2018, period="Q2", issue=True)
    assert len(renders) == 2
    assert list(others.values_list("pk", "public_version", "data_version")) == before
    assert Partnership.objects.values_list("data_version", flat=True).get(pk=sd.pk) > sd_before
