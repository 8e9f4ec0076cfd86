"""The two settlement models as pure calculations on sums already taken (no Django here).

Each function returns, per council code, the lines of its statement: (description, amount) pairs whose
amounts sum to the council's net (positive = it pays, negative = it is refunded).
"""

from dataclasses import dataclass
from decimal import Decimal

from governance.allocation import quarter_instalments, split
from governance.money import pounds

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Item:
    """A statement line: what it is (description), the rule it follows in brief (basis), the arithmetic in
    words (working), and the funding line it falls on ("" when it spans several)."""

    description: str
    amount: Decimal
    basis: str = ""
    working: str = ""
    line: str = ""


def money(value) -> str:
    return pounds(value)


def net_of(items) -> Decimal:
    return sum((i.amount for i in items), ZERO)


def hosted_quarter(*, quarter, code, contribution_lines, one_off_charged):
    """A non-host council's quarterly invoice: for each permanent funding line, a quarter of its budget for
    the year (cut to whole pence; Q4 takes the pence left over, so each line's year sums exactly), plus the
    one-off costs charged to it alone in the quarter.

    contribution_lines: [(line key, label, budget)] of its permanent budget lines;
    one_off_charged: [(line key, label, amount)].
    """
    q = int(quarter[1]) - 1
    items = []
    for key, label, budget in contribution_lines:
        instalments = quarter_instalments(budget)
        if q < 3:
            basis = "A quarter of the year's budget"
            working = f"{label}: budget for the year {money(budget)} ÷ 4 = {money(instalments[q])}"
        else:
            basis = "The year's budget less the first three quarters"
            working = (
                f"{label}: budget for the year {money(budget)} less Q1–Q3 "
                f"{money(sum(instalments[:3], ZERO))} = {money(instalments[3])}"
            )
        items.append(Item(f"Contribution to the hosted budget: {label}", instalments[q], basis, working, key))
    if not contribution_lines:
        items.append(Item("Contribution to the hosted budget", ZERO, "No permanent budget for the year"))
    for key, label, amount in one_off_charged:
        items.append(
            Item(
                f"One-off costs charged to {code} alone: {label}",
                amount,
                f"Costs in {quarter} charged to {code} alone",
                f"{label}: costs in the host's ledger in {quarter} charged to {code} alone = {money(amount)}",
                key,
            )
        )
    return items


def hosted_true_up(*, codes, permanent_budget, shared_permanent_actuals, charged_permanent, one_off_retained):
    """Year-end true-up: V = shared permanent actuals − total permanent budget; each council bears V split by
    its share of the permanent budget, plus the permanent costs charged to it alone. One-off underspends stay
    with the council that provided them, so they are shown but not settled."""
    total_budget = sum((permanent_budget.get(c, ZERO) for c in codes), ZERO)
    variance = shared_permanent_actuals - total_budget
    weights = {c: permanent_budget.get(c, ZERO) for c in codes}
    shares = split(variance, weights) if total_budget else dict.fromkeys(codes, ZERO)
    result = {}
    for c in codes:
        word = "overspend" if variance > 0 else "underspend" if variance < 0 else "variance"
        items = [
            Item(
                f"Share of the shared permanent {word}",
                shares[c],
                "In proportion to each council's permanent budget",
                f"Shared permanent spending {money(shared_permanent_actuals)} less the permanent budget "
                f"{money(total_budget)} = {money(variance)}; {c}'s share is its permanent budget "
                f"{money(weights[c])} out of {money(total_budget)} = {money(shares[c])}",
            ),
            Item(
                f"Permanent costs charged to {c} alone",
                charged_permanent.get(c, ZERO),
                f"Costs charged to {c} alone",
                f"Permanent costs in the ledgers for the year charged to {c} alone = "
                f"{money(charged_permanent.get(c, ZERO))}",
            ),
        ]
        retained = one_off_retained.get(c)
        if retained:
            items.append(
                Item(
                    f"One-off underspend retained by {c}",
                    ZERO,
                    "Stays with the council for future reallocation: not settled here",
                    f"{c}'s one-off budget not spent in the year = {money(retained)}",
                )
            )
        result[c] = items
    return result


def pooled_period(*, codes, weights, weights_label, shared_total, charged_to, paid_shared, paid_for_others):
    """Pooled costs: each council's fair share of the total shared cost T (split by weights), plus the costs
    charged to it alone, less every cost its own ledger paid. The nets sum to zero."""
    shares = (
        split(shared_total, {c: weights[c] for c in codes}) if shared_total else dict.fromkeys(codes, ZERO)
    )
    total_weight = sum((Decimal(weights[c]) for c in codes), Decimal(0))
    result = {}
    for c in codes:
        paid = paid_shared.get(c, ZERO) + paid_for_others.get(c, ZERO)
        result[c] = [
            Item(
                "Fair share of the shared costs",
                shares[c],
                f"Shared costs split by {weights_label}",
                f"Shared costs of all councils {money(shared_total)} × {c}'s weight {Decimal(weights[c]):,} "
                f"out of {total_weight:,} = {money(shares[c])}",
            ),
            Item(
                f"Costs charged to {c} alone",
                charged_to.get(c, ZERO),
                f"Costs other councils paid for {c}",
                f"Costs in other councils' ledgers charged to {c} alone = {money(charged_to.get(c, ZERO))}",
            ),
            Item(
                f"Less costs paid by {c}'s own ledger",
                -paid,
                "Already paid by the council",
                f"Shared costs {c} paid {money(paid_shared.get(c, ZERO))} + costs {c} paid for other "
                f"councils {money(paid_for_others.get(c, ZERO))} = {money(paid)}",
            ),
        ]
    return result


def pooled_true_up(*, codes, year_nets, quarter_nets):
    """The pooled true-up settles what the whole year's calculation gives less the four quarters' (the pence
    that quarterly rounding left, and nothing else once every quarter is settled)."""
    result = {}
    for c in codes:
        q_total = sum((q.get(c, ZERO) for q in quarter_nets), ZERO)
        result[c] = [
            Item(
                "Whole-year settlement of pooled costs",
                year_nets.get(c, ZERO),
                "The year's costs shared as one period",
                f"The quarterly calculation applied to the whole year's costs = {money(year_nets.get(c, ZERO))}",
            ),
            Item(
                "Less the four quarters' settlements",
                -q_total,
                "Already settled quarter by quarter",
                f"Q1 to Q4 as calculated now = {money(q_total)}",
            ),
        ]
    return result
