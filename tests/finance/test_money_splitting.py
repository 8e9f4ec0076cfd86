"""Money is split to the penny: exact shares cut to whole pence, the pence left over to the largest
remainders (ties by council code A–Z), so the parts always sum exactly to the whole."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.allocation import ERROR_NO_WEIGHTS, equal_split, quarter_instalments, split

CODES = ["LBC", "LBH", "LBI", "LBHF", "RBKC", "WCC"]
pence = st.integers(min_value=-(10**11), max_value=10**11).map(lambda p: Decimal(p) / 100)
weights = st.dictionaries(
    st.sampled_from(CODES), st.integers(min_value=0, max_value=10**9), min_size=1
).filter(lambda d: sum(d.values()) > 0)


@given(amount=pence, weights=weights)
def test_every_split_sums_exactly_to_the_whole(amount, weights):
    parts = split(amount, weights)
    assert sum(parts.values()) == amount
    assert set(parts) == set(weights)
    for part in parts.values():
        assert part == part.quantize(Decimal("0.01"))


@given(amount=pence, weights=weights)
def test_no_share_is_more_than_a_penny_from_its_exact_value(amount, weights):
    total = sum(weights.values())
    for code, part in split(amount, weights).items():
        exact = amount * weights[code] / total
        assert abs(part - exact) < Decimal("0.01")


def test_savings_of_six_million_shared_equally_give_two_million_each():
    assert equal_split(Decimal("6000000"), ["LBC", "LBH", "LBI"]) == {
        "LBC": Decimal("2000000.00"),
        "LBH": Decimal("2000000.00"),
        "LBI": Decimal("2000000.00"),
    }


def test_the_pence_left_over_go_to_the_largest_remainders_then_by_code():
    # £100 in thirds: 33.333… each; one penny left, all remainders equal, so the first code A–Z gets it.
    assert split(Decimal("100"), {"LBI": 1, "LBC": 1, "LBH": 1}) == {
        "LBI": Decimal("33.33"),
        "LBC": Decimal("33.34"),
        "LBH": Decimal("33.33"),
    }


def test_one_off_costs_shared_in_proportion_to_savings_tc13():
    # D0 rule R7 with the Table 2 borough totals (summed from the rows: 6,551).
    shares = split(Decimal("100000"), {"WCC": 100, "RBKC": 1733, "LBHF": 4718})
    assert shares == {"WCC": Decimal("1526.48"), "RBKC": Decimal("26453.98"), "LBHF": Decimal("72019.54")}
    assert sum(shares.values()) == Decimal("100000.00")


def test_a_credit_splits_like_a_charge():
    assert split(Decimal("-100"), {"A": 1, "B": 1, "C": 1}) == {
        "A": Decimal("-33.34"),
        "B": Decimal("-33.33"),
        "C": Decimal("-33.33"),
    }


def test_nothing_to_split_by_is_refused():
    with pytest.raises(ValueError, match=ERROR_NO_WEIGHTS):
        split(Decimal("1"), {"A": 0})


@given(annual=st.integers(min_value=0, max_value=10**11).map(lambda p: Decimal(p) / 100))
def test_a_years_quarterly_instalments_sum_to_the_contribution(annual):
    q = quarter_instalments(annual)
    assert sum(q) == annual
    assert q[0] == q[1] == q[2] <= q[3] < q[0] + Decimal("0.04")
