#!/usr/bin/env bash
# Installs what the tests need (Python and npm packages, Debian's Chromium and fonts) and runs every test:
# unit, worker and browser tests. SQLite by default; PostgreSQL when DATABASE_URL is set.
source "$(dirname "$0")/setup.sh"
apt_install chromium fonts-liberation poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libmagickwand-6.q16-6
python_env "[test]"
mst_env
static_assets
# The tests run the development settings (DEBUG=1); Django's test runner still runs each test with DEBUG off.
export DEBUG=${DEBUG:-1}
# Two pytest-xdist workers by default (TEST_WORKERS=0 runs in one process); each has its own test database,
# files and broker (tests/environment.py). `--dist load` hands tests out in order, so on each worker the tests
# that empty the tables still run after those that read migration data.
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" --dist load "$@"
