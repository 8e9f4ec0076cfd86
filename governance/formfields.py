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


class YearField(forms.CharField):
    """A financial year as written (2018/19), read by the app's own parser `parse` (text to its starting year,
    ValueError for text that is not a year the app holds); blank is None."""

    default_error_messages = {"invalid": "Enter the financial year like 2018/19."}

    def __init__(self, *, parse, **kwargs):
        self.parse = parse
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return self.parse(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def is_stale(error):
    """Whether a service refused a save because someone else changed the record since the form was read (a
    ValidationError with code "stale", or one on the form's version)."""
    if getattr(error, "code", None) == "stale":
        return True
    if hasattr(error, "error_dict"):
        return "version" in error.error_dict or any(
            getattr(e, "code", None) == "stale" for errors in error.error_dict.values() for e in errors
        )
    return any(getattr(e, "code", None) == "stale" for e in getattr(error, "error_list", ()))


def refused(form):
    """The status of a POST a form refused: 409 when the record changed under it (a stale version), else 400."""
    return 409 if getattr(form, "conflict", False) else 400


def add_service_error(form, error):
    """Puts a service's ValidationError on the form: each field's messages by that field (or on the form as a
    whole for a field the form does not have), any other message on the form as a whole. A stale save marks
    the form as a conflict (`refused(form)` is then 409); a StaleRecord (governance/audit/versions.py) also puts
    the other person's changes on the form (`form.conflict_changes`, for governance/_conflict.html) and sends the
    form back carrying the record's version now, so the person's change is made by sending it again."""
    if is_stale(error):
        form.conflict = True
    if getattr(error, "changes", None) is not None:
        form.conflict_changes = error.changes
        if getattr(error, "current", None) is not None and "version" in form.fields:
            data = form.data.copy()
            data[form.add_prefix("version")] = str(error.current)
            form.data = data
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
