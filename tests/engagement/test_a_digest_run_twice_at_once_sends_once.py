"""Redis redelivers a task whose worker was lost, and a daily digest can run while an immediate alert is being
sent: two runs for the same subscription at the same moment (two threads, two connections) send one mail. The
subscription's row is locked while what is new is worked out, recorded and sent; the second run then finds it
recorded."""

import threading
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from engagement import alerts, services
from engagement.models import SentItem, Subscriber, Subscription
from governance.models import Partnership

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's"),
    pytest.mark.postgres,
]


def test_two_runs_at_once_send_one_mail(monkeypatch):
    partnership = Partnership.objects.create(
        name="Test Digital", slug="test-digital", legal_basis="s113", start_date=date(2017, 1, 1)
    )
    subscription = Subscription.objects.create(
        subscriber=Subscriber.objects.create(email="a@example.org"),
        partnership=partnership,
        kind="forward_plan",
        confirmed_at=timezone.now(),
    )
    entered = threading.Barrier(2, timeout=30)
    found = [
        alerts.AlertItem("forward-plan:1", "Key decision on the forward plan", "SD/1: A decision", "/", None)
    ]

    def items_for(subscription, today=None):
        return found

    monkeypatch.setattr(alerts, "items_for", items_for)
    results, errors = [], []

    def run():
        try:
            entered.wait()  # both start together; one waits on the other's row lock
            results.append(services.alerts_send(subscription_id=subscription.pk))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(r is None for r in results) == [False, True]
    assert len(mail.outbox) == 1 and SentItem.objects.count() == 1
