"""A restructure needs collective consultation by the number of staff affected: none below 20, 30 days for
20 to 99, 45 days for 100 or more; it can take effect when the consultation period has run."""

from datetime import date

import pytest

from staffing.consultation import consultation_days, earliest_effective_date


@pytest.mark.parametrize(
    ("affected", "days"), [(0, 0), (19, 0), (20, 30), (21, 30), (99, 30), (100, 45), (250, 45)]
)
def test_consultation_days_by_staff_affected(affected, days):
    assert consultation_days(affected) == days


def test_the_earliest_effective_date_is_the_end_of_the_consultation():
    start = date(2014, 12, 1)
    assert earliest_effective_date(start, 19) == start
    assert earliest_effective_date(start, 20) == date(2014, 12, 31)
    assert earliest_effective_date(start, 99) == date(2014, 12, 31)
    assert earliest_effective_date(start, 100) == date(2015, 1, 15)


def test_consultation_that_has_not_started_gives_no_date_when_it_is_needed():
    assert earliest_effective_date(None, 20) is None
    assert earliest_effective_date(None, 19) == date.min


def test_a_negative_number_of_staff_is_refused():
    with pytest.raises(ValueError):
        consultation_days(-1)
