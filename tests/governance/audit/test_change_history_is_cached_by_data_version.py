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


def _partnership_lists(ctx):
    """Queries reading the partnerships in name order: the header's (every partnership, for an auditor) and the
    partnership filter's choices."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if 'FROM "governance_partnership" ORDER BY "governance_partnership"."name"' in q["sql"]
    ]


def test_the_page_and_its_parts_read_the_headers_partnerships_once(client, demo, make_user):
    # The page renders its filters, head and table on their own (with the request, so through the context
    # processors) and then the page: the header's partnerships are read once a request, not once a part.
    client.force_login(make_user(Role.AUDITOR, username="ada"))
    client.get("/changes/")
    cache.clear()
    with CaptureQueriesContext(connection) as fresh:
        assert client.get("/changes/").status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert client.get("/changes/").status_code == 200
    assert len(_partnership_lists(fresh)) == 2  # the header's and the filter's choices
    assert len(_partnership_lists(cached)) == 1  # the header's (the filters come from the cache)
