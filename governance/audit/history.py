"""The audit trail: every change recorded by django-simple-history, across every app, read generically
(governance does not import the other apps; it asks simple-history which models it tracks)."""

import io
import json
from functools import cache

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from simple_history.models import registered_models

from governance import spreadsheet

CHANGE_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}


@cache
def _tracked():
    result = []
    for model in registered_models.values():
        attr = getattr(model._meta, "simple_history_manager_attribute", "history")
        manager = getattr(model, attr, None)
        if manager is not None:
            result.append((model, manager.model))
    return tuple(sorted(result, key=lambda pair: pair[0]._meta.label))


def tracked_history_models():
    """The historical model of every tracked model, in a stable order (worked out once: the models tracked are
    fixed when the apps are loaded)."""
    return list(_tracked())


def summarise(model, record):
    """A label for a recorded row that needs no further query: its name or title, else its type and id."""
    for attr in ("name", "title", "number"):
        value = getattr(record, attr, None)
        if value:
            return str(value)
    return f"{model._meta.verbose_name.capitalize()} {getattr(record, 'id', '')}".strip()


@cache
def _changes_query(limit, each_limited):
    """The UNION ALL of every history table, built once per process (it is the same query every time; the
    sixty-odd querysets cost more to build than the database takes to answer) and cloned for each read."""
    models = tracked_history_models()
    parts = []
    for i, (model, history_model) in enumerate(models):
        labels = [
            NullIf(Cast(attr, CharField()), Value(""))
            for attr in ("name", "title", "number")
            if any(f.name == attr for f in history_model._meta.concrete_fields)
        ]
        summary = (
            Coalesce(*labels, output_field=CharField())
            if len(labels) > 1
            else labels[0]
            if labels
            else Value(None, output_field=CharField())
        )
        parts.append(
            history_model.objects.order_by()
            .annotate(
                c_model=Value(i),
                c_id=F("history_id"),
                c_when=F("history_date"),
                c_type=F("history_type"),
                c_user=F("history_user_id"),
                c_reason=F("history_change_reason"),
                c_object=Cast(model._meta.pk.attname, CharField()),
                c_summary=summary,
            )
            .values_list("c_model", "c_id", "c_when", "c_type", "c_user", "c_reason", "c_object", "c_summary")
        )
        if each_limited:
            # Each table's own latest rows (an index scan on history_date), so the union sorts at most `limit`
            # rows a table rather than every change ever recorded.
            parts[-1] = parts[-1].order_by("-history_date", "-history_id")[:limit]
    if not parts:
        return None
    return parts[0].union(*parts[1:], all=True).order_by("-c_when", "-c_id")[:limit]


@cache
def _changes_sql(limit, vendor):
    """The union's SQL and parameters, compiled once per process: compiling sixty-odd SELECTs took longer
    than the database takes to answer them. The query has no parameter that changes between reads."""
    query = _changes_query(limit, connection.features.supports_slicing_ordering_in_compound)
    if query is None:
        return None
    sql, params = query.query.get_compiler(connection=connection).as_sql()
    return sql, tuple(params)


def recent_changes(limit=50):
    """The latest changes across every tracked model, in two queries however many models and changes there
    are: one UNION ALL of every history table (each row's type, who, when and a summary), and one for the
    users."""
    models = tracked_history_models()
    sql = _changes_sql(limit, connection.vendor)
    if sql is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*sql)
        rows = cursor.fetchall()
    users = get_user_model().objects.in_bulk({r[4] for r in rows if r[4]})
    result = []
    for index, _, when, change, user_id, reason, object_id, summary in rows:
        model = models[index][0]
        user = users.get(user_id)
        result.append(
            {
                "when": when,
                "who": user.get_username() if user else "",
                "record_type": model._meta.verbose_name.capitalize(),
                "model": model._meta.label,
                "object_id": object_id,
                "change": CHANGE_TYPES.get(change, change),
                "summary": summary or f"{model._meta.verbose_name.capitalize()} {object_id}".strip(),
                "reason": reason or "",
            }
        )
    return result


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
