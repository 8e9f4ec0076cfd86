"""Every CSV the site writes shows a cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage
return at the start) as the text that was typed: the change-history export, recharge statement CSVs (alone and
in the period zip) and the list of an import's bad rows. Numbers, negative ones included, stay numbers."""

import csv
import io
from decimal import Decimal

import pytest

from governance import spreadsheet
from governance.audit.history import change_history_csv

FORMULA = '=HYPERLINK("http://evil.example/","Click")'
DANGEROUS = [FORMULA, "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def cells(data):
    text = data.decode() if isinstance(data, bytes) else data
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def formulas_in(data):
    return [c for c in cells(data) if c.startswith(spreadsheet.FORMULA_STARTS)]


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_cell_that_would_start_a_formula_is_written_as_text(value):
    out = io.StringIO()
    spreadsheet.writer(out).writerow([value, "plain", Decimal("-12.50"), 7])
    written = cells(out.getvalue())
    assert written == ["'" + value, "plain", "-12.50", "7"]


@pytest.mark.django_db
def test_the_change_history_export_neutralises_formulas(demo):
    from governance.models import Council

    Council.objects.create(code="EVIL", name=FORMULA, kind="district")
    data = change_history_csv()
    assert "'" + FORMULA in cells(data)
    assert not formulas_in(data)


@pytest.fixture
def formula_statement(finance_demo):
    from finance.models import RechargeStatement, StatementLine

    st = RechargeStatement.objects.filter(status="draft").select_related("council", "partnership").first()
    if st is None:
        from finance import services
        from governance.models import Partnership

        statements, _ = services.statements_draft(
            partnership=Partnership.objects.get(slug="shared-digital"), year=2018, period="Q3"
        )
        st = statements[0]
    StatementLine.objects.create(statement=st, position=99, description=FORMULA, amount=Decimal("-1.00"))
    return RechargeStatement.objects.select_related("council", "partnership").get(pk=st.pk)


def test_a_statement_csv_neutralises_formulas_and_keeps_negative_sums_as_numbers(formula_statement):
    from finance import documents

    data = documents.statement_csv(formula_statement)
    assert "'" + FORMULA in cells(data) and "-1.00" in cells(data)
    # The only cells starting with a formula character are negative sums.
    assert all(c[1:].replace(".", "", 1).isdigit() for c in formulas_in(data))


def test_the_period_zip_carries_the_neutralised_csv(formula_statement):
    import zipfile

    from finance import documents

    content = documents.period_zip([formula_statement], pdf_for=lambda st: b"%PDF-")
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        data = zf.read(documents.statement_filename(formula_statement, "csv"))
    assert "'" + FORMULA in cells(data)


def test_the_list_of_bad_import_rows_neutralises_formulas():
    from finance import documents

    data = documents.import_errors_csv([(2, "“=1+1” is not a council of this partnership."), (3, "@cmd")])
    assert cells(data)[-1] == "'@cmd"
    assert not formulas_in(data)
