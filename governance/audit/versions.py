"""Optimistic locking for every edit form of a shared record, read from django-simple-history: a record's
version is the id of its latest historical row, so any save by anybody moves it on. An edit form carries the
version it was loaded at; the service refuses a save whose version is missing or stale and says what the
other person changed (as the agenda editor does with its own agenda versions)."""

from django import forms
from django.core.exceptions import ValidationError

from governance.formfields import IntegerField
from governance.parsing import parse_int

VERSION_MISSING = (
    "This form was sent without the version it was loaded at. Reload the page and make your change again."
)
STALE = "Somebody else saved this record after you opened it. Their changes are shown; nothing of yours was saved."


class VersionField(IntegerField):
    """The hidden field an edit form carries its record's version in (current_version or set_version as the
    page was read). Missing or malformed, the form is refused with VERSION_MISSING, a field error the page's
    error summary lists: never a 500, never a save."""

    widget = forms.HiddenInput
    default_error_messages = {
        "required": VERSION_MISSING,
        "invalid": VERSION_MISSING,
        "min_value": VERSION_MISSING,
        "max_value": VERSION_MISSING,
    }


# A service called by code (the demo loader, imports) rather than by a form may leave the version out.
UNCHECKED = object()


class StaleRecord(ValidationError):
    """The record changed since the form was loaded; `changes` lists what the other person changed, `current`
    is the record's version now (a form refused for it is sent back carrying it)."""

    def __init__(self, changes, current=None):
        super().__init__(STALE, code="stale")
        self.changes = changes
        self.current = current


def _parse(version):
    """A version as sent by a form: a whole number a database column can hold (40 digits would overflow the
    history query), or the form is refused as if it had none."""
    try:
        return parse_int(version)
    except ValueError:
        raise ValidationError(VERSION_MISSING, code="version_missing") from None


def current_version(obj):
    """The id of the record's latest historical row (0 for a record not yet saved)."""
    if obj is None or obj.pk is None:
        return 0
    return obj.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def _changes_since(obj, version):
    """What changed after `version`: [{"when", "who", "fields"}], oldest first."""
    if obj.pk is None:
        return []
    return _describe(obj.history.filter(history_id__gt=version), type(obj))


def _describe(history, model):
    rows = list(history.order_by("history_id").select_related("history_user"))
    changes = []
    for row in rows:
        previous = row.prev_record
        fields = []
        if previous is not None:
            fields = [c.field for c in row.diff_against(previous).changes]
        user = row.history_user
        # A save that changed no field of the record itself (a restructure given another post) says why.
        reason = [row.history_change_reason] if getattr(row, "history_change_reason", "") else []
        changes.append(
            {
                "when": row.history_date,
                "who": (user.get_full_name() or user.get_username()) if user else "someone",
                "fields": [model._meta.get_field(f).verbose_name for f in fields]
                or reason
                or ([] if previous is not None else [f"added: {row.instance}"]),
            }
        )
    return changes


def check_version(obj, version):
    """Refuses (ValidationError) a missing or malformed version, and (StaleRecord) one that is not the
    record's latest. Call it with the row locked (select_for_update)."""
    version = _parse(version)
    current = current_version(obj)
    if version != current:
        raise StaleRecord(_changes_since(obj, version), current=current)


# Forms whose record is one of a set chosen in the form itself (the minutes editor's attendance form, the
# seats of a body): the version is a watermark, the latest historical row of the set when the page was
# loaded; a save is refused when any record of the set was saved after it (someone else changed it).


def set_version(history):
    """The watermark of a set of records: the id of the latest historical row of `history` (a queryset of
    historical rows, such as BodyMember.history.filter(body=body)); 0 when it has none."""
    return history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def check_set_version(history, version, model):
    """Refuses a missing or malformed watermark, and (StaleRecord) one older than a change to the set."""
    version = _parse(version)
    later = history.filter(history_id__gt=version)
    if later.exists():
        raise StaleRecord(_describe(later, model), current=set_version(history))
