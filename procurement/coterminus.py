"""The co-terminus plan as a plain calculation: given a target date and a contract's end and extension
options, what must happen for the contract to end with the others, and the gap in months. No Django here.

A contract is aligned when it ends in the target's month (the seed's target is “July 2020”: Camden's
contract extended to 9 July 2020 is aligned with it). Otherwise:
- it ends before the target month and its options reach the target month: take the options (extend);
- it ends before and its options do not reach: extend beyond the options (legal risk review, seed R122)
  or re-let; the gap runs from the furthest end it can reach to the target date;
- its extension is still to be confirmed: extension or procurement required, gap as above;
- it runs past the target month: vary or terminate early, by the overrun.
"""

from dataclasses import dataclass, field
from datetime import date

from .dates import Period, months_between, months_text

ALIGNED = "aligned"
EXTEND = "extend"
RE_LET = "re_let"
TO_CONFIRM = "to_confirm"
OVERRUNS = "overruns"

ACTIONS = {
    ALIGNED: "Aligned: ends in the target month",
    EXTEND: "Extend: take the extension options",
    RE_LET: "Re-let, or extend beyond the options after a legal risk review",
    TO_CONFIRM: "Extension or procurement required: extension to be confirmed",
    OVERRUNS: "Runs past the target: vary or end early",
}


@dataclass(frozen=True)
class PlanLine:
    action: str
    reaches: date  # the last day it can run to with the options the action takes
    gap_months: int  # whole months from `reaches` to the target (0 when aligned or extended)
    gap_days: int
    options_taken: list = field(default_factory=list)  # indexes of the options to take, in order

    @property
    def label(self):
        return ACTIONS[self.action]

    @property
    def gap_text(self):
        if self.action in (ALIGNED, EXTEND):
            return "None"
        if self.action == OVERRUNS:
            return months_text(-self.gap_months, -self.gap_days) + " past the target"
        return months_text(self.gap_months, self.gap_days)


def same_month(a: date, b: date) -> bool:
    return (a.year, a.month) == (b.year, b.month)


def plan_line(target: date, end: date, options: list[Period], to_confirm: bool = False) -> PlanLine:
    """What a contract ending on `end`, with extension options (Periods in the order they can be taken),
    needs to end in the target's month."""
    if same_month(end, target):
        return PlanLine(ALIGNED, end, 0, 0)
    if end > target:
        months, days = months_between(end, target)
        return PlanLine(OVERRUNS, end, months, days)
    reaches, taken = end, []
    for index, option in sorted(enumerate(options), key=lambda pair: pair[1].starts_on):
        if reaches >= target or same_month(reaches, target):
            break
        taken.append(index)
        reaches = max(reaches, option.ends_on)
    if same_month(reaches, target) or reaches >= target:
        return PlanLine(EXTEND, reaches, 0, 0, taken)
    months, days = months_between(reaches, target)
    return PlanLine(TO_CONFIRM if to_confirm else RE_LET, reaches, months, days, taken)
