import os

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests check arithmetic, not speed: no per-example deadline (a busy machine made one exceed 200 ms).
hypothesis_settings.register_profile("project", deadline=None)
hypothesis_settings.load_profile("project")

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(pytestconfig):
    """pytest-playwright's base_url, as a plain function: its own is a session fixture defined as an instance
    method, which pytest 9 warns is deprecated."""
    return pytestconfig.getoption("--base-url", None) or pytestconfig.getini("base_url") or None


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Loads the governance demo data once into the test database. Each test runs in a transaction that is
    rolled back, so it starts from the demo data; tests that need the database committed (transactional_db,
    live_server) run last and load it again through their fixtures, since their clean-up empties the tables."""
    from django.test.utils import override_settings

    from governance import demo as governance_demo

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        governance_demo.load()


@pytest.fixture
def demo(db):
    """The governance demo data: six councils, two partnerships and one demo user per role (already loaded for
    the session; loading it again is idempotent and cheap, and restores it after a transactional test)."""
    from governance import demo as governance_demo

    return governance_demo.load()


@pytest.fixture
def finance_demo(demo):
    """The governance demo data plus the finance demo data (budgets, forecasts, savings, Q1 2018/19 issued)."""
    from finance import demo as finance_demo_module

    finance_demo_module.load()
    return demo


@pytest.fixture
def make_user(db):
    """make_user(role, partnership=None, council=None, username=None) -> a user holding that role."""
    from django.contrib.auth import get_user_model

    from governance.models import RoleAssignment

    counter = {"n": 0}

    def make(role=None, partnership=None, council=None, username=None, **extra):
        counter["n"] += 1
        user = get_user_model().objects.create_user(
            username=username or f"user{counter['n']}", password="correct-horse-battery", **extra
        )
        if role:
            RoleAssignment.objects.create(user=user, role=role, partnership=partnership, council=council)
        return user

    return make


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Cached public pages are keyed by partnership id and version, which a rolled-back test reuses: every
    test starts (and leaves) the cache empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Demo and test users are many; hashing their passwords with PBKDF2 would dominate the run."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


def _empties_the_tables(item):
    """Whether the test commits to the database (transactional_db, live_server, django_db(transaction=True)):
    its clean-up empties every table, data migrations' rows (the procurement thresholds) included."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # pytest-django runs such tests last, but a later plugin (pytest-playwright groups tests by browser) can
    # reorder them; run them last again so no test that reads migration data follows a table-emptying one.
    items.sort(key=_empties_the_tables)


@pytest.fixture
def reset_mail_worker(monkeypatch):
    """Password reset mails are sent by a worker: records what a request queues (tests/mail_worker.py)."""
    from tests.mail_worker import recording_worker

    return recording_worker(monkeypatch)
