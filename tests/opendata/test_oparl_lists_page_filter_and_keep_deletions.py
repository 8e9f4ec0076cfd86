"""OParl's external lists: paged with links.next until the last page, the created/modified filters and
omit_internal carried into every link, deleted objects (withdrawn) kept at their URL with deleted: true and
listed only when a client asks what changed (modified_since); ids are stable; and a list costs a fixed
number of queries, whatever the number of records."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import Meeting, Report
from governance.papers.withdrawal import withdraw
from opendata import oparl

from .conftest import local

BODY = "/oparl/v1.1/body/shared-digital/"


def public_report():
    return (
        Report.objects.filter(
            item__meeting__body__partnership__slug="shared-digital",
            signed_on__isnull=False,
            item__is_exempt=False,
        )
        .exclude(item__meeting__status=Meeting.Status.DRAFT)
        .select_related("item__meeting")
        .order_by("pk")
        .first()
    )


def test_a_list_pages_with_next_links_that_carry_the_filters(client, demo, monkeypatch):
    monkeypatch.setattr(oparl, "PAGE_SIZE", 3)
    since = "2000-01-01T00:00:00+00:00"
    url = f"{BODY}agendaItem/?modified_since={since.replace('+', '%2B')}&omit_internal=1"
    ids, pages = [], 0
    while url:
        data = client.get(local(url)).json()
        pages += 1
        ids += [o["id"] for o in data["data"]]
        assert len(data["data"]) <= 3
        url = data["links"].get("next")
        if url:
            query = parse_qs(urlsplit(url).query)
            assert query["modified_since"] == [since] and "omit_internal" in query
    assert pages == data["pagination"]["totalPages"] > 1
    assert len(ids) == len(set(ids)) == data["pagination"]["totalElements"]


def test_a_withdrawn_report_stays_at_its_url_as_deleted_and_is_listed_only_as_a_change(client, officer):
    report = public_report()
    before = timezone.now() - timedelta(seconds=1)
    paper = f"{BODY}paper/report-{report.pk}/"
    listed = [o["id"] for o in client.get(f"{BODY}paper/").json()["data"]]
    assert any(i.endswith(paper) for i in listed)
    withdraw(
        meeting=report.item.meeting,
        kind="report",
        target_id=report.pk,
        grounds="error",
        reason="r",
        by=officer,
    )

    answer = client.get(paper).json()
    assert answer["deleted"] is True and set(answer) == {"id", "type", "created", "modified", "deleted"}
    assert not any(o["id"].endswith(paper) for o in client.get(f"{BODY}paper/").json()["data"])
    changed = client.get(f"{BODY}paper/", {"modified_since": before.isoformat()}).json()["data"]
    assert [o["deleted"] for o in changed if o["id"].endswith(paper)] == [True]
    assert all(datetime.fromisoformat(o["modified"]) >= before.replace(microsecond=0) for o in changed)
    # The meeting changed with it, so a client updating its meetings sees the agenda without the report.
    meetings = client.get(f"{BODY}meeting/", {"modified_since": before.isoformat()}).json()["data"]
    assert [m["id"] for m in meetings] == [f"http://testserver{BODY}meeting/{report.item.meeting_id}/"]
    # Not changed since after the withdrawal: nothing listed.
    later = (timezone.now() + timedelta(seconds=1)).isoformat()
    assert client.get(f"{BODY}paper/", {"modified_since": later}).json()["data"] == []


def test_omit_internal_leaves_out_embedded_objects(client, demo):
    full = client.get(f"{BODY}meeting/").json()["data"]
    bare = client.get(f"{BODY}meeting/", {"omit_internal": "1"}).json()["data"]
    assert any("agendaItem" in m for m in full)
    assert not any("agendaItem" in m or "location" in m for m in bare)
    assert [m["id"] for m in full] == [m["id"] for m in bare]


def test_ids_are_stable_urls_that_answer_with_the_same_object(client, demo):
    for kind in ("meeting", "paper", "organization", "person", "membership", "agendaItem", "file"):
        listed = client.get(f"{BODY}{kind}/").json()["data"]
        assert listed, kind
        first = listed[0]
        assert client.get(local(first["id"])).json() == first


def test_a_list_costs_the_same_number_of_queries_however_many_records(client, jc, officer):
    from governance.committees import services

    def queries(path):
        cache.clear()  # the cost of building the list, not of reading a cached answer
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    paths = [f"{BODY}{kind}/" for kind in ("meeting", "paper", "person", "agendaItem", "file")]
    before = [queries(p) for p in paths]
    for days in (10, 20, 30):
        meeting = services.meeting_create(
            body=jc, date=timezone.localdate() + timedelta(days=days), venue="Town Hall", by=officer
        )
        services.agenda_item_add(
            meeting=meeting, version=meeting.agenda_version, by=officer, title=f"Business {days}"
        )
        meeting.refresh_from_db()
        services.agenda_publish(meeting=meeting, by=officer)
    assert len(client.get(f"{BODY}meeting/").json()["data"]) >= 5  # the demo's two, and three more
    assert [queries(p) for p in paths] == before
