"""The public JSON API (/api/v1/): everyone reads it without signing in; it pages and filters like the pages
(a bad parameter is a 400 naming the field); detail responses carry an ETag and Last-Modified; dates are ISO
8601 and money decimal strings; the schema is OpenAPI 3 and its docs page loads its assets from this site."""

import re
from datetime import date, timedelta

import pytest
import yaml

from governance.models import Body, Meeting, Partnership

API = "/api/v1/partnerships/shared-digital"


@pytest.fixture
def jc(demo):
    return Body.objects.get(partnership__slug="shared-digital", slug="shared-digital-joint-committee")


def test_partnerships_and_their_councils_are_public(client, demo):
    listing = client.get("/api/v1/partnerships/").json()
    sd = next(p for p in listing if p["slug"] == "shared-digital")
    assert {c["code"] for c in sd["councils"]} == {"LBC", "LBH", "LBI"}
    assert sd["start_date"] == Partnership.objects.get(slug="shared-digital").start_date.isoformat()
    assert client.get("/api/v1/partnerships/no-such-one/").status_code == 404


def test_meetings_page_and_filter_with_the_meeting_pages_filterset(client, jc):
    meetings = client.get(f"{API}/meetings/").json()
    assert (
        meetings["count"]
        == Meeting.objects.filter(body__partnership__slug="shared-digital").exclude(status="draft").count()
    )
    first = meetings["results"][0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", first["date"])
    assert client.get(f"{API}/meetings/?body={jc.pk}").json()["count"] == meetings["count"]
    one = client.get(f"{API}/meetings/?page_size=1").json()
    assert len(one["results"]) == 1 and (one["next"] or meetings["count"] == 1)
    bad = client.get(f"{API}/meetings/?body=999999")
    assert bad.status_code == 400 and list(bad.json()) == ["body"]
    for query in ("page=abc", "page=0", "page=99", "page_size=1e400", "colour=red"):
        assert client.get(f"{API}/meetings/?{query}").status_code == 400, query


def test_the_register_filters_reject_bad_values_with_the_fields_error(client, demo):
    bad = client.get(f"{API}/resolutions/?date_from=2018-02-30")
    assert bad.status_code == 400 and list(bad.json()) == ["date_from"]
    assert client.get(f"{API}/officer-decisions/?council=abc").status_code == 400
    assert client.get(f"{API}/forward-plan/?council=ZZZ").json() == {
        "council": ["No such council in this partnership."]
    }
    found = client.get(f"{API}/resolutions/?text=network").json()
    assert all("network" in (r["text"] + r["item_title"] + r["reasons"]).lower() for r in found["results"])


def test_a_meeting_has_its_agenda_documents_as_links_an_etag_and_last_modified(client, demo):
    meeting = Meeting.objects.get(body__partnership__slug="shared-digital", date=date(2017, 6, 19))
    response = client.get(f"{API}/meetings/{meeting.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meeting"]["date"] == "2017-06-19"
    assert [i["number"] for i in data["agenda_items"]] == sorted(i["number"] for i in data["agenda_items"])
    assert data["documents"][0]["kind"] == "agenda"
    assert all(d["url"].startswith("http://testserver/") for d in data["documents"])
    assert response["ETag"] and response["Last-Modified"]
    cached = client.get(f"{API}/meetings/{meeting.pk}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert cached.status_code == 304 and not cached.content


def test_a_draft_meeting_is_not_in_the_api(client, jc):
    from django.contrib.auth import get_user_model

    from governance.committees import services

    officer = get_user_model().objects.get(username="officer")
    draft = services.meeting_create(body=jc, date=date.today() + timedelta(days=30), venue="Hall", by=officer)
    assert client.get(f"{API}/meetings/{draft.pk}/").status_code == 404
    assert draft.pk not in [m["id"] for m in client.get(f"{API}/meetings/?page_size=200").json()["results"]]


def test_the_api_writes_nothing(client, demo):
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(f"{API}/meetings/").status_code in (401, 403, 405)


def test_the_schema_is_openapi_3_and_the_docs_page_uses_assets_from_this_site(client, demo):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/partnerships/{partnership}/meetings/{meeting}/" in schema["paths"]
    params = {
        p["name"]
        for p in schema["paths"]["/api/v1/partnerships/{partnership}/resolutions/"]["get"]["parameters"]
    }
    assert {"body", "date_from", "date_to", "council", "key_decision", "text", "page", "page_size"} <= params
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    docs = client.get("/api/v1/docs/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', docs)
    assert sources and all(s.startswith("/") for s in sources), sources  # nothing from another site
    assert "<style>" not in docs and "<script>" not in docs  # the site's CSP allows no inline code
    assert any("swagger-ui-bundle.js" in s for s in sources)


def test_contracts_over_5000_are_the_transparency_codes_and_bad_parameters_are_400s(client, demo):
    from procurement import public as procurement_public

    for query in (
        "",
        "council=LBH&year=abc&quarter=1",
        "council=LBH&year=2018&quarter=5",
        "council=ZZ&year=2018&quarter=1",
    ):
        assert client.get(f"{API}/contracts/?{query}").status_code == 400, query
    councils = procurement_public.publishing_councils(Partnership.objects.get(slug="shared-digital"))
    for council in councils[:1]:
        rows = client.get(f"{API}/contracts/?council={council.code}&year=2018&quarter=2").json()
        assert all(float(r["total_value"]) > 5000 and isinstance(r["total_value"], str) for r in rows)
