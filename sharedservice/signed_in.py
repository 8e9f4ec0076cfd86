"""What a signed-in request needs to know about its user, without reading the database on every request.

With a cache that every process shares (SHARED_CACHE: Redis, CACHE_URL), a signed-in request reads its session
from the cache (the `cached_db` session engine), then its user and the roles the user holds together, in one
more read (`CachedUserAuthenticationMiddleware`; governance.partners.selectors.role_assignments_for). Each is
dropped from the cache as it changes, in the same moment and again as the change commits, so a sign-out, a
password change or a role taken away takes effect on the very next request, in every process:
- signing out flushes the session, which the `cached_db` engine deletes from the cache and the database;
- a user saved (password, active, superuser) or deleted drops its cached user (`user_changed`), and a changed
  password no longer matches the hash kept in other sessions, which Django then signs out;
- a role given, changed or taken away drops the user's cached roles (governance.partners.selectors).
Without a shared cache (memory local to each process) nothing here caches: another process could not be told.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from governance.partners.selectors import role_assignments_for, signed_in_key

TIMEOUT = 8 * 60 * 60  # no longer than a sign-in lasts (STAFF_SESSION_HOURS)


def _cached_user(request):
    if not settings.SHARED_CACHE:
        return auth.get_user(request)
    session = request.session
    pk, backend, hashed = (
        session.get(auth.SESSION_KEY),
        session.get(auth.BACKEND_SESSION_KEY),
        session.get(auth.HASH_SESSION_KEY),
    )
    if pk is None or backend not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    found = cache.get(signed_in_key(pk))
    if found is not None:
        user, assignments = found
        if hashed and constant_time_compare(hashed, user.get_session_auth_hash()):
            user._role_assignments = assignments
            return user
    # Not cached, or the password changed: Django's own check (which signs a stale session out).
    user = auth.get_user(request)
    if user.is_authenticated and str(user.pk) == str(pk):
        assignments = role_assignments_for(user)
        del user._role_assignments  # kept beside the user, not pickled twice
        cache.set(signed_in_key(pk), (user, assignments), TIMEOUT)
        user._role_assignments = assignments
    return user


class CachedUserAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, reading the signed-in user from the shared cache."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_user(request))


def forget(*keys):
    """Drops cache entries now and again once the transaction commits (so a process that read the old row
    before the commit cannot leave it cached)."""
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def user_changed(sender, instance, **kwargs):
    """post_save and post_delete of the user model (connected in SharedServiceConfig.ready())."""
    if settings.SHARED_CACHE:
        forget(signed_in_key(instance.pk))
