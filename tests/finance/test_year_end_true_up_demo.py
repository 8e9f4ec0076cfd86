"""The demo's 2018/19 goes to its year-end: the seed's only outturn (the true-up test case's hypothesis, the
month-5 forecast of £43,755k) against the hosted budget of £43,709k is an overspend of £46,000, which the
true-up shares by permanent budget: Haringey and Islington are charged theirs, Camden (the host) bears its own."""

from decimal import Decimal as D

from finance import demo, selectors
from finance.models import Actual


def test_the_outturn_is_loaded_once_as_the_seed_gives_it(finance_demo, sd):
    demo.load_outturn()
    demo.load_outturn()
    lines = Actual.objects.filter(partnership=sd, year=2018).order_by("line")
    assert [(a.line, a.amount, a.charged_to_id) for a in lines] == [
        ("bau_non_staff", D("19596000.00"), None),
        ("bau_staff", D("19878000.00"), None),
        ("continuous_improvement", D("4281000.00"), None),
    ]


def test_the_true_up_charges_each_payer_its_share_of_the_overspend(finance_demo, sd):
    demo.load_outturn()
    items = selectors.statement_items(sd, 2018, "true-up")
    nets = {code: sum((i.amount for i in lines), D("0")) for code, lines in items.items()}
    # £46,000 over a permanent budget of £43,709,000: Haringey's £14,788,000 and Islington's £15,598,000.
    assert nets == {"LBH": D("15563.11"), "LBI": D("16415.57")}
    assert "Share of the shared permanent overspend" in [i.description for i in items["LBH"]]
