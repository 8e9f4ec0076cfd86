"""The public posts endpoint (/api/v1/partnerships/<slug>/posts/): the establishment open on a day, read
through staffing.public, paged and filtered with the establishment page's FilterSet (a bad parameter is a 400
naming the field), with no holder's name and no salary in it."""

import json
from datetime import date
from decimal import Decimal

import pytest

from governance.audit.versions import current_version
from staffing.models import Placement, PostHolder
from staffing.public import PublicPost, posts_view, public_posts_queryset

API = "/api/v1/partnerships/shared-digital/posts/"
TEAM = "Open data test team"
ON = "2018-06-01"


@pytest.fixture
def posts(post_factory, holder_factory, councils, grade):
    head = post_factory(reference="OD-1", title="Head of open data", team=TEAM)
    filled = post_factory(
        reference="OD-2",
        title="Data analyst",
        team=TEAM,
        reports_to=head,
        fte=Decimal("0.60"),
        employing_council=councils["LBI"],
    )
    Placement.objects.create(post=filled, council=councils["LBH"])
    Placement.objects.create(post=filled, council=councils["LBC"])
    holder_factory(post=filled, person="Zanzibar Quillfeather", fte=Decimal("0.60"))
    ended = post_factory(reference="OD-3", title="Old post", team=TEAM, effective_to=date(2017, 3, 31))
    return head, filled, ended


def test_the_public_reads_posts_without_signing_in_and_without_personal_data(client, posts, grade):
    response = client.get(f"{API}?team={TEAM}&on={ON}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2  # the post that ended before the day is not in the establishment then
    head, filled = body["results"]
    assert filled == {
        "reference": "OD-2",
        "title": "Data analyst",
        "grade": "PO5",
        "fte": "0.60",
        "team": TEAM,
        "employing_council": "LBI",
        "councils": ["LBC", "LBH"],
        "status": "filled",
        "effective_from": "2016-04-01",
        "effective_to": None,
        "reports_to": "OD-1",
    }
    assert head["status"] == "vacant" and head["councils"] == ["LBC"] and head["reports_to"] == ""
    text = json.dumps(body)
    assert "Zanzibar" not in text and "36500" not in text


def test_the_establishment_filters_apply_and_bad_values_are_400s_naming_the_field(client, posts):
    vacant = client.get(f"{API}?team={TEAM}&on={ON}&status=vacant").json()
    assert [p["reference"] for p in vacant["results"]] == ["OD-1"]
    by_council = client.get(f"{API}?team={TEAM}&on={ON}&council=LBI").json()
    assert [p["reference"] for p in by_council["results"]] == ["OD-2"]
    assert client.get(f"{API}?team={TEAM}&on=2017-01-01").json()["count"] == 3
    one = client.get(f"{API}?team={TEAM}&on={ON}&page_size=1").json()
    assert len(one["results"]) == 1 and one["next"]
    for query, field in [
        ("council=ZZZ", "council"),
        ("team=No+such+team", "team"),
        ("status=asleep", "status"),
        ("grade=XX9", "grade"),
        ("on=2018-02-30", "on"),
        ("on=yesterday", "on"),
        ("colour=red", "colour"),
        ("page=0", "page"),
        ("page=99", "page"),
        ("page_size=1e400", "page_size"),
    ]:
        response = client.get(f"{API}?{query}")
        assert response.status_code == 400, query
        assert list(response.json()) == [field], query


def test_the_projection_is_frozen_dataclasses_in_a_fixed_number_of_queries(
    sd, posts, django_assert_num_queries
):
    rows = list(public_posts_queryset(sd, date(2018, 6, 1)).filter(team=TEAM))
    with django_assert_num_queries(1):  # the councils the posts work for, all at once
        projected = posts_view(rows)
    assert all(isinstance(p, PublicPost) for p in projected)
    with pytest.raises(AttributeError):
        projected[0].title = "Changed"


def test_the_posts_endpoint_is_in_the_schema(client, demo):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/partnerships/{partnership}/posts/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"council", "team", "status", "grade", "on", "page", "page_size"} <= names


def test_the_posts_api_is_cached_and_a_change_through_the_services_shows_at_once(
    client, posts, councils, django_assert_max_num_queries
):
    from staffing import services

    head, filled, _ended = posts
    url = f"{API}?team={TEAM}&on={ON}"
    first = client.get(url)
    with django_assert_max_num_queries(1):  # the partnership, which the access middleware reads anyway
        assert client.get(url).content == first.content
    assert first.json()["results"][0]["status"] == "vacant"

    services.post_update(
        post=head, version=current_version(head), by=None, title="Head of open data and APIs"
    )
    assert client.get(url).json()["results"][0]["title"] == "Head of open data and APIs"
    services.holder_add(
        post=head,
        by=None,
        person="Ottoline Gravesend",
        kind=PostHolder.Kind.EMPLOYED,
        start=date(2017, 4, 1),
        fte=Decimal("1.00"),
        terms_council=councils["LBC"],
    )
    after = client.get(url).json()["results"][0]
    assert after["status"] == "filled" and "Ottoline" not in json.dumps(after)
