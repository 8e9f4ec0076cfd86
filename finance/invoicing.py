"""What a statement says to the accounts-payable team that pays it, as pure rules on plain values (no
Django here): who pays whom, when it is due, the reference to quote, and how the amount was worked out in a
finance officer's words.
"""

from datetime import date, timedelta

HOSTED = "hosted"
POOLED = "pooled"
TRUE_UP = "true-up"


def parties(*, net, council, host):
    """(payer, payee) of a statement for `council` whose net is `net` (positive: the council pays).

    Every statement is between the host and one council: an invoice is paid by the council to the host, a
    credit note is paid by the host to the council. Works on any values (codes, names or objects)."""
    return (council, host) if net >= 0 else (host, council)


def due_date(issue_date: date, terms_days: int) -> date:
    return issue_date + timedelta(days=terms_days)


def payment_reference(prefix: str, number: str) -> str:
    """The reference the payer quotes with the payment: the partnership's prefix and the statement number."""
    return f"{prefix} {number}".strip() if number else ""


def explanation(*, model, period, council, host, year):
    """The settlement rule for this statement, as a finance officer would explain it (names, not codes)."""
    if model == HOSTED and period != TRUE_UP:
        return (
            f"{host} holds the shared service budget for {year}. {council} contributes its agreed budget for "
            f"the permanent funding lines (BAU staff, BAU non-staff costs and continuous improvement) in four "
            f"quarterly instalments, each a quarter of the year's budget for the line. One-off costs that "
            f"{host} paid for {council} alone in the quarter are added."
        )
    if model == HOSTED:
        return (
            f"At the end of {year} the actual permanent spending of the shared service is compared with the "
            f"permanent budget. The overspend (or underspend) is shared between the councils in proportion to "
            f"each council's permanent budget: {council} pays its share of an overspend, or is refunded its "
            f"share of an underspend, plus any permanent costs charged to it alone. Underspends on one-off "
            f"provisions stay with the council that provided them."
        )
    if period != TRUE_UP:
        return (
            f"The councils pool the costs of the shared service. For the quarter, {host} adds up the shared "
            f"costs in every council's ledger and splits them by the agreed weights; {council} pays its share "
            f"plus the costs other councils paid for it alone, less everything its own ledger already paid."
        )
    return (
        f"The pooled costs of {year} are shared once more as one period. The difference from the four "
        f"quarterly statements (the pence that rounding each quarter left) is settled here."
    )


def rounding_note(*, model, period):
    """The rounding rule, as one plain footnote."""
    if model == HOSTED and period != TRUE_UP:
        return (
            "Each quarter's instalment is rounded down to the penny; the fourth quarter takes any pence left "
            "over, so the four instalments add up exactly to the year's budget."
        )
    return (
        "Shares are worked out to the penny; any pence left over go to the councils with the largest "
        "fractions of a penny, so the shares add up exactly to the total."
    )
