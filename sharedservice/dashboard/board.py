"""The board paper's one-page summary: the headline figures, each with a red/amber/green status by a stated
rule and its direction since the figures the last board paper gave. Pure: plain values in, plain values out
(the figures come from the dashboard's selectors; the rules are tested with plain numbers)."""

from dataclasses import dataclass
from decimal import Decimal

GREEN, AMBER, RED, NONE = "green", "amber", "red", ""
RAG_LABELS = {GREEN: "Green", AMBER: "Amber", RED: "Red", NONE: "No status"}

# A revenue overspend up to this share of the budget is amber, beyond it red.
REVENUE_TOLERANCE = Decimal("0.01")
# A share of the establishment vacant up to this is green, up to VACANCY_RED amber, beyond it red.
VACANCY_AMBER = Decimal("0.05")
VACANCY_RED = Decimal("0.15")


def revenue_rag(budget, variance):
    """On or under budget: green; over by up to 1% of the budget: amber; more: red; no forecast: none."""
    if variance is None or not budget:
        return NONE
    if variance <= 0:
        return GREEN
    return AMBER if variance <= budget * REVENUE_TOLERANCE else RED


def one_off_rag(variance):
    """One-off provisions forecast within their current budget: green (an underspend stays with each
    council); over it: red; no forecast: none."""
    if variance is None:
        return NONE
    return GREEN if variance <= 0 else RED


def vacancy_rag(vacant, posts):
    """Vacant posts as a share of the budgeted establishment: up to 5% green, up to 15% amber, beyond red."""
    if not posts:
        return NONE
    share = Decimal(vacant) / Decimal(posts)
    if share <= VACANCY_AMBER:
        return GREEN
    return AMBER if share <= VACANCY_RED else RED


def staff_cost_rag(difference):
    """Budget less the establishment's cost: covered (zero or more) green, short: amber."""
    return GREEN if difference >= 0 else AMBER


def count_rag(count, red_from=None):
    """None: green; some: amber; `red_from` or more (if given): red."""
    if not count:
        return GREEN
    return RED if red_from is not None and count >= red_from else AMBER


@dataclass
class Headline:
    key: str
    label: str
    value: Decimal  # what the direction compares
    shown: str  # the figure as the board reads it
    rag: str
    rule: str  # how the status is decided, printed beside it
    money: bool = True
    direction: str = ""  # filled by with_directions

    @property
    def rag_label(self):
        return RAG_LABELS[self.rag]

    def as_json(self):
        return {"key": self.key, "value": str(self.value), "shown": self.shown}


def _pounds(value):
    sign = "−" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


def _change(now, before, money):
    diff = now - before
    if diff == 0:
        return "No change"
    word = "Up" if diff > 0 else "Down"
    amount = _pounds(abs(diff)) if money else f"{abs(diff):,}"
    return f"{word} {amount}"


def with_directions(headlines, previous):
    """Each headline's direction since the previous paper's figures ({key: {"value", "shown"}}), or why
    there is none. (The summary says once which paper the directions are read against, so that each row
    stays short enough for the summary to keep to one page.)"""
    for h in headlines:
        before = (previous or {}).get(h.key)
        if before is None:
            h.direction = "First reported in this paper" if previous else "No earlier board paper"
            continue
        h.direction = _change(h.value, Decimal(before["value"]), h.money)
    return headlines
