from governance.partners.selectors import partnerships_for

from .navigation import navigation_for


def layout(request):
    """The partnership named in the header and the navigation for the user's roles."""
    partnership = getattr(request, "partnership", None)
    if partnership is None and request.user.is_authenticated:
        mine = partnerships_for(request.user)
        partnership = mine[0] if len(mine) == 1 else None
    return {
        "current_partnership": partnership,
        "navigation": navigation_for(request, partnership) if hasattr(request, "resolver_match") else [],
    }
