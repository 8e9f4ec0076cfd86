"""The rules that say who may decide what and with what notice, as plain calculations. No Django here:
each function takes plain values (Decimal money, dates) and is tested with them.

Sources (D1 is the seed's October 2017 Joint Committee pack):
- key decision: an executive decision over a council's financial threshold, or significant in its effects
  on two or more wards (Local Authorities (Executive Arrangements) (Meetings and Access to Information)
  (England) Regulations 2012, regulation 8); Haringey's threshold is "£500,000 or above" (D1 L788);
- forward plan: 28 clear days' notice of a key decision (2012 Regulations, regulation 9); where that is
  impracticable, the general exception (regulation 10: the chair of overview and scrutiny told, a notice
  published at least 5 clear days before) or special urgency (regulation 11: the chair's agreement that it
  cannot reasonably be deferred);
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


GENERAL_EXCEPTION = "general_exception"  # regulation 10
SPECIAL_URGENCY = "special_urgency"  # regulation 11
GENERAL_EXCEPTION_CLEAR_DAYS = 5  # regulation 10(1)(c): five clear days after the notice is published

NO_NOTICE = "it has no forward plan entry: link it to one, or create one from the item"
NOTICE_TOO_SHORT = (
    "its forward plan notice {reference} was published on {published:%-d %B %Y}, {clear} clear days before "
    "the meeting; {required} are needed (published by {latest:%-d %B %Y}), or record general exception "
    "(regulation 10) or special urgency (regulation 11)"
)
GENERAL_EXCEPTION_TOO_SHORT = (
    "general exception (regulation 10) needs its notice {reference} published at least {required} clear days "
    "before the meeting; it was published on {published:%-d %B %Y}, {clear} clear days before"
)
URGENCY_WITHOUT_WHO_OR_WHY = (
    "the urgency recorded on notice {reference} does not say who was told or agreed, and why"
)
NOTICE_AFTER_MEETING = "its notice {reference} is dated {published:%-d %B %Y}, after the meeting"


def key_decision_notice_problem(
    decided_on: date,
    published_on: date | None,
    *,
    reference: str = "",
    urgency: str = "",
    agreed_by: str = "",
    reason: str = "",
) -> str:
    """Why the notice of a key decision to be taken on decided_on does not suffice, or "" when it does.

    - regulation 9: the forward plan notice published at least 28 clear days before;
    - regulation 10, general exception: the scrutiny chair told (who) and the reasons published (why), and the
      notice published at least 5 clear days before;
    - regulation 11, special urgency: the chair's agreement (who) that it cannot be deferred, and why; no
      period, but the notice comes before the meeting.
    Clear days are calendar days, neither the day of publication nor the day of the decision counting."""
    if published_on is None:
        return NO_NOTICE
    clear = clear_days(published_on, decided_on)
    facts = {"reference": reference, "published": published_on, "clear": clear}
    if notice_given(published_on, decided_on):
        return ""
    if urgency and not (agreed_by.strip() and reason.strip()):
        return URGENCY_WITHOUT_WHO_OR_WHY.format(**facts)
    if urgency and published_on > decided_on:
        return NOTICE_AFTER_MEETING.format(**facts)
    if urgency == GENERAL_EXCEPTION:
        if clear >= GENERAL_EXCEPTION_CLEAR_DAYS:
            return ""
        return GENERAL_EXCEPTION_TOO_SHORT.format(required=GENERAL_EXCEPTION_CLEAR_DAYS, **facts)
    if urgency == SPECIAL_URGENCY:
        return ""
    return NOTICE_TOO_SHORT.format(
        required=FORWARD_PLAN_CLEAR_DAYS, latest=latest_notice_date(decided_on), **facts
    )


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
