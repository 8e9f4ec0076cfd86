"""What engagement does when something is published (connected in EngagementConfig.ready())."""

import functools

from django.db import transaction

from .models import Subscription
from .tasks import send_immediate_alerts


def queue_immediate_alerts(sender, partnership, **kwargs):
    """governance.partners.public_cache.published: once the publishing transaction commits, the worker sends the
    partnership's 'as soon as published' alerts (nothing is queued if it rolls back, nor when nobody follows the
    partnership that way). Like `delay_on_commit`, but robust: a broker that is down never turns a publication
    that has committed into an error page; the daily run catches up with what it missed."""
    if Subscription.objects.filter(
        partnership_id=partnership, frequency=Subscription.Frequency.IMMEDIATE, confirmed_at__isnull=False
    ).exists():
        transaction.on_commit(functools.partial(send_immediate_alerts.delay, partnership), robust=True)
