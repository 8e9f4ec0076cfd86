"""A resident follows the Joint Committee by e-mail, end to end through a real SMTP server on loopback: they
subscribe (no account), confirm through the signed link in the one mail an unconfirmed address gets, the
committee officer publishes an agenda with the real publish service, the worker's daily digest lists it (and
only what the public may read), and the mail's one-click unsubscribe (RFC 8058) stops it and deletes the address."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from engagement.models import SentItem, Subscriber, Subscription
from governance.committees import services as committees

from .conftest import add_business, body_of

pytestmark = pytest.mark.django_db


def subscribe(client, sd, **fields):
    data = {"kind": "committee", "body_slug": "shared-digital-joint-committee", "frequency": "daily"}
    data.update(fields)
    return client.post(reverse("engagement:subscribe", kwargs={"partnership": sd.slug}), data)


def test_subscribe_confirm_publish_digest_and_one_click_unsubscribe(
    client, sd, future_meeting, officer, alerts_worker, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, sd, email="Resident@Example.ORG")
    assert response.status_code == 302
    assert alerts_worker.names() == ["send_confirmation"]  # the mail is the worker's, not the request's
    assert smtp_server.messages == []
    alerts_worker.run()

    # The one mail an unconfirmed address gets: the link that confirms.
    [confirmation] = smtp_server.messages
    assert confirmation["to"] == ["Resident@example.org"]
    text = body_of(confirmation["message"])
    link = re.search(r"https://alerts\.example\.org(/\S+/alerts/confirm/\S+/)", text).group(1)
    assert "List-Unsubscribe" not in confirmation["message"]
    assert client.get(link).status_code == 200  # a GET confirms nothing (mail scanners open links)
    assert Subscription.objects.get().confirmed_at is None
    assert "Alerts confirmed" in client.post(link).content.decode()

    # The committee officer publishes the agenda, an exempt item on it.
    add_business(future_meeting, officer, "Network Services Transformation")
    add_business(
        future_meeting,
        officer,
        "Supplier negotiations (secret)",
        is_exempt=True,
        exempt_paragraph=3,
        public_title="Contract award",
    )
    with django_capture_on_commit_callbacks(execute=True):
        committees.agenda_publish(meeting=future_meeting, by=officer)
    assert alerts_worker.names() == []  # nobody follows it "as soon as published": nothing to queue
    assert len(smtp_server.messages) == 1  # a daily subscriber waits for the digest

    # Celery beat's daily digest.
    alerts_worker.queued.append(("send_daily_digests", []))
    alerts_worker.run()
    assert len(smtp_server.messages) == 2
    digest = smtp_server.messages[1]["message"]
    assert digest["To"] == "Resident@example.org"
    assert digest["Subject"] == "Shared Digital: 1 new thing (Shared Digital Joint Committee)"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<https://alerts\.example\.org(/\S+/alerts/unsubscribe/\S+/)>", digest["List-Unsubscribe"].strip()
    )
    assert unsubscribe, digest["List-Unsubscribe"]
    # On the wire: the URL itself on the header's one line, as mail clients read it (no encoded words).
    raw = smtp_server.messages[1]["raw"].decode()
    assert f"\r\nList-Unsubscribe: <https://alerts.example.org{unsubscribe.group(1)}>\r\n" in raw
    text, html = body_of(digest), body_of(digest, "html")
    when = f"{future_meeting.date:%-d %B %Y}"
    assert f"Agenda published: Shared Digital Joint Committee, {when}" in text
    assert f"https://alerts.example.org/shared-digital/meetings/{future_meeting.pk}/" in text
    assert f'href="https://alerts.example.org/shared-digital/meetings/{future_meeting.pk}/"' in html
    assert "secret" not in text + html

    # Run again (a redelivered task, tomorrow's digest): nothing new, nothing sent.
    alerts_worker.queued.append(("send_daily_digests", []))
    alerts_worker.run()
    assert len(smtp_server.messages) == 2
    assert SentItem.objects.filter(delivery__isnull=False).count() == 1

    # The mail client's one-click unsubscribe: a POST with no CSRF token of ours.
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe.group(1), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    assert not Subscription.objects.exists() and not Subscriber.objects.exists()  # the address is gone


def test_an_immediate_subscription_is_mailed_once_the_publishing_transaction_commits(
    client, sd, future_meeting, officer, alerts_worker, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, sd, email="quick@example.org", frequency="immediate")
    alerts_worker.run()
    link = re.search(r"(/\S+/alerts/confirm/\S+/)", body_of(smtp_server.messages[0]["message"])).group(1)
    client.post(link)
    add_business(future_meeting, officer, "Gartner IT strategy")
    with django_capture_on_commit_callbacks(execute=True):
        committees.agenda_publish(meeting=future_meeting, by=officer)
    assert alerts_worker.names() == ["send_immediate_alerts"]
    alerts_worker.run()
    assert len(smtp_server.messages) == 2
    assert "Agenda published" in body_of(smtp_server.messages[1]["message"])


def test_an_address_that_never_confirmed_gets_no_alert(
    client, sd, future_meeting, officer, alerts_worker, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, sd, email="never@example.org", frequency="immediate")
    alerts_worker.queued.clear()  # the confirmation mail is lost: nothing is ever confirmed
    add_business(future_meeting, officer, "Network Services Transformation")
    with django_capture_on_commit_callbacks(execute=True):
        committees.agenda_publish(meeting=future_meeting, by=officer)
    alerts_worker.queued.append(("send_daily_digests", []))
    alerts_worker.run()
    assert smtp_server.messages == []
