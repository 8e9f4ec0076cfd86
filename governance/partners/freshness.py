"""Which partnerships a transaction changed, collected as it runs and bumped once each, in id order, just
before it commits.

A partnership's `data_version` (figures cached for people inside) and `public_version` (cached public pages and
API answers) must move in the same commit as the change they mark, and a reader must see the new number only
once that change is visible (see data_version.py). Bumping is an UPDATE of the partnership row, and so a lock on
it: bumping as each history row is written made every writer hold the row from its first change to its commit
(9 UPDATEs to reorder 8 agenda items) and take partnership rows in whatever order its writes came, so two
writers could deadlock. Here a change only marks its partnership (`mark`); the connection bumps each marked
partnership once, in id order, as the transaction commits, and forgets the marks when it rolls back.

Outside a transaction (autocommit) a mark bumps at once. Inside a test case's transaction, which never
commits, the outermost block the code itself opened stands for the transaction: its marks are bumped as it
ends (at once, for a block without a savepoint, whose end cannot be seen).

`public_scope()` (what `changes_public` opens around a service) makes every mark inside it a public change too,
and tells whether anything was marked at all.
"""

import contextlib
import functools
import logging
import re
from importlib.util import find_spec

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal

from .models import Partnership

logger = logging.getLogger(__name__)

EVERY = "every"  # the mark of a change that belongs to no one partnership we can find

# Sent with `partnership_ids` (a frozenset) once a transaction that changed what the public sees of those
# partnerships has committed (or, inside a test case's transaction, its outermost own block has ended): what
# keeps a copy made from the public projections (the search index, engagement) up to date. Receivers run after
# the commit and outside the transaction; an error in one is logged, never raised into the committing code.
public_pages_changed = Signal()

# The apps whose records figures for people inside are made from.
APPS = frozenset({"governance", "finance", "staffing", "procurement"})


@functools.cache
def is_public(model):
    """Whether changes to the model's records change what the public sees: it lives in a room or app with a
    public projection (`public.py`). The partnership row itself is not counted: it holds the versions, and the
    administrator who edits it goes through the admin, whose log marks every partnership's pages."""
    if model is Partnership:
        return False
    package = model.__module__.split(".models")[0]
    return find_spec(f"{package}.public") is not None


def is_history(model):
    return hasattr(model, "instance_type")  # django-simple-history's historical models


@functools.cache
def public_tables():
    """The tables of the records public pages are made from."""
    from django.apps import apps

    tables = set()
    for model in apps.get_models():
        if (
            model._meta.app_label in APPS
            and is_public(model)
            and not is_history(model)
            and not getattr(model, "freshness_exempt", False)  # a cache such as papers' RenderedPart
        ):
            tables.add(model._meta.db_table)
            tables.update(f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many)
    return frozenset(tables)


def _pending(connection):
    return connection.__dict__.setdefault("_freshness_pending", {})


def _deferred(connection):
    """True when the connection is inside a transaction the code opened and whose end will be seen."""
    if not connection.in_atomic_block:
        return False
    blocks = connection.atomic_blocks
    own = [block for block in blocks if not getattr(block, "_from_testcase", False)]
    if not own:
        return False
    if len(own) < len(blocks):  # inside a test case's transaction: only a savepoint's release is seen
        return bool(own[0].savepoint)
    return True


def _ends_outermost(connection):
    """Called from a savepoint's release or rollback: is it the outermost block the code opened (within a test
    case's transaction)?"""
    blocks = connection.atomic_blocks
    return bool(blocks) and all(getattr(block, "_from_testcase", False) for block in blocks)


class _Hooks:
    """Mixed into the class of every connection that marks a change (see `_hook`)."""

    def commit(self):
        flush(self)
        super().commit()
        _announce(self)

    def rollback(self):
        _forget(self)
        super().rollback()

    def savepoint_commit(self, sid):
        outermost = _ends_outermost(self)
        if outermost:
            flush(self)
        super().savepoint_commit(sid)
        if outermost:
            _announce(self)

    def savepoint_rollback(self, sid):
        super().savepoint_rollback(sid)
        if _ends_outermost(self):
            _forget(self)

    def close(self):
        _forget(self)
        super().close()


def _forget(connection):
    connection.__dict__.pop("_freshness_announce", None)
    connection.__dict__.pop("_freshness_pending", None)
    connection.__dict__.pop("_freshness_written", None)
    connection.__dict__.pop("_freshness_accounted", None)


@functools.cache
def _hooked_class(cls):
    return type(f"Freshness{cls.__name__}", (_Hooks, cls), {"__module__": cls.__module__})


def _hook(connection):
    if not isinstance(connection, _Hooks):
        connection.__class__ = _hooked_class(type(connection))


def mark(partnership, *, public=False, using=None):
    """Marks the partnership's data (and, with `public`, its public pages) changed by the current transaction.
    Takes a partnership, its id, or None (or EVERY) for every partnership."""
    pk = EVERY if partnership is None else getattr(partnership, "pk", partnership)
    connection = transaction.get_connection(using)
    scopes = connection.__dict__.get("_freshness_scopes") or ()
    for scope in scopes:
        scope.marked = True
    public = public or bool(scopes)
    if not _deferred(connection):
        _bump(connection, {pk: public})
        if isinstance(partnership, Partnership):
            partnership.refresh_from_db(fields=list(Partnership.VERSIONS))
        _announce(connection)
        return
    _hook(connection)
    pending = _pending(connection)
    pending[pk] = pending.get(pk, False) or public


def flush(connection):
    """Bumps the marked partnerships (called just before the transaction commits)."""
    if connection.needs_rollback:
        return
    pending = connection.__dict__.pop("_freshness_pending", None) or {}
    written = connection.__dict__.pop("_freshness_written", set()) - connection.__dict__.pop(
        "_freshness_accounted", set()
    )
    if written and not any(pending.values()):
        # Public records written and no partnership's public pages marked (a queryset's update, a bulk insert
        # with no history rows): we cannot tell whose, so every partnership's.
        problems = connection.__dict__.get("_freshness_problems")
        if problems is not None:
            problems.append(sorted(written))
        pending[EVERY] = True
    if pending:
        _bump(connection, pending)


def _bump(connection, pending):
    pending = dict(pending)
    if EVERY in pending:
        everyone_public = pending.pop(EVERY)
        for pk in Partnership.objects.order_by("pk").values_list("pk", flat=True):
            pending[pk] = pending.get(pk, False) or everyone_public
    public = sorted(pk for pk, is_public in pending.items() if is_public)
    data = sorted(pk for pk, is_public in pending.items() if not is_public)
    if public:
        connection.__dict__.setdefault("_freshness_announce", set()).update(public)
    if len(pending) > 1 and not connection.get_autocommit():
        # Lock the rows in id order first, so that two writers never wait on each other's partnership.
        list(Partnership.objects.filter(pk__in=pending).order_by("pk").select_for_update().values_list("pk"))
    if public:
        Partnership.objects.filter(pk__in=public).update(
            public_version=F("public_version") + 1, data_version=F("data_version") + 1
        )
    if data:
        Partnership.objects.filter(pk__in=data).update(data_version=F("data_version") + 1)


def _announce(connection):
    """Tells public_pages_changed's receivers which partnerships' public pages the committed work changed."""
    ids = connection.__dict__.pop("_freshness_announce", None)
    if ids:
        for receiver, outcome in public_pages_changed.send_robust(
            sender=Partnership, partnership_ids=frozenset(ids)
        ):
            if isinstance(outcome, Exception):
                logger.error("public_pages_changed: %s failed", receiver, exc_info=outcome)


def accounted(model, using=None):
    """A history row of the model's record was written and its partnerships marked (if any: a new supplier no
    contract names yet touches none), so the transaction's writes to its table need no mark of their own."""
    connection = transaction.get_connection(using)
    if _deferred(connection):
        connection.__dict__.setdefault("_freshness_accounted", set()).add(model._meta.db_table)


class _Scope:
    marked = False


@contextlib.contextmanager
def public_scope(using=None):
    """Every mark made inside is a public change; the scope's `marked` says whether anything was marked."""
    connection = transaction.get_connection(using)
    scopes = connection.__dict__.setdefault("_freshness_scopes", [])
    scope = _Scope()
    scopes.append(scope)
    try:
        yield scope
    finally:
        scopes.remove(scope)


_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _watch(execute, sql, params, many, context):
    """Every connection's execute wrapper: notes the public tables a transaction writes; a public record written
    outside any transaction (a queryset's update typed in a shell) marks every partnership's pages at once."""
    result = execute(sql, params, many, context)
    if sql[:12].lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
        match = _WRITE.match(sql)
        connection = context["connection"]
        if match and match.group(1) in public_tables():
            if not connection.in_atomic_block:
                _bump(connection, {EVERY: True})
                _announce(connection)
            elif _deferred(connection):
                connection.__dict__.setdefault("_freshness_written", set()).add(match.group(1))
    return result


def install(sender, connection, **kwargs):
    """connection_created (connected in GovernanceConfig.ready()): hooks the new connection's commits and
    watches its writes."""
    _hook(connection)
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


@contextlib.contextmanager
def watching(using=None):
    """For tests: yields a list to which each transaction (one the code opened) that wrote a public record but
    marked no partnership's public pages changed adds the tables it wrote (flush then bumps every partnership's,
    to be safe; a service should mark its own)."""
    connection = transaction.get_connection(using)
    problems = []
    connection.__dict__["_freshness_problems"] = problems
    try:
        yield problems
    finally:
        connection.__dict__.pop("_freshness_problems", None)
