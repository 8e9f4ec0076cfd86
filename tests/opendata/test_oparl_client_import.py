"""A real OParl client reads us: meine-stadt-transparent 0.2.14 (the importer behind the German council
information sites), in its own virtual environment .venv-mst (scripts/setup.sh builds it, with a migrated
SQLite database this test copies), imports a partnership from a live server with `mst-manage import` —
its bodies, organizations, people, memberships, meetings, agenda items, papers, files and consultations —
and after a report and an item are withdrawn, `import_update` marks that paper and that agenda item deleted.

Nothing calls out: the body is given by URL, `--ags` saves the Wikidata lookup, `--skip-body-extra` the
OpenStreetMap outline, `--skip-files` and `--skip-download` the downloads; Elasticsearch is off.
It runs in CI's SQLite part (it needs no PostgreSQL: the client keeps its own SQLite database, and the
server's live_server works on SQLite). Its cost: the leak test's business (with its PDFs) and two client runs,
each starting an old Django and Wagtail (about 2.5 s of CPU) — 50 s of wall time measured on the shared
two-core machine at a load average of 12, roughly 20 s on an idle one."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from governance.papers.withdrawal import withdraw

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
MST = Path(os.environ.get("MST_VENV") or CACHE / "sharedservice" / "venv-mst").resolve()  # setup.sh: mst_env

pytestmark = pytest.mark.skipif(
    not (MST / "bin" / "mst-manage").exists() or not (MST / "template.sqlite3").exists(),
    reason="meine-stadt-transparent is not installed: scripts/setup.sh's mst_env builds it",
)


def mst(tmp_path, *args):
    """Runs mst-manage with its own settings (SQLite in tmp_path, Elasticsearch off) and a clean environment:
    none of ours (DJANGO_SETTINGS_MODULE above all) reaches it."""
    env = {
        "PATH": f"{MST / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "REAL_HOST": "localhost",
        "SECRET_KEY": "oparl-client-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'mst.sqlite3'}",
        "ELASTICSEARCH_ENABLED": "False",
        "NO_LOG_FILES": "True",
        "NO_PROXY": "*",
        "TIME_ZONE": "Europe/London",
    }
    result = subprocess.run(
        [str(MST / "bin" / "mst-manage"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    return result


def counts(tmp_path):
    tables = (
        "body",
        "organization",
        "person",
        "membership",
        "meeting",
        "agendaitem",
        "paper",
        "file",
        "consultation",
        "legislativeterm",
    )
    with sqlite3.connect(tmp_path / "mst.sqlite3") as db:
        return {
            t: db.execute(f"SELECT count(*) FROM mainapp_{t} WHERE deleted = 0").fetchone()[0] for t in tables
        }


def deleted(tmp_path, table, oparl_id):
    with sqlite3.connect(tmp_path / "mst.sqlite3") as db:
        row = db.execute(f"SELECT deleted FROM mainapp_{table} WHERE oparl_id = ?", (oparl_id,)).fetchone()
    return row and bool(row[0])


def total(client, kind):
    return client.get(f"/oparl/v1.1/body/shared-digital/{kind}/").json()["pagination"]["totalElements"]


def test_meine_stadt_transparent_imports_a_partnership_and_sees_a_withdrawal(
    live_server, business, officer, client, tmp_path
):
    first, later = business
    shutil.copy(MST / "template.sqlite3", tmp_path / "mst.sqlite3")
    body = f"{live_server.url}/oparl/v1.1/body/shared-digital/"
    mst(tmp_path, "import", body, "--skip-body-extra", "--skip-files", "--ags", "09162000")

    imported = counts(tmp_path)
    expected = {
        kind: total(client, kind)
        for kind in (
            "organization",
            "person",
            "membership",
            "meeting",
            "agendaItem",
            "paper",
            "consultation",
            "file",
        )
    }
    print("meine-stadt-transparent imported:", imported)
    assert imported["body"] == 1
    assert imported["organization"] == expected["organization"]
    assert imported["person"] == expected["person"] > 0
    assert imported["membership"] == expected["membership"] > 0
    assert imported["meeting"] == expected["meeting"] > 0
    assert imported["agendaitem"] == expected["agendaItem"] > 0
    assert imported["paper"] == expected["paper"] > 0
    assert imported["consultation"] == expected["consultation"] > 0
    assert imported["file"] == expected["file"] > 0
    assert imported["legislativeterm"] > 0

    report = later.items.get(title="Budget monitoring").report
    item = first.items.get(title="Network services transformation")
    withdraw(
        meeting=later, kind="report", target_id=report.pk, grounds="error", reason="Wrong figures", by=officer
    )
    withdraw(meeting=first, kind="item", target_id=item.pk, grounds="legal", reason="On advice", by=officer)
    paper_id = f"{body}paper/report-{report.pk}/"
    item_id = f"{body}agendaItem/{item.pk}/"
    assert not deleted(tmp_path, "paper", paper_id)
    assert not deleted(tmp_path, "agendaitem", item_id)

    mst(tmp_path, "import_update", "--skip-download")
    assert deleted(tmp_path, "paper", paper_id)
    assert deleted(tmp_path, "agendaitem", item_id)
    after = counts(tmp_path)
    assert after["paper"] == imported["paper"] - 1
    assert after["agendaitem"] == imported["agendaitem"] - 1
