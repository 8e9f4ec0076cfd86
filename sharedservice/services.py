"""Writes of the site itself: a user's API token (DRF's authtoken), issued and revoked by its owner on the
account page. One token per user; issuing again replaces the old one (which stops working at once)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from rest_framework.authtoken.models import Token

ERROR_NOT_YOURS = "You can issue or revoke only your own API token."


def _check(user, by):
    if by is None or user.pk != by.pk:
        raise PermissionDenied(ERROR_NOT_YOURS)


@transaction.atomic
def api_token_issue(*, user, by):
    """A new token for the user, replacing any they had. Returns the Token (its key is shown once)."""
    _check(user, by)
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def api_token_revoke(*, user, by):
    """The user's token stops working. True if there was one."""
    _check(user, by)
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)


@transaction.atomic
def api_tokens_revoke_all(*, user):
    """Every API token of the user stops working (their password changed or was reset). The number revoked."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted
