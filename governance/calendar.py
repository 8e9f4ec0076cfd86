"""Working days in England, from the maintained `holidays` library. No Django here."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from icalendar import Calendar, Event

PUBLICATION_CLEAR_DAYS = 5  # LGA 1972 s100B: five clear working days before the meeting


@lru_cache(maxsize=64)
def _bank_holidays(year):
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_working_days(start: date, end: date) -> int:
    """Working days strictly between start and end: neither the day of publication nor the day of the
    meeting counts ("clear" days)."""
    count = 0
    day = start + timedelta(days=1)
    while day < end:
        if is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count


def latest_publication_date(meeting_date: date, clear_days: int = PUBLICATION_CLEAR_DAYS) -> date:
    """The last working day an agenda can be issued and still leave clear_days clear working days."""
    day = meeting_date - timedelta(days=1)
    while clear_working_days(day, meeting_date) < clear_days or not is_working_day(day):
        day -= timedelta(days=1)
    return day


def municipal_year(day: date) -> tuple[date, date]:
    """The municipal year holding day: from 1 May (the annual meetings of council) to 30 April."""
    start_year = day.year if day.month >= 5 else day.year - 1
    return date(start_year, 5, 1), date(start_year + 1, 4, 30)


def municipal_year_label(day: date) -> str:
    start, end = municipal_year(day)
    return f"{start.year}/{str(end.year)[2:]}"


def ics_calendar(*, name, product, events) -> bytes:
    """One iCalendar feed: `events` are dicts of iCalendar properties (uid, summary, dtstart, ...)."""
    cal = Calendar()
    cal.add("prodid", f"-//Shared Service Governance//{product}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for properties in events:
        event = Event()
        for key, value in properties.items():
            event.add(key, value)
        cal.add_component(event)
    return cal.to_ical()
