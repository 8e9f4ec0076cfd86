"""A partnership's private data version: what keeps figures cached for people inside (the CIO dashboard) honest.

`Partnership.data_version` goes up in the same transaction as any change to the partnership's records, so a
figure cached under an older version is never read again (the access middleware reads the partnership row for
every partnership URL, so checking it costs no query). The project's rule that every change to governance,
finance, staffing and procurement records leaves a history row is what makes this complete without a call in
each service: `history_recorded` bumps the version as django-simple-history writes each history row, finding
the partnership through the record's foreign keys. The writes that make no history row one by one (ledger
lines, bulk inserts with their history in bulk) call `data_changed` themselves, and so does `public_changed`.

The bump is an UPDATE of the partnership row: its lock orders the bumps, and a reader sees the new version only
once the change it marks is committed (a sequence or a timestamp could be read before the change it numbers
commits, and so cache old figures under the newest number).
"""

import functools

from django.db.models import F, ForeignKey

from .models import Partnership

# The apps whose records figures for people inside are made from.
APPS = frozenset({"governance", "finance", "staffing", "procurement"})
MAX_DEPTH = 4


def data_changed(partnership):
    """Marks every cached figure of the partnership out of date (call it inside the writing transaction).
    Takes a partnership or its id; None marks every partnership's."""
    if partnership is None:
        every_partnerships_data_changed()
        return
    pk = getattr(partnership, "pk", partnership)
    if not Partnership.objects.filter(pk=pk).update(data_version=F("data_version") + 1):
        every_partnerships_data_changed()  # a partnership being deleted, or an id we cannot find: be safe
        return
    if isinstance(partnership, Partnership):
        partnership.refresh_from_db(fields=["data_version"])


def every_partnerships_data_changed():
    """For a change that belongs to no one partnership (a council's name, a supplier) or that we cannot place."""
    Partnership.objects.update(data_version=F("data_version") + 1)


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


def history_recorded(sender, instance, **kwargs):
    """django-simple-history's post_create_historical_record: the record's partnership's data changed."""
    if instance._meta.app_label not in APPS:
        return
    data_changed(partnership_id_of(instance))
