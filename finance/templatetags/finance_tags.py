from decimal import Decimal

from django import template

from finance.periods import month_name
from governance.money import pounds

register = template.Library()


@register.filter
def money(value):
    """Pounds to the penny with thousands separators; a minus sign for negatives; a dash for nothing."""
    if value is None or value == "":
        return "–"
    return pounds(value, symbol=False)


@register.filter
def fy_month(month):
    """A forecast month as the financial year names it: "Month 5 (August)"."""
    return f"Month {month} ({month_name(int(month))})" if month else ""


@register.filter
def abs_money(value):
    """The size of an amount, without its sign (the words beside it say which way it goes)."""
    if value is None:
        return "–"
    return money(abs(Decimal(value)))


@register.filter
def signed_money(value):
    if value is None:
        return "–"
    value = Decimal(value)
    return f"+{value:,.2f}" if value > 0 else money(value)
