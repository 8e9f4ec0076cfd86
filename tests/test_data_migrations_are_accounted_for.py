"""The SQLite test database is built from the models, not by running the migrations (tests/conftest.py), so the
rows a data migration adds reach it only if DATA_MIGRATION_ROWS names that migration. Every function a migration
runs (RunPython) is either named there or listed here with why an empty, new database needs nothing from it: a
new data migration that adds rows fails this test until it is named, rather than leaving the tests without its
rows."""

import ast
from pathlib import Path

from django.apps import apps

from tests.conftest import DATA_MIGRATION_ROWS

# (app, migration, function): why a database created empty needs nothing from it.
NOTHING_FOR_AN_EMPTY_DATABASE = {
    ("engagement", "0002_search_index", "gin_index"): "an index on PostgreSQL only",
    ("engagement", "0003_search_passages", "gin_index"): "an index on PostgreSQL only",
    ("engagement", "0003_search_passages", "forget_checksums"): "changes documents already indexed",
    ("finance", "0002_statement_invoicing_particulars", "issue_dates_of_issued_statements"): "changes statements",
    ("governance", "0008_partnership_statement_prefix_public_version", "fill_prefixes"): "changes partnerships",
    ("governance", "0012_withdrawal_and_minutes_of", "name_previous_minutes"): "changes minutes",
    ("governance", "0016_people", "seats_to_people"): "changes seats",
    ("governance", "0017_seat_person_required", "exclusion_on_postgresql"): "a constraint on PostgreSQL only",
    ("procurement", "0003_contracts_read_their_award_decisions", "read_award_records"): "changes contracts",
}


def forward_functions(path):
    """The names of the functions a migration file runs forwards through RunPython."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        assert not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "RunSQL"), (
            f"{path}: RunSQL is not run on the SQLite test database: account for it here"
        )
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "RunPython":
            code = node.args[0] if node.args else next(k.value for k in node.keywords if k.arg == "code")
            assert isinstance(code, ast.Name), f"{path}: RunPython of {ast.dump(code)}"
            names.add(code.id)
    return names


def test_every_data_migration_is_run_on_the_sqlite_test_database_or_needs_no_rows():
    found = set()
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if not folder.is_dir() or ".venv" in folder.parts:
            continue
        for path in sorted(folder.glob("0*.py")):
            found |= {(config.label, path.stem, name) for name in forward_functions(path)}
    named = set(DATA_MIGRATION_ROWS)
    assert ("procurement", "0002_uk_procurement_thresholds", "load") in found
    assert not named - found, f"named but not found: {named - found}"
    unaccounted = found - named - set(NOTHING_FOR_AN_EMPTY_DATABASE)
    assert not unaccounted, (
        f"data migrations neither run on the SQLite test database (tests/conftest.py DATA_MIGRATION_ROWS) nor "
        f"listed as needing nothing there: {sorted(unaccounted)}"
    )
    assert not set(NOTHING_FOR_AN_EMPTY_DATABASE) - found, "listed but no longer in the migrations"


def test_the_thresholds_the_data_migration_adds_are_in_the_test_database(db):
    from procurement.models import ProcurementThreshold

    migration = __import__("importlib").import_module("procurement.migrations.0002_uk_procurement_thresholds")
    assert ProcurementThreshold.objects.count() == len(migration.THRESHOLDS)
