"""The navigation: each entry is shown to the people whom the access table lets read it."""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse

from .access import rule_for
from .middleware import principals

# (label, URL name, needs a partnership)
ENTRIES = [
    ("Home", "home", False),
    ("Partnership", "governance:partnership", True),
    ("Finance", "finance:home", True),
    ("Statements", "finance:statements", True),
    ("Contracts", "procurement:contracts", True),
    # Staffing: the establishment, for staffing officers, the CIO, auditors and administrators.
    ("Establishment", "staffing:establishment", True),
    ("Meetings", "governance:meetings", True),
    ("Members", "governance:members", True),
    ("Decisions", "governance:decisions", True),
    ("Forward plan", "governance:forward_plan", True),
    ("Actions", "governance:actions", True),
    ("Officer decisions", "governance:officer_decisions", True),
    ("Parallel decisions", "governance:parallel_decisions", True),
    ("Portfolio", "governance:portfolio", True),
    ("Risks", "governance:risks", True),
    ("Contracts data", "procurement:transparency", True),
    ("Search", "engagement:search", True),
    ("Change history", "changes", False),
]


def navigation_for(request, partnership):
    held = principals(request.user, partnership)
    slug = partnership.slug if partnership is not None else None
    return [
        {"label": label, "url": url, "current": request.path == url}
        for label, url in _entries(frozenset(held), slug, get_script_prefix(), get_urlconf())
    ]


@functools.lru_cache(maxsize=1024)
def _entries(held, slug, prefix, urlconf):
    """(label, URL) of the entries these principals may read, for a partnership's slug (or None): the same for
    every request of the same roles in the same partnership (the access table and the URLs are fixed while the
    process runs), so reversed once, not ~18 times on every page."""
    items = []
    for label, name, needs_partnership in ENTRIES:
        if needs_partnership and slug is None:
            continue
        namespace = name.split(":")[0] if ":" in name else ""
        rule = rule_for(name, namespace)
        if not (rule and held & rule.read):
            continue
        kwargs = {"partnership": slug} if needs_partnership else None
        items.append((label, reverse(name, kwargs=kwargs, urlconf=urlconf)))
    return tuple(items)
