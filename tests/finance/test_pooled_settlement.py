"""Pooled costs (the 2014 service): each council pays its fair share of the quarter's shared cost plus the
costs charged to it alone, less every cost its own ledger paid. The nets sum to zero."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from finance import selectors, services
from finance.settlement import net_of, pooled_period

CODES = ["LBHF", "RBKC", "WCC"]
money = st.integers(min_value=0, max_value=10**10).map(lambda p: Decimal(p) / 100)


@given(
    weights=st.fixed_dictionaries({c: st.integers(min_value=1, max_value=10**7) for c in CODES}),
    ledger=st.lists(st.tuples(st.sampled_from(CODES), st.sampled_from([None, *CODES]), money), max_size=20),
)
def test_pooled_nets_sum_to_zero(weights, ledger):
    shared_total = sum((a for inc, ch, a in ledger if ch is None), Decimal(0))
    charged, paid_shared, paid_others = {}, {}, {}
    for inc, ch, a in ledger:
        if ch is None:
            paid_shared[inc] = paid_shared.get(inc, 0) + a
        elif ch != inc:
            charged[ch] = charged.get(ch, 0) + a
            paid_others[inc] = paid_others.get(inc, 0) + a
    items = pooled_period(
        codes=CODES,
        weights=weights,
        weights_label="test",
        shared_total=shared_total,
        charged_to=charged,
        paid_shared=paid_shared,
        paid_for_others=paid_others,
    )
    assert sum(net_of(items[c]) for c in CODES) == 0


def _actuals(rows):
    header = "partnership,date,line,amount,incurred_by,charged_to,description\n"
    services.import_actuals(text=header + "\n".join(rows) + "\n")


def test_a_quarter_of_pooled_costs_by_budget_weights(finance_demo, tri):
    # Budget weights need the year's budget: give 2015/16 the 2014/15 baseline.
    services.import_budget(
        text="partnership,year,council,line,amount\n"
        "triborough-ict,2015/16,LBHF,bau_staff,600\n"
        "triborough-ict,2015/16,RBKC,bau_staff,300\n"
        "triborough-ict,2015/16,WCC,bau_staff,100\n"
    )
    _actuals(
        [
            "triborough-ict,2015-04-30,bau_staff,700.00,LBHF,,H&F staff",
            "triborough-ict,2015-05-31,bau_non_staff,300.00,RBKC,,Licences",
            "triborough-ict,2015-06-30,bau_non_staff,50.00,WCC,RBKC,RBKC local priority paid by WCC",
            "triborough-ict,2015-07-01,bau_staff,999.00,WCC,,Next quarter",
        ]
    )
    items = selectors.statement_items(tri, 2015, "Q1")
    nets = {c: net_of(items[c]) for c in items}
    # T = 1,000: fair shares 600 / 300 / 100.
    assert nets == {"LBHF": Decimal("-100.00"), "RBKC": Decimal("50.00"), "WCC": Decimal("50.00")}
    assert sum(nets.values()) == 0
    statements, _ = services.statements_draft(partnership=tri, year=2015, period="Q1")
    kinds = {s.council.code: s.kind for s in statements}
    assert kinds == {"LBHF": "credit_note", "RBKC": "invoice", "WCC": "invoice"}


def test_the_pooled_true_up_settles_only_the_pence_quarterly_rounding_left(finance_demo, tri):
    services.settlement_set(
        partnership=tri,
        year=2016,
        model="pooled",
        weights="equal",
        host=tri.host_on(__import__("datetime").date(2016, 4, 1)),
    )
    _actuals(
        [f"triborough-ict,2016-{m:02d}-15,bau_staff,100.00,LBHF,,Staff" for m in (4, 7, 10)]
        + ["triborough-ict,2017-01-15,bau_staff,100.00,LBHF,,Staff"]
    )
    items = selectors.statement_items(tri, 2016, "true-up")
    nets = {c: net_of(items[c]) for c in items}
    # Each quarter splits £100 in thirds (LBHF, first A–Z, gets the odd penny); the year splits £400 once.
    assert sum(nets.values()) == 0
    assert nets == {"LBHF": Decimal("-0.02"), "RBKC": Decimal("0.01"), "WCC": Decimal("0.01")}
