"""The navigation: each entry is shown to the people whom the access table lets read it."""

from django.urls import reverse

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
    items = []
    for label, name, needs_partnership in ENTRIES:
        if needs_partnership and partnership is None:
            continue
        namespace = name.split(":")[0] if ":" in name else ""
        rule = rule_for(name, namespace)
        if not (rule and held & rule.read):
            continue
        url = reverse(name, kwargs={"partnership": partnership.slug} if needs_partnership else None)
        items.append({"label": label, "url": url, "current": request.path == url})
    return items
