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
