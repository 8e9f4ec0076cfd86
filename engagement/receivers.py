"""What engagement does when something is published (connected in EngagementConfig.ready())."""

from .tasks import send_immediate_alerts


def queue_immediate_alerts(sender, partnership, **kwargs):
    """governance.partners.public_cache.published: once the publishing transaction commits, the worker sends
    the partnership's 'as soon as published' alerts (nothing is queued if the transaction rolls back)."""
    send_immediate_alerts.delay_on_commit(partnership)
