"""What a post costs: its grade's salary point plus on-costs, pro rata by FTE and by the days it exists in a
financial year; agency cover at its day rate for the working days it covers. Pure: no Django here.

A financial year is named by the calendar year it starts in (2017 = 1 April 2017 to 31 March 2018), as in
finance. Money is Decimal pounds, rounded to the penny once, at the end of each calculation.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


def year_bounds(year: int) -> tuple[date, date]:
    """The first and last day of the financial year starting in April of `year`."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def year_label(year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}"


def parse_year(text: str) -> int:
    """'2017/18' or '2017-18' or '2017' -> 2017."""
    text = str(text).strip().replace("-", "/")
    head, _, tail = text.partition("/")
    if not (head.isdigit() and len(head) == 4):
        raise ValueError("The year must look like 2017/18.")
    year = int(head)
    if tail and tail != str(year + 1)[-2:]:
        raise ValueError("The year must look like 2017/18.")
    if not 2000 <= year <= 2098:
        raise ValueError("The year must look like 2017/18.")
    return year


def overlap(start: date, end: date | None, first: date, last: date) -> tuple[date, date] | None:
    """The part of [start, end] (end None = open) inside [first, last], or None."""
    lo = max(start, first)
    hi = last if end is None else min(end, last)
    return (lo, hi) if lo <= hi else None


def days_between(first: date, last: date) -> int:
    """Days from first to last, both counted."""
    return (last - first).days + 1


def working_days(first: date, last: date) -> int:
    """Monday to Friday from first to last, both counted (bank holidays are not taken out)."""
    if last < first:
        return 0
    total = days_between(first, last)
    weeks, rest = divmod(total, 7)
    count = weeks * 5
    day = first + timedelta(days=weeks * 7)
    for _ in range(rest):
        if day.weekday() < 5:
            count += 1
        day += timedelta(days=1)
    return count


def annual_cost(salary: Decimal, on_cost_rate: Decimal) -> Decimal:
    """A full-time post's cost for a whole year: salary plus on-costs (employer's pension and NI)."""
    return salary * (1 + on_cost_rate)


def pro_rata(annual: Decimal, fte: Decimal, start: date, end: date | None, year: int) -> Decimal:
    """`annual` for `fte` for the days of [start, end] inside the financial year, to the penny."""
    first, last = year_bounds(year)
    part = overlap(start, end, first, last)
    if part is None:
        return Decimal("0.00")
    share = Decimal(days_between(*part)) / Decimal(days_between(first, last))
    return (annual * fte * share).quantize(PENNY, rounding=ROUND_HALF_UP)


def fte_years(fte: Decimal, start: date, end: date | None, year: int) -> Decimal:
    """FTE times the share of the financial year the post or holder exists, to two places."""
    first, last = year_bounds(year)
    part = overlap(start, end, first, last)
    if part is None:
        return Decimal("0.00")
    share = Decimal(days_between(*part)) / Decimal(days_between(first, last))
    return (fte * share).quantize(PENNY, rounding=ROUND_HALF_UP)


def agency_cost(day_rate: Decimal, fte: Decimal, start: date, end: date | None, year: int) -> Decimal:
    """Agency cover: its day rate for each working day it covers in the year, scaled by its FTE."""
    first, last = year_bounds(year)
    part = overlap(start, end, first, last)
    if part is None:
        return Decimal("0.00")
    return (day_rate * fte * working_days(*part)).quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Cover:
    """Agency cover of part of a post: its day rate, FTE and dates."""

    day_rate: Decimal
    fte: Decimal
    start: date
    end: date | None


@dataclass(frozen=True)
class PostCost:
    salaried: Decimal
    agency: Decimal
    fte_years: Decimal
    # The salaried cost that agency cover replaced: agency less this is the agency premium.
    displaced: Decimal = Decimal("0.00")

    @property
    def total(self):
        return self.salaried + self.agency


def post_cost(
    *,
    salary: Decimal,
    on_cost_rate: Decimal,
    fte: Decimal,
    start: date,
    end: date | None,
    year: int,
    covers: tuple = (),
) -> PostCost:
    """A post's cost in a year: the salaried cost of its FTE for the days it exists, less the salaried cost of
    the part covered by agency staff, plus what the agency charges for that cover."""
    annual = annual_cost(salary, on_cost_rate)
    salaried = pro_rata(annual, fte, start, end, year)
    agency = displaced = Decimal("0.00")
    for cover in covers:
        part = overlap(cover.start, cover.end, start, end or date.max)
        if part is None:
            continue
        replaced = pro_rata(annual, cover.fte, part[0], part[1], year)
        salaried -= replaced
        displaced += replaced
        agency += agency_cost(cover.day_rate, cover.fte, part[0], part[1], year)
    return PostCost(
        salaried=salaried, agency=agency, fte_years=fte_years(fte, start, end, year), displaced=displaced
    )
