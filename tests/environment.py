"""Loaded by pytest before Django reads its settings (pyproject.toml: `-p tests.environment`). DEBUG is off
unless DEBUG=1 is set; the tests run the development settings (no HTTPS redirect, a development secret key)
unless the environment already says otherwise. Django's test runner still runs every test with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "1")
# The search index is built by the tests that search (engagement.search.index), not after every commit.
os.environ.setdefault("SEARCH_INDEX_ON_COMMIT", "off")

# Under pytest-xdist (`scripts/test.sh` runs two workers) each worker keeps its own files: its SQLite test
# database, uploaded and generated files and the filesystem broker under var/xdist-<worker>/, and, on Redis,
# its own database number, so one worker's Celery worker never takes the other's tasks. PostgreSQL test
# databases are told apart by pytest-django (test_<name>_gw0, …). Static files stay shared.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker:
    import re
    from pathlib import Path

    _var = Path(os.environ.get("VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
    os.environ.setdefault("STATIC_ROOT", str(_var / "static"))
    os.environ["VAR_DIR"] = str(_var / f"xdist-{_worker}")
    _number = int(re.sub(r"\D", "", _worker) or 0)
    _broker = os.environ.get("CELERY_BROKER_URL", "")
    _match = re.fullmatch(r"(rediss?://[^/]+)/(\d+)", _broker)
    if _match:
        os.environ["CELERY_BROKER_URL"] = f"{_match[1]}/{(int(_match[2]) - _number) % 16}"


# A template variable that does not resolve fails the test (issue 21): Django renders it as "" by default, so a
# misspelt name or a field the context never had goes unnoticed. Our own templates get a string_if_invalid that
# raises; Django's and other packages' templates (the admin relies on silent variables, as Django's docs warn)
# keep the default. `{% if %}` and `{% for %}` are unaffected, as in Django: they treat a missing name as false.
class UnresolvedTemplateVariable(Exception):
    pass


class _RaiseOnOurTemplates(str):
    """Django's string_if_invalid, for our templates a failure. Django hands it back in two ways: formatted
    with the variable's name (`% name`, for a name that does not resolve) or as itself (for a lookup that
    raised an exception marked silent, such as a missing one-to-one row): then it is false in `{% if %}` and
    `default`, as Django's "" is, and fails when printed."""

    def __mod__(self, variable):
        return _fail_or_blank(variable)

    def __str__(self):
        return _fail_or_blank("a value that does not exist")

    def __bool__(self):
        # True only where Django asks whether a string_if_invalid is set at all (FilterExpression.resolve).
        import sys

        caller = sys._getframe(1)
        return caller.f_code.co_name == "resolve" and caller.f_globals.get("__name__") == "django.template.base"


def _fail_or_blank(variable):
    origin = _template_origin()
    if origin is not None and _is_ours(origin):
        raise UnresolvedTemplateVariable(f"{{{{ {variable} }}}} does not resolve in {origin}")
    return ""


def _template_origin():
    """The file of the template node being rendered: the nearest Node on the stack."""
    import sys

    from django.template.base import Node

    frame = sys._getframe(2)
    while frame is not None:
        node = frame.f_locals.get("self")
        if isinstance(node, Node):
            origin = getattr(node, "origin", None)
            return getattr(origin, "name", None)
        frame = frame.f_back
    return None


def _is_ours(name):
    from pathlib import Path

    project = Path(__file__).resolve().parent.parent
    try:
        path = Path(name)
        if not path.is_absolute():  # a template from a string: "<unknown source>"
            return False
        path = path.resolve()
    except (TypeError, ValueError):
        return False
    return path.is_relative_to(project) and not {".venv", "node_modules"} & set(path.parts)


def pytest_configure(config):
    from django.conf import settings

    for engine in settings.TEMPLATES:
        if engine["BACKEND"] == "django.template.backends.django.DjangoTemplates":
            engine.setdefault("OPTIONS", {})["string_if_invalid"] = _RaiseOnOurTemplates("%s")
