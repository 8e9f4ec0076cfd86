"""No hidden wiring: every signal receiver is connected once Django is set up (in an AppConfig.ready()), not as a
side effect of whichever module a page, a command or a shell happens to import first. A fresh interpreter runs
`django.setup()`, notes every signal's receivers, then imports every module of the project: a receiver that
appears only then was connected by an import, and a signal the project defines with no receiver after setup
(the agenda that published no pack from a command) is reported too."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import importlib, json, pkgutil, sys, weakref
import django
from django.dispatch import Signal

django.setup()

PROJECT = ("governance", "staffing", "procurement", "finance", "sharedservice", "engagement", "opendata")


def signals():
    found = {}
    for name, module in list(sys.modules.items()):
        if module is None:
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, Signal):
                found.setdefault(id(value), (f"{name}.{attr}", value))
    return found


def receivers(signal):
    # The project's own receivers (a library may connect its own as it is imported: that is its business).
    found = set()
    for _, reference, *_ in signal.receivers:
        receiver = reference() if isinstance(reference, weakref.ReferenceType) else reference
        receiver = getattr(receiver, "__func__", receiver)
        module = getattr(receiver, "__module__", "") or ""
        if module.startswith(PROJECT):
            found.add(f"{module}.{getattr(receiver, '__qualname__', receiver)}")
    return found


before = {key: receivers(signal) for key, (_, signal) in signals().items()}
connected = {key: len(signal.receivers) for key, (_, signal) in signals().items()}
for package in PROJECT:
    try:
        root = importlib.import_module(package)
    except ModuleNotFoundError:
        continue
    for info in pkgutil.walk_packages(root.__path__, prefix=package + "."):
        if ".migrations" in info.name or info.name.endswith(".wsgi") or info.name.endswith(".asgi"):
            continue
        importlib.import_module(info.name)

report = {"added_by_import": [], "without_receivers": []}
for key, (name, signal) in signals().items():
    added = receivers(signal) - before.get(key, set())
    if added:
        report["added_by_import"].append([name, sorted(added)])
    if name.startswith(PROJECT) and not connected.get(key):
        report["without_receivers"].append(name)
print(json.dumps(report))
"""


def _run():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sharedservice.settings", "DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_receiver_is_connected_by_setup_and_none_by_an_import():
    report = _run()
    assert report["added_by_import"] == []
    assert report["without_receivers"] == []


def test_publishing_an_agenda_has_its_pack_receiver_after_setup_alone():
    # The case that was missed: committees' agenda_published had no receiver until papers/services.py was imported.
    from governance.apps import GovernanceConfig  # noqa: F401  (Django is set up by pytest-django)
    from governance.committees.services import agenda_published
    from governance.papers.services import publish_packs_with_the_agenda
    from governance.papers.withdrawal import rebuild_packs_after_supplement

    receivers = [r() for _, r, *_ in agenda_published.receivers]
    assert receivers == [publish_packs_with_the_agenda, rebuild_packs_after_supplement]


def test_the_celery_app_finds_every_rooms_tasks_from_the_one_list_of_rooms():
    import pkgutil

    import governance
    from governance.apps import ROOMS
    from sharedservice.celery import app

    packages = {m.name for m in pkgutil.iter_modules(governance.__path__) if m.ispkg}
    assert set(ROOMS) == packages - {"migrations", "management", "templatetags"}
    app.loader.import_default_modules()  # what a worker does as it starts: runs the autodiscovery
    with_tasks = [room for room in ROOMS if (ROOT / "governance" / room / "tasks.py").exists()]
    assert with_tasks
    for room in with_tasks:
        module = f"governance.{room}.tasks"
        assert module in sys.modules, module
        names = [t.name for t in vars(sys.modules[module]).values() if hasattr(t, "delay")]
        assert names and all(name in app.tasks for name in names), (module, names)
