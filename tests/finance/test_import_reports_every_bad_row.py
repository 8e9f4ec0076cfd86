"""An import reports every bad row (rows for another partnership among them), refuses dates outside the known
financial years and sums that do not fit the money columns, lists the first 200 bad rows with the total, and
offers every bad row as a CSV kept with the failed import when it was posted (reading it writes nothing)."""

import csv
import io
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance import services
from finance.models import Actual, BudgetLine
from finance.periods import ERROR_UNKNOWN_YEAR
from tests.test_get_never_writes import writes_in

ACTUALS = "partnership,date,line,amount,incurred_by,charged_to,description\n"
BUDGET = "partnership,year,council,line,amount\n"


@pytest.fixture
def camden(client, demo):
    client.force_login(get_user_model().objects.get(username="finance.camden"))
    return client


def post_import(client, kind, text):
    upload = SimpleUploadedFile("rows.csv", text.encode("utf-8") if isinstance(text, str) else text)
    return client.post(
        reverse("finance:import", kwargs={"partnership": "shared-digital"}), {"kind": kind, "file": upload}
    )


def test_rows_for_another_partnership_are_reported_with_every_other_bad_row(camden):
    response = post_import(
        camden,
        "actuals",
        ACTUALS
        + "triborough-ict,2018-05-01,bau_staff,10,LBHF,,Ledger\n"
        + "shared-digital,2018-05-01,coffee,10,LBC,,Ledger\n"
        + "shared-digital,2018-05-01,bau_staff,10,LBC,,Ledger\n"
        + "triborough-ict,2018-05-01,bau_staff,10,WCC,,Ledger\n"
        + "shared-digital,2018-13-01,bau_staff,10,LBC,,Ledger\n",
    )
    assert response.status_code == 400
    assert [n for n, _ in response.context["row_errors"]] == [2, 3, 5, 6]
    reasons = dict(response.context["row_errors"])
    assert reasons[2] == reasons[5] == services.ERROR_OTHER_PARTNERSHIP
    assert reasons[6] == services.ERROR_BAD_DATE
    assert Actual.objects.count() == 0


@pytest.mark.parametrize(
    "row, reason",
    [
        ("shared-digital,0001-01-01,bau_staff,10,LBC,,Ledger", services.ERROR_DATE_OUTSIDE_YEARS),
        ("shared-digital,9999-12-31,bau_staff,10,LBC,,Ledger", services.ERROR_DATE_OUTSIDE_YEARS),
        (
            "shared-digital,2018-05-01,bau_staff,1e400,LBC,,Ledger",
            services.ERROR_BAD_AMOUNT.format(value="1e400"),
        ),
        (
            "shared-digital,2018-05-01,bau_staff,NaN,LBC,,Ledger",
            services.ERROR_BAD_AMOUNT.format(value="NaN"),
        ),
        (
            "shared-digital,2018-05-01,bau_staff,1234567890123456789012345678,LBC,,Ledger",
            services.ERROR_BAD_AMOUNT.format(value="1234567890123456789012345678"),
        ),
    ],
)
def test_dates_outside_the_known_years_and_sums_that_do_not_fit_are_refused(camden, row, reason):
    response = post_import(camden, "actuals", ACTUALS + row + "\n")
    assert response.status_code == 400
    assert response.context["row_errors"] == [(2, reason)]
    assert Actual.objects.count() == 0


def test_an_unknown_financial_year_in_a_budget_is_a_bad_row(camden):
    response = post_import(camden, "budget", BUDGET + "shared-digital,0000/01,LBC,bau_staff,100\n")
    assert response.status_code == 400 and response.context["row_errors"] == [(2, ERROR_UNKNOWN_YEAR)]
    assert BudgetLine.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused_with_a_message(camden):
    response = post_import(
        camden, "budget", BUDGET.encode() + "shared-digital,2018/19,LBC,bau_staff,£1\n".encode("cp1252")
    )
    assert response.status_code == 400
    assert response.context["row_errors"] == [(1, services.ERROR_NOT_UTF8)]


def test_a_thousand_bad_rows_show_the_first_200_with_the_total_and_every_row_as_csv(camden):
    text = ACTUALS + "".join(
        f"shared-digital,2018-05-01,bau_staff,{n}.999,LBC,,Ledger\n" for n in range(1000)
    )
    response = post_import(camden, "actuals", text)
    assert response.status_code == 400
    page = response.content.decode()
    assert len(response.context["row_errors"]) == 200
    assert page.count("<li>Row ") == 200
    assert "1,000 bad rows; the first 200 are listed above" in page
    download = reverse("jobs:download", kwargs={"job_id": response.context["errors_job"].pk})
    assert download in page
    with CaptureQueriesContext(connection) as ctx:
        csv_response = camden.get(download)
    assert csv_response.status_code == 200 and not writes_in(ctx.captured_queries)
    rows = list(csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    assert rows[0] == ["row", "problem"] and len(rows) == 1001
    assert rows[-1] == ["1001", services.ERROR_BAD_AMOUNT.format(value="999.999")]


def test_nobody_else_reads_the_list_of_bad_rows(camden):
    response = post_import(camden, "actuals", ACTUALS + "shared-digital,2018-05-01,coffee,1,LBC,,x\n")
    download = reverse("jobs:download", kwargs={"job_id": response.context["errors_job"].pk})
    camden.logout()
    camden.force_login(get_user_model().objects.get(username="finance.haringey"))
    assert camden.get(download).status_code == 403


def test_the_commands_end_with_one_line_naming_the_problem(demo, tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(BUDGET.encode() + "shared-digital,2018/19,LBC,bau_staff,£1\n".encode("cp1252"))
    with pytest.raises(CommandError, match="latin.csv: The file is not UTF-8 text"):
        call_command("import_budget", str(latin), stderr=StringIO())
    huge = tmp_path / "huge.csv"
    huge.write_text(
        BUDGET + "shared-digital,0000/01,LBC,bau_staff,1e400\nshared-digital,2018/19,LBC,bau_staff,1e400\n"
    )
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 2 bad row"):
        call_command("import_budget", str(huge), stderr=err)
    assert f"Row 2: {ERROR_UNKNOWN_YEAR}" in err.getvalue()
    assert "Row 3: " + services.ERROR_BAD_AMOUNT.format(value="1e400") in err.getvalue()
    for args in (
        ["recharges", "--partnership", "shared-digital", "--year", "9999/00", "--period", "Q1"],
        ["settlement", "--partnership", "shared-digital", "--year", "2019/20", "--model", "pooled", "--weights", "fixed", "--fixed", "LBC=NaN"],
        ["import_budget", str(tmp_path / "huge.csv"), "--date", "2018-02-30"],
    ):  # fmt: skip
        with pytest.raises(CommandError):
            call_command(*args, stdout=StringIO(), stderr=StringIO())
