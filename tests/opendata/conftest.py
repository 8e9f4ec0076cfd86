"""OParl tests: the business of the leak test (an open and an exempt report, appendices, a held meeting with
minutes, a published public pack, an exempt officer decision), a walk over everything OParl links, and the
OParl 1.1 schemas (copied into oparl-1.1-schema/, CC BY-SA 4.0)."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft4Validator

from governance.models import Partnership
from governance.papers.services import pack_build
from tests.governance.conftest import future_meeting, jc, officer, sd  # noqa: F401  (fixtures)

SCHEMAS = Path(__file__).parent / "oparl-1.1-schema"
TYPE = "https://schema.oparl.org/1.1/"


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def business(jc, officer):  # noqa: F811
    """(first, later): the leak test's two meetings, the later one with its public pack published."""
    from tests.governance.test_exempt_items_never_leak import business as make

    first, later = make(jc, officer)
    pack_build(meeting=later, audience="public", by=officer)
    return first, later


@pytest.fixture
def shared_digital(demo):
    return Partnership.objects.get(slug="shared-digital")


def validator(type_name):
    return Draft4Validator(json.loads((SCHEMAS / f"{type_name}.json").read_text()))


def local(url):
    """The path (and query) of an OParl URL, for the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def oparl_urls(value):
    """Every OParl URL in a JSON value (ids, lists, links), nested objects included."""
    if isinstance(value, dict):
        for v in value.values():
            yield from oparl_urls(v)
    elif isinstance(value, list):
        for v in value:
            yield from oparl_urls(v)
    elif isinstance(value, str) and "/oparl/v1.1/" in value:
        yield value


def objects_in(value):
    """Every OParl object in a JSON value: the value itself and those embedded in it."""
    if isinstance(value, dict):
        if isinstance(value.get("type"), str) and value["type"].startswith(TYPE):
            yield value
        for v in value.values():
            yield from objects_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from objects_in(v)


def walk(client, start="/oparl/v1.1/", *, extra=(), per_type=4):
    """Fetches what is reachable from start, following lists, links and ids (and the paths in extra): every
    list page, and of the objects at their own URLs up to per_type of each type (each such request builds
    the whole partnership, so a walk of every object would cost seconds). {path: (status, JSON)}."""
    seen, queue, fetched = {}, [start, *extra], {}
    while queue:
        path = local(queue.pop(0))
        if path in seen:
            continue
        parts = urlsplit(path).path.strip("/").split("/")
        if len(parts) == 6:  # oparl/v1.1/body/<slug>/<type>/<key>: one object
            if fetched.get(parts[4], 0) >= per_type and path not in extra:
                continue
            fetched[parts[4]] = fetched.get(parts[4], 0) + 1
        response = client.get(path)
        assert response.status_code < 500, path
        assert response["Content-Type"].startswith("application/json"), path
        data = response.json()
        seen[path] = (response.status_code, data)
        if response.status_code == 200:
            queue.extend(u for u in oparl_urls(data) if local(u) not in seen)
    return seen
