"""The signed links of e-mail alerts (django.core.signing, salted per purpose). A link names the subscription
and the address it was made for, so a link is worth nothing once its subscription is gone, even if the id is
used again."""

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


def confirm_token(subscription):
    return signing.dumps({"s": subscription.pk, "e": subscription.subscriber.email}, salt=CONFIRM_SALT)


def read_confirm_token(token):
    value = _load(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if not isinstance(value.get("s"), int) or not isinstance(value.get("e"), str):
        raise BadLink()
    return value["s"], value["e"]


def unsubscribe_token(subscription):
    return signing.dumps({"s": subscription.pk, "e": subscription.subscriber.email}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    value = _load(token, UNSUBSCRIBE_SALT)
    if not isinstance(value.get("s"), int) or not isinstance(value.get("e"), str):
        raise BadLink()
    return value["s"], value["e"]


def manage_token(email):
    return signing.dumps({"e": email}, salt=MANAGE_SALT)


def read_manage_token(token):
    value = _load(token, MANAGE_SALT, MANAGE_MAX_AGE)
    if not isinstance(value.get("e"), str):
        raise BadLink()
    return value["e"]
