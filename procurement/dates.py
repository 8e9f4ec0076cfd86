"""Contract dates as plain calculations: extension periods, notice dates, the end a contract can reach, the
dates that fall due within a horizon, and whole months between two dates. No Django here: each function
takes plain dates and numbers and is tested with them.

Conventions (as a contract manager reads a contract):
- an extension of n months that starts on day S runs to the day before the same day n months later
  (starting 10 July 2019, 12 months runs to 9 July 2020);
- the notice date is the last day notice can be served to end the contract on its end date: the end date
  less the notice period in months;
- a month later than a month-end date lands on the last day of the shorter month (31 January + 1 month is
  28 or 29 February).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier, when negative), kept inside the month it lands in."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def extension_end(starts_on: date, months: int) -> date:
    """The last day of an extension of `months` months starting on starts_on."""
    return add_months(starts_on, months) - timedelta(days=1)


def notice_date(end: date, notice_months: int) -> date | None:
    """The last day notice can be served to end the contract on `end`; None when no notice is needed."""
    if not notice_months:
        return None
    return add_months(end, -notice_months)


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_on: date


def overlapping(periods) -> list[tuple[int, int]]:
    """Index pairs (i, j), i < j, of the periods that share at least one day."""
    pairs = []
    for i, a in enumerate(periods):
        for j in range(i + 1, len(periods)):
            b = periods[j]
            if a.starts_on <= b.ends_on and b.starts_on <= a.ends_on:
                pairs.append((i, j))
    return pairs


def furthest_end(end: date, extensions) -> date:
    """The last day the contract can run to if every extension option (Periods) is taken."""
    return max([end] + [p.ends_on for p in extensions])


def months_between(earlier: date, later: date) -> tuple[int, int]:
    """Whole months and the days left over from `earlier` to `later` (negative both when later is earlier):
    31 March 2018 to 31 July 2020 is (28, 0); 17 June 2018 to 31 July 2020 is (25, 14)."""
    if later < earlier:
        months, days = months_between(later, earlier)
        return -months, -days
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if add_months(earlier, months) > later:
        months -= 1
    return months, (later - add_months(earlier, months)).days


def months_text(months: int, days: int = 0) -> str:
    """“28 months”, “25 months 14 days”, “1 month”, “22 days”."""
    parts = []
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    if days or not months:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    return " ".join(parts)


# What falls due: (kind, label)
END = "end"
TAKE_BY = "take_by"
NOTICE = "notice"
KIND_LABELS = {END: "Contract ends", TAKE_BY: "Extension must be taken by", NOTICE: "Last day to give notice"}
HORIZONS = (6, 12, 18)


def milestones(end: date, notice_months: int, take_by_dates) -> list[tuple[date, str]]:
    """The dates a contract manager must act on: the end, the notice date and each option's take-by date,
    in date order."""
    out = [(end, END)]
    notice = notice_date(end, notice_months)
    if notice is not None:
        out.append((notice, NOTICE))
    out += [(d, TAKE_BY) for d in take_by_dates if d is not None]
    return sorted(out)


def horizon_of(day: date, today: date, horizons=HORIZONS) -> int | None:
    """The smallest horizon (in months from today) the day falls within, or None if it is past or beyond
    them all. Today itself is within the first horizon."""
    if day < today:
        return None
    for months in sorted(horizons):
        if day <= add_months(today, months):
            return months
    return None


def contract_state(
    day: date, *, awarded: bool, start: date, end: date, taken_extensions=(), terminated: bool = False
) -> tuple[str, date | None]:
    """What a contract is on `day`, from its dates: ("not yet awarded", None), ("terminated", None),
    ("starts", start) before it starts, ("live", end) within its term, ("extended", the taken extensions'
    furthest end) within a taken extension, ("ended", the day it ended) after. taken_extensions: Periods."""
    if not awarded:
        return "not yet awarded", None
    if terminated:
        return "terminated", None
    if day < start:
        return "starts", start
    if day <= end:
        return "live", end
    reach = furthest_end(end, list(taken_extensions))
    if day <= reach:
        return "extended", reach
    return "ended", reach
