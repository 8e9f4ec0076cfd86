"""A statement's CSV gives every row the statement's number, dates of issue and payment, payer, payee,
purchase order and net, and each line its funding line and ledger code, so it can be loaded into a ledger: its
rows are the statement's lines only, no summary row among them (issue 22 §5)."""

import csv
import io
from decimal import Decimal

from finance import documents, services
from finance.models import RechargeStatement


def _rows(st):
    return list(csv.DictReader(io.StringIO(documents.statement_csv(st).decode())))


def test_the_csv_has_dates_parties_purchase_order_and_a_ledger_code_per_line(finance_demo):
    st = RechargeStatement.objects.select_related("council", "partnership").get(number="SD-2018/19-0001")
    rows = _rows(st)
    assert list(rows[0]) == documents.CSV_COLUMNS
    for column in ("issue_date", "due_date", "payer", "payee", "purchase_order", "ledger_code"):
        assert column in documents.CSV_COLUMNS
    assert {(r["issue_date"], r["due_date"], r["payer"], r["payee"], r["purchase_order"]) for r in rows} == {
        (
            "2018-07-10",
            "2018-08-09",
            "London Borough of Haringey",
            "London Borough of Camden",
            "DEMO-PO-LBH-18019",
        )
    }
    lines = [(r["funding_line"], r["ledger_code"], r["amount"]) for r in rows]
    assert lines == [
        ("bau_staff", "DEMO-SD-1100", "1314750.00"),
        ("bau_non_staff", "DEMO-SD-1200", "2137750.00"),
        ("continuous_improvement", "DEMO-SD-1300", "244500.00"),
    ]
    # The net is the statement's, on every row; no row of its own among the lines, which sum to it.
    assert {r["statement_net"] for r in rows} == {"3697000.00"}
    assert [r["line"] for r in rows] == ["1", "2", "3"]
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal("3697000.00")


def test_a_line_spanning_several_funding_lines_takes_the_default_ledger_code(finance_demo, sd):
    services.import_actuals(
        text="partnership,date,line,amount,incurred_by,charged_to,description\n"
        "shared-digital,2018-06-30,bau_staff,43800000.00,LBC,,Shared permanent costs\n"
    )
    issued = services.recharges_run(partnership=sd, year=2018, period="true-up", issue=True)[2]
    st = next(s for s in issued if s.council.code == "LBH")
    rows = _rows(st)
    assert rows[0]["funding_line"] == "" and rows[0]["ledger_code"] == "DEMO-SD-9000"
    assert rows[0]["issue_date"] and rows[0]["kind"] == "invoice"


def test_a_drafts_csv_has_no_dates_yet(finance_demo, sd):
    statements, _ = services.statements_draft(partnership=sd, year=2018, period="Q3")
    rows = _rows(statements[0])
    assert {(r["number"], r["issue_date"], r["due_date"], r["status"]) for r in rows} == {
        ("", "", "", "draft")
    }
