"""The acting user, one way: every service that writes history runs under `records_user` (governance/audit/acting.py),
so each history row it writes names the user it acts for (`by`), whether it runs in a request, a worker or a
command. Nobody sets `_history_user` by hand. A service taking `by` that writes no history is named below with
its reason."""

import importlib
import inspect
from pathlib import Path

import pytest

from governance.roles import Role

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = ["governance", "staffing", "procurement", "finance", "engagement", "opendata", "sharedservice"]
# Modules of services that are not named services.py.
OTHER_SERVICE_MODULES = ["governance.papers.withdrawal"]
# Services that take `by` and write no history row, each with its reason.
NO_HISTORY = {
    "governance.jobs.services.job_create": "a job is not a tracked record: its requester is its own column",
    "governance.papers.withdrawal.queue_pack_build": "queues a job (job_create) and writes nothing else",
    "sharedservice.services.api_token_issue": "API tokens keep no history",
    "sharedservice.services.api_token_revoke": "API tokens keep no history",
}


def service_modules():
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("services.py")):
            found.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found + OTHER_SERVICE_MODULES


def services_taking_by():
    for name in service_modules():
        module = importlib.import_module(name)
        for attr, fn in vars(module).items():
            if attr.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != name:
                continue
            if "by" in inspect.signature(inspect.unwrap(fn)).parameters:
                yield f"{name}.{attr}", fn


def records_user(fn):
    while fn is not None:
        if getattr(fn, "records_user", False):
            return True
        fn = getattr(fn, "__wrapped__", None)
    return False


def test_every_service_that_writes_history_runs_under_records_user():
    services = dict(services_taking_by())
    assert len(services) > 80  # the services were really found
    assert [
        name for name, fn in sorted(services.items()) if name not in NO_HISTORY and not records_user(fn)
    ] == []
    assert set(NO_HISTORY) <= set(services), "an exemption names a service that no longer exists"
    assert not any(records_user(services[name]) for name in NO_HISTORY)


def test_no_service_sets_the_history_user_by_hand():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if path.name == "bulk.py" and app == "finance":
                continue  # bulk_create_with_history's own default, read from the service's `by`
            assert "_history_user =" not in path.read_text(), path


@pytest.mark.django_db
def test_a_staffing_service_names_its_user_outside_any_request(make_user, demo):
    from governance.models import Partnership
    from staffing.models import Grade
    from staffing.services import grade_set

    officer = make_user(Role.ADMINISTRATOR, username="acting.probe")
    grade = grade_set(
        partnership=Partnership.objects.get(slug="shared-digital"), code="QZ9", rank=9, by=officer
    )
    assert [h.history_user for h in Grade.history.filter(id=grade.pk)] == [officer]
