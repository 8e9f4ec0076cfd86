"""Public pages are cached for anonymous readers, keyed by the partnership's public version: a cached page is
served without reading the data again, and a service that changes what the public sees bumps the version in
its own transaction, so the next reader gets the new page, never the stale one. People signed in are never
served from the cache (drafts and exempt items are theirs only)."""

from governance.committees import services
from governance.models import Partnership


def test_an_anonymous_reader_is_served_from_the_cache_until_the_public_data_changes(
    future_meeting, officer, client, django_assert_max_num_queries
):
    services.agenda_publish(meeting=future_meeting, by=officer)
    url = f"/shared-digital/meetings/{future_meeting.pk}/"
    first = client.get(url)
    assert first.status_code == 200 and b"Committee Room 3" in first.content
    with django_assert_max_num_queries(1):  # the partnership, which the access middleware reads anyway
        again = client.get(url)
    assert again.content == first.content

    version = Partnership.objects.get(slug="shared-digital").public_version
    services.meeting_update(meeting=future_meeting, venue="Council Chamber, Islington Town Hall", by=officer)
    assert Partnership.objects.get(slug="shared-digital").public_version > version
    after = client.get(url)
    assert b"Council Chamber, Islington Town Hall" in after.content
    assert b"Committee Room 3" not in after.content


def test_a_draft_seen_by_an_officer_is_never_cached_for_the_public(future_meeting, officer, client):
    url = f"/shared-digital/meetings/{future_meeting.pk}/"
    client.force_login(officer)
    assert client.get(url).status_code == 200  # the draft, for the officer
    client.logout()
    assert client.get(url).status_code == 404  # the public never sees a draft
    listing = client.get("/shared-digital/meetings/")
    assert f"/meetings/{future_meeting.pk}/".encode() not in listing.content
    services.agenda_publish(meeting=future_meeting, by=officer)
    assert client.get(url).status_code == 200
    assert f"/meetings/{future_meeting.pk}/".encode() in client.get("/shared-digital/meetings/").content


def test_the_partnership_the_service_names_is_the_one_bumped(jc, officer, future_meeting):
    sd, tri = (
        Partnership.objects.get(slug="shared-digital"),
        Partnership.objects.exclude(slug="shared-digital")[0],
    )
    before = {p.pk: p.public_version for p in (sd, tri)}
    services.agenda_publish(meeting=future_meeting, by=officer)
    after = {p.pk: p.public_version for p in Partnership.objects.filter(pk__in=before)}
    assert after[sd.pk] > before[sd.pk] and after[tri.pk] == before[tri.pk]


def test_a_change_made_in_the_admin_puts_every_partnerships_cached_pages_out_of_date(
    future_meeting, officer, rf
):
    # The admin goes round the services; the change it logs marks every partnership's public pages stale.
    from django.contrib import admin

    from governance.models import Meeting

    before = dict(Partnership.objects.values_list("pk", "public_version"))
    request = rf.post("/admin/")
    request.user = officer
    admin.site._registry[Meeting].log_change(request, future_meeting, "Changed venue.")
    after = dict(Partnership.objects.values_list("pk", "public_version"))
    assert all(after[pk] > version for pk, version in before.items())


def venue_in_list(response, meeting):
    return next(m["venue"] for m in response.json()["results"] if m["id"] == meeting.pk)


def test_the_public_api_is_cached_for_anonymous_callers_and_a_change_is_visible_at_once(
    future_meeting, officer, client, django_assert_max_num_queries
):
    services.agenda_publish(meeting=future_meeting, by=officer)
    api = "/api/v1/partnerships/shared-digital"
    urls = [f"{api}/meetings/", f"{api}/meetings/{future_meeting.pk}/", f"{api}/bodies/"]
    first = {url: client.get(url) for url in urls}
    assert all(r.status_code == 200 for r in first.values())
    assert venue_in_list(first[urls[0]], future_meeting).startswith("Committee Room 3")
    for url in urls:
        with django_assert_max_num_queries(1):  # the partnership, which the access middleware reads anyway
            again = client.get(url)
        assert again.status_code == 200 and again.content == first[url].content
        assert again["Content-Type"] == first[url]["Content-Type"] == "application/json"

    # A cached detail keeps its validators: its ETag, and a 304 for a caller who has it.
    detail = first[urls[1]]
    assert detail["ETag"] and detail["Last-Modified"]
    with django_assert_max_num_queries(1):
        unchanged = client.get(urls[1], HTTP_IF_NONE_MATCH=detail["ETag"])
    assert unchanged.status_code == 304 and unchanged["ETag"] == detail["ETag"] and not unchanged.content

    services.meeting_update(meeting=future_meeting, venue="Council Chamber, Islington Town Hall", by=officer)
    assert venue_in_list(client.get(urls[0]), future_meeting) == "Council Chamber, Islington Town Hall"
    assert client.get(urls[1]).json()["meeting"]["venue"] == "Council Chamber, Islington Town Hall"
    assert client.get(urls[1], HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 200


def test_a_draft_meeting_never_reaches_the_api_through_its_cache(future_meeting, officer, client):
    api = "/api/v1/partnerships/shared-digital"
    assert client.get(f"{api}/meetings/{future_meeting.pk}/").status_code == 404
    listed = client.get(f"{api}/meetings/").json()
    assert future_meeting.pk not in [m["id"] for m in listed["results"]]
    services.agenda_publish(meeting=future_meeting, by=officer)
    assert client.get(f"{api}/meetings/{future_meeting.pk}/").status_code == 200
    assert future_meeting.pk in [m["id"] for m in client.get(f"{api}/meetings/").json()["results"]]


def test_a_caller_with_a_session_is_never_served_the_cached_api(
    future_meeting, officer, client, django_assert_max_num_queries
):
    services.agenda_publish(meeting=future_meeting, by=officer)
    url = "/api/v1/partnerships/shared-digital/meetings/"
    client.get(url)  # cached for the public
    client.force_login(officer)
    client.get(url)  # the first request of a session may save it
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert any("governance_meeting" in q["sql"] for q in ctx.captured_queries)  # read, not cached


def test_a_long_query_string_makes_a_bounded_cache_key_and_each_query_its_own_page(demo, client, recwarn):
    """Keys hash what the caller chose: a 5,000-character query (as the schemathesis walk sends) makes no
    over-long key (Django warns of keys over 250 characters), and two queries never share a cached page."""
    import warnings

    from django.core.cache import CacheKeyWarning

    warnings.simplefilter("error", CacheKeyWarning)
    long_query = "x" * 5000
    page = "/shared-digital/meetings/"
    assert client.get(page, {"junk": long_query}).status_code == 200
    assert client.get(page, {"junk": long_query}).status_code == 200  # served from the cache
    # The API refuses a parameter it does not know (400), after looking in the cache under the request's key.
    assert client.get("/api/v1/partnerships/shared-digital/meetings/", {"junk": long_query}).status_code == 400
    assert not [w for w in recwarn if issubclass(w.category, CacheKeyWarning)]
    register = client.get("/shared-digital/decisions/", {"text": "network"}).content
    assert client.get("/shared-digital/decisions/", {"text": "zzzz-no-such-decision"}).content != register
