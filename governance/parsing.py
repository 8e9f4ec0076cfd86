"""Reading whole numbers, sums of money and dates from what a browser or a file sent. One set of parsers for
the whole site, so that a malformed value (abc, 1.5, 1e400, forty digits, NaN, 2018-02-30) is a clear message
and never an exception deep in a view: the parsers raise ValueError with a constant message, and the
`*_param` helpers raise `BadInput`, which Django answers with a 400 page."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import IntegerField
from django.db.models.lookups import In

# The largest value a database integer column (bigint) holds.
MAX_INT = 2**63 - 1
# The days a request may name: what the date arithmetic of every page (a quarter, 18 months ahead, 90 days
# ahead, a financial year) can hold without passing datetime.date's limits (years 1 to 9999).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)

ERROR_NOT_WHOLE_NUMBER = "Give a whole number."
ERROR_OUT_OF_RANGE = "Give a number from {minimum} to {maximum}."
ERROR_NOT_AMOUNT = "Give a sum in pounds and pence, like 1234.56."
ERROR_TOO_LARGE = "Give a sum of at most {digits} digits before the decimal point."
ERROR_NOT_DATE = "Give the date as 2018-04-30."

_INTEGER = re.compile(r"^[+-]?[0-9]{1,19}$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class BadInput(BadRequest, ValueError):
    """A malformed value in a request: Django answers it with a 400 page."""


def parse_int(value, *, minimum=0, maximum=MAX_INT, message=None):
    text = str(value).strip() if value is not None else ""
    if not _INTEGER.match(text):
        raise ValueError(message or ERROR_NOT_WHOLE_NUMBER)
    number = int(text)
    if not minimum <= number <= maximum:
        raise ValueError(message or ERROR_OUT_OF_RANGE.format(minimum=minimum, maximum=maximum))
    return number


def parse_decimal(value, *, max_digits=14, decimal_places=2, message=None):
    """A Decimal that fits DecimalField(max_digits, decimal_places): plain digits only (no exponent, NaN or
    Infinity), no more decimal places than the field keeps, and no more digits before the point."""
    text = str(value).strip() if value is not None else ""
    if len(text) > 100 or not _DECIMAL.match(text):
        raise ValueError(message or ERROR_NOT_AMOUNT)
    whole, _, fraction = text.lstrip("+-").partition(".")
    if len(fraction.rstrip("0")) > decimal_places:
        raise ValueError(message or ERROR_NOT_AMOUNT)
    if len(whole.lstrip("0")) > max_digits - decimal_places:
        raise ValueError(message or ERROR_TOO_LARGE.format(digits=max_digits - decimal_places))
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only plain decimals
        raise ValueError(message or ERROR_NOT_AMOUNT) from None
    return amount.quantize(Decimal(1).scaleb(-decimal_places))


def is_digits(text):
    """Only the ASCII digits 0-9 (str.isdigit and str.isdecimal also take ², ٣ and other scripts' digits)."""
    return bool(re.fullmatch(r"[0-9]+", str(text)))


def parse_date(value, *, first=FIRST_DAY, last=LAST_DAY, message=None):
    text = str(value).strip() if value is not None else ""
    if not _DATE.match(text):
        raise ValueError(message or ERROR_NOT_DATE)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(message or ERROR_NOT_DATE) from None
    if not first <= day <= last:
        raise ValueError(message or ERROR_NOT_DATE)
    return day


def _param(parse, data, name, default, kwargs):
    if name not in data or data.get(name) in (None, ""):
        if default is not BadInput:
            return default
    try:
        return parse(data.get(name), **kwargs)
    except ValueError as exc:
        raise BadInput(f"{name}: {exc}") from None


def int_param(data, name, default=BadInput, **kwargs):
    """request.GET or request.POST[name] as a whole number, or a 400 (BadInput); default when absent."""
    return _param(parse_int, data, name, default, kwargs)


class RecordsField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField that refuses a value no id column could hold (abc, 1.5, forty digits) as an
    invalid choice before it reaches the database, where an `__in` lookup would overflow."""

    def _check_values(self, value):
        for pk in value:
            try:
                parse_int(pk)
            except ValueError:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:40]},
                ) from None
        return super()._check_values(value)


class IntegerIn(In):
    """`__in` on an integer column (ids included) leaving out the values no such column can hold (forty digits):
    they match no row. Django's own exact, lt and gt lookups already read them so; `__in` passed them to the
    database, where SQLite overflows (a 500 for a forty-digit id posted in a form's multiple choice)."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register_lookups():
    """Called once by governance's AppConfig.ready(): every integer column's `__in` is IntegerIn."""
    IntegerField.register_lookup(IntegerIn)
