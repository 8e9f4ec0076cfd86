"""Five clear working days (LGA 1972 s100B), counted against England's bank holidays."""

from datetime import date

from governance.calendar import clear_working_days, latest_publication_date, municipal_year_label


def test_the_seed_agenda_was_issued_exactly_five_clear_working_days_before_the_meeting():
    # Issued Friday 20 October 2017 for Monday 30 October 2017 (TC18).
    assert clear_working_days(date(2017, 10, 20), date(2017, 10, 30)) == 5
    assert latest_publication_date(date(2017, 10, 30)) == date(2017, 10, 20)


def test_neither_the_day_of_issue_nor_the_day_of_the_meeting_counts():
    assert clear_working_days(date(2017, 10, 23), date(2017, 10, 24)) == 0
    assert clear_working_days(date(2017, 10, 23), date(2017, 10, 25)) == 1


def test_bank_holidays_in_england_do_not_count():
    # Christmas Day and Boxing Day 2017 fell on Monday and Tuesday.
    assert clear_working_days(date(2017, 12, 22), date(2018, 1, 3)) == 4  # 27, 28, 29 Dec; 2 Jan
    # Good Friday (30 March) and Easter Monday 2018 (2 April) are bank holidays in England: the clear
    # days before Monday 9 April are 29 March and 3-6 April.
    assert latest_publication_date(date(2018, 4, 9)) == date(2018, 3, 28)


def test_the_municipal_year_runs_from_may():
    assert municipal_year_label(date(2017, 6, 19)) == "2017/18"
    assert municipal_year_label(date(2018, 2, 20)) == "2017/18"
    assert municipal_year_label(date(2018, 5, 1)) == "2018/19"
