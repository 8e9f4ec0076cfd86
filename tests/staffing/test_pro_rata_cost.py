"""A post costs its grade's salary point plus on-costs, pro rata by FTE and by the days it exists in the
financial year; agency cover costs its day rate for the working days it covers instead."""

from datetime import date
from decimal import Decimal

from staffing.costing import Cover, annual_cost, post_cost, pro_rata, working_days

# £36,500 with 28% on-costs is £46,720 a year: £128 a day in a 365-day financial year (2017/18).
SALARY, RATE = Decimal("36500.00"), Decimal("0.28")
ANNUAL = annual_cost(SALARY, RATE)


def test_a_full_time_post_for_the_whole_year_costs_salary_plus_on_costs():
    assert ANNUAL == Decimal("46720.00")
    assert pro_rata(ANNUAL, Decimal("1"), date(2010, 1, 1), None, 2017) == Decimal("46720.00")


def test_part_fte_is_pro_rata():
    assert pro_rata(ANNUAL, Decimal("0.5"), date(2016, 4, 1), None, 2017) == Decimal("23360.00")


def test_a_post_starting_part_way_through_the_year_costs_the_days_it_exists():
    # 1 October 2017 to 31 March 2018: 182 days at £128.
    assert pro_rata(ANNUAL, Decimal("1"), date(2017, 10, 1), None, 2017) == Decimal("23296.00")


def test_a_post_ending_part_way_through_the_year_at_part_fte():
    # 1 April to 30 June 2017: 91 days at 0.6 of £128.
    assert pro_rata(ANNUAL, Decimal("0.6"), date(2015, 4, 1), date(2017, 6, 30), 2017) == Decimal("6988.80")


def test_a_post_outside_the_year_costs_nothing_in_it():
    assert pro_rata(ANNUAL, Decimal("1"), date(2018, 4, 1), None, 2017) == Decimal("0.00")
    assert pro_rata(ANNUAL, Decimal("1"), date(2015, 4, 1), date(2017, 3, 31), 2017) == Decimal("0.00")


def test_a_leap_financial_year_has_366_days():
    annual = Decimal("36600.00")
    # 2019/20 includes 29 February 2020: a day is a 366th.
    assert pro_rata(annual, Decimal("1"), date(2019, 4, 1), date(2019, 4, 1), 2019) == Decimal("100.00")


def test_working_days_count_monday_to_friday():
    assert working_days(date(2017, 10, 2), date(2017, 10, 13)) == 10  # two working weeks
    assert working_days(date(2017, 10, 7), date(2017, 10, 8)) == 0  # a weekend
    assert working_days(date(2017, 10, 6), date(2017, 10, 9)) == 2  # Friday to Monday


def test_agency_cover_is_costed_at_its_day_rate_instead_of_the_salary():
    cover = Cover(
        day_rate=Decimal("450.00"), fte=Decimal("1"), start=date(2017, 10, 2), end=date(2017, 10, 13)
    )
    cost = post_cost(
        salary=SALARY,
        on_cost_rate=RATE,
        fte=Decimal("1"),
        start=date(2016, 4, 1),
        end=None,
        year=2017,
        covers=(cover,),
    )
    assert cost.agency == Decimal("4500.00")  # 10 working days at £450
    assert cost.salaried == Decimal("46720.00") - 12 * Decimal("128.00")  # 12 calendar days not salaried
    assert cost.total == Decimal("45184.00") + Decimal("4500.00")
    assert cost.fte_years == Decimal("1.00")


def test_cover_outside_the_post_or_the_year_changes_nothing():
    cover = Cover(day_rate=Decimal("450.00"), fte=Decimal("1"), start=date(2018, 5, 1), end=date(2018, 5, 31))
    cost = post_cost(
        salary=SALARY,
        on_cost_rate=RATE,
        fte=Decimal("1"),
        start=date(2016, 4, 1),
        end=None,
        year=2017,
        covers=(cover,),
    )
    assert (cost.salaried, cost.agency) == (Decimal("46720.00"), Decimal("0.00"))
