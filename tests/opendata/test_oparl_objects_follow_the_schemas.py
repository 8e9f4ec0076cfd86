"""Every OParl object a client can reach from the System validates against its OParl 1.1 schema, carries
created and modified, and every external list has the shape the specification gives it."""

from datetime import datetime

from governance.papers.withdrawal import withdraw

from .conftest import TYPE, objects_in, validator, walk

TYPES = (
    "System",
    "Body",
    "Organization",
    "Person",
    "Membership",
    "Meeting",
    "AgendaItem",
    "Location",
    "Paper",
    "File",
    "Consultation",
    "LegislativeTerm",
)


def test_every_object_reachable_from_the_system_validates_against_its_schema(client, business, officer):
    first, later = business
    report = later.items.get(title="Budget monitoring").report
    withdraw(
        meeting=later, kind="report", target_id=report.pk, grounds="error", reason="Wrong figures", by=officer
    )
    body = "/oparl/v1.1/body/shared-digital/"
    since = "?modified_since=2000-01-01T00:00:00%2B00:00"
    seen = walk(client, extra=[f"{body}{kind}/{since}" for kind in ("paper", "file", "agendaItem")])
    found = {t: 0 for t in TYPES}
    deleted = 0
    for path, (status, data) in seen.items():
        assert status == 200, (path, data)
        if "data" in data:  # an external list
            assert set(data) >= {"data", "pagination", "links"}, path
            assert data["pagination"]["totalElements"] >= len(data["data"])
        for obj in objects_in(data):
            name = obj["type"].removeprefix(TYPE)
            errors = sorted(validator(name).iter_errors(obj), key=str)
            assert not errors, (path, obj["id"], [e.message for e in errors])
            for stamp in ("created", "modified"):
                assert datetime.fromisoformat(obj[stamp]).tzinfo is not None, (obj["id"], stamp)
            assert datetime.fromisoformat(obj["modified"]) >= datetime.fromisoformat(obj["created"]), obj[
                "id"
            ]
            found[name] += 1
            deleted += bool(obj.get("deleted"))
    assert all(found.values()), found
    assert deleted >= 2  # the withdrawn report and its file, listed as changed since 2000
