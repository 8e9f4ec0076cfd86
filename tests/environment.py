"""Loaded by pytest before Django reads its settings (pyproject.toml: `-p tests.environment`). DEBUG is off
unless DEBUG=1 is set; the tests run the development settings (no HTTPS redirect, a development secret key)
unless the environment already says otherwise. Django's test runner still runs every test with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "1")
