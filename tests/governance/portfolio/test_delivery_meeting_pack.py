"""The portfolio delivery meeting pack gathers the month's highlight reports by programme into one PDF,
assembled by the papers machinery (a bookmark per programme), built by a worker job with progress."""

import io
from datetime import date

import pypdf
import pytest

from governance.models import Job
from governance.portfolio import services
from governance.portfolio.models import Programme
from governance.portfolio.tasks import build_delivery_pack

from .conftest import real_fields

MONTH = date(2026, 1, 1)


@pytest.fixture
def reported(sd, officer, councils):
    data = Programme.objects.get(partnership=sd, slug="using-data-better")
    infra = Programme.objects.get(partnership=sd, slug="enabling-infrastructure")
    for title, programme, rag in [
        ("WAN", infra, "red"),
        ("ASC reporting", data, "green"),
        ("Data hub", data, "amber"),
    ]:
        project = services.project_create(
            partnership=sd,
            councils=list(councils.values()),
            by=officer,
            **real_fields(title=title, programme=programme),
        )
        services.highlight_submit(
            project=project,
            by=officer,
            month=date(2026, 1, 15),
            rag=rag,
            progress=f"{title} progressed.",
            issues_for_escalation=f"{title} needs a decision.",
        )


@pytest.mark.django_db
def test_the_pack_has_a_part_per_programme_in_programme_order(sd, reported, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stages = []
    pdf, filename = services.delivery_pack_build(
        partnership=sd, month=MONTH, progress=lambda stage, done, total: stages.append((stage, done, total))
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert [o.title for o in reader.outline] == [
        "Cover and contents",
        "Using data better",
        "Enabling infrastructure",
    ]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "WAN needs a decision." in text and "ASC reporting progressed." in text
    assert filename == "portfolio-delivery-pack-shared-digital-2026-01.pdf"
    assert stages[0] == ("Rendering the highlight reports", 0, 3)
    assert ("Rendering the highlight reports", 3, 3) in stages


@pytest.mark.django_db
def test_the_page_starts_a_job_that_a_worker_finishes(
    client, officer, reported, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/shared-digital/portfolio/highlights/pack/", {"month": "2026-01"})
    job = Job.objects.get(kind="portfolio_delivery_pack")
    assert response["Location"] == job.get_absolute_url()
    assert len(callbacks) == 1  # the task is queued once the job is committed
    assert build_delivery_pack(str(job.pk)) == "succeeded"  # what the worker runs
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.done == job.total == 3
    assert job.file.read().startswith(b"%PDF-")
    assert build_delivery_pack(str(job.pk)) == "already finished"


@pytest.mark.django_db
def test_a_bad_month_is_refused(client, officer):
    client.force_login(officer)
    assert client.post("/shared-digital/portfolio/highlights/pack/", {"month": "January"}).status_code == 400
    assert client.get("/shared-digital/portfolio/highlights/?month=2026-13").status_code == 400


@pytest.mark.django_db
def test_one_report_a_project_a_month_and_only_in_flight(sd, officer, councils, reported):
    from governance.portfolio.models import Project

    project = Project.objects.get(partnership=sd, title="WAN")
    with pytest.raises(services.ValidationError) as error:
        services.highlight_submit(project=project, by=officer, month=MONTH, rag="red", progress="Again")
    assert error.value.message_dict == {"month": [services.HIGHLIGHT_TWICE]}
    idea = Project.objects.get(partnership=sd, title="Joint procurement")
    with pytest.raises(services.ValidationError) as error:
        services.highlight_submit(project=idea, by=officer, month=MONTH, rag="red", progress="Nothing")
    assert error.value.messages == [services.HIGHLIGHT_NOT_IN_FLIGHT]
    project.refresh_from_db()
    assert project.rag == "red"  # the latest report's status
