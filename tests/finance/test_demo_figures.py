"""The seed's tables, loaded as demo data: computed totals beside the printed (control) totals."""

from decimal import Decimal

from finance import selectors

K = Decimal(1000)


def _mismatches(table):
    return {(m["label"], m["council"]): (m["computed"] / K, m["control"] / K) for m in table["mismatches"]}


def test_the_2017_18_budget_flags_every_printed_total_that_differs(finance_demo, sd):
    table = selectors.budget_table(sd, 2017)
    assert _mismatches(table) == {
        ("BAU staff", "TOTAL"): (19744, 19745),
        ("Funding requirement for BAU", "TOTAL"): (39214, 39215),
        ("Requirement for BAU + continuous improvement", "LBI"): (15598, 15599),
        ("Requirement for BAU + continuous improvement", "TOTAL"): (43709, 43710),
        ("One-off transformation", "TOTAL"): (11277, 11278),
        ("Total one-off funding provisions", "TOTAL"): (14878, 14879),
    }


def test_the_budget_rows_and_columns_total_both_ways(finance_demo, sd):
    rows = {r["key"]: r for r in selectors.budget_table(sd, 2017)["rows"]}
    assert [c["value"] / K for c in rows["bau"]["cells"]] == [11306, 13810, 14098]
    assert [c["value"] / K for c in rows["permanent"]["cells"]] == [13323, 14788, 15598]
    assert [c["value"] / K for c in rows["one_off"]["cells"]] == [4583, 5389, 4906]
    assert rows["bau_non_staff"]["total"]["value"] / K == 19470
    assert rows["continuous_improvement"]["total"]["value"] / K == 4495


def test_month_5_variances_from_the_lines_beside_the_printed_ones(finance_demo, sd):
    report = selectors.forecast_report(sd, 2017, 5)
    computed = [r["variance"] / K for r in report["permanent"]]
    printed = [r["printed_variance"] / K for r in report["permanent"]]
    assert computed == [134, 126, 260, -214, 46]
    assert printed == [133, 126, 259, -214, 45]


def test_one_off_variances_are_against_the_revised_budgets(finance_demo, sd):
    report = selectors.forecast_report(sd, 2017, 5)
    rows = {r["key"]: r for r in report["one_off"]}
    assert [rows[k]["variance"] / K for k in ("evergreening", "one_off_transformation", "one_off")] == [
        -1687,
        -3556,
        -5243,
    ]
    assert [rows[k]["current"] / K for k in ("evergreening", "one_off_transformation", "one_off")] == [
        3597,
        12524,
        16121,
    ]
    assert [rows[k]["forecast"] / K for k in ("evergreening", "one_off_transformation", "one_off")] == [
        1910,
        8968,
        10878,
    ]


def test_one_off_underspends_stay_with_each_council(finance_demo, sd):
    report = selectors.forecast_report(sd, 2017, 5)
    kept = {r["council"].code: r["total"] / K for r in report["retained"]}
    assert kept == {"LBC": 233, "LBH": 3556, "LBI": 1454}
    assert report["retained_total"] / K == 5243


def test_savings_of_six_million_are_shared_equally_and_the_investment_too(finance_demo, sd):
    report = selectors.savings_report(sd, 2019)
    assert report["savings_totals"] == [Decimal("2000000.00")] * 3
    costs = selectors.savings_report(sd, 2016)
    assert costs["cost_totals"] == [Decimal("2500000.00")] * 3
    assert costs["cost_total"] == Decimal("7500000.00")


def test_the_2014_service_tables(finance_demo, tri):
    rows = {r["key"]: r for r in selectors.budget_table(tri, 2014)["rows"]}
    codes = [c.code for c in selectors.budget_table(tri, 2014)["councils"]]
    assert codes == ["LBHF", "RBKC", "WCC"]
    assert [c["value"] / K for c in rows["bau"]["cells"]] == [17942, 5574, 10765]
    assert rows["bau"]["total"]["value"] / K == 34281
    savings = selectors.savings_report(tri, 2017)
    salary = savings["savings"][0]
    assert salary["computed"] / K == 251 and salary["target"].target / K == 250 and salary["differs"]
    assert [v / K for v in savings["savings_totals"]] == [4718, 1733, 100]
    costs = selectors.savings_report(tri, 2014)
    assert costs["cost_totals"] == [Decimal("35000.00"), Decimal("54050.00"), Decimal("54050.00")]
    assert costs["cost_total"] == Decimal("143100.00")


def test_the_demo_has_issued_q1_2018_19_statements_and_loading_twice_changes_nothing(finance_demo, sd):
    from finance import demo
    from finance.models import BudgetLine, BudgetRevision, Forecast, RechargeStatement

    statements = list(
        RechargeStatement.objects.filter(partnership=sd, year=2018, period="Q1").order_by("number")
    )
    assert [(s.council.code, s.number, s.net) for s in statements] == [
        ("LBH", "SD-2018/19-0001", Decimal("3697000.00")),
        ("LBI", "SD-2018/19-0002", Decimal("3899500.00")),
    ]
    counts = [m.history.count() for m in (BudgetLine, BudgetRevision, Forecast, RechargeStatement)]
    demo.load()
    assert [m.history.count() for m in (BudgetLine, BudgetRevision, Forecast, RechargeStatement)] == counts
