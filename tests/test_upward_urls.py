"""No room links upward by URL name: a reverse() of a page served by a higher room (or a sibling) would make the
lower room depend on where the higher one puts its pages. Such a link goes through the room that owns the page
(governance/committees/pages.py: the meeting page is papers', the decisions register delegations').
Reads every reverse("governance:…") in the rooms' modules and the module of the view each name serves."""

import ast
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from governance.committees import pages

ROOT = Path(__file__).resolve().parent.parent
# How high each room stands (README, "How it is built"): a room may link to its own pages and lower rooms'.
LEVEL = {"partners": 0, "jobs": 1, "audit": 2, "committees": 3, "delegations": 4, "papers": 4, "portfolio": 5}


def _room(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "governance" and parts[1] in LEVEL else None


def _served_by():
    found = {}

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                view = pattern.callback
                module = getattr(view, "__module__", None) or type(view).__module__
                found[pattern.name] = _room(module)

    _, resolver = get_resolver().namespace_dict["governance"]
    walk(resolver.url_patterns)
    return found


def _reversed_names(tree):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        first = node.args[0]
        if (
            name == "reverse"
            and isinstance(first, ast.Constant)
            and str(first.value).startswith("governance:")
        ):
            yield node.lineno, first.value.split(":", 1)[1]


def test_no_room_reverses_a_url_served_by_a_room_above_or_beside_it():
    served = _served_by()
    upward = []
    for room, level in LEVEL.items():
        for path in (ROOT / "governance" / room).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for line, name in _reversed_names(ast.parse(path.read_text())):
                owner = served.get(name)
                if owner is not None and owner != room and LEVEL[owner] >= level:
                    upward.append(f"{path.relative_to(ROOT)}:{line} {name} (served by {owner})")
    assert upward == []


def test_the_pages_committees_links_to_are_placed_by_their_owners_after_setup():
    assert set(pages.served()) == set(pages.PAGES)
    assert pages.url_of("meeting", partnership="shared-digital", meeting=7) == "/shared-digital/meetings/7/"
    assert pages.url_of("decisions", partnership="shared-digital") == "/shared-digital/decisions/"
    served = _served_by()
    assert served["meeting"] == "papers" and served["decisions"] == "delegations"
