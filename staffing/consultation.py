"""The statutory collective consultation a restructure needs before it takes effect. Pure: no Django here.

The seed says only that "consultation either takes 30 or 45 days depending on the numbers of staff affected"
(D0 L98). The thresholds are those of TULRCA 1992 s188: under 20 staff affected, no collective consultation;
20 to 99, at least 30 days; 100 or more, at least 45 days.
"""

from datetime import date, timedelta

THRESHOLDS = [(100, 45), (20, 30)]  # (at least this many staff affected, days of consultation)


def consultation_days(staff_affected: int) -> int:
    """The days of collective consultation needed when this many staff are affected."""
    if staff_affected < 0:
        raise ValueError("The number of staff affected cannot be negative.")
    for at_least, days in THRESHOLDS:
        if staff_affected >= at_least:
            return days
    return 0


def earliest_effective_date(consultation_start: date | None, staff_affected: int) -> date | None:
    """The first day a restructure may take effect: the day the consultation period ends. None when
    consultation is needed but has not started; the start date itself when none is needed."""
    days = consultation_days(staff_affected)
    if consultation_start is None:
        return None if days else date.min
    return consultation_start + timedelta(days=days)
