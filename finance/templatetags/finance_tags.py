from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value):
    """Pounds to the penny with thousands separators; a minus sign for negatives; a dash for nothing."""
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    text = f"{abs(value):,.2f}"
    return f"−{text}" if value < 0 else text


@register.filter
def signed_money(value):
    if value is None:
        return "–"
    value = Decimal(value)
    return f"+{value:,.2f}" if value > 0 else money(value)
