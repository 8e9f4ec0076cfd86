"""Celery tasks of e-mail alerts: each takes ids and calls one service; each is safe to run twice (what was
sent is recorded uniquely, engagement.models.SentItem).

The search index's worker task: reads the text of newly published PDFs and brings a partnership's index up
to date. Takes an id, calls one function, safe to run twice (rows are keyed by what they index). When it wrote
something, the partnership's 'as soon as published' search subscriptions are sent what is new: a search reads
the index, so the alert queued as the publication commits may have run before the index held it."""

import functools

from celery import shared_task
from django.db import transaction

from governance.partners.public import partnership_rows

from . import services
from .models import Subscription
from .search.index import index_partnership


@shared_task(acks_late=True)
def send_confirmation(subscription_id):
    return services.confirmation_send(subscription_id=subscription_id)


@shared_task(acks_late=True)
def send_manage_link(subscriber_id):
    return services.manage_link_send(subscriber_id=subscriber_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_alerts(subscription_id):
    """One subscription's mail of what is new (SMTP trouble: retried later, nothing recorded meanwhile)."""
    return bool(services.alerts_send(subscription_id=subscription_id))


@shared_task(acks_late=True)
def send_immediate_alerts(partnership_id):
    """Queued as a publishing transaction commits: every confirmed 'as soon as published' subscription of the
    partnership gets its own task."""
    ids = list(
        Subscription.objects.filter(
            partnership_id=partnership_id,
            frequency=Subscription.Frequency.IMMEDIATE,
            confirmed_at__isnull=False,
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        send_alerts.delay(pk)
    return len(ids)


@shared_task(acks_late=True)
def send_daily_digests():
    """Celery beat, once a day: every confirmed subscription gets its own task, the daily ones for their digest
    and the immediate ones to catch up with anything an immediate run missed (a broker down as something was
    published): each is sent only what it has not been told of."""
    ids = list(
        Subscription.objects.filter(confirmed_at__isnull=False).order_by("pk").values_list("pk", flat=True)
    )
    for pk in ids:
        send_alerts.delay(pk)
    return len(ids)


@shared_task(acks_late=True)
def purge_unconfirmed():
    return services.unconfirmed_purge()


@shared_task(acks_late=True)
def search_index_update(partnership_id):
    found = partnership_rows([partnership_id])
    if not found:
        return None
    partnership = found[0]
    documents, written, deleted = index_partnership(partnership, read_files=True)
    alerts = queue_search_alerts(partnership.pk) if written else 0
    return {"documents": documents, "written": written, "deleted": deleted, "alerts": alerts}


def queue_search_alerts(partnership_id):
    """After the index took in new or changed documents: each confirmed 'as soon as published' search
    subscription of the partnership gets its own task (each is sent only what it has not been told of). Like
    send_immediate_alerts, robust: a broker that is down leaves them to the daily run."""
    ids = list(
        Subscription.objects.filter(
            partnership_id=partnership_id,
            kind=Subscription.Kind.SEARCH,
            frequency=Subscription.Frequency.IMMEDIATE,
            confirmed_at__isnull=False,
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        transaction.on_commit(functools.partial(send_alerts.delay, pk), robust=True)
    return len(ids)
