"""The rules that say who may decide what and with what notice, as plain calculations. No Django here:
each function takes plain values (Decimal money, dates) and is tested with them.

Sources (D1 is the seed's October 2017 Joint Committee pack):
- key decision: an executive decision over a council's financial threshold, or significant in its effects
  on two or more wards (Local Authorities (Executive Arrangements) (Meetings and Access to Information)
  (England) Regulations 2012, regulation 8); Haringey's threshold is "£500,000 or above" (D1 L788);
- forward plan: 28 clear days' notice of a key decision (2012 Regulations, regulation 9); where that is
  impracticable, the general exception (regulation 10) or special urgency (regulation 11);
- Haringey's parallel decision where its contribution is "£500,000 or above" (D1 L790–792);
- the Joint Committee decides procurement "where the total estimated value exceeds £2m revenue and/or
  £5m capital"; at or below, the CDIO (D1 L774);
- call-in: an executive decision takes effect after its call-in period, five clear working days in the
  partner councils' constitutions, unless it is urgent.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from governance import money
from governance.calendar import clear_working_days, is_working_day

FORWARD_PLAN_CLEAR_DAYS = 28  # 2012 Regulations, regulation 9
CALL_IN_CLEAR_WORKING_DAYS = 5
KEY_DECISION_WARDS = (
    2  # "significant in terms of its effects on communities living or working in two or more wards"
)


@dataclass(frozen=True)
class CheckResult:
    """One check of a decision, as the page shows it."""

    name: str
    passed: bool
    message: str


def reaches(amount: Decimal, bound: Decimal, inclusive: bool) -> bool:
    """True when amount is over the bound: at or over it when the bound is inclusive ("£500,000 or
    above"), strictly over it when not ("exceeds £2m")."""
    return amount >= bound if inclusive else amount > bound


def is_key_for(
    share: Decimal, threshold: Decimal, inclusive: bool, wards: int = 0, key_wards: int = 0
) -> bool:
    """Whether a council sees a decision as key: its share over its threshold, or (when the council has the
    wards rule, key_wards > 0) the decision significantly affects that many of its wards or more."""
    if reaches(share, threshold, inclusive):
        return True
    return bool(key_wards) and wards >= key_wards


def clear_days(start: date, end: date) -> int:
    """Calendar days strictly between start and end: neither the day of notice nor the day of the decision
    counts."""
    return max(0, (end - start).days - 1)


def notice_given(
    published_on: date | None, decided_on: date, required: int = FORWARD_PLAN_CLEAR_DAYS
) -> bool:
    return published_on is not None and clear_days(published_on, decided_on) >= required


def latest_notice_date(decided_on: date, required: int = FORWARD_PLAN_CLEAR_DAYS) -> date:
    """The last day a forward-plan notice can be published for a decision on decided_on."""
    return decided_on - timedelta(days=required + 1)


def takes_effect_on(published_on: date, urgent: bool = False, days: int = CALL_IN_CLEAR_WORKING_DAYS) -> date:
    """The first day a published decision can be implemented: after `days` clear working days have passed
    without a call-in (the day of publication does not count), or the day of publication if urgent."""
    if urgent:
        return published_on
    day = published_on + timedelta(days=1)
    while clear_working_days(published_on, day) < days or not is_working_day(day):
        day += timedelta(days=1)
    return day


def shares_add_up(value: Decimal, shares) -> bool:
    """Each council's contribution, summed exactly (to the penny), equals the value."""
    return sum((Decimal(s) for s in shares), Decimal("0")) == Decimal(value)


def goes_to_committee(
    revenue: Decimal,
    capital: Decimal,
    revenue_bound: Decimal,
    capital_bound: Decimal,
    inclusive: bool = False,
) -> bool:
    """The partnership's routing rule: over either bound, the committee decides; otherwise the officer."""
    return reaches(revenue, revenue_bound, inclusive) or reaches(capital, capital_bound, inclusive)


def pounds(amount) -> str:
    """£1,234.50 — or £1,234 for whole pounds."""
    return money.pounds(amount, drop_whole_pence=True)
