"""Public filters read only what the public projection shows.

A public list's queryset carries the projection as SQL: one annotation `shown_<field>` per field a filter,
search or sort may read, holding for each row what the room's `public.py` gives the public (for an exempt
record, a blank or null for every field it withholds). A `ProjectionFilterSet` may filter only on those
annotations, or on fields its `always_shown` names (shown of every record, exempt or not); a method filter
declares what it reads in `reads`. A filter on anything else, or a queryset that lacks an annotation a filter
reads, is refused when the FilterSet is made, so the API and the pages (which share one FilterSet a list) cannot
filter on a withheld field by mistake. For people inside, the same FilterSet runs over a queryset whose
`shown_` annotations are the fields themselves."""

import django_filters
from django.core.exceptions import ImproperlyConfigured

PREFIX = "shown_"


def filter_reads(filterset_class, name):
    """The fields (annotations) a FilterSet's filter reads."""
    f = filterset_class.base_filters[name]
    if f.method is not None:
        reads = filterset_class.reads.get(name)
        if not reads:
            raise ImproperlyConfigured(
                f"{filterset_class.__name__}.{name}: a method filter declares its reads."
            )
        return frozenset(reads)
    return frozenset({f.field_name.split("__")[0]})


class ProjectionFilterSet(django_filters.FilterSet):
    always_shown = frozenset({"pk", "id"})
    reads = {}

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        annotations = set(self.queryset.query.annotations)
        for name in self.base_filters:
            for field in filter_reads(type(self), name):
                if field in self.always_shown:
                    continue
                if not field.startswith(PREFIX):
                    raise ImproperlyConfigured(
                        f"{type(self).__name__}.{name} reads {field}, which is not the public projection's."
                    )
                if field not in annotations:
                    raise ImproperlyConfigured(
                        f"{type(self).__name__}.{name} reads {field}: the queryset does not project it."
                    )
