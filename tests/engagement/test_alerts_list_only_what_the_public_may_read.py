"""An alert is written from the public projection at the moment it is sent: an item withdrawn between its
publication and the digest is not listed, an exempt item's own title is never searched or listed (only its
public title is), and each mail lists only what is new since the last one."""

from datetime import date

import pytest
from django.core import mail

from engagement import services, tokens
from engagement.alerts import new_for_search
from engagement.models import Subscription
from engagement.search import index_partnership
from governance.committees import services as committees
from governance.papers.withdrawal import withdraw

from .conftest import add_business

pytestmark = pytest.mark.django_db


def confirmed(sd, **fields):
    subscription, _ = services.subscription_request(partnership=sd, frequency="daily", **fields)
    Subscription.objects.filter(pk=subscription.pk).update(confirmed_at="2026-01-01T00:00:00Z")
    subscription.refresh_from_db()
    return subscription


def test_a_withdrawn_item_is_not_in_the_digest_and_an_exempt_title_is_never_searched(
    sd, future_meeting, officer
):
    subscription = confirmed(sd, email="a@example.org", kind="search", query="transformation")
    secret = confirmed(sd, email="b@example.org", kind="search", query="Kingfisher")
    add_business(future_meeting, officer, "Network Services Transformation")
    withdrawn = add_business(future_meeting, officer, "Telephony transformation")
    add_business(
        future_meeting,
        officer,
        "Kingfisher contract award",
        is_exempt=True,
        exempt_paragraph=3,
        public_title="A contract",
    )
    committees.agenda_publish(meeting=future_meeting, by=officer)
    index_partnership(sd)  # what the worker does after the commit (tests/environment.py turns it off)
    withdraw(
        meeting=future_meeting,
        kind="item",
        target_id=withdrawn.pk,
        grounds="error",
        reason="Not ready.",
        by=officer,
    )
    assert services.alerts_send(subscription_id=subscription.pk) is not None
    assert (
        services.alerts_send(subscription_id=secret.pk) is None
    )  # the exempt item's own title finds nothing
    [message] = mail.outbox
    assert "Network Services Transformation" in message.body
    assert "Telephony" not in message.body and "Kingfisher" not in message.body


def test_each_mail_lists_only_what_is_new_since_the_last(sd, future_meeting, officer):
    subscription = confirmed(
        sd, email="a@example.org", kind="committee", body_slug="shared-digital-joint-committee"
    )
    add_business(future_meeting, officer, "Network Services Transformation")
    committees.agenda_publish(meeting=future_meeting, by=officer)
    assert services.alerts_send(subscription_id=subscription.pk).item_count == 1
    add_business(future_meeting, officer, "Finance update")
    committees.agenda_publish(meeting=future_meeting, by=officer, urgency_reason="")  # supplementary agenda 1
    delivery = services.alerts_send(subscription_id=subscription.pk)
    assert delivery.item_count == 1
    assert "Supplementary agenda 1" in mail.outbox[1].body and "Agenda published" not in mail.outbox[1].body
    assert "New or changed: " in mail.outbox[1].body and "Finance update" in mail.outbox[1].body
    assert services.alerts_send(subscription_id=subscription.pk) is None and len(mail.outbox) == 2


def test_what_was_public_before_confirming_is_not_sent(sd, future_meeting, officer):
    add_business(future_meeting, officer, "Network Services Transformation")
    committees.agenda_publish(meeting=future_meeting, by=officer)
    subscription, _ = services.subscription_request(
        partnership=sd,
        email="late@example.org",
        kind="committee",
        body_slug="shared-digital-joint-committee",
        frequency="daily",
    )
    services.subscription_confirm(token=tokens.confirm_token(subscription))
    assert services.alerts_send(subscription_id=subscription.pk) is None and mail.outbox == []


def test_search_subscriptions_read_search_through_one_function(sd, future_meeting, officer):
    add_business(future_meeting, officer, "Network Services Transformation")
    committees.agenda_publish(meeting=future_meeting, by=officer)
    index_partnership(sd)  # what the worker does after the commit (tests/environment.py turns it off)
    since = date.today()
    found = new_for_search(sd, query="network", filters={"type": "agenda_item"}, since=since)
    assert [i.title for i in found] == ["Network Services Transformation"]
    assert "Network Service Transformation" in [i.title for i in new_for_search(sd, query="network")]  # 2017
    assert new_for_search(sd, query="network", filters={"type": "officer_decision"}) == []
    assert new_for_search(sd, query="network", filters={"committee": "no-such-body"}) == []
