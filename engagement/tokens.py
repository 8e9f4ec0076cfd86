"""The signed links of e-mail alerts (django.core.signing, salted per purpose). A link names the subscription
(or, to manage them all, the subscriber) and a digest of the address it was made for, so a link is worth nothing
once its subscription is gone, even if the id is used again; the address itself is never in a link (signed data
is readable, and links end up in logs)."""

import hashlib
import hmac

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "engagement.alerts.confirm"
UNSUBSCRIBE_SALT = "engagement.alerts.unsubscribe"
MANAGE_SALT = "engagement.alerts.manage"

# A confirmation link works for three days; a link to manage one's alerts for thirty (every alert mail carries
# a fresh one). An unsubscribe link works as long as its subscription lasts (RFC 8058: mail read months later).
CONFIRM_MAX_AGE = 3 * 24 * 60 * 60
MANAGE_MAX_AGE = 30 * 24 * 60 * 60


class BadLink(Exception):
    """A link that was not made here, or was changed, or is too old."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "bad")
        self.expired = expired


def _load(token, salt, max_age=None):
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadLink(expired=True) from error
    except signing.BadSignature as error:
        raise BadLink() from error
    if not isinstance(value, dict):
        raise BadLink()
    return value


def digest(email):
    """A keyed digest of the address (a link proves which address it was sent to without saying it)."""
    key = f"engagement.alerts.address:{settings.SECRET_KEY}".encode()
    return hmac.new(key, email.lower().encode(), hashlib.sha256).hexdigest()[:20]


def _pair(value, name):
    if not isinstance(value.get(name), int) or not isinstance(value.get("d"), str):
        raise BadLink()
    return value[name], value["d"]


def confirm_token(subscription):
    return signing.dumps(
        {"s": subscription.pk, "d": digest(subscription.subscriber.email)}, salt=CONFIRM_SALT
    )


def read_confirm_token(token):
    """(subscription id, address digest)."""
    return _pair(_load(token, CONFIRM_SALT, CONFIRM_MAX_AGE), "s")


def unsubscribe_token(subscription):
    return signing.dumps(
        {"s": subscription.pk, "d": digest(subscription.subscriber.email)}, salt=UNSUBSCRIBE_SALT
    )


def read_unsubscribe_token(token):
    return _pair(_load(token, UNSUBSCRIBE_SALT), "s")


def manage_token(subscriber):
    return signing.dumps({"a": subscriber.pk, "d": digest(subscriber.email)}, salt=MANAGE_SALT)


def read_manage_token(token):
    """(subscriber id, address digest)."""
    return _pair(_load(token, MANAGE_SALT, MANAGE_MAX_AGE), "a")


def matches(email, address_digest):
    return hmac.compare_digest(digest(email), address_digest)
