"""Cached figures and public pages are never stale, whichever path wrote, and keeping them so costs one UPDATE of
each changed partnership per transaction (governance/partners/freshness.py).

- A transaction bumps each partnership it changed once, as it commits, however many history rows it wrote.
- A deletion of several records in the Django admin (whose log Django 5.2 writes with bulk_create, so no
  post_save fires) and a bulk update typed in a shell are public at once.
- The public cache keys on the host and scheme asked for: absolute URLs cached for one host never reach another.
- No convention left unchecked: the services, run through the demo loaders and an agenda's life, mark every
  partnership whose public records they write (a transaction that writes a public table and marks nothing is
  reported, and made safe by bumping every partnership).
"""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from governance.committees import services
from governance.committees.services import numbered
from governance.models import Partnership, Resolution
from governance.partners import freshness

from ..conftest import add_business

API = "/api/v1/partnerships/shared-digital"


def _partnership_updates(queries):
    return [q["sql"] for q in queries if re.match(r'\s*UPDATE\s+"?governance_partnership"?', q["sql"])]


def _versions():
    return {
        slug: (public, data)
        for slug, public, data in Partnership.objects.values_list("slug", "public_version", "data_version")
    }


def test_reordering_an_agenda_bumps_its_partnership_once(future_meeting, officer):
    for title in "ABCD":
        add_business(future_meeting, officer, title)
    future_meeting.refresh_from_db()
    items = numbered(list(future_meeting.items.all()))
    standard = [i.pk for i in items if i.standard]
    business = [i.pk for i in items if not i.standard]
    before = _versions()
    with CaptureQueriesContext(connection) as ctx:
        services.agenda_item_reorder(
            meeting=future_meeting,
            order=standard + business[::-1],
            version=future_meeting.agenda_version,
            by=officer,
        )
    assert len([q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]) >= 4  # history rows
    assert len(_partnership_updates(ctx.captured_queries)) == 1
    after = _versions()
    assert after["shared-digital"] == (before["shared-digital"][0] + 1, before["shared-digital"][1] + 1)
    assert after["triborough-ict"] == before["triborough-ict"]


def test_nothing_is_bumped_until_the_transaction_ends_and_nothing_if_it_rolls_back(future_meeting, officer):
    before = _versions()
    with transaction.atomic():
        services.meeting_update(meeting=future_meeting, venue="Council Chamber", by=officer)
        services.meeting_update(meeting=future_meeting, venue="Committee Room 1", by=officer)
        assert _versions() == before  # no partnership row is held while the transaction works
    after = _versions()
    assert after["shared-digital"] == (before["shared-digital"][0] + 1, before["shared-digital"][1] + 1)

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        services.meeting_update(meeting=future_meeting, venue="Nowhere", by=officer)
        raise Undo
    assert _versions() == after


def _resolutions(client):
    response = client.get(f"{API}/resolutions/", {"page_size": 200})
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def admin_client_for(client):
    from django.contrib.auth import get_user_model

    def sign_in():
        admin = get_user_model().objects.get(username="admin")
        signed_in = type(client)()
        signed_in.force_login(admin)
        return signed_in

    return sign_in


def test_a_bulk_delete_in_the_admin_is_public_at_once(demo, client, admin_client_for):
    listed = _resolutions(client)  # cached for anonymous callers
    doomed = list(
        Resolution.objects.filter(item__meeting__body__partnership__slug="shared-digital")
        .filter(pk__in=[r["id"] for r in listed["results"]])
        .values_list("pk", flat=True)[:2]
    )
    assert len(doomed) == 2
    before = _versions()
    response = admin_client_for().post(
        "/admin/governance/resolution/",
        {"action": "delete_selected", "_selected_action": doomed, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Resolution.objects.filter(pk__in=doomed).exists()
    after = _versions()
    assert after["shared-digital"][0] > before["shared-digital"][0]
    again = _resolutions(client)
    assert again["count"] == listed["count"] - 2
    assert not {r["id"] for r in again["results"]} & set(doomed)


def test_a_bulk_update_with_no_history_rows_is_public_at_once(demo, client):
    listed = _resolutions(client)
    first = listed["results"][0]
    with freshness.watching() as unmarked, transaction.atomic():  # as a script or a shell would
        Resolution.objects.filter(pk=first["id"]).update(reasons="Reasons rewritten in bulk.")
    assert unmarked == [["governance_resolution"]]  # nothing named a partnership: every one was bumped
    again = _resolutions(client)
    assert next(r for r in again["results"] if r["id"] == first["id"]) != first
    assert "Reasons rewritten in bulk." in str(again)


def test_the_public_cache_keys_on_the_host_and_scheme(demo, client, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    url = f"{API}/meetings/?page_size=1"
    first = client.get(url, HTTP_HOST="one.example")
    assert first.status_code == 200 and "http://one.example/" in first.content.decode()
    other = client.get(url, HTTP_HOST="two.example")
    assert "http://two.example/" in other.content.decode()
    assert "one.example" not in other.content.decode()
    secure = client.get(url, HTTP_HOST="one.example", secure=True)
    assert "https://one.example/" in secure.content.decode()


def test_every_service_run_by_the_demo_loaders_and_an_agendas_life_marks_what_it_changes(
    future_meeting, officer
):
    from procurement import demo as procurement_demo
    from staffing import demo as staffing_demo

    with freshness.watching() as unmarked:
        staffing_demo.load()
        procurement_demo.load()
        for title in "AB":
            add_business(future_meeting, officer, title)
        future_meeting.refresh_from_db()
        items = numbered(list(future_meeting.items.all()))
        services.agenda_item_reorder(
            meeting=future_meeting,
            order=[i.pk for i in items if i.standard] + [i.pk for i in items if not i.standard][::-1],
            version=future_meeting.agenda_version,
            by=officer,
        )
        services.agenda_publish(meeting=future_meeting, by=officer)
        services.meeting_update(meeting=future_meeting, venue="Council Chamber", by=officer)
    assert unmarked == [], unmarked


def test_the_watch_catches_a_service_that_writes_public_records_and_marks_nothing(future_meeting):
    from governance.models import AgendaItem

    @transaction.atomic
    def careless_service(*, meeting):
        AgendaItem.objects.filter(meeting=meeting).update(title="Renamed behind the cache's back")

    before = _versions()
    with freshness.watching() as unmarked:
        careless_service(meeting=future_meeting)
    assert unmarked == [["governance_agendaitem"]]
    after = _versions()
    assert all(after[slug][0] > before[slug][0] for slug in before)  # safe: every partnership's pages
