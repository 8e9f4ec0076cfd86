"""Hosted budget (Shared Digital from 2018/19): quarterly contributions to Camden and the year-end true-up."""

from decimal import Decimal

from finance import selectors, services
from finance.settlement import net_of


def _actuals(rows):
    header = "partnership,date,line,amount,incurred_by,charged_to,description\n"
    services.import_actuals(text=header + "\n".join(rows) + "\n")


def test_a_years_quarterly_invoices_sum_to_each_contribution(finance_demo, sd):
    totals = {"LBH": Decimal(0), "LBI": Decimal(0)}
    for q in ("Q1", "Q2", "Q3", "Q4"):
        for code, items in selectors.statement_items(sd, 2018, q).items():
            totals[code] += net_of(items)
    assert totals == {"LBH": Decimal("14788000.00"), "LBI": Decimal("15598000.00")}


def test_the_host_is_not_invoiced_and_odd_pence_fall_in_q4(finance_demo, sd):
    services.import_budget(
        text="partnership,year,council,line,amount\nshared-digital,2018/19,LBH,bau_staff,5259000.03\n",
        revise=True,
        reason="Test",
    )
    q = {p: selectors.statement_items(sd, 2018, p) for p in ("Q1", "Q4")}
    assert set(q["Q1"]) == {"LBH", "LBI"}
    assert net_of(q["Q1"]["LBH"]) == Decimal("3697000.00")
    assert net_of(q["Q4"]["LBH"]) == Decimal("3697000.03")


def test_one_off_costs_charged_to_a_council_are_invoiced_in_their_quarter(finance_demo, sd):
    _actuals(["shared-digital,2018-05-10,evergreening,1234.56,LBC,LBH,Haringey laptops"])
    items = selectors.statement_items(sd, 2018, "Q1")["LBH"]
    assert items[-1].amount == Decimal("1234.56") and "Evergreening" in items[-1].description
    assert net_of(selectors.statement_items(sd, 2018, "Q2")["LBH"]) == Decimal("3697000.00")


def test_the_true_up_shares_the_permanent_variance_by_share_of_permanent_budget(finance_demo, sd):
    # Budget 43,709,000 (computed). Shared permanent actuals 43,754,000: overspend £45,000. Haringey also has a
    # permanent cost charged to it alone; Islington has an evergreening underspend that stays with it.
    _actuals(
        [
            "shared-digital,2018-06-30,bau_staff,43754000.00,LBC,,Year's shared permanent costs",
            "shared-digital,2018-09-30,bau_non_staff,1000.00,LBC,LBH,Haringey local priority",
        ]
    )
    items = selectors.statement_items(sd, 2018, "true-up")
    nets = {c: net_of(v) for c, v in items.items()}
    # V = 45,000 × 14,788/43,709 and × 15,598/43,709 (Camden's share stays with the host).
    assert nets["LBH"] == Decimal("15224.78") + Decimal("1000.00")
    assert nets["LBI"] == Decimal("16058.71")  # Camden bears 13,716.51: the three sum to 45,000
    assert "overspend" in items["LBH"][0].description


def test_an_underspend_gives_credit_notes(finance_demo, sd):
    _actuals(["shared-digital,2018-06-30,bau_staff,43700000.00,LBC,,Shared permanent costs"])
    statements, _ = services.statements_draft(partnership=sd, year=2018, period="true-up")
    assert {s.council.code: s.kind for s in statements} == {"LBH": "credit_note", "LBI": "credit_note"}
    assert all(s.net < 0 for s in statements)
