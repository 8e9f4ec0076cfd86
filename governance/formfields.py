"""Form fields every app's forms use where Django's own would let a malformed value through to the database."""

from django import forms

from governance.parsing import MAX_INT


class IntegerField(forms.IntegerField):
    """A whole number no larger than a database integer column holds (and not negative unless a form says
    so): a forty-digit number is a field error, never an overflow in the query that uses it."""

    def __init__(self, *, max_value=MAX_INT, min_value=0, **kwargs):
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)
