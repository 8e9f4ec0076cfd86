"""The audit trail: every change recorded by django-simple-history, across every app, read generically
(governance does not import the other apps; it asks simple-history which models it tracks).

A page of the trail runs a fixed number of queries however long the history: one to count the changes that
match the filters, kind by kind, one UNION ALL of the newest rows of every history table with any of them for
the page's rows (each table read along its history_date index only as far as the page; ChangePages, whose SQL
is compiled once per process for the filters' values), and one per kind of record on the
page that reads those rows and the versions before them with everything their labels, links and field changes
name (select_related), so simple-history's `diff_against` compares them without another query. The kinds on a
page are at most the kinds of record there are, never more as the rows grow."""

import collections
import contextlib
import functools
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Exists, F, ForeignKey, OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.models import registered_models

from governance import spreadsheet

CHANGE_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}
# A row saved with no recorded field different from the version before: it does not say "Changed".
SAVED_UNCHANGED = "Saved, nothing changed"
BLANK = "(blank)"
# Fields that hold the reason a rule asked for; kept whole on the record (history's own reason column is cut
# to 100 characters), so the trail shows the field's value when the change set or changed it.
REASON_FIELDS = ("reason", "urgency_reason")
# A model lists in `audit_masked_fields` what the trail shows only as "changed" (bank details: for finance
# officers' screens, not the audit trail).
MASKED = "changed (not shown in the audit trail)"
# Personal data: a model's fields that its own pages show only to some people (post holders' names) are
# registered with `personal_data` by the app that owns the rule (in its AppConfig.ready), so the trail and its
# CSV follow the same rule for the person reading them; read without a reader (or not allowed), a change to
# them shows only that it changed.
WITHHELD = "changed (personal data: not shown to you)"
PERSONAL_DATA = {}


def personal_data(model, fields, readable):
    """Registers model's personal fields and its rule: readable(user, records) -> the set of the records'
    history ids (historical rows of model) whose personal fields the user may read. One call per kind of
    record on a page, so the rule reads what it needs in bulk."""
    PERSONAL_DATA[model] = (frozenset(fields), readable)


LABEL_WORDS = 24
VALUE_CHARS = 200
SELECT_DEPTH = 2
MAX_JOINS = 40


def tracked_history_models():
    """The historical model of every tracked model, in a stable order. Read once the app registry is ready
    and kept: reaching a historical model through its manager descriptor builds a manager class each time
    (simple-history's `from_queryset`), a millisecond per model, which every page of the trail paid ~60 times."""
    if apps.ready:
        return _tracked_history_models()
    return _read_tracked_history_models()


def _read_tracked_history_models():
    result = []
    for model in registered_models.values():
        attr = getattr(model._meta, "simple_history_manager_attribute", "history")
        manager = getattr(model, attr, None)
        if manager is not None:
            result.append((model, manager.model))
    return tuple(sorted(result, key=lambda pair: pair[0]._meta.label))


@functools.cache
def _tracked_history_models():
    return _read_tracked_history_models()


def kind_key(model):
    return model._meta.label_lower


def kind_name(model):
    return capfirst(model._meta.verbose_name)


def kind_choices():
    """(key, name) of every kind of record the trail holds, by name."""
    return sorted(((kind_key(m), kind_name(m)) for m, _ in tracked_history_models()), key=lambda c: c[1])


def _foreign_keys(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, ForeignKey)]


@functools.cache
def partnership_path(model):
    """The shortest chain of foreign keys from a record to its partnership ("" for a partnership, None for
    records that belong to none, such as councils)."""
    partnership = apps.get_model("governance", "Partnership")
    frontier, seen = [(model, "")], {model}
    for _ in range(5):
        following = []
        for current, path in frontier:
            if current is partnership:
                return path
            for f in _foreign_keys(current):
                target = f.related_model
                if target not in seen:
                    seen.add(target)
                    following.append((target, f"{path}__{f.name}" if path else f.name))
        frontier = following
    return None


@functools.cache
def _select_paths(model):
    """The related rows a page reads with each change: every foreign key two steps deep (labels name them),
    and the chain to the partnership (links and the partnership column)."""
    paths = []
    partnership = partnership_path(model)
    if partnership:
        parts = partnership.split("__")
        paths += ["__".join(parts[: n + 1]) for n in range(len(parts))]
    for f in _foreign_keys(model):
        paths.append(f.name)
        for g in _foreign_keys(f.related_model):
            paths.append(f"{f.name}__{g.name}")
    result = []
    for p in paths:
        if p not in result and len(result) < MAX_JOINS:
            result.append(p)
    return tuple(result)


def _apply(filterset, history_model):
    qs = history_model.objects.order_by()
    return filterset.filter_queryset(qs) if filterset is not None else qs


def change_rows(filterset=None):
    """The changes matching the filters as one UNION ALL queryset of (kind index, history id, when), newest
    first (for the export, which reads them all in batches; a page reads through ChangePages). `filterset` is
    the trail's ChangeFilter (validated), or None for every change."""
    models = tracked_history_models()
    parts = []
    for i, (_model, history_model) in enumerate(models):
        qs = _apply(filterset, history_model)
        if qs.query.is_empty():
            continue
        parts.append(
            qs.annotate(c_model=Value(i), c_id=F("history_id"), c_when=F("history_date")).values_list(
                "c_model", "c_id", "c_when"
            )
        )
    if not parts:
        return None
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return union.order_by("-c_when", "c_model", "-c_id")


def _union_parts(filterset):
    """[(sql, params)] of each history table's (kind index, history id, when) matching the filters."""
    parts = []
    for i, (_model, history_model) in enumerate(tracked_history_models()):
        qs = _apply(filterset, history_model)
        if qs.query.is_empty():
            continue
        qs = qs.annotate(c_model=Value(i), c_id=F("history_id"), c_when=F("history_date"))
        parts.append(qs.values_list("c_model", "c_id", "c_when").query.sql_with_params())
    return parts


# The compiled parts of the union for the filters' values, kept per process: compiling one SELECT for each of
# the ~60 history tables cost more than running the page's queries. The SQL follows from the values alone
# (ids, not names: a partnership is filtered by its id), so a kept copy is never out of date.
_COMPILED = collections.OrderedDict()
_COMPILED_MAX = 256


def _compiled_parts(filterset):
    if filterset is None:
        key = ()
    else:
        data = filterset.form.cleaned_data
        key = tuple(
            (name, getattr(value, "pk", value))
            for name, value in sorted(data.items())
            if value not in (None, "") and name != "page"
        )
    parts = _COMPILED.get(key)
    if parts is None:
        parts = _union_parts(filterset)
        _COMPILED[key] = parts
        while len(_COMPILED) > _COMPILED_MAX:
            _COMPILED.popitem(last=False)
    else:
        _COMPILED.move_to_end(key)
    return parts


class ChangePages:
    """The changes matching the filters for Django's Paginator, from the union's compiled parts: counted over
    every table, kind by kind; a page read from only the newest rows of each table that has any (as far as the
    page, along its history_date index), then merged. Rows are (kind index, history id) for `details`.

    The count's query says which tables have rows matching the filters, so the page's union names only those:
    PostgreSQL plans each part of a union, and planning the ~60 parts took longer than running them (31 ms to
    plan, 6 ms to run on the benchmark's full data)."""

    def __init__(self, filterset=None):
        self.filterset = filterset
        self._counts = None

    def _run(self, sql, params):
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _kind_counts(self):
        """{position of the part in the compiled parts: rows matching}, for the parts with any."""
        if self._counts is None:
            parts = _compiled_parts(self.filterset)
            self._counts = {}
            if parts:
                union = " UNION ALL ".join(
                    f"SELECT {n}, COUNT(*) FROM ({sql}) AS p{n}" for n, (sql, _) in enumerate(parts)
                )
                params = [p for _, part_params in parts for p in part_params]
                rows = self._run(union, params)
                self._counts = {part: n for part, n in rows if n}
        return self._counts

    def count(self):
        return sum(self._kind_counts().values())

    def __getitem__(self, window):
        parts = _compiled_parts(self.filterset)
        counts = self._kind_counts()
        if not counts or window.stop <= window.start:
            return []
        newest = window.stop
        union = " UNION ALL ".join(
            f"SELECT * FROM (SELECT * FROM ({parts[n][0]}) AS p{n} ORDER BY c_when DESC, c_id DESC LIMIT %s) AS q{n}"
            for n in sorted(counts)
        )
        params = [p for n in sorted(counts) for p in (*parts[n][1], newest)]
        rows = self._run(
            f"SELECT c_model, c_id, c_when FROM ({union}) AS u ORDER BY c_when DESC, c_model, c_id DESC "
            "LIMIT %s OFFSET %s",
            [*params, window.stop - window.start, window.start],
        )
        return [(index, history_id, when) for index, history_id, when in rows]


@dataclass
class Change:
    when: datetime
    who: str
    kind: str
    kind_key: str
    object_id: str
    record: str
    change: str
    partnership: str = ""
    url: str = ""
    history_url: str = ""
    reason: str = ""
    fields: list = field(default_factory=list)  # [(label, old, new)]

    @property
    def fields_text(self):
        return "; ".join(
            f"{label}: {old} → {new}" if old else f"{label}: {new}" for label, old, new in self.fields
        )


def full_name(user):
    if user is None:
        return "System"
    return user.get_full_name().strip() or user.get_username()


def shorten(text, words=LABEL_WORDS, chars=VALUE_CHARS):
    """Text cut at a word, never inside one, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    cut = text.split(" ")
    if len(cut) > words:
        text = " ".join(cut[:words]) + " …"
    if len(text) > chars:
        head = text[:chars].rsplit(" ", 1)[0] if " " in text[:chars] else text[:chars]
        text = head.rstrip(" …") + " …"
    return text


def _instance(model, record):
    """The recorded row as its model, with the related rows read with it attached (no further query: not
    simple-history's `instance`, which reads a model's excluded fields from its live row)."""
    instance = model(
        **{
            f.attname: getattr(record, f.attname)
            for f in model._meta.concrete_fields
            if hasattr(record, f.attname)
        }
    )
    for f in _foreign_keys(model):
        cached = record._state.fields_cache.get(f.name)
        if cached is not None:
            instance._state.fields_cache[f.name] = cached
    return instance


def label(model, record, instance=None):
    """A record's name as its model gives it (its __str__), cut at a word; its kind and id if that fails."""
    try:
        text = str(instance if instance is not None else _instance(model, record))
    except (ObjectDoesNotExist, AttributeError, TypeError, ValueError):
        text = ""
    if not text or text.startswith(f"{model.__name__} object"):
        text = f"{kind_name(model)} {getattr(record, model._meta.pk.attname, '')}"
    return shorten(text)


def _walk(obj, path):
    for part in path.split("__") if path else []:
        if obj is None:
            return None
        obj = obj._state.fields_cache.get(part)
    return obj


def _url(model, instance):
    """The record's own page, else the nearest page up its chain to the partnership."""
    path = partnership_path(model)
    candidates = [instance]
    if path:
        parts = path.split("__")
        candidates += [_walk(instance, "__".join(parts[: n + 1])) for n in range(len(parts))]
    for obj in candidates:
        if obj is not None and hasattr(obj, "get_absolute_url"):
            try:
                return obj.get_absolute_url()
            except (ObjectDoesNotExist, AttributeError, TypeError, ValueError):
                continue
    return ""


def _is_person(value):
    return value._meta.label == settings.AUTH_USER_MODEL


def _show(model_field, value):
    """A value as an auditor reads it: "(blank)" for none (a foreign key that was empty too, not "a deleted
    user (None)"), people by full name, choices by their label, dates as dates."""
    if value is None or value == "":
        return BLANK
    if type(value).__name__ == "DeletedObject":
        if value.pk is None:
            return BLANK
        return f"a deleted {value.model._meta.verbose_name} ({value.pk})"
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        if _is_person(value):
            return full_name(value)
        try:
            return shorten(str(value))
        except (ObjectDoesNotExist, AttributeError, TypeError, ValueError):
            return f"{capfirst(value._meta.verbose_name)} {value.pk}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %B %Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, Decimal):
        return f"{value:,}"
    return shorten(value)


def _unedited_changes(model, record, previous):
    """[(field name, old, new)] of the tracked fields no form edits (simple-history's diff leaves them out):
    a payment's reversal, a decision's key-decision flag, set by services. Not the timestamps every save moves
    (auto_now), which say nothing of what changed."""
    result = []
    for f in record.tracked_fields:
        if f.editable or getattr(f, "auto_now", False) or f.primary_key:
            continue
        old, new = getattr(previous, f.attname, None), getattr(record, f.attname, None)
        if old != new:
            if isinstance(f, ForeignKey):
                old = previous._state.fields_cache.get(f.name, old)
                new = record._state.fields_cache.get(f.name, new)
            result.append((f.name, old, new))
    return result


def field_changes(model, record, previous, *, personal_readable=False):
    """[(field label, old, new)] between a version and the one before it, in the model's field order.
    Personal fields (PERSONAL_DATA) show their values only when personal_readable."""
    if previous is None:
        return []
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    changes = [(c.field, c.old, c.new) for c in delta.changes] + _unedited_changes(model, record, previous)
    masked = set(getattr(model, "audit_masked_fields", ()))
    personal = set() if personal_readable else PERSONAL_DATA.get(model, (frozenset(), None))[0]
    order = {f.name: n for n, f in enumerate(model._meta.fields)}
    result = []
    for name, old, new in sorted(changes, key=lambda c: order.get(c[0], len(order))):
        model_field = model._meta.get_field(name)
        label = capfirst(model_field.verbose_name)
        if name in masked:
            result.append((label, "", MASKED))
        elif name in personal:
            result.append((label, "", WITHHELD))
        else:
            result.append((label, _show(model_field, old), _show(model_field, new)))
    return result


class _WouldQuery(Exception):
    pass


def _refuse_queries(execute, sql, params, many, context):
    raise _WouldQuery


def _without_queries(show, *args):
    """show(*args) if it needs no query (the related rows read with the page suffice), else None: a page of the
    trail runs a fixed number of queries however many rows it shows."""
    try:
        with connections[DEFAULT_DB_ALIAS].execute_wrapper(_refuse_queries):
            return show(*args)
    except _WouldQuery:
        return None


def created_values(model, record, instance, *, personal_readable=False):
    """[(field label, "", value)] of every field a record was created with, in the model's field order: what
    a "Created" row shows. Related records are named from the rows read with the page (no query per row);
    personal fields (PERSONAL_DATA) show their values only when personal_readable."""
    masked = set(getattr(model, "audit_masked_fields", ()))
    personal = set() if personal_readable else PERSONAL_DATA.get(model, (frozenset(), None))[0]
    result = []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key or not hasattr(record, model_field.attname):
            continue
        name = capfirst(model_field.verbose_name)
        raw = getattr(record, model_field.attname)
        if raw is None or raw == "":
            continue
        if model_field.name in masked:
            result.append((name, "", MASKED))
            continue
        if model_field.name in personal:
            result.append((name, "", WITHHELD))
            continue
        if isinstance(model_field, ForeignKey):
            related = instance._state.fields_cache.get(model_field.name)
            value = _without_queries(_show, model_field, related) if related is not None else None
            value = value or f"{capfirst(model_field.related_model._meta.verbose_name)} {raw}"
        else:
            value = _show(model_field, raw)
        result.append((name, "", value))
    return result


def _reason(model, record, changed):
    reason = record.history_change_reason or ""
    for name in REASON_FIELDS:
        value = getattr(record, name, None)
        if value and (record.history_type == "+" or name in changed):
            if not reason or str(value).startswith(reason):
                return str(value)
            return reason
    return reason


def _history_url(base, key, object_id):
    return f"{base}?kind={key}&record={object_id}"


@contextlib.contextmanager
def _nested_loop_joins():
    """Around the reads of a page's records, each joining every related row its labels name (up to MAX_JOINS
    tables): on PostgreSQL, hash and merge joins are off for the transaction. For a page's hundred rows the
    planner otherwise hashes whole related tables (every resolution, every contract), pricing that below a
    hundred index lookups: one kind's read took 60 ms instead of 25 ms on the benchmark's data."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off")
        yield


def details(rows, reader=None):
    """The Changes for rows (kind index, history id, when) of change_rows, in their order: one query per
    kind of record among them (on PostgreSQL, in one transaction that first sets the planner's joins), and
    the personal data rules' reads for the reader (None: personal data withheld)."""
    if not rows:  # an empty page reads nothing (no transaction to set the planner's joins in)
        return []
    models = tracked_history_models()
    trail = reverse("changes")
    wanted = {}
    for index, history_id, _ in rows:
        wanted.setdefault(index, []).append(history_id)
    changes = {}
    with _nested_loop_joins():
        _read_changes(models, wanted, trail, changes, reader)
    return [changes[(index, history_id)] for index, history_id, _ in rows]


def _readable(model, records, reader):
    """History ids of records whose personal fields the reader may read."""
    if model not in PERSONAL_DATA or reader is None or not records:
        return set()
    return set(PERSONAL_DATA[model][1](reader, records))


def _read_changes(models, wanted, trail, changes, reader=None):
    for index, ids in wanted.items():
        model, history_model = models[index]
        pk = model._meta.pk.attname
        before = (
            history_model.objects.filter(**{pk: OuterRef(pk)}, history_id__lt=OuterRef("history_id"))
            .order_by("-history_id")
            .values("history_id")[:1]
        )
        previous_ids = (
            history_model.objects.filter(history_id__in=ids)
            .annotate(c_previous=Subquery(before))
            .values("c_previous")
        )
        records = list(
            history_model.objects.filter(Q(history_id__in=ids) | Q(history_id__in=previous_ids))
            .select_related("history_user", *_select_paths(model))
            .annotate(c_alive=Exists(model._default_manager.filter(pk=OuterRef(pk))))
            .order_by("history_id")
        )
        last_seen = {}
        by_id = {}
        for record in records:
            object_id = getattr(record, pk)
            by_id[record.history_id] = (record, last_seen.get(object_id))
            last_seen[object_id] = record
        partnership = partnership_path(model)
        readable = _readable(model, [by_id[h][0] for h in ids], reader)
        for history_id in ids:
            record, previous = by_id[history_id]
            object_id = getattr(record, pk)
            instance = _instance(model, record)
            if record.history_type == "~":
                fields = field_changes(model, record, previous, personal_readable=history_id in readable)
            elif record.history_type == "+":
                fields = created_values(model, record, instance, personal_readable=history_id in readable)
            else:
                fields = []
            change = CHANGE_TYPES.get(record.history_type, record.history_type)
            if record.history_type == "~" and previous is not None and not fields:
                change = SAVED_UNCHANGED
            changed = {name for name, *_ in fields} if record.history_type == "~" else set()
            changed = {f.name for f in model._meta.fields if capfirst(f.verbose_name) in changed}
            owner = _walk(instance, partnership) if partnership else instance if partnership == "" else None
            key = kind_key(model)
            changes[(index, history_id)] = Change(
                when=record.history_date,
                who=full_name(record.history_user),
                kind=kind_name(model),
                kind_key=key,
                object_id=str(object_id),
                record=label(model, record, instance),
                change=change,
                partnership=getattr(owner, "name", "") if owner is not None else "",
                url=_url(model, instance) if record.c_alive else "",
                history_url=_history_url(trail, key, object_id),
                reason=_reason(model, record, changed),
                fields=fields,
            )


EXPORT_COLUMNS = [
    "When",
    "Who",
    "Partnership",
    "Kind of record",
    "Record",
    "Record id",
    "Change",
    "Field changes",
    "Reason",
    "Link",
]


def export_row(change, base=""):
    """base: the site's address (scheme and host), so that the links are absolute."""
    return [
        timezone.localtime(change.when).strftime("%Y-%m-%d %H:%M:%S"),
        change.who,
        change.partnership,
        change.kind,
        change.record,
        change.object_id,
        change.change,
        change.fields_text,
        change.reason,
        f"{base}{change.url}" if change.url else "",
    ]


def change_history_csv(filterset=None, progress=None, batch=1000, reader=None, base=""):
    """The changes matching the filters (every change without) as CSV text, newest first, with the trail's
    columns, personal data as the reader may read it (None: withheld); `progress(done, total)` is called as
    batches complete. Reads in batches (one query per kind of
    record in each), so memory stays flat however long the history."""
    rows = change_rows(filterset)
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    if rows is None:
        if progress:
            progress(0, 0)
        return out.getvalue()
    total = rows.count()
    done = 0
    while done < total:
        chunk = list(rows[done : done + batch])
        if not chunk:
            break
        for change in details(chunk, reader):
            writer.writerow(export_row(change, base))
        done += len(chunk)
        if progress:
            progress(done, total)
    if progress and total == 0:
        progress(0, 0)
    return out.getvalue()
