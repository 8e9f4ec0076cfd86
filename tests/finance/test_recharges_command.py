"""`manage.py recharges` drafts or issues a period's statements, prints JSON, and never issues twice."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from finance.models import RechargeStatement, Settlement


def _run(*args):
    out = StringIO()
    call_command("recharges", *args, stdout=out)
    return out.getvalue()


def test_recharges_prints_the_statements_as_json_and_running_twice_issues_nothing_twice(finance_demo):
    args = ["--partnership", "shared-digital", "--year", "2018/19", "--period", "Q2", "--issue", "--json"]
    args += ["--issue-date", "2018-10-10"]
    first = json.loads(_run(*args))
    assert first["partnership"] == "shared-digital" and first["year"] == "2018/19" and first["period"] == "Q2"
    assert [(s["council"], s["kind"], s["net"], s["number"]) for s in first["statements"]] == [
        ("LBH", "invoice", "3697000.00", "SD-2018/19-0003"),
        ("LBI", "invoice", "3899500.00", "SD-2018/19-0004"),
    ]
    lines = first["statements"][0]["lines"]
    assert lines[0] == {"description": "Contribution to the hosted budget: BAU staff", "amount": "1314750.00"}
    assert sum(Decimal(line["amount"]) for line in lines) == Decimal("3697000.00")
    assert {(s["issue_date"], s["due_date"]) for s in first["statements"]} == {("2018-10-10", "2018-11-09")}
    count = RechargeStatement.objects.count()
    assert json.loads(_run(*args)) == first
    assert RechargeStatement.objects.count() == count


def test_recharges_without_issue_only_drafts(finance_demo):
    data = json.loads(
        _run("--partnership", "shared-digital", "--year", "2018/19", "--period", "Q3", "--json")
    )
    assert [s["number"] for s in data["statements"]] == [None, None]
    assert "0 issued" in _run("--partnership", "shared-digital", "--year", "2018/19", "--period", "Q3")


def test_recharges_explains_a_year_with_no_settlement_model(finance_demo):
    with pytest.raises(CommandError, match="No settlement model is set for shared-digital in 2017/18"):
        _run("--partnership", "shared-digital", "--year", "2017/18", "--period", "Q1")


def test_the_settlement_command_sets_a_year(finance_demo):
    out = StringIO()
    call_command(
        "settlement",
        "--partnership",
        "shared-digital",
        "--year",
        "2019/20",
        "--model",
        "pooled",
        "--weights",
        "fixed",
        "--fixed",
        "LBC=40,LBH=30,LBI=30",
        stdout=out,
    )
    s = Settlement.objects.get(partnership__slug="shared-digital", year=2019)
    assert (s.model, s.weights, s.fixed, s.host.code) == (
        "pooled",
        "fixed",
        {"LBC": "40", "LBH": "30", "LBI": "30"},
        "LBC",
    )
    with pytest.raises(CommandError, match="add up to 100"):
        call_command(
            "settlement",
            "--partnership",
            "shared-digital",
            "--year",
            "2020/21",
            "--model",
            "pooled",
            "--weights",
            "fixed",
            "--fixed",
            "LBC=40,LBH=30",
            stdout=StringIO(),
        )


def test_recharges_explains_why_it_cannot_issue(finance_demo):
    from finance.models import PurchaseOrder

    PurchaseOrder.objects.filter(council__code="LBH", year=2018).delete()
    with pytest.raises(CommandError, match="London Borough of Haringey pays only against a purchase order"):
        _run("--partnership", "shared-digital", "--year", "2018/19", "--period", "Q2", "--issue")
    assert not RechargeStatement.objects.filter(period="Q2", status="issued").exists()
