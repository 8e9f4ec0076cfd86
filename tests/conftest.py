import os
from pathlib import Path

import pytest
from django.db.backends.signals import connection_created
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


def _commits_without_waiting_for_the_disk(sender, connection, **kwargs):
    """A test database is thrown away after the run: its commits need not wait for the disk (SQLite's fsync of
    every autocommitted row made a committing test's demo load 11 s). Data written is the same."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous = OFF")
        elif connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit TO off")


connection_created.connect(_commits_without_waiting_for_the_disk, dispatch_uid="tests-commit-without-fsync")


# Demo data is loaded once per worker and committed; each test reads it inside its own transaction, rolled back
# after it (a savepoint's cost, not a reload). Three levels: the governance demo (loaded with the test database),
# the finance demo on top of it (committed by the first test on the worker that asks for it), and every app's
# demo (staffing and procurement too). Tests are ordered (pytest_collection_modifyitems below) so that on each
# worker those that ask for less run first and never see more than they asked for; the tests that commit
# (transactional_db, live_server) run last, from empty tables, given what they ask for (restored from its
# snapshot, see demo_state below: a load happens once per state, not once per test or worker).
_COMMITTED = {"demos": set(), "emptied": False}
DEMO_LEVELS = {"finance_demo": 1, "full_demo": 2}


# The demo loads each level runs, in order.
DEMO_STEPS = {
    "governance": ("governance",),
    "finance": ("governance", "finance"),
    "every": ("governance", "finance", "staffing", "procurement"),
}


def _load_step(step):
    from finance import demo as finance_demo_module
    from governance import demo as governance_demo
    from procurement import demo as procurement_demo
    from staffing import demo as staffing_demo

    {
        "governance": governance_demo.load,
        "finance": finance_demo_module.load,
        "staffing": staffing_demo.load,
        "procurement": procurement_demo.load,
    }[step]()


def _commit_demo(name, django_db_blocker):
    from django.test.utils import override_settings

    if _COMMITTED["emptied"]:
        return  # the tables were emptied: each test loads what it needs itself
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        demo_state(DEMO_STEPS[name], base="migrated")
    _COMMITTED["demos"].add(name)


def _in_test(name, request):
    """Puts a demo in the database for a test that commits (restored from its snapshot, or loaded in one
    transaction, so a committing test's load is not a commit per row) unless it is committed for the worker and
    the test reads it in a transaction that is rolled back."""
    if name in _COMMITTED["demos"] and not _empties_the_tables(request.node):
        return
    demo_state(DEMO_STEPS[name], base="flushed")


# Demo snapshots. Loading the demos through the services takes seconds (the governance demo ~4 s, the finance
# demo ~3 s with its two statement PDFs, staffing's ~6 s), and each worker, then each test that commits, needed
# them again. On SQLite, the database as a list of loads leaves it is saved once (SQLite's backup API) in var/,
# with the files those loads wrote, under a key of the migrations, the code and today's date (the demo's live
# meeting is dated from today); a worker or test that needs that state again restores it in a few hundredths of
# a second. Two bases: "migrated" (the test database as created, data migrations' rows included: the demos
# committed for the worker) and "flushed" (tables emptied by `flush`, as every committing test starts). The same rows,
# ids and files as a load, byte for byte. On PostgreSQL each test loads the demo in one transaction as before.
def _source_key():
    import hashlib

    import django
    from django.conf import settings
    from django.utils import timezone

    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256(f"{django.get_version()} {timezone.localdate()} {_migrations_key()}".encode())
    folders = ["governance", "finance", "staffing", "procurement", "engagement", "opendata", "sharedservice"]
    for folder in [*folders, "templates", "fixtures", "assets"]:
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(base)}\n".encode() + path.read_bytes())
    digest.update((base / "pyproject.toml").read_bytes())
    return digest.hexdigest()[:16]


_SNAPSHOTS = {}


def _snapshot_folder():
    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "var"
    folder.mkdir(exist_ok=True)
    return folder


def _media_listing():
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    listing = {}
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            listing[path.relative_to(root)] = (stat.st_size, stat.st_mtime_ns)
    return listing


def demo_state(steps, base):
    """Leaves the database (and MEDIA_ROOT) as loading the demos `steps` in order on `base` does: from the
    snapshot of that state, or by loading the last step on the state before it (itself restored or loaded),
    then saving the snapshot. Another worker needing the same state waits for it rather than loading it too."""
    import fcntl

    from django.db import connection, transaction

    if connection.vendor != "sqlite" or (base == "migrated" and not _SNAPSHOTS.get("pristine")):
        with transaction.atomic():
            for step in steps:
                _load_step(step)
        return
    if "key" not in _SNAPSHOTS:
        _SNAPSHOTS["key"] = _source_key()
    folder = _snapshot_folder()
    name = f"test-demo-{_SNAPSHOTS['key']}-{base}-{'+'.join(steps)}"
    path, media = folder / f"{name}.sqlite3", folder / f"{name}.media"
    lock = open(folder / f"{name}.lock", "w")  # noqa: SIM115 - held until the snapshot is written
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            _restore_snapshot(path, media)
            return
        if len(steps) > 1:
            demo_state(steps[:-1], base)
        before = _media_listing()
        with transaction.atomic():
            _load_step(steps[-1])
        _write_snapshot(path, media, before)
    finally:
        lock.close()


def _restore_snapshot(path, media):
    import shutil
    import sqlite3

    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    ContentType.objects.clear_cache()
    if media.is_dir():
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)


def _write_snapshot(path, media, media_before):
    import shutil
    import sqlite3

    from django.conf import settings
    from django.db import connection

    for old in path.parent.glob("test-demo-*"):
        if not old.name.startswith(f"test-demo-{_SNAPSHOTS['key']}-"):
            shutil.rmtree(old) if old.is_dir() else old.unlink(missing_ok=True)
    root = Path(settings.MEDIA_ROOT)
    partial_media = media.with_suffix(".partial-media")
    shutil.rmtree(partial_media, ignore_errors=True)
    partial_media.mkdir()
    for relative, stat in _media_listing().items():
        if media_before.get(relative) != stat:
            (partial_media / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / relative, partial_media / relative)
    shutil.rmtree(media, ignore_errors=True)
    partial_media.replace(media)
    partial = path.with_suffix(".partial")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    partial.replace(path)  # last: a snapshot that exists is whole, with its files


# On SQLite the test database is built from the models, not by running the migrations (Django's TEST
# {"MIGRATE": False}: `migrate --run-syncdb`, half a second against 25 s of migrating on a quiet machine, most of
# it Django re-rendering the migration state after each operation), then given the rows the data migrations add
# (DATA_MIGRATION_ROWS, run as their migration runs them, on the models as they were then; each must be
# idempotent, as procurement's thresholds are, since a database kept by --reuse-db gets them again). The migrations are
# still proven: CI's PostgreSQL part builds its test database by running every one of them (the GIN indexes
# and the exclusion constraint exist only there), `makemigrations --check` keeps the models and migrations
# one, and tests/test_data_migrations_are_accounted_for.py fails for a data migration this list does not name.
DATA_MIGRATION_ROWS = [("procurement", "0002_uk_procurement_thresholds", "load")]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["MIGRATE"] = False


def _add_data_migration_rows(django_db_blocker):
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    with django_db_blocker.unblock():
        loader = MigrationLoader(connection, ignore_no_migrations=True)
        for app_label, name, function in DATA_MIGRATION_ROWS:
            apps = loader.project_state((app_label, name), at_end=False).apps
            with connection.schema_editor() as editor:  # one transaction, as the migration runs
                getattr(import_module(f"{app_label}.migrations.{name}"), function)(apps, editor)


def _migrations_key():
    import hashlib

    import django
    from django.apps import apps

    digest = hashlib.sha256(django.get_version().encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else ():
            digest.update(f"{config.label}/{path.name}\n".encode() + path.read_bytes())
    return digest.hexdigest()[:16]


_TEMPLATE = {}


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings, django_db_blocker):
    """pytest-django's (--reuse-db), or on PostgreSQL a copy of the migrated template: then no migration runs."""
    if request.config.getvalue("reuse_db"):
        return True
    from django.conf import settings

    if request.config.getvalue("create_db"):
        return False
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        with django_db_blocker.unblock():
            return _test_database_from_postgresql_template()
    return False


# On PostgreSQL the migrations run, once per server, into a template database (Zulip's zulip_test_template): the
# first worker migrates its test database and copies it to sharedservice_test_template_<hash> while the others wait; each worker's test database
# is then `CREATE DATABASE … TEMPLATE` of it, in a second, and dropped at the end of the run.
def _postgresql_template_name():
    return f"sharedservice_test_template_{_migrations_key()}"


def _test_database_from_postgresql_template():
    import fcntl

    from django.conf import settings
    from django.db import connection

    folder = Path(settings.BASE_DIR) / "var"
    folder.mkdir(exist_ok=True)
    lock = open(folder / "test-template-postgresql.lock", "w")  # noqa: SIM115 - held until the template is written
    fcntl.flock(lock, fcntl.LOCK_EX)
    template, name = _postgresql_template_name(), connection.creation._get_test_db_name()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if cursor.fetchone() is None:
            _TEMPLATE.update(postgresql=template, lock=lock)
            return False
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
    lock.close()
    _TEMPLATE["drop_at_the_end"] = name
    return True


def _write_postgresql_template(django_db_blocker):
    from django.db import DatabaseError, connection

    template, lock = _TEMPLATE.pop("postgresql"), _TEMPLATE.pop("lock")
    quote = connection.ops.quote_name
    try:
        with django_db_blocker.unblock():
            name = connection.settings_dict["NAME"]
            connection.close()  # a template is copied only with no one connected to it
            with connection._nodb_cursor() as cursor:
                try:
                    cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
                except DatabaseError as error:
                    # Another checkout on the same server (the file lock is this checkout's) made it first: the
                    # same migrations, so the same template.
                    if "already exists" not in str(error):
                        raise
    finally:
        lock.close()


def _drop_test_database(django_db_blocker):
    from django.db import connections

    name = _TEMPLATE.pop("drop_at_the_end")
    with django_db_blocker.unblock():
        connections.close_all()
        connection = connections["default"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """Loads the governance demo data once into the test database (committed)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        _add_data_migration_rows(django_db_blocker)  # a database kept by --reuse-db too: they are idempotent
    if "postgresql" in _TEMPLATE:
        _write_postgresql_template(django_db_blocker)
    if "drop_at_the_end" in _TEMPLATE:
        request.addfinalizer(lambda: _drop_test_database(django_db_blocker))
    # A database kept from an earlier run (--reuse-db) may hold anything: no snapshot is taken from it.
    _SNAPSHOTS["pristine"] = not request.config.getvalue("reuse_db")
    _commit_demo("governance", django_db_blocker)


@pytest.fixture(scope="session")
def _finance_demo_committed(request, django_db_setup, django_db_blocker):
    _commit_demo("finance", django_db_blocker)
    yield
    if request.config.getvalue("reuse_db") and _COMMITTED["demos"] - {"governance"}:
        # A kept test database (--reuse-db) must not hand the next run more than the governance demo.
        from django.core.management import call_command

        with django_db_blocker.unblock():
            call_command("flush", verbosity=0, interactive=False)


@pytest.fixture(scope="session")
def _every_demo_committed(_finance_demo_committed, django_db_blocker):
    _commit_demo("every", django_db_blocker)


@pytest.fixture(autouse=True)
def _committed_demos_are_emptied_once(request, django_db_blocker):
    """Before the first test on a worker that commits, the tables are emptied (as pytest-django empties them
    after each such test), so that every committing test starts from empty tables, whatever ran before it."""
    if not _empties_the_tables(request.node):
        yield
        return
    if not _COMMITTED["emptied"]:
        from django.core.management import call_command

        with django_db_blocker.unblock():
            call_command("flush", verbosity=0, interactive=False)
        _COMMITTED["emptied"] = True
    _COMMITTED["demos"].clear()
    yield


def _demo_records():
    from governance.models import Council, Partnership

    return {
        "partnerships": {p.slug: p for p in Partnership.objects.order_by("pk")},
        "councils": {c.code: c for c in Council.objects.order_by("pk")},
    }


@pytest.fixture
def demo(db, request):
    """The governance demo data: six councils, two partnerships and one demo user per role (committed for the
    worker; a test that commits loads it itself)."""
    _in_test("governance", request)
    return _demo_records()


@pytest.fixture
def finance_demo(_finance_demo_committed, demo, request):
    """The governance demo data plus the finance demo data (budgets, forecasts, savings, Q1 2018/19 issued)."""
    _in_test("finance", request)
    return demo


@pytest.fixture
def full_demo(_every_demo_committed, finance_demo, request):
    """Every app's demo data: governance (portfolio included), staffing, procurement and finance."""
    _in_test("every", request)
    return finance_demo


@pytest.fixture
def committed_demo(transactional_db):
    """committed_demo(*steps): for a test that commits (a browser test), the demos `steps` loaded in that order
    on empty tables, e.g. committed_demo("governance", "finance"); returns the demo's partnerships and councils."""

    def put(*steps):
        demo_state(steps, base="flushed")
        return _demo_records()

    return put


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


def _demo_level(item):
    names = getattr(item, "fixturenames", ())
    return max((level for name, level in DEMO_LEVELS.items() if name in names), default=0)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # pytest-django runs such tests last, but a later plugin (pytest-playwright groups tests by browser) can
    # reorder them; run them last again so no test that reads migration data follows a table-emptying one.
    # Before them, the tests that read only the governance demo, then those that read the finance demo, then
    # every app's demo (see _COMMITTED above). pytest-xdist's `--dist load` hands each worker its tests in
    # this order.
    items.sort(key=lambda item: (_empties_the_tables(item), _demo_level(item)))


@pytest.fixture
def reset_mail_worker(monkeypatch):
    """Password reset mails are sent by a worker: records what a request queues (tests/mail_worker.py)."""
    from tests.mail_worker import recording_worker

    return recording_worker(monkeypatch)
