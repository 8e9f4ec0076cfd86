"""Finance and the CIO dashboard read the staffing cost of a year by employing council and funding line."""

from datetime import date
from decimal import Decimal

import pytest

from staffing import selectors
from staffing.models import PostHolder


def test_cost_by_council_and_funding_line(sd, councils, post_factory, holder_factory):
    post_factory(fte=Decimal("1"))  # Camden, BAU, whole year: £46,720
    post_factory(fte=Decimal("0.5"), employing_council=councils["LBH"])  # £23,360
    post_factory(fte=Decimal("1"), funding_line="continuous_improvement", effective_from=date(2017, 10, 1))
    covered = post_factory(fte=Decimal("1"), employing_council=councils["LBH"])
    holder_factory(
        post=covered,
        kind=PostHolder.Kind.AGENCY,
        terms_council=None,
        start=date(2017, 10, 2),
        end=date(2017, 10, 13),
        day_rate=Decimal("450.00"),
    )
    post_factory(funding_line="")  # outside the partnership's budget: left out
    rows = {(r.council.code, r.funding_line): r for r in selectors.staffing_cost(sd, 2017)}
    assert set(rows) == {("LBC", "bau_staff"), ("LBC", "continuous_improvement"), ("LBH", "bau_staff")}
    assert rows["LBC", "bau_staff"].total == Decimal("46720.00")
    assert rows["LBC", "continuous_improvement"].total == Decimal("23296.00")
    assert rows["LBC", "continuous_improvement"].fte_years == Decimal("0.50")
    lbh = rows["LBH", "bau_staff"]
    assert lbh.agency == Decimal("4500.00")
    assert lbh.salaried == Decimal("23360.00") + Decimal("46720.00") - 12 * Decimal("128")
    assert lbh.fte_years == Decimal("1.50")


def test_a_missing_salary_point_is_reported_not_costed_at_nothing(sd, post_factory):
    post_factory()
    with pytest.raises(selectors.MissingRates, match="2018/19"):
        selectors.staffing_cost(sd, 2018)


def test_the_cost_selector_runs_the_same_queries_for_twice_the_posts(
    sd, post_factory, django_assert_num_queries
):
    for _ in range(3):
        post_factory()
    with django_assert_num_queries(4):
        selectors.staffing_cost(sd, 2017)
    for _ in range(3):
        post_factory()
    with django_assert_num_queries(4):
        rows = selectors.staffing_cost(sd, 2017)
    assert rows[0].fte_years == Decimal("6.00")
