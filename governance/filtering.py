"""Strict filters, the one way: a list page reads its whole query string or refuses it with a 400 that names what
it could not read (design.md: filters never silently return everything). Each page's FilterSet derives from
StrictFilterSet and names in ALLOWED every parameter the page reads (its filters and `page`); the page answers
what `problems()` finds with `bad_request`, the site's 400 page for parameters it could not read."""

import django_filters
from django.shortcuts import render

ERROR_UNKNOWN_FILTER = "Unknown filter: {names}."


class StrictFilterSet(django_filters.FilterSet):
    ALLOWED = frozenset()

    def unknown_parameters(self):
        return sorted(set(self.data) - set(self.ALLOWED))

    def problems(self):
        """(field name or None, message) for every unknown parameter and every bad value: [] when all is well."""
        unknown = self.unknown_parameters()
        found = [(None, unknown_filter(unknown))] if unknown else []
        if not self.is_valid():
            for name, errors in self.form.errors.items():
                label = self.form.fields[name].label if name in self.form.fields else "Filters"
                found += [(name, f"{label}: {e}") for e in errors]
        return found

    def messages(self):
        return [message for _, message in self.problems()]


def unknown_filter(names):
    return ERROR_UNKNOWN_FILTER.format(names=", ".join(names))


def bad_request(request, title, errors):
    """The 400 page for a query string or posted parameters a page could not read, listing each problem."""
    return render(request, "bad_request.html", {"title": title, "errors": errors}, status=400)
