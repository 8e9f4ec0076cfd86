from django import template

from governance.money import pounds as _pounds

register = template.Library()


@register.filter
def pounds(amount):
    """£1,234.50, or £1,234 for whole pounds; blank for nothing."""
    return "" if amount is None or amount == "" else _pounds(amount, drop_whole_pence=True)
