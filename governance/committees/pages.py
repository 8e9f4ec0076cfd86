"""Pages about committees' records that a higher room serves: the meeting page (with its papers) is papers',
the decisions register (with officer decisions) is delegations'. Committees names the page it links to and the
room that owns it says where it is, registered in GovernanceConfig.ready(), so no module here reverses a higher
room's URL (tests/test_upward_urls.py checks every room's reverse() calls)."""

# The pages committees links to that others serve, and what each takes.
PAGES = {"meeting": ("partnership", "meeting"), "decisions": ("partnership",)}
_served = {}


def serve(page, url):
    """Called by the room that serves `page`: `url(**kwargs)` gives its address."""
    if page not in PAGES:
        raise KeyError(page)
    _served[page] = url


def url_of(page, **kwargs):
    return _served[page](**kwargs)


def served():
    return dict(_served)
