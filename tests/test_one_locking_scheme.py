"""One optimistic-locking scheme (issue 27 §3): an edit form carries its record's version, the id of the record's
latest django-simple-history row (governance/audit/versions.py), and a stale save is refused through the one view
helper (governance/formfields.add_service_error: 409, the other person's changes beside yours). No model keeps an
integer `version` column of its own that services check and bump by hand; the integer columns named like a version
that remain are the documented numbers below, each a published document's number or a cache key, not a lock of
its own. Nothing is run but the model registry and `ast` over the source."""

import ast
from pathlib import Path

from django.apps import apps
from django.db import models

ROOT = Path(__file__).resolve().parent.parent
APPS = ["governance", "staffing", "procurement", "finance", "engagement", "opendata", "sharedservice"]

# "app_label.Model.field": why the integer is not a lock of its own.
DOCUMENT_NUMBERS = {
    "governance.TermsOfReference.version": "the printed number of a body's terms of reference (Version 2 ...)",
    "governance.AgendaPack.version": "the pack's printed number and file name (agenda pack, version 3), 410 once old",
    "governance.AgendaPack.agenda_version": "which revision of the agenda the pack was built from",
    "governance.PublishedAgenda.agenda_version": "which revision of the agenda a publication (or supplement) froze",
    "governance.AgendaChange.version": "the revision each entry of the agenda's change log made",
    # The agenda's revision number: publications and packs freeze it, and the papers compare them by it (a pack
    # carries the supplements of revisions up to its own; "agenda changed since" the pack or the publication).
    # The agenda editor's forms carry it, because what they lock is the agenda as published, the meeting's
    # items as a whole, not one record; a stale one is refused through the same helper, 409, with the change
    # log's entries shown as the other person's changes (committees.services.AgendaConflict, a StaleRecord).
    "governance.Meeting.agenda_version": "the agenda's revision number, frozen by publications and packs",
    "governance.Partnership.public_version": "the cache key of the partnership's public pages",
    "governance.Partnership.data_version": "the cache key of the partnership's figures",
}


def versionlike_integer_columns(models_to_read):
    """Every "label.field" of an integer column whose name ends in `version`, historical models left out (they
    copy their record's columns)."""
    found = set()
    for model in models_to_read:
        if getattr(model, "instance_type", None) is not None:  # django-simple-history's historical model
            continue
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.IntegerField)
                and not isinstance(field, models.AutoField)
                and field.name.lower().endswith("version")
            ):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_no_model_keeps_an_integer_version_of_its_own_besides_the_documented_numbers():
    found = versionlike_integer_columns(apps.get_models())
    unexplained = sorted(found - set(DOCUMENT_NUMBERS))
    assert unexplained == [], (
        "An integer *version column is a second locking scheme: give the form the record's history id "
        f"(governance/audit/versions.py: current_version, check_version) instead: {unexplained}"
    )
    # Each documented number still exists (a column removed is taken off the list, so the list never covers
    # a column it no longer names).
    assert sorted(set(DOCUMENT_NUMBERS) - found) == []


def test_the_check_sees_an_integer_version_column():
    found = versionlike_integer_columns(apps.get_models())
    assert "governance.Meeting.agenda_version" in found and "governance.TermsOfReference.version" in found
    assert not any(label.startswith("governance.Historical") for label in found)


def hand_bumped_versions(source, filename):
    """`obj.version += 1` (or any `….<name>version += …`): a version moved by hand, as the integer columns were."""
    bumps = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if (
            isinstance(node, ast.AugAssign)
            and isinstance(node.target, ast.Attribute)
            and node.target.attr.lower().endswith("version")
        ):
            bumps.append(f"{filename}:{node.lineno} {node.target.attr}")
    return bumps


def test_no_code_bumps_a_version_by_hand():
    bumps = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                bumps += hand_bumped_versions(path.read_text(), str(path.relative_to(ROOT)))
    assert bumps == [], f"A record's version is its latest history id, never moved by hand: {bumps}"


def test_the_bump_check_sees_a_bump():
    assert hand_bumped_versions("post.version += 1\n", "x.py") == ["x.py:1 version"]
