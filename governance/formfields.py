"""Form fields every app's forms use where Django's own would let a malformed value through to the database, and
the one way a service's ValidationError is put on a form."""

from django import forms

from governance.parsing import FIRST_DAY, LAST_DAY, MAX_INT

ERROR_DATE_RANGE = "Give a date from 1900 to 2199."


class IntegerField(forms.IntegerField):
    """A whole number no larger than a database integer column holds (and not negative unless a form says
    so): a forty-digit number is a field error, never an overflow in the query that uses it."""

    def __init__(self, *, max_value=MAX_INT, min_value=0, **kwargs):
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)


class DateField(forms.DateField):
    """A date between FIRST_DAY and LAST_DAY (governance.parsing): a year the date arithmetic of a page
    cannot hold (9999, 0) is a field error, never an overflow in the view."""

    def clean(self, value):
        day = super().clean(value)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError(ERROR_DATE_RANGE, code="out_of_range")
        return day


def add_service_error(form, error):
    """Puts a service's ValidationError on the form: each field's messages by that field (or on the form as a
    whole for a field the form does not have), any other message on the form as a whole."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
