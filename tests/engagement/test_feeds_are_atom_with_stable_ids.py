"""Every committee and the forward plan have an Atom feed that a feed reader parses without complaint
(feedparser, no bozo), with ids that do not change between readings, updated times, links to the public pages,
and a <link rel="alternate"> from the committee's page and the forward plan; exempt text never appears."""

from datetime import date, timedelta

import feedparser
import pytest

from governance.committees import services as committees
from governance.delegations.services import forward_plan_entry_create_from_item

from .conftest import add_business

pytestmark = pytest.mark.django_db

COMMITTEE_FEED = "/shared-digital/committees/shared-digital-joint-committee/feed.atom"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_committee_feed_lists_agendas_and_supplements_with_stable_ids(client, future_meeting, officer):
    add_business(future_meeting, officer, "Network Services Transformation")
    add_business(
        future_meeting,
        officer,
        "Kingfisher negotiations",
        is_exempt=True,
        exempt_paragraph=3,
        public_title="A contract",
    )
    committees.agenda_publish(meeting=future_meeting, by=officer)
    add_business(future_meeting, officer, "Finance update")
    committees.agenda_publish(meeting=future_meeting, by=officer)
    first = parse(client, COMMITTEE_FEED)
    when = f"{future_meeting.date:%-d %B %Y}"
    assert [e.title for e in first.entries] == [  # newest first: both issued today, the supplement later
        f"Supplementary agenda 1: Shared Digital Joint Committee, {when}",
        f"Agenda published: Shared Digital Joint Committee, {when}",
    ]
    ids = {e.id for e in first.entries}
    assert all(i.startswith("tag:") for i in ids) and len(ids) == 2
    assert all(e.updated_parsed for e in first.entries) and first.feed.updated_parsed
    assert all(
        e.link == f"http://testserver/shared-digital/meetings/{future_meeting.pk}/" for e in first.entries
    )
    assert "Kingfisher" not in client.get(COMMITTEE_FEED).content.decode()
    assert {e.id for e in parse(client, COMMITTEE_FEED).entries} == ids  # stable


def test_the_forward_plan_feed_lists_new_key_decisions(client, future_meeting, officer):
    item = add_business(future_meeting, officer, "Network Services Transformation", is_key_decision=True)
    forward_plan_entry_create_from_item(
        item=item,
        by=officer,
        councils=future_meeting.body.partnership.councils_on(future_meeting.date),
        reference="SD/TEST/1",
        title="Network Services Transformation",
        decision_maker="Shared Digital Joint Committee",
        published_on=date.today() - timedelta(days=1),
    )
    feed = parse(client, "/shared-digital/forward-plan.atom")
    [entry] = feed.entries
    assert entry.title == "Key decision on the forward plan: SD/TEST/1: Network Services Transformation"
    assert entry.id.startswith("tag:") and entry.updated_parsed


def test_pages_point_feed_readers_at_their_feeds(client, demo):
    body = client.get("/shared-digital/committees/shared-digital-joint-committee/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in body and COMMITTEE_FEED in body
    plan = client.get("/shared-digital/forward-plan/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml"' in plan
        and "/shared-digital/forward-plan.atom" in plan
    )


def test_a_feed_of_no_such_committee_is_a_404(client, demo):
    assert client.get("/shared-digital/committees/no-such-body/feed.atom").status_code == 404
