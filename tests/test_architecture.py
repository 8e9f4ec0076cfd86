"""The project's imports run one way: no circles (imports inside functions count), apps and governance's
rooms import only what lies below them. The graph is read from the source with `ast`, nothing is run."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["governance", "staffing", "procurement", "finance", "engagement", "opendata", "sharedservice"]

# What each app may import besides itself (sharedservice is the wiring and may import everything).
APP_MAY_IMPORT = {
    "governance": set(),
    "staffing": {"governance"},
    "procurement": {"governance"},
    "finance": {"governance", "staffing", "procurement"},
    # Search, alerts and feeds, and the open formats, read the rooms' public projections; only wiring imports them.
    "engagement": {"governance", "staffing", "procurement"},
    "opendata": {"governance", "staffing", "procurement"},
    "sharedservice": {"governance", "staffing", "procurement", "finance", "engagement", "opendata"},
}

# Governance's rooms and what each may read besides itself; the modules at the app's top level are either
# shared pure modules every room may use, or the wiring that gathers the rooms (which no room imports).
ROOM_MAY_IMPORT = {
    "partners": set(),
    "jobs": set(),
    "audit": {"jobs"},  # the audit trail's export runs as a background job
    "committees": {"partners", "jobs", "audit"},
    "delegations": {"committees", "partners", "jobs", "audit"},
    "papers": {"delegations", "committees", "partners", "jobs", "audit"},
    "portfolio": {"papers", "delegations", "committees", "partners", "jobs", "audit"},
}
GOVERNANCE_SHARED = {
    "governance.api",  # what the rooms' JSON APIs share: pagination, filters as parameters, ETags
    "governance",
    "governance.roles",
    "governance.calendar",
    "governance.money",
    "governance.parsing",  # 400 not 500: the parsers of ids, versions, years, sums and dates
    "governance.importing",  # the CSV import pages' one flow: a bad row imports nothing and is listed
    "governance.filtering",  # strict filters: an unknown parameter or a bad value is a 400 naming it
    "governance.spreadsheet",  # the one CSV writer (formula cells neutralised)
    "governance.widgets",  # the GOV.UK date input every date field uses
    "governance.formfields",  # form fields bounded to what the database holds
    "governance.allocation",  # splitting money to the penny
    "governance.projection",  # public filters read only the fields the public projection shows
}


# engagement and opendata read the rooms only through their public projections (`public.py`), the shared
# modules above, and the few named hook points listed here, each with its reason.
OPEN_APPS = {"engagement", "opendata"}
OPEN_APPS_MAY_ALSO_READ = {
    "governance.partners.public_cache",  # public pages are cached and marked fresh the one way
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    modules = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


def imported_names(tree, module, is_package):
    """Every module named by an import anywhere in the file (functions included), made absolute."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            yield source, [f"{source}.{alias.name}" for alias in node.names]  # `from package import module`


def import_graph():
    modules = project_modules()
    graph = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        targets = set()
        for source, members in imported_names(tree, module, path.name == "__init__.py"):
            submodules = {m for m in members if m in modules}
            targets |= submodules
            if submodules and len(submodules) == len(members):
                continue  # `from package import module, module`: the package itself is not read
            # The longest project module the name starts with (`a.b.c` names module `a.b` when c is a class).
            while source and source not in modules:
                source = source.rpartition(".")[0]
            if source:
                targets.add(source)
        targets.discard(module)
        graph[module] = targets
    return graph


def circles(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def room(module):
    parts = module.split(".")
    if parts[0] == "governance" and len(parts) > 1 and parts[1] in ROOM_MAY_IMPORT:
        return parts[1]
    return None


def wrong_way(graph):
    bad = []
    for source, targets in graph.items():
        app = source.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if other != app and other not in APP_MAY_IMPORT[app]:
                bad.append(f"{source} -> {target}: {app} may not import {other}")
            if (
                app == "finance"
                and other in {"staffing", "procurement"}
                and not target.endswith(".selectors")
            ):
                bad.append(f"{source} -> {target}: finance reads other apps through their selectors only")
            if (
                app in OPEN_APPS
                and other in {"governance", "staffing", "procurement"}
                and target.rsplit(".", 1)[-1] != "public"
                and target not in GOVERNANCE_SHARED
                and target not in OPEN_APPS_MAY_ALSO_READ
            ):
                bad.append(f"{source} -> {target}: {app} reads the rooms through their public.py only")
            if app != "governance" or other != "governance":
                continue
            here, there = room(source), room(target)
            if here and there is None and target not in GOVERNANCE_SHARED:
                bad.append(f"{source} -> {target}: a room imports no module that gathers the rooms")
            if here is None and there is not None and source in GOVERNANCE_SHARED:
                bad.append(f"{source} -> {target}: the shared modules import no room")
            if here and there and here != there and there not in ROOM_MAY_IMPORT[here]:
                bad.append(f"{source} -> {target}: the {here} room may not import the {there} room")
    return sorted(bad)


def test_the_import_graph_has_no_circles_and_runs_one_way():
    graph = import_graph()
    edges = sum(len(t) for t in graph.values())
    print(f"import graph: {len(graph)} modules, {edges} edges")
    assert len(graph) > 100 and edges > 150  # the graph really was read
    assert circles(graph) == []
    assert wrong_way(graph) == []


def test_every_room_is_a_package_with_its_templates():
    for name in ROOM_MAY_IMPORT:
        assert (ROOT / "governance" / name / "__init__.py").exists()
        assert (ROOT / "governance" / "templates" / "governance" / name).is_dir() or name == "audit"


def test_the_checker_sees_a_circle_and_a_wrong_way_import():
    graph = {"governance.committees.views": {"governance.papers.views"}, "governance.papers.views": set()}
    assert wrong_way(graph) == [
        "governance.committees.views -> governance.papers.views: the committees room may not import the "
        "papers room"
    ]
    graph["governance.papers.views"] = {"governance.committees.views"}
    assert circles(graph) == [["governance.committees.views", "governance.papers.views"]]
    assert wrong_way({"governance.jobs.views": {"finance.models"}}) == [
        "governance.jobs.views -> finance.models: governance may not import finance"
    ]
