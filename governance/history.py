"""The audit trail: every change recorded by django-simple-history, across every app, read generically
(governance does not import the other apps; it asks simple-history which models it tracks)."""

import io
import json
from heapq import merge

from django.contrib.auth import get_user_model
from simple_history.models import registered_models

from . import spreadsheet

CHANGE_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}


def tracked_history_models():
    """The historical model of every tracked model, in a stable order."""
    result = []
    for model in registered_models.values():
        attr = getattr(model._meta, "simple_history_manager_attribute", "history")
        manager = getattr(model, attr, None)
        if manager is not None:
            result.append((model, manager.model))
    return sorted(result, key=lambda pair: pair[0]._meta.label)


def summarise(model, record):
    """A label for a recorded row that needs no further query: its name or title, else its type and id."""
    for attr in ("name", "title", "number"):
        value = getattr(record, attr, None)
        if value:
            return str(value)
    return f"{model._meta.verbose_name.capitalize()} {getattr(record, 'id', '')}".strip()


def _row(model, record, users):
    user = users.get(record.history_user_id)
    return {
        "when": record.history_date,
        "who": user.get_username() if user else "",
        "record_type": model._meta.verbose_name.capitalize(),
        "model": model._meta.label,
        "object_id": record.id if hasattr(record, "id") else record.pk,
        "change": CHANGE_TYPES.get(record.history_type, record.history_type),
        "summary": summarise(model, record),
        "reason": record.history_change_reason or "",
        "record": record,
    }


def recent_changes(limit=50):
    """The latest changes across every tracked model: one query per tracked model and one for the users,
    however many changes there are."""
    per_model = []
    for model, history_model in tracked_history_models():
        records = list(history_model.objects.order_by("-history_date", "-history_id")[:limit])
        per_model.append([(model, r) for r in records])
    latest = list(merge(*per_model, key=lambda pair: pair[1].history_date, reverse=True))[:limit]
    user_ids = {r.history_user_id for _, r in latest if r.history_user_id}
    users = get_user_model().objects.in_bulk(user_ids)
    return [_row(model, record, users) for model, record in latest]


def count_changes():
    return sum(history_model.objects.count() for _, history_model in tracked_history_models())


EXPORT_COLUMNS = ["when", "who", "model", "object_id", "change", "summary", "reason", "fields"]
_HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}


def change_history_csv(progress=None, batch=2000):
    """Every recorded change as CSV text, oldest first within each model; `progress(done, total)` is called
    as batches complete. Streams each model in batches, so memory stays flat however long the history."""
    total = count_changes()
    done = 0
    users = {u.pk: u.get_username() for u in get_user_model().objects.only("pk", "username")}
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for model, history_model in tracked_history_models():
        field_names = [
            f.attname for f in history_model._meta.concrete_fields if f.name not in _HISTORY_FIELDS
        ]
        for record in history_model.objects.order_by("history_date", "history_id").iterator(chunk_size=batch):
            values = {name: getattr(record, name) for name in field_names}
            writer.writerow(
                [
                    record.history_date.isoformat(),
                    users.get(record.history_user_id, ""),
                    model._meta.label,
                    values.get("id", ""),
                    CHANGE_TYPES.get(record.history_type, record.history_type),
                    summarise(model, record),
                    record.history_change_reason or "",
                    json.dumps(values, default=str, sort_keys=True),
                ]
            )
            done += 1
            if progress and done % batch == 0:
                progress(done, total)
    if progress:
        progress(done, total)
    return out.getvalue()
