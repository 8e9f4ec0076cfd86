"""Splitting money to the penny, for every app (finance shares budgets and statements, procurement a contract's
cost between its councils). Pure: no Django, no floats.

The rule, everywhere money is split: each exact share is cut to whole pence (towards zero), and the pence
left over go, one each, to the shares with the largest remainders (ties by council short code, A–Z), so the
parts always sum exactly to the whole.
"""

from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

PENNY = Decimal("0.01")

ERROR_NO_WEIGHTS = "There is nothing to split by: every weight is zero."
ERROR_NEGATIVE_WEIGHT = "A weight cannot be negative."
ERROR_NOT_PENCE = "The amount is not a whole number of pence."


def to_pence(amount) -> int:
    value = Decimal(amount)
    pence = value * 100
    if pence != pence.to_integral_value():
        raise ValueError(ERROR_NOT_PENCE)
    return int(pence)


def from_pence(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(PENNY)


def split(amount, weights: dict) -> dict:
    """Splits amount (pounds, whole pence) by weights {code: weight}; returns {code: Decimal pounds}.

    Negative amounts are split as their size and given back their sign, so a credit splits like a charge.
    """
    if not weights:
        raise ValueError(ERROR_NO_WEIGHTS)
    fractions = {code: Fraction(Decimal(w)) for code, w in weights.items()}
    if any(w < 0 for w in fractions.values()):
        raise ValueError(ERROR_NEGATIVE_WEIGHT)
    total_weight = sum(fractions.values())
    if total_weight == 0:
        raise ValueError(ERROR_NO_WEIGHTS)
    pence = to_pence(amount)
    sign, size = (-1 if pence < 0 else 1), abs(pence)
    floors, remainders = {}, {}
    for code, w in fractions.items():
        exact = size * w / total_weight
        floors[code] = exact.numerator // exact.denominator
        remainders[code] = exact - floors[code]
    left = size - sum(floors.values())
    for code in sorted(fractions, key=lambda c: (-remainders[c], str(c)))[:left]:
        floors[code] += 1
    return {code: from_pence(sign * floors[code]) for code in weights}


def equal_split(amount, codes) -> dict:
    return split(amount, {code: 1 for code in codes})


def quarter_instalments(annual) -> list:
    """Four quarterly instalments of an annual amount: Q1–Q3 are a quarter cut to whole pence, and Q4 takes
    the pence left over, so the year sums exactly."""
    pence = to_pence(annual)
    sign, size = (-1 if pence < 0 else 1), abs(pence)
    quarter = size // 4
    return [from_pence(sign * quarter)] * 3 + [from_pence(sign * (size - 3 * quarter))]


def pounds(value) -> Decimal:
    """A value as pounds to the penny, refusing anything finer."""
    value = Decimal(value)
    if value != value.quantize(PENNY, rounding=ROUND_DOWN):
        raise ValueError(ERROR_NOT_PENCE)
    return value.quantize(PENNY)
