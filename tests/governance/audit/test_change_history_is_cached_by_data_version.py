"""A page of the change history is kept in the cache under the version of everything it shows, the reader and
the query: read again unchanged, it is not read and compared again; any change recorded (to a partnership's
record, or to a council, which belongs to no one partnership) shows on the next reading."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import Council, Partnership
from governance.roles import Role


def _get(client, url="/changes/"):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    count = page[page.index('id="changes-count"') : page.index('action="/changes/export/"')]
    table = page[page.index('<table class="govuk-table" id="changes">') : page.index("</table>")]
    assert "csrfmiddlewaretoken" not in count
    return count + table, len(ctx)


def test_the_trail_read_again_is_served_from_the_cache_until_something_changes(client, demo, make_user):
    client.force_login(make_user(Role.AUDITOR, username="ada"))
    client.get("/changes/")  # the session's first request may write it
    cache.clear()
    first, fresh = _get(client)
    again, cached = _get(client)
    assert again == first and cached < fresh

    sd = Partnership.objects.get(slug="shared-digital")
    sd.description = "Renamed for the cache test"
    sd.save()
    after, _ = _get(client)
    assert after != first and "Renamed for the cache test" in after

    council = Council.objects.get(code="LBC")
    council.website = "https://camden.example/cache-test"
    council.save()
    latest, _ = _get(client)
    assert "camden.example/cache-test" in latest


def test_a_filtered_page_and_another_page_are_kept_apart(client, demo, make_user):
    client.force_login(make_user(Role.AUDITOR, username="ada"))
    whole, _ = _get(client)
    councils, _ = _get(client, "/changes/?kind=governance.council")
    assert whole != councils
    assert _get(client)[0] == whole
