"""E-mail alerts: every write, in one transaction, raising errors whose messages are constants.

    subscription_request(*, partnership, email, kind, frequency, body_slug="", query="", filters=None)
        -> (Subscription, needs_confirmation)
    subscription_confirm(*, token) -> Subscription          (BadLink, or LinkError with a constant message)
    subscription_cancel(*, subscription)                    (the address goes with its last subscription)
    subscription_set_frequency(*, subscription, frequency)
    alerts_send(*, subscription_id) -> Delivery | None      (what is new, once: safe to run twice)
    confirmation_send(*, subscription_id) -> bool
    manage_link_send(*, subscriber_id) -> bool
    unconfirmed_purge(*, now=None) -> int

Nothing is sent to an address that has not confirmed, except the mail that asks it to confirm.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from governance.committees.public import public_bodies

from . import alerts, mail, tokens
from .models import Delivery, SentItem, Subscriber, Subscription

# Unconfirmed requests are deleted after this long (the privacy notice says so).
UNCONFIRMED_DAYS = 7

BAD_ADDRESS = "Enter an e-mail address in the right format, like name@example.com."
NO_SUCH_COMMITTEE = "Choose a committee or board of this partnership."
SEARCH_NEEDS_WORDS = "Enter the words to search for."
LINK_USED_UP = (
    "This link is for a subscription that no longer exists: it was cancelled, or never confirmed in time. "
    "Subscribe again if you want alerts."
)
LINK_EXPIRED = (
    "This confirmation link has expired (links work for three days). Subscribe again to get a new one."
)
LINK_BAD = "This link is not one we sent, or it was changed or cut short. Check the link in your e-mail."
ALREADY_CONFIRMED = "This subscription was already confirmed: nothing more to do."


class LinkError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def normalise_email(email):
    """The address as stored: trimmed, the domain in lower case (the local part is the mailbox's business)."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": BAD_ADDRESS}) from error
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def _same(subscription, *, kind, body_slug, query, filters):
    return (
        subscription.kind == kind
        and subscription.body_slug == body_slug
        and subscription.query == query
        and (subscription.filters or {}) == (filters or {})
    )


@transaction.atomic
def subscription_request(*, partnership, email, kind, frequency, body_slug="", query="", filters=None):
    """A new, unconfirmed subscription (or the same one asked for again). Returns (subscription, whether a
    confirmation mail should go): an address already confirmed for the same thing gets no new mail."""
    email = normalise_email(email)
    filters = {k: v for k, v in (filters or {}).items() if v}
    if kind not in Subscription.Kind.values:
        raise ValidationError({"kind": "Choose what to follow."})
    if frequency not in Subscription.Frequency.values:
        raise ValidationError({"frequency": "Choose how often to hear."})
    if kind == Subscription.Kind.COMMITTEE:
        if body_slug not in {b.slug for b in public_bodies(partnership)}:
            raise ValidationError({"body_slug": NO_SUCH_COMMITTEE})
        query, filters = "", {}
    elif kind == Subscription.Kind.SEARCH:
        query = (query or "").strip()
        if not query:
            raise ValidationError({"query": SEARCH_NEEDS_WORDS})
        body_slug = ""
    else:
        body_slug, query, filters = "", "", {}
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    for existing in subscriber.subscriptions.filter(partnership=partnership, kind=kind).select_for_update():
        if _same(existing, kind=kind, body_slug=body_slug, query=query, filters=filters):
            if existing.frequency != frequency and not existing.is_confirmed:
                existing.frequency = frequency
                existing.save(update_fields=["frequency"])
            return existing, not existing.is_confirmed
    subscription = Subscription(
        subscriber=subscriber,
        partnership=partnership,
        kind=kind,
        frequency=frequency,
        body_slug=body_slug,
        query=query,
        filters=filters,
    )
    subscription.full_clean()
    subscription.save()
    return subscription, True


@transaction.atomic
def subscription_confirm(*, token):
    """Confirms the subscription the link names. What is public already is noted as known: the first mail
    lists only what is published after this."""
    try:
        pk, address = tokens.read_confirm_token(token)
    except tokens.BadLink as error:
        raise LinkError(LINK_EXPIRED if error.expired else LINK_BAD) from error
    subscription = (
        Subscription.objects.select_for_update()
        .select_related("subscriber", "partnership")
        .filter(pk=pk)
        .first()
    )
    if subscription is None or not tokens.matches(subscription.subscriber.email, address):
        raise LinkError(LINK_USED_UP)
    if subscription.is_confirmed:
        return subscription
    subscription.confirmed_at = timezone.now()
    subscription.save(update_fields=["confirmed_at"])
    SentItem.objects.bulk_create(
        [SentItem(subscription=subscription, key=i.key) for i in alerts.items_for(subscription)],
        ignore_conflicts=True,
    )
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription):
    """Deletes the subscription and what was recorded for it; the address too, when nothing else is left."""
    subscriber_id = subscription.subscriber_id
    subscription.delete()
    Subscriber.objects.filter(pk=subscriber_id, subscriptions__isnull=True).delete()


@transaction.atomic
def subscription_set_frequency(*, subscription, frequency):
    if frequency not in Subscription.Frequency.values:
        raise ValidationError({"frequency": "Choose how often to hear."})
    subscription.frequency = frequency
    subscription.save(update_fields=["frequency"])
    return subscription


def alerts_send(*, subscription_id, today=None):
    """Sends the confirmed subscription what is public now and it has not been told of, in one mail, and
    records each thing as told in the same transaction, the subscription's row locked: a second run (a task
    redelivered, a digest and an immediate alert at once) finds them recorded and sends nothing. If the mail
    cannot be sent, nothing is recorded and the task's retry sends it."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .select_related("subscriber", "partnership")
            .filter(pk=subscription_id, confirmed_at__isnull=False)
            .first()
        )
        if subscription is None:
            return None
        told = set(subscription.sent_items.values_list("key", flat=True))
        new = [i for i in alerts.items_for(subscription, today=today) if i.key not in told]
        if not new:
            return None
        delivery = Delivery.objects.create(subscription=subscription, item_count=len(new))
        try:
            with transaction.atomic():
                SentItem.objects.bulk_create(
                    [SentItem(subscription=subscription, key=i.key, delivery=delivery) for i in new]
                )
        except IntegrityError:
            return None  # another run recorded them first: it sends them
        subscription.last_sent_at = timezone.now()
        subscription.save(update_fields=["last_sent_at"])
        mail.alert_message(subscription, new).send()
        return delivery


def confirmation_send(*, subscription_id):
    """The one mail an unconfirmed address gets: the link that confirms (nothing if it was confirmed since or
    is gone)."""
    subscription = (
        Subscription.objects.select_related("subscriber", "partnership")
        .filter(pk=subscription_id, confirmed_at__isnull=True)
        .first()
    )
    if subscription is None:
        return False
    mail.confirmation_message(subscription).send()
    return True


def manage_link_send(*, subscriber_id):
    """Sends the link to manage an address's alerts, if it has any confirmed subscription (the page that asks
    answers the same either way)."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, subscriptions__confirmed_at__isnull=False
    ).first()
    if subscriber is None:
        return False
    mail.manage_message(subscriber).send()
    return True


@transaction.atomic
def unconfirmed_purge(*, now=None):
    """Deletes subscriptions never confirmed within UNCONFIRMED_DAYS, and addresses left with none."""
    cutoff = (now or timezone.now()) - timedelta(days=UNCONFIRMED_DAYS)
    deleted, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    Subscriber.objects.filter(subscriptions__isnull=True).delete()
    return deleted
