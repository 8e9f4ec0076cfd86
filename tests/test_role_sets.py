"""Sets of roles are declared in one place: governance/roles.py (the access table, sharedservice/access.py, gives
them, or sets of its own, to its URLs). A view or selector that writes out a set of roles again (which could drift
from the table's: a page that the table opens to someone but whose edit links the view hides) fails here."""

import ast
from pathlib import Path

from governance import roles as role_sets
from governance.roles import Role
from sharedservice import access

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("governance", "staffing", "procurement", "finance", "sharedservice")
DECLARED_IN = {ROOT / "governance" / "roles.py", ROOT / "sharedservice" / "access.py"}
ROLE_VALUES = {role.value for role in Role}


def _is_role(node):
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Role":
        return True
    return isinstance(node, ast.Constant) and node.value in ROLE_VALUES


def _role_sets(tree):
    for node in ast.walk(tree):
        elements = None
        if isinstance(node, ast.Set):
            elements = node.elts
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("set", "frozenset", "roles")
        ):
            elements = (
                node.args[0].elts
                if node.args and isinstance(node.args[0], ast.Set | ast.List | ast.Tuple)
                else node.args
            )
        if elements and len(elements) >= 2 and all(_is_role(e) for e in elements):
            yield node.lineno


def test_no_set_of_roles_is_written_outside_governance_roles():
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or path in DECLARED_IN:
                continue
            found += [f"{path.relative_to(ROOT)}:{line}" for line in _role_sets(ast.parse(path.read_text()))]
    assert sorted(set(found)) == []


def test_the_access_table_gives_the_sets_the_views_use():
    from governance.committees import selectors as committees
    from governance.delegations import views as delegations
    from governance.portfolio import views as portfolio
    from procurement import views as procurement
    from sharedservice.dashboard import views as dashboard
    from staffing import selectors as staffing

    assert access.COMMITTEE_EDITORS is role_sets.COMMITTEE_EDITORS is committees.EDITOR_ROLES
    assert access.COMMITTEE_INSIDE is role_sets.COMMITTEE_INSIDE is committees.INSIDE_ROLES
    assert access.PORTFOLIO_EDITORS is portfolio.EDITORS
    assert access.STAFFING_EDITORS is staffing.EDITORS
    assert access.CONTRACT_EDITORS is procurement.EDITOR_ROLES
    assert access.DASHBOARD_READERS is dashboard.READERS
    assert access.DECISION_RECORDERS is delegations.RECORDER_ROLES
