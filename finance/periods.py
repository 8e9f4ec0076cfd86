"""Financial years, quarters and months. Pure: no Django.

A financial year runs from 1 April to 31 March and is named `2017/18`; it is stored as its starting
calendar year (2017). Quarters: Q1 April–June … Q4 January–March. Month 1 is April, month 5 August.
"""

import calendar
import re
from datetime import date, timedelta

YEAR_RE = re.compile(r"^(\d{4})[/-](\d{2})$")
QUARTERS = ["Q1", "Q2", "Q3", "Q4"]
TRUE_UP = "true-up"
PERIODS = QUARTERS + [TRUE_UP]

# The financial years the system knows (the database's year columns accept these and no others).
FIRST_YEAR = 2000
LAST_YEAR = 2099

ERROR_BAD_YEAR = "Give the financial year as 2017/18."
ERROR_UNKNOWN_YEAR = "Give a financial year from 2000/01 to 2099/00."
ERROR_BAD_PERIOD = "Give the period as Q1, Q2, Q3, Q4 or true-up."


def parse_year(text) -> int:
    match = YEAR_RE.match(str(text).strip())
    if not match:
        raise ValueError(ERROR_BAD_YEAR)
    start = int(match[1])
    if int(match[2]) != (start + 1) % 100:
        raise ValueError(ERROR_BAD_YEAR)
    if not FIRST_YEAR <= start <= LAST_YEAR:
        raise ValueError(ERROR_UNKNOWN_YEAR)
    return start


def is_known_year(start: int) -> bool:
    return FIRST_YEAR <= start <= LAST_YEAR


def year_label(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def year_slug(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def year_start(start: int) -> date:
    return date(start, 4, 1)


def year_end(start: int) -> date:
    return date(start + 1, 3, 31)


def month_date(start: int, month: int) -> date:
    """The first day of month N (1 = April) of the financial year."""
    calendar_month = (month + 2) % 12 + 1
    return date(start + (1 if calendar_month < 4 else 0), calendar_month, 1)


def parse_period(text) -> str:
    value = str(text).strip()
    if value.upper() in QUARTERS:
        return value.upper()
    if value.lower().replace("_", "-") in {TRUE_UP, "trueup"}:
        return TRUE_UP
    raise ValueError(ERROR_BAD_PERIOD)


def period_dates(start: int, period: str) -> tuple[date, date]:
    """The first and last day a period covers; the true-up covers the whole year."""
    if period == TRUE_UP:
        return year_start(start), year_end(start)
    q = QUARTERS.index(period)
    first = month_date(start, 3 * q + 1)
    last_month = month_date(start, 3 * q + 3)
    return first, date(
        last_month.year, last_month.month, calendar.monthrange(last_month.year, last_month.month)[1]
    )


def quarter_of(day: date) -> str:
    months_in = (day.month - 4) % 12
    return QUARTERS[months_in // 3]


def due_quarters(today: date, delay_days: int = 10):
    """(year, quarter) pairs whose quarter ended at least delay_days ago, the latest first, over two years."""
    result = []
    for start in (year_of(today), year_of(today) - 1):
        for q in reversed(QUARTERS):
            _, last = period_dates(start, q)
            if last + timedelta(days=delay_days) <= today:
                result.append((start, q))
    return result


def month_name(month: int) -> str:
    """The calendar name of month N of the financial year: month 1 is April, month 5 August."""
    return calendar.month_name[month_date(2000, month).month]
