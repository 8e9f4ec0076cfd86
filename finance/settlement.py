"""The two settlement models as pure calculations on sums already taken (no Django here).

Each function returns, per council code, the lines of its statement: (description, amount) pairs whose
amounts sum to the council's net (positive = it pays, negative = it is refunded).
"""

from dataclasses import dataclass
from decimal import Decimal

from governance.money import pounds

from .allocation import quarter_instalments, split

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Item:
    description: str
    amount: Decimal


def money(value) -> str:
    return pounds(value)


def net_of(items) -> Decimal:
    return sum((i.amount for i in items), ZERO)


def hosted_quarter(*, quarter, code, contribution_lines, one_off_charged):
    """A non-host council's quarterly invoice: a quarter of its permanent contribution (Q4 takes the pence
    left over) plus the one-off costs charged to it alone in the quarter.

    contribution_lines: [(label, amount)] of its permanent budget lines; one_off_charged: [(label, amount)].
    """
    contribution = sum((a for _, a in contribution_lines), ZERO)
    parts = " + ".join(f"{label} {money(a)}" for label, a in contribution_lines) or "no budget lines"
    instalments = quarter_instalments(contribution)
    q = int(quarter[1]) - 1
    if q < 3:
        how = f"a quarter of {money(contribution)}, cut to whole pence"
    else:
        how = f"{money(contribution)} less Q1–Q3 {money(sum(instalments[:3], ZERO))}: Q4 takes the pence left over"
    items = [
        Item(
            f"Permanent contribution for the year {money(contribution)} ({parts}); {quarter} instalment: {how}",
            instalments[q],
        )
    ]
    for label, amount in one_off_charged:
        items.append(Item(f"One-off costs charged to {code} alone in {quarter}: {label}", amount))
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
                f"Share of the shared permanent {word}: actuals {money(shared_permanent_actuals)} − budget "
                f"{money(total_budget)} = {money(variance)}, × {c}'s permanent budget {money(weights[c])} "
                f"/ {money(total_budget)}",
                shares[c],
            ),
            Item(f"Permanent costs charged to {c} alone", charged_permanent.get(c, ZERO)),
        ]
        retained = one_off_retained.get(c)
        if retained:
            items.append(
                Item(
                    f"One-off underspend {money(retained)} stays with {c} for future reallocation (not settled here)",
                    ZERO,
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
                f"Fair share of shared costs {money(shared_total)} by {weights_label}: "
                f"{c} {Decimal(weights[c]):,} of {total_weight:,}",
                shares[c],
            ),
            Item(f"Costs charged to {c} alone", charged_to.get(c, ZERO)),
            Item(
                f"Less costs paid by {c}'s own ledger: shared {money(paid_shared.get(c, ZERO))}, "
                f"charged to other councils {money(paid_for_others.get(c, ZERO))}",
                -paid,
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
            Item("Whole-year settlement of pooled costs", year_nets.get(c, ZERO)),
            Item("Less the four quarters' settlements as calculated now", -q_total),
        ]
    return result
