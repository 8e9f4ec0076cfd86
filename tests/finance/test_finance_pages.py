"""Finance pages render for the roles that may read them, reject bad parameters with 400, and run a fixed
number of queries however much data there is."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import services
from finance.models import ControlTotal, RechargeStatement
from governance.models import Council

PAGES = [
    "/shared-digital/finance/",
    "/shared-digital/finance/2017-18/budget/",
    "/shared-digital/finance/2017-18/forecast/",
    "/shared-digital/finance/2019-20/savings/",
    "/shared-digital/finance/import/",
    "/shared-digital/finance/settlement/",
    "/shared-digital/finance/statements/",
]


def _login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


@pytest.mark.parametrize("path", PAGES)
def test_finance_pages_render(finance_demo, client, path):
    _login(client, "cio")
    assert client.get(path).status_code == 200


def test_the_budget_page_lists_every_total_that_differs_from_its_control_total(finance_demo, client):
    _login(client, "finance.islington")
    page = client.get("/shared-digital/finance/2017-18/budget/").content.decode()
    assert "6 computed totals differ" in page
    for computed, printed in [
        ("19,744,000.00", "19,745,000.00"),
        ("39,214,000.00", "39,215,000.00"),
        ("15,598,000.00", "15,599,000.00"),
        ("43,709,000.00", "43,710,000.00"),
        ("11,277,000.00", "11,278,000.00"),
        ("14,878,000.00", "14,879,000.00"),
    ]:
        assert computed in page and printed in page


def test_the_host_sets_a_control_total_on_the_page(finance_demo, client):
    _login(client, "finance.camden")
    url = "/shared-digital/finance/2017-18/budget/"
    response = client.post(url, {"council": "TOTAL", "key": "bau_staff", "amount": "19,744,000"})
    assert response.status_code == 302
    assert ControlTotal.objects.get(
        partnership__slug="shared-digital", year=2017, key="bau_staff", council=None
    ).amount == Decimal("19744000.00")
    assert "5 computed totals differ" in client.get(url).content.decode()
    response = client.post(url, {"council": "TOTAL", "key": "bau_staff", "amount": "lots"})
    assert "is not a sum in pounds and pence" in response.content.decode()


def test_the_forecast_page_shows_both_variances(finance_demo, client):
    _login(client, "cio")
    page = client.get("/shared-digital/finance/2017-18/forecast/?month=5").content.decode()
    assert "+134,000.00" in page and "+133,000.00" in page and "−5,243,000.00" in page


@pytest.mark.parametrize(
    "query",
    ["year=2018", "period=Q9", "status=paid", "colour=red", "page=99", "page=x"],
)
def test_the_statements_filters_reject_bad_parameters(finance_demo, client, query):
    _login(client, "cio")
    assert client.get(f"/shared-digital/finance/statements/?{query}").status_code == 400


def test_the_forecast_rejects_a_bad_month(finance_demo, client):
    _login(client, "cio")
    assert client.get("/shared-digital/finance/2017-18/forecast/?month=13").status_code == 400


def test_the_import_page_reports_every_bad_row(finance_demo, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _login(client, "finance.camden")
    upload = SimpleUploadedFile(
        "f.csv",
        b"partnership,year,month,line,amount\nshared-digital,2018/19,13,bau_staff,1\nshared-digital,2018/19,1,tea,1\n",
    )
    response = client.post("/shared-digital/finance/import/", {"kind": "forecast", "file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Row 2: " + services.ERROR_BAD_MONTH in page and "Row 3: " in page


def _grow(sd, years):
    """Issued Q1 statements for more years, to show the list does not query per row."""
    from datetime import date

    for year in years:
        services.settlement_set(
            partnership=sd, year=year, model="hosted", weights="budget", host=sd.host_on(date(2018, 4, 1))
        )
        services.import_budget(
            text="partnership,year,council,line,amount\n"
            + "".join(
                f"shared-digital,{year}/{(year + 1) % 100:02d},{c},bau_staff,1000\n"
                for c in ("LBC", "LBH", "LBI")
            )
        )
        services.purchase_order_set(  # Haringey pays only against a purchase order
            partnership=sd, council=Council.objects.get(code="LBH"), year=year, number=f"PO-{year}"
        )
        services.recharges_run(partnership=sd, year=year, period="Q1", issue=True)


@pytest.mark.parametrize("username", ["finance.haringey", "cio"])
def test_the_statements_list_runs_a_fixed_number_of_queries(finance_demo, client, username):
    from governance.models import Partnership

    sd = Partnership.objects.get(slug="shared-digital")
    _login(client, username)
    counts = []
    for years in ([2019], range(2020, 2026)):
        _grow(sd, years)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/shared-digital/finance/statements/").status_code == 200
        counts.append(len(ctx))
    assert RechargeStatement.objects.count() > 10
    assert counts[0] == counts[1], counts


def test_each_statement_on_the_list_links_to_its_page_pdf_and_csv(finance_demo, client):
    from django.urls import reverse

    _login(client, "cio")
    page = client.get("/shared-digital/finance/statements/").content.decode()
    shown = list(
        RechargeStatement.objects.filter(partnership__slug="shared-digital").order_by(
            "-year", "period", "council__code", "sequence"
        )[:3]
    )
    assert shown
    for st in shown:
        for name in ("finance:statement", "finance:statement_pdf", "finance:statement_csv"):
            url = reverse(name, kwargs={"partnership": "shared-digital", "statement_id": st.pk})
            assert f'href="{url}"' in page, url
