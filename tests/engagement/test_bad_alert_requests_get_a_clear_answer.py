"""A malformed address, a forged, expired, replayed or used-up confirmation link, and an unsubscribe for an
address that never subscribed each get a clear answer: 400 where the request is malformed, never a 500, and
no mail to an unconfirmed address."""

import pytest
from django.core import mail, signing
from django.urls import reverse

from engagement import services, tokens
from engagement.models import Subscriber, Subscription

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/shared-digital/alerts/"


def ask(client, **fields):
    data = {"kind": "committee", "body_slug": "shared-digital-joint-committee", "frequency": "daily"}
    return client.post(SUBSCRIBE, {**data, **fields})


def url(name, token):
    return reverse(f"engagement:{name}", kwargs={"partnership": "shared-digital", "token": token})


@pytest.fixture
def pending(demo):
    sd = demo["partnerships"]["shared-digital"]
    subscription, _ = services.subscription_request(
        partnership=sd, email="a@example.org", kind="forward_plan", frequency="daily"
    )
    return subscription


@pytest.mark.parametrize(
    "address", ["", "not-an-address", "a@", "@example.org", "a b@example.org", "x" * 300]
)
def test_a_malformed_address_is_a_400_with_the_field_error(client, demo, address):
    response = ask(client, email=address)
    assert response.status_code == 400
    assert services.BAD_ADDRESS in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_subscription_needs_what_it_follows(client, demo):
    assert services.NO_SUCH_COMMITTEE in ask(client, email="a@example.org", body_slug="").content.decode()
    search = ask(client, email="a@example.org", kind="search", query="  ")
    assert search.status_code == 400 and services.SEARCH_NEEDS_WORDS in search.content.decode()
    assert ask(client, email="a@example.org", kind="everything").status_code == 400
    assert ask(client, email="a@example.org", body_slug="x" * 500).status_code == 400


def test_a_forged_or_changed_confirmation_link_is_a_400(client, pending):
    good = tokens.confirm_token(pending)
    for token in [
        "nonsense",
        good[:-3] + "abc",
        signing.dumps({"s": pending.pk, "d": "0" * 20}, salt="other"),
    ]:
        response = client.post(url("confirm", token))
        assert response.status_code == 400 and services.LINK_BAD in response.content.decode()
    forged = signing.dumps(
        {"s": pending.pk, "d": "0" * 20}, salt=tokens.CONFIRM_SALT
    )  # signed, wrong address
    assert client.post(url("confirm", forged)).status_code == 410
    assert Subscription.objects.get().confirmed_at is None


def test_an_expired_confirmation_link_says_so(client, pending, monkeypatch):
    monkeypatch.setattr(tokens, "CONFIRM_MAX_AGE", -1)
    response = client.get(url("confirm", tokens.confirm_token(pending)))
    assert response.status_code == 400 and services.LINK_EXPIRED in response.content.decode()


def test_a_replayed_confirmation_link_says_it_is_done(client, pending):
    link = url("confirm", tokens.confirm_token(pending))
    assert client.post(link).status_code == 200
    again = client.post(link)
    assert again.status_code == 200 and services.ALREADY_CONFIRMED in again.content.decode()


def test_a_link_to_a_cancelled_subscription_is_gone(client, pending):
    link = url("confirm", tokens.confirm_token(pending))
    services.subscription_cancel(subscription=pending)
    response = client.post(link)
    assert response.status_code == 410 and services.LINK_USED_UP in response.content.decode()


def test_unsubscribing_what_never_was_subscribed_is_a_clear_answer(client, pending):
    never = signing.dumps(
        {"s": pending.pk + 1000, "d": tokens.digest("never@example.org")}, salt=tokens.UNSUBSCRIBE_SALT
    )
    response = client.post(url("unsubscribe", never))
    assert response.status_code == 200 and "No alerts to stop" in response.content.decode()
    assert client.post(url("unsubscribe", "forged")).status_code == 400
    assert client.get(url("unsubscribe", "forged")).status_code == 400
    assert Subscription.objects.count() == 1


def test_a_forged_manage_link_is_a_400_and_a_bad_choice_on_the_page_too(client, pending):
    assert client.get(url("manage", "forged")).status_code == 400
    services.subscription_confirm(token=tokens.confirm_token(pending))
    link = url("manage", tokens.manage_token(pending.subscriber))
    assert client.get(link).status_code == 200
    assert client.post(link, {"subscription": "999999", "action": "stop"}).status_code == 400
    assert (
        client.post(
            link, {"subscription": str(pending.pk), "action": "frequency", "frequency": "hourly"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            link, {"subscription": str(pending.pk), "action": "frequency", "frequency": "immediate"}
        ).status_code
        == 302
    )
    assert Subscription.objects.get().frequency == "immediate"
    assert client.post(link, {"subscription": str(pending.pk), "action": "stop"}).status_code == 302
    assert not Subscriber.objects.exists()  # nothing left: the address is deleted
    assert "no alerts" in client.get(link + "?stopped=1").content.decode()


def test_nothing_is_sent_to_an_unconfirmed_address(pending):
    assert services.alerts_send(subscription_id=pending.pk) is None
    assert mail.outbox == []


def test_the_manage_link_is_sent_only_to_an_address_with_alerts_and_the_page_answers_the_same(
    client, pending, monkeypatch
):
    from engagement import tasks

    queued = []
    monkeypatch.setattr(tasks.send_manage_link, "delay", lambda *a: queued.append(a))
    with_alerts = client.post("/shared-digital/alerts/manage/", {"email": "a@example.org"})
    without = client.post("/shared-digital/alerts/manage/", {"email": "nobody@example.org"})
    assert with_alerts.content == without.content
    assert client.post("/shared-digital/alerts/manage/", {"email": "nonsense"}).status_code == 400
    assert services.manage_link_send(subscriber_id=pending.subscriber_id) is False  # not confirmed yet
