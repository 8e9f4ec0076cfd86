"""Extension, notice and pipeline dates, as a contract manager counts them (procurement/dates.py)."""

from datetime import date

from procurement import dates


def test_a_year_long_extension_from_the_day_after_the_end_runs_to_the_same_day_a_year_on():
    # Camden's case management contract ends 9 July 2019 with a 1-year extension (seed D1 L2994).
    assert dates.extension_end(date(2019, 7, 10), 12) == date(2020, 7, 9)


def test_a_month_later_than_a_month_end_stays_inside_the_shorter_month():
    assert dates.add_months(date(2019, 1, 31), 1) == date(2019, 2, 28)
    assert dates.add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert dates.add_months(date(2019, 3, 31), -1) == date(2019, 2, 28)


def test_the_notice_date_is_the_end_less_the_notice_period():
    assert dates.notice_date(date(2023, 3, 31), 6) == date(2022, 9, 30)
    assert dates.notice_date(date(2021, 3, 31), 3) == date(2020, 12, 31)


def test_no_notice_period_means_no_notice_date():
    assert dates.notice_date(date(2023, 3, 31), 0) is None


def test_extension_periods_that_share_a_day_overlap():
    a = dates.Period(date(2019, 7, 10), date(2020, 7, 9))
    touching = dates.Period(date(2020, 7, 10), date(2021, 7, 9))
    sharing = dates.Period(date(2020, 7, 9), date(2021, 7, 8))
    assert dates.overlapping([a, touching]) == []
    assert dates.overlapping([a, touching, sharing]) == [(0, 2), (1, 2)]


def test_months_between_counts_whole_months_and_the_days_left_over():
    # The seed's Islington gaps to July 2020: “about 28 and 25 months” (TC22).
    assert dates.months_between(date(2018, 3, 31), date(2020, 7, 31)) == (28, 0)
    assert dates.months_between(date(2018, 6, 17), date(2020, 7, 31)) == (25, 14)
    assert dates.months_between(date(2019, 4, 30), date(2020, 7, 31)) == (15, 1)
    assert dates.months_between(date(2020, 7, 31), date(2018, 3, 31)) == (-28, 0)


def test_months_text_reads_as_a_person_would_say_it():
    assert dates.months_text(28, 0) == "28 months"
    assert dates.months_text(1, 1) == "1 month 1 day"
    assert dates.months_text(0, 22) == "22 days"


def test_a_date_falls_under_the_first_horizon_it_meets_and_past_dates_under_none():
    today = date(2017, 10, 30)
    assert dates.horizon_of(date(2017, 10, 30), today) == 6
    assert dates.horizon_of(date(2018, 4, 30), today) == 6
    assert dates.horizon_of(date(2018, 5, 1), today) == 12
    assert dates.horizon_of(date(2019, 4, 30), today) == 18
    assert dates.horizon_of(date(2019, 5, 1), today) is None
    assert dates.horizon_of(date(2017, 10, 29), today) is None


def test_milestones_list_the_end_notice_and_take_by_dates_in_order():
    assert dates.milestones(date(2019, 7, 9), 3, [date(2019, 1, 9)]) == [
        (date(2019, 1, 9), dates.TAKE_BY),
        (date(2019, 4, 9), dates.NOTICE),
        (date(2019, 7, 9), dates.END),
    ]
