"""Aged debt: how long an unpaid invoice has been owed, by days since its date of issue. Pure: no Django.

Buckets as an aged debtors list has them: current (0 to 30 days since issue), 30 (31 to 60 days), 60 (61 to
90 days) and 90+ (more than 90 days)."""

from datetime import date

CURRENT, DAYS_30, DAYS_60, DAYS_90_PLUS = "current", "30", "60", "90+"
BUCKETS = [CURRENT, DAYS_30, DAYS_60, DAYS_90_PLUS]
LABELS = {
    CURRENT: "Current (up to 30 days)",
    DAYS_30: "31 to 60 days",
    DAYS_60: "61 to 90 days",
    DAYS_90_PLUS: "Over 90 days",
}


def age_bucket(issued: date, today: date) -> str:
    """The bucket of an invoice issued on `issued`, read on `today`."""
    days = (today - issued).days
    if days <= 30:
        return CURRENT
    if days <= 60:
        return DAYS_30
    if days <= 90:
        return DAYS_60
    return DAYS_90_PLUS
