from governance.partners.selectors import partnerships_for

from .navigation import navigation_for


def layout(request):
    """The partnership named in the header and the navigation for the user's roles.

    Worked out once a request: a view that renders parts of its page on their own (with the request, so
    through every context processor) and then the page would otherwise read the user's partnerships (every
    partnership, for an auditor) and reverse the navigation's links for each part."""
    partnership = getattr(request, "partnership", None)
    user = request.user
    key = (user.pk, getattr(partnership, "pk", None), hasattr(request, "resolver_match"))
    kept = getattr(request, "_layout", None)
    if kept is not None and kept[0] == key:
        return kept[1]
    if partnership is None and user.is_authenticated:
        mine = partnerships_for(user)
        partnership = mine[0] if len(mine) == 1 else None
    found = {
        "current_partnership": partnership,
        "navigation": navigation_for(request, partnership) if hasattr(request, "resolver_match") else [],
    }
    request._layout = (key, found)
    return found
