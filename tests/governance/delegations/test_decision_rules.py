"""The rules of who decides and with what notice, as plain calculations (governance/delegations/decision_rules.py)."""

from datetime import date
from decimal import Decimal as D

import pytest

from governance.delegations import decision_rules as R

HARINGEY = D("500000.00")  # "£500,000 or above" (seed D1 L788): inclusive


def test_haringeys_500000_rule_is_inclusive():
    assert R.is_key_for(D("500000.00"), HARINGEY, inclusive=True)
    assert not R.is_key_for(D("499999.99"), HARINGEY, inclusive=True)


def test_an_exclusive_bound_needs_more_than_the_bound():
    assert not R.reaches(D("2000000.00"), D("2000000.00"), inclusive=False)
    assert R.reaches(D("2000000.01"), D("2000000.00"), inclusive=False)


def test_two_or_more_wards_significantly_affected_make_it_key_whatever_the_money():
    assert R.is_key_for(D("10"), HARINGEY, True, wards=2, key_wards=2)
    assert not R.is_key_for(D("10"), HARINGEY, True, wards=1, key_wards=2)
    assert not R.is_key_for(D("10"), HARINGEY, True, wards=5, key_wards=0)  # no wards rule


@pytest.mark.parametrize(
    "case,revenue,capital,committee",
    [
        ("a", "2000000", "0", False),  # not "exceeds"
        ("b", "2000001", "0", True),
        ("c", "0", "4999999", False),
        ("d", "0", "5000001", True),
        ("g", "4445000", "990000", True),  # WAN: revenue over £2m
    ],
)
def test_joint_committee_routing_tc16(case, revenue, capital, committee):
    assert (
        R.goes_to_committee(D(revenue), D(capital), D("2000000"), D("5000000"), inclusive=False) is committee
    )


def test_clear_days_leave_out_the_day_of_notice_and_the_day_of_decision():
    assert R.clear_days(date(2017, 10, 1), date(2017, 10, 30)) == 28
    assert R.notice_given(date(2017, 10, 1), date(2017, 10, 30))
    assert not R.notice_given(date(2017, 10, 2), date(2017, 10, 30))
    assert not R.notice_given(None, date(2017, 10, 30))
    assert R.latest_notice_date(date(2017, 10, 30)) == date(2017, 10, 1)


def test_call_in_five_clear_working_days_then_it_can_take_effect():
    # Published Monday 2 October 2017: Tue 3 … Mon 9 are the five clear working days.
    assert R.takes_effect_on(date(2017, 10, 2)) == date(2017, 10, 10)
    # Published Friday 22 December 2017: Christmas, Boxing Day, New Year's Day and weekends do not count
    # (27, 28, 29 December, 2 and 3 January are the five).
    assert R.takes_effect_on(date(2017, 12, 22)) == date(2018, 1, 4)
    # An urgent decision is not subject to call-in.
    assert R.takes_effect_on(date(2017, 10, 2), urgent=True) == date(2017, 10, 2)


def test_shares_must_add_up_to_the_penny():
    assert R.shares_add_up(D("1500000.00"), [D("500000.00"), D("500000.00"), D("500000.00")])
    assert not R.shares_add_up(D("1500000.00"), [D("500000.00"), D("500000.00"), D("499999.99")])
    assert R.shares_add_up(D("0"), [])


def test_pounds_are_shown_as_a_council_officer_writes_them():
    assert R.pounds(D("500000.00")) == "£500,000"
    assert R.pounds(D("499999.99")) == "£499,999.99"
