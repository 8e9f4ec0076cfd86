"""The one way the project writes an amount of money. Pure: no Django, no database."""

from decimal import Decimal


def pounds(amount, *, symbol=True, drop_whole_pence=False) -> str:
    """£1,234.50 (always to the penny unless drop_whole_pence: then £1,234 for whole pounds); a true minus
    sign before a negative amount; symbol=False leaves out the £ (for columns headed in pounds)."""
    amount = Decimal(amount)
    places = 0 if drop_whole_pence and amount == amount.to_integral_value() else 2
    text = f"{'£' if symbol else ''}{abs(amount):,.{places}f}"
    return f"−{text}" if amount < 0 else text
