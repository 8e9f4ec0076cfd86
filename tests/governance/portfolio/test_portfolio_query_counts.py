"""The portfolio's list pages run the same number of queries with twice the rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.portfolio import services
from governance.portfolio.models import Programme, Risk

from .conftest import propose, real_fields, score

MONTH = date(2026, 1, 1)
PAGES = [
    "/shared-digital/portfolio/",
    "/shared-digital/portfolio/gateway/",
    f"/shared-digital/portfolio/highlights/?month={MONTH:%Y-%m}",
    "/shared-digital/portfolio/risks/",
    "/shared-digital/portfolio/programmes/enabling-infrastructure/",
]


def add_rows(sd, officer, councils, n, offset):
    programmes = list(Programme.objects.filter(partnership=sd))
    for i in range(offset, offset + n):
        programme = programmes[i % len(programmes)]
        project = services.project_create(
            partnership=sd,
            councils=list(councils.values())[: 1 + i % 3],
            by=officer,
            **real_fields(title=f"Project {i}", programme=programme, project_manager="" if i % 2 else "Pat"),
        )
        services.highlight_submit(project=project, by=officer, month=MONTH, rag="amber", progress=f"Step {i}")
        score(
            propose(sd, officer, councils, title=f"Proposal {i}", programme=programme),
            officer,
            total_each=i % 5,
        )
        services.risk_create(
            partnership=sd,
            by=officer,
            level=Risk.Level.PROJECT,
            project=project,
            description=f"Risk {i}",
            likelihood=1 + i % 5,
            impact=1 + (i * 2) % 5,
            owner="CDIO",
            review_date=date(2020, 1, 1),
        )


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


@pytest.mark.django_db
def test_list_pages_run_a_fixed_number_of_queries(client, sd, officer, councils):
    client.force_login(officer)
    add_rows(sd, officer, councils, 4, 0)
    before = {url: queries(client, url) for url in PAGES}
    add_rows(sd, officer, councils, 4, 4)
    after = {url: queries(client, url) for url in PAGES}
    assert after == before
    # The rows are really there: the doubled pages list them.
    page = client.get(PAGES[2]).content.decode()
    assert "Step 7" in page and "Step 0" in page
