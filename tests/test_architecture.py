"""The project's imports run one way: no circles (imports inside functions count), apps and governance's
rooms import only what lies below them, and inside each room and app the layers run one way too (models,
then selectors and public projections, services, forms and tasks, views and APIs). The graph is read from the
source with `ast`, nothing is run."""

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
    "governance.acting",  # the acting user every service that writes history names (records_user)
}


# engagement and opendata read the rooms only through their public projections (`public.py`), the shared
# modules above, and the few named hook points listed here, each with its reason.
OPEN_APPS = {"engagement", "opendata"}
OPEN_APPS_MAY_ALSO_READ = {
    "governance.partners.public_cache",  # public pages are cached and marked fresh the one way
}


# The layers inside each room (governance.<room>) and each app (and the dashboard inside sharedservice), lowest
# first: a module imports modules of its own room or app of the same rank or a lower one only.
LAYERS = ["helpers", "models", "reads", "writes", "forms and tasks", "pages", "wiring"]
RANK_OF_NAME = {
    "__init__": 0,
    "models": 1,
    "selectors": 2,
    "public": 2,
    "services": 3,
    "forms": 4,
    "filters": 4,
    "tasks": 4,
    "views": 5,
    "api": 5,
    "admin": 5,
    "demo": 5,  # loads the demo through the services; only the load_demo command and tests import it
    "management": 5,  # commands, like views, call the services
    "templatetags": 5,
    "urls": 6,
    "apps": 6,  # AppConfig.ready() connects what the room registers
}
# Every other module, by what it does today (each must be named here, so a new one is placed on purpose).
RANK_OF_MODULE = {
    # helpers: plain calculations, constants, parsers and registries that read no model of their own room
    **dict.fromkeys(
        [
            "governance.allocation",
            "governance.calendar",
            "governance.money",
            "governance.parsing",
            "governance.roles",
            "governance.spreadsheet",
            "governance.widgets",
            "governance.committees.ordering",
            "governance.committees.pages",  # the pages higher rooms serve, named for models' get_absolute_url
            "governance.delegations.decision_rules",
            "governance.delegations.pages",
            "governance.papers.markdown",
            "governance.papers.pages",
            "governance.papers.pdf",
            "governance.papers.sanitise",
            "governance.portfolio.rules",
            "finance.ageing",
            "finance.converters",  # URL converters over the financial years
            "finance.invoicing",
            "finance.periods",
            "finance.settlement",
            "finance.ubl",
            "procurement.coterminus",
            "procurement.dates",
            "procurement.thresholds",
            "staffing.consultation",
            "staffing.costing",
            "staffing.structure",
            "sharedservice.dashboard.board",
            "sharedservice.dashboard.charts",
            "sharedservice.signin",
            "sharedservice.cache",  # Django's Redis cache with its client kept (the settings name it)
            "engagement.tokens",
            "governance.partners.people_matching",
            "governance.delegations.offices",  # who holds an office, as another app registers it (no model)  # matching seat names to people, for the data migration  # the alerts' signed links and address digests
        ],
        0,
    ),
    # reads
    "governance.audit.history": 2,
    "governance.audit.versions": 2,
    "governance.committees.publication_checks": 2,
    "governance.delegations.key_decisions": 2,
    "governance.papers.deadlines": 2,
    "sharedservice.access": 2,  # the access table
    "opendata.oparl": 2,  # OParl's objects, built from the rooms' public.py
    "engagement.alerts": 2,
    "engagement.search.query": 2,  # the search's reads of the index  # what is new for a subscription, read through the rooms' public.py
    # writes, and what the services use to write
    "governance.acting": 3,
    "governance.committees.publication": 3,
    "governance.papers.documents": 3,
    "governance.partners.data_version": 3,
    "governance.partners.freshness": 3,
    "governance.partners.public_cache": 3,
    "finance.bulk": 3,
    "finance.documents": 3,
    "finance.einvoice": 3,
    "sharedservice.passwords": 3,
    "sharedservice.signed_in": 3,
    "engagement.mail": 3,
    "engagement.search": 3,  # the index and its queries, as one package
    "engagement.search.index": 3,  # writes the index from the rooms' public.py
    "engagement.search.pdf": 3,  # reads public PDFs' text once and keeps it  # the alert and confirmation mails the services send
    # forms, filters and tasks
    "governance.filtering": 4,
    "governance.formfields": 4,
    "governance.projection": 4,
    "governance.delegations.register": 4,  # the decisions register reads through the filter form
    "governance.papers.withdrawal": 4,  # a withdrawal queues the rebuilt pack's task after its commit
    # pages
    "governance.importing": 5,
    "opendata.modern_gov": 5,
    "engagement.feeds": 5,  # the search's Atom feed  # the Modern.gov-compatible web service's views
    "sharedservice.context_processors": 5,
    "sharedservice.middleware": 5,
    "sharedservice.navigation": 5,
    # wiring
    "sharedservice": 6,
    "sharedservice.api_urls": 6,
    "sharedservice.asgi": 6,
    "sharedservice.celery": 6,
    "sharedservice.settings": 6,
    "sharedservice.wsgi": 6,
    "engagement.receivers": 6,
    "engagement.signals": 6,  # what changed the public pages brings the index up to date (connected in ready())  # publication signals to the alert tasks, connected in ready()
}
# Imports against the layers that stand today, each with its reason (none yet).
LAYER_EXCEPTIONS = {}


def unit(module):
    """The room or app a module belongs to (the dashboard is its own, inside sharedservice)."""
    parts = module.split(".")
    if room(module) or parts[:2] == ["sharedservice", "dashboard"]:
        return ".".join(parts[:2])
    return parts[0]


def rank(module):
    if module in RANK_OF_MODULE:
        return RANK_OF_MODULE[module]
    rest = module[len(unit(module)) + 1 :] or "__init__"
    name = rest.split(".")[0]
    if name.endswith("_views"):
        name = "views"
    return RANK_OF_NAME.get(name)


def layer_violations(graph):
    bad = []
    for source, targets in graph.items():
        if rank(source) is None:
            bad.append(f"{source}: give it a layer (RANK_OF_MODULE in tests/test_architecture.py)")
            continue
        for target in targets:
            if unit(target) != unit(source) or (source, target) in LAYER_EXCEPTIONS:
                continue
            if rank(target) is not None and rank(target) > rank(source):
                bad.append(
                    f"{source} -> {target}: {LAYERS[rank(source)]} may not import {LAYERS[rank(target)]}"
                )
    return sorted(bad)


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


def test_inside_each_room_and_app_the_layers_run_one_way():
    graph = import_graph()
    assert layer_violations(graph) == []
    assert all(source in graph and target in graph[source] for source, target in LAYER_EXCEPTIONS)


def test_the_layer_checker_sees_a_module_importing_above_its_layer():
    graph = {"governance.papers.services": {"governance.papers.views", "governance.committees.views"}}
    graph["governance.papers.views"] = graph["governance.committees.views"] = set()
    assert layer_violations(graph) == [
        "governance.papers.services -> governance.papers.views: writes may not import pages"
    ]
    assert layer_violations({"staffing.newthing": set()}) == [
        "staffing.newthing: give it a layer (RANK_OF_MODULE in tests/test_architecture.py)"
    ]


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
