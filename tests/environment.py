"""Loaded by pytest before Django reads its settings (pyproject.toml: `-p tests.environment`). DEBUG is off
unless DEBUG=1 is set; the tests run the development settings (no HTTPS redirect, a development secret key)
unless the environment already says otherwise. Django's test runner still runs every test with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "1")

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
