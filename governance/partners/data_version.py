"""A partnership's private data version: what keeps figures cached for people inside (the CIO dashboard) honest.

`Partnership.data_version` goes up in the same transaction as any change to the partnership's records, so a
figure cached under an older version is never read again (the access middleware reads the partnership row for
every partnership URL, so checking it costs no query). The project's rule that every change to governance,
finance, staffing and procurement records leaves a history row is what makes this complete without a call in
each service: `history_recorded` marks the partnership as django-simple-history writes each history row (a
deletion too, however many the admin or a queryset deletes at once), finding it through the record's foreign
keys, or for a record that belongs to no one partnership (a council, a supplier, a threshold, a billing
profile) through the records of partnerships that point at it. A record of a room or app with a public
projection (a `public.py`) marks its partnership's public pages changed as well (public_cache.py). The writes
that make no history row one by one (ledger lines, bulk inserts with their history in bulk) call `data_changed`
themselves, and so does `public_changed`.

The bump is an UPDATE of the partnership row: its lock orders the bumps, and a reader sees the new version only
once the change it marks is committed (a sequence or a timestamp could be read before the change it numbers
commits, and so cache old figures under the newest number). A transaction's marks are collected and each
partnership bumped once, in id order, just before it commits (freshness.py), so a writer holds no partnership
row while it works and two writers never take them in opposite orders.
"""

import functools

from django.db.models import ForeignKey

from . import freshness
from .freshness import APPS, is_history, is_public
from .models import Partnership

MAX_DEPTH = 4


def data_changed(partnership):
    """Marks every cached figure of the partnership out of date (call it inside the writing transaction; the
    version moves as it commits). Takes a partnership or its id; None marks every partnership's."""
    freshness.mark(partnership)


def every_partnerships_data_changed():
    """For a change that belongs to no one partnership (a council's name, a supplier) or that we cannot place."""
    freshness.mark(freshness.EVERY)


@functools.cache
def route_to_partnership(model):
    """The foreign keys from a model to its partnership, shortest first (() for Partnership itself; None when
    the model belongs to no one partnership, like Council)."""
    if model is Partnership:
        return ()
    paths, seen = [((), model)], {model}
    for _depth in range(MAX_DEPTH):
        following = []
        for path, current in paths:
            for field in current._meta.concrete_fields:
                if not isinstance(field, ForeignKey):
                    continue
                if field.related_model is Partnership:
                    return (*path, field.name)
                if field.related_model not in seen and field.related_model._meta.app_label in APPS:
                    seen.add(field.related_model)
                    following.append(((*path, field.name), field.related_model))
        paths = following
    return None


def partnership_id_of(instance):
    """The id of the partnership a record belongs to, or None when it belongs to none or cannot be found."""
    route = route_to_partnership(type(instance))
    if route is None:
        return None
    if not route:
        return instance.pk
    first = type(instance)._meta.get_field(route[0])
    value = getattr(instance, first.attname)
    if value is None or len(route) == 1:
        return value
    rest = "__".join(route[1:])
    return first.related_model._base_manager.filter(pk=value).values_list(rest, flat=True).first()


@functools.cache
def _pointing_at(model):
    """For a model that belongs to no one partnership: the (model, field) pairs of records of a partnership
    (with their own foreign key to it) that point at it, whose partnerships are the ones its changes touch."""
    pairs = []
    for relation in model._meta.related_objects:
        other, field = relation.related_model, relation.field
        if not isinstance(field, ForeignKey) or is_history(other) or other._meta.app_label not in APPS:
            continue
        if route_to_partnership(other) and len(route_to_partnership(other)) == 1:
            pairs.append((other, field))
    return tuple(pairs)


def partnership_ids_of(instance):
    """The ids of the partnerships a change to the record touches, or None for every partnership (a record we
    cannot place)."""
    model = type(instance)
    if route_to_partnership(model) is not None:
        pk = partnership_id_of(instance)
        return None if pk is None else {pk}
    queries = [(other, field.attname, instance.pk) for other, field in _pointing_at(model)]
    # A record hanging off one that belongs to no partnership (a council's billing profile): through that one.
    for field in model._meta.concrete_fields:
        if isinstance(field, ForeignKey) and route_to_partnership(field.related_model) is None:
            value = getattr(instance, field.attname)
            if value is not None and field.related_model._meta.app_label in APPS:
                queries += [(other, f.attname, value) for other, f in _pointing_at(field.related_model)]
    if not queries:
        return None
    selects = [
        other._base_manager.filter(**{attname: value})
        .order_by()
        .values_list(other._meta.get_field(route_to_partnership(other)[0]).attname, flat=True)
        for other, attname, value in queries
    ]
    found = selects[0].union(*selects[1:]) if len(selects) > 1 else selects[0].distinct()
    return {pk for pk in found if pk is not None}


def history_recorded(sender, instance, **kwargs):
    """django-simple-history's post_create_historical_record: the record's partnerships' data changed (and their
    public pages, for a record the public projections read)."""
    model = type(instance)
    if model._meta.app_label not in APPS:
        return
    ids = partnership_ids_of(instance)
    public = is_public(model)
    freshness.accounted(model)
    for pk in (freshness.EVERY,) if ids is None else sorted(ids):
        freshness.mark(pk, public=public)
