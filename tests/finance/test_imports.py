"""CSV imports: a file with any bad row imports nothing and reports every bad row by number and reason;
a budget row for an existing line is refused unless revised, which records a dated revision."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from finance import services
from finance.models import Actual, BudgetLine, BudgetRevision, ControlTotal, Forecast


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_bad_row(demo, tmp_path):
    path = _write(
        tmp_path,
        "budget.csv",
        "partnership,year,council,line,amount\n"
        "shared-digital,2020/21,LBC,bau_staff,100\n"
        "shared-digital,2020/22,LBC,bau_staff,100\n"
        "shared-digital,2020/21,XYZ,bau_staff,100\n"
        "shared-digital,2020/21,LBH,coffee,100\n"
        "shared-digital,2020/21,LBI,bau_staff,12.345\n"
        "nowhere,2020/21,LBI,bau_staff,1\n"
        "shared-digital,2020/21,LBC,bau_staff,200\n",
    )
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 6 bad row"):
        call_command("import_budget", path, stderr=err)
    text = err.getvalue()
    assert "Row 3: " + services.ERROR_BAD_YEAR in text
    assert "Row 4: " + services.ERROR_UNKNOWN_COUNCIL.format(value="XYZ") in text
    assert "Row 5: “coffee” is not a funding line" in text
    assert "Row 6: " + services.ERROR_BAD_AMOUNT.format(value="12.345") in text
    assert "Row 7: " + services.ERROR_UNKNOWN_PARTNERSHIP.format(value="nowhere") in text
    assert "Row 8: " + services.ERROR_DUPLICATE_ROW.format(row=2) in text
    assert BudgetLine.objects.count() == 0


def test_a_budget_row_for_an_existing_line_needs_revise_and_is_recorded_as_a_revision(demo, tmp_path):
    first = _write(
        tmp_path, "a.csv", "partnership,year,council,line,amount\nshared-digital,2020/21,LBC,bau_staff,1000\n"
    )
    call_command("import_budget", first, stdout=StringIO())
    second = _write(
        tmp_path,
        "b.csv",
        "partnership,year,council,line,amount\nshared-digital,2020/21,LBC,bau_staff,1250.50\n",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_budget", second, stderr=err)
    assert "Row 2: " + services.ERROR_EXISTS in err.getvalue()
    out = StringIO()
    call_command(
        "import_budget",
        second,
        "--revise",
        "--reason",
        "Contract uplift",
        "--decision",
        "JC 20 Feb 2020",
        "--date",
        "2020-06-01",
        stdout=out,
    )
    assert "1 revised" in out.getvalue()
    line = BudgetLine.objects.get()
    assert (line.opening, line.amount) == (Decimal("1000.00"), Decimal("1250.50"))
    revision = BudgetRevision.objects.get()
    assert (revision.effective, revision.previous, revision.amount, revision.reason, revision.decision) == (
        date(2020, 6, 1),
        Decimal("1000.00"),
        Decimal("1250.50"),
        "Contract uplift",
        "JC 20 Feb 2020",
    )


def test_total_rows_are_control_totals(demo):
    services.import_budget(
        text="partnership,year,council,line,amount\n"
        "shared-digital,2020/21,LBC,bau_staff,1\n"
        "shared-digital,2020/21,TOTAL,bau_staff,2\n"
        "shared-digital,2020/21,LBC,permanent,3\n"
    )
    assert BudgetLine.objects.count() == 1
    assert sorted(ControlTotal.objects.values_list("key", "council__code", "amount")) == [
        ("bau_staff", None, Decimal("2.00")),
        ("permanent", "LBC", Decimal("3.00")),
    ]


def test_forecasts_and_actuals_import_from_commands(demo, tmp_path):
    f = _write(
        tmp_path,
        "f.csv",
        "partnership,year,month,line,amount,council\nshared-digital,2018/19,5,bau_staff,100,\n"
        "shared-digital,2018/19,5,evergreening,50,LBH\n",
    )
    call_command("import_forecast", f, stdout=StringIO())
    assert Forecast.objects.count() == 2
    a = _write(
        tmp_path,
        "a.csv",
        "partnership,date,line,amount,incurred_by,charged_to,description\n"
        'shared-digital,2018-05-01,bau_staff,"1,234.56",LBC,,Salaries\n'
        "shared-digital,2018-05-02,evergreening,10,LBH,LBI,Kit\n",
    )
    call_command("import_actuals", a, stdout=StringIO())
    assert sorted(Actual.objects.values_list("amount", "year")) == [
        (Decimal("10.00"), 2018),
        (Decimal("1234.56"), 2018),
    ]
    bad = _write(
        tmp_path,
        "bad.csv",
        "partnership,date,line,amount,incurred_by,charged_to,description\n"
        "shared-digital,31/05/2018,bau_staff,1,LBC,,x\n",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_actuals", bad, stderr=err)
    assert "Row 2: " + services.ERROR_BAD_DATE in err.getvalue()
    assert Actual.objects.count() == 2


def test_a_wrong_header_is_refused(demo):
    with pytest.raises(services.ImportRejected) as exc:
        services.import_forecast(text="year,month\n2018/19,5\n")
    assert exc.value.errors[0][0] == 1
