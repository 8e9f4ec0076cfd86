"""Writing many new rows at once, with their history rows.

On PostgreSQL the rows go through COPY (psycopg 3's `cursor.copy`): new statements take their ids from the
table's sequence first (one query), so that their lines and history rows can name them. Elsewhere (SQLite,
the embedded default) they go through Django's `bulk_create` and django-simple-history's
`bulk_create_with_history`, the portable path. Both run inside the caller's transaction, so a failure leaves
nothing half-written, and both write the same rows: every column of every concrete field, as Django's
`bulk_create` prepares it (`pre_save` then `get_db_prep_save`, so `auto_now_add` dates are set), and history
rows exactly as django-simple-history's `bulk_history_create` makes them (history_date, history_user,
history_change_reason and history_type "+").

Why COPY: the statement has two BinaryFields (its PDF and CSV), whose placeholders keep Django 5.2 from its
one-array-per-column INSERT on PostgreSQL, so `bulk_create` sent an INSERT of 110 rows × 33 parameters that
PostgreSQL parsed and planned anew each time; that INSERT was most of drafting's writing."""

from django.conf import settings
from django.db import connections, router
from django.utils import timezone
from simple_history.utils import (
    bulk_create_with_history,
    get_change_reason_from_object,
    get_history_manager_for_model,
)

# Tests switch this off to compare the portable path with COPY on the same PostgreSQL database.
COPY_ON_POSTGRESQL = True


def _uses_copy(connection):
    return COPY_ON_POSTGRESQL and connection.vendor == "postgresql"


def create_with_history(objs, model, *, default_user=None, default_change_reason=None):
    """Inserts new instances of model and a "+" history row for each, like simple-history's
    bulk_create_with_history (the same arguments, the same rows). Sets each instance's pk; returns objs."""
    objs = list(objs)
    if not objs:
        return objs
    using = router.db_for_write(model)
    connection = connections[using]
    if not _uses_copy(connection):
        return bulk_create_with_history(
            objs, model, default_user=default_user, default_change_reason=default_change_reason
        )
    with connection.wrap_database_errors, connection.cursor() as cursor:
        _allocate_ids(cursor, model, objs)
        _copy(cursor.cursor, connection, model, objs, with_pk=True)
        for obj in objs:
            obj._state.adding = False
            obj._state.db = using
        if getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            history = _history_rows(objs, model, default_user, default_change_reason)
            _copy(cursor.cursor, connection, type(history[0]), history, with_pk=False)
    return objs


def create(objs, model, batch_size=1000):
    """Inserts new instances of a model without history (a statement's lines). The instances' pks are not
    read back on PostgreSQL; read the rows again where they are needed."""
    objs = list(objs)
    if not objs:
        return objs
    using = router.db_for_write(model)
    connection = connections[using]
    if not _uses_copy(connection):
        return model.objects.bulk_create(objs, batch_size=batch_size)
    with connection.wrap_database_errors, connection.cursor() as cursor:
        _copy(cursor.cursor, connection, model, objs, with_pk=False)
    return objs


def _allocate_ids(cursor, model, objs):
    pk = model._meta.pk
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [model._meta.db_table, pk.column, len(objs)],
    )
    for obj, (value,) in zip(objs, sorted(cursor.fetchall()), strict=True):
        setattr(obj, pk.attname, value)


def _copy(cursor, connection, model, objs, *, with_pk):
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
        for obj in objs:
            # What bulk_create does for each value (a foreign key's id is taken from the object it names).
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])


def _history_rows(objs, model, default_user, default_change_reason):
    """The history rows simple-history's HistoryManager.bulk_history_create builds (same fields, same
    defaults: the instance's _history_user, else default_user, else the request's user; the instance's
    change reason, else default_change_reason; history_date now, row by row)."""
    history_model = get_history_manager_for_model(model).model
    rows = []
    for instance in objs:
        history_user = getattr(
            instance,
            "_history_user",
            default_user or history_model.get_default_history_user(instance),
        )
        row = history_model(
            history_date=getattr(instance, "_history_date", timezone.now()),
            history_user=history_user,
            history_change_reason=get_change_reason_from_object(instance) or default_change_reason,
            history_type="+",
            **{field.attname: getattr(instance, field.attname) for field in history_model.tracked_fields},
        )
        if hasattr(history_model, "history_relation"):
            row.history_relation_id = instance.pk
        rows.append(row)
    return rows
