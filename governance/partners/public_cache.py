"""Cached public pages, keyed by the partnership's public version so that none is ever served stale.

Whatever changes what the public may see of a partnership moves its `public_version` in the same commit as the
change, so a page cached before it is never read again: every history row of a record the public projections
read marks its partnership (data_version.history_recorded, whichever path wrote: a service, the admin deleting
many at once, a shell), writes that leave no history row call `public_changed` inside their transaction, and a
service decorated with `changes_public` marks public every partnership it changed (and every partnership, if it
changed none we could place). The marks are bumped once each, in id order, as the transaction commits
(freshness.py). The version is a column of
the partnership row the access middleware reads for every partnership URL anyway, so checking it costs no
query, and it holds across processes even with the default per-process (locmem) cache; production points
Django's cache at Redis (CACHE_URL) so that the workers share the pages.

The public JSON API's reads (`PublicCached` views) are cached the same way: they read only the rooms' public
projections, the same for every caller, so a response is the same for every anonymous caller until the
version moves; a cached detail keeps its ETag and still answers a matching If-None-Match with a 304.

Only anonymous readers without a session are served from the cache (a signed-in reader's page carries their own navigation, a
CSRF token and, for people inside, drafts and exempt items); a response is stored only when it is a plain 200
that set no cookie and used no CSRF token. Pages that depend on the date are keyed by it too.
"""

import functools
import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import parse_etags

from . import freshness
from .freshness import public_pages_changed  # noqa: F401 - the hook for copies of the public projections

# Versions, not time, make a page out of date. The timeout bounds what the cache holds and, for a write that
# leaves no history row and marks nothing (a queryset's update typed in a shell), how long a page can lag.
TIMEOUT = 5 * 60


# Sent inside a service's transaction when something new becomes public for a partnership: an agenda or a
# supplementary agenda, minutes, a decision, a forward plan entry. `partnership` is its id. Receivers queue their
# work on commit (engagement: the alerts sent as soon as something is published).
published = Signal()


def announce_published(partnership):
    """Tells the receivers of `published` that something new is public (call it inside the transaction)."""
    published.send(sender=None, partnership=getattr(partnership, "pk", partnership))


def public_changed(partnership):
    """Marks every cached public page of the partnership out of date (call it inside the writing transaction; the
    version moves as it commits). Takes a partnership or its id."""
    # What the public sees changed, so what people inside see did too (governance.partners.data_version).
    freshness.mark(partnership, public=True)


def changes_public(service):
    """Decorates a service: every partnership whose records it changes (their history rows, or what it marks
    itself) has its cached public pages put out of date in the service's transaction. A service that left no
    history row and marked nothing changed nothing the public sees: tests/governance/partners/test_freshness.py
    watches the SQL the services run and fails on a transaction that wrote a public record without marking."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        with freshness.public_scope():
            return service(*args, **kwargs)

    return wrapper


def _key(request, *, by_date, kind="public-page", extra=""):
    """The cache key of a request's page: its kind, the partnership and its public version, the day (for pages
    that depend on it) and a SHA-256 of what the caller chose (scheme, host, path, query, htmx, `extra`), so a
    key has a bounded length however long the query string. Pages and answers carry absolute URLs built from the
    host and scheme asked for, so one cached for one allowed host is never served to another."""
    p = request.partnership
    chosen = "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            request.GET.urlencode(),
            "htmx" if getattr(request, "htmx", False) else "",
            extra,
        ]
    )
    parts = [kind, str(p.pk), str(p.public_version), hashlib.sha256(chosen.encode()).hexdigest()]
    if by_date:
        parts.append(timezone.localdate().isoformat())
    return ":".join(parts)


def _cacheable_request(request):
    return (
        request.method == "GET"
        and getattr(request, "partnership", None) is not None
        # No session and no messages cookie: nothing personal (a flash message, a sign-in) can be on the page.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


def cached_public_page(view=None, *, by_date=False):
    """Serves an anonymous reader's GET of the view from the cache (see the module's note)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _key(request, by_date=by_date)
            hit = cache.get(key)
            if hit is not None:
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                and not request.META.get("CSRF_COOKIE_USED")
                and not response.has_header("Content-Disposition")
            ):
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


# Headers a cached API response keeps (its validators, what DRF says it varies on and allows, and OParl's CORS).
_API_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Vary", "Allow", "Access-Control-Allow-Origin")


def _not_modified(request, headers):
    wanted = request.headers.get("If-None-Match")
    etag = headers.get("ETag")
    return bool(wanted and etag and (etag in parse_etags(wanted) or wanted.strip() == "*"))


def cached_public_api(view):
    """Serves an anonymous caller's GET of a public API view from the cache, keyed like the public pages (the
    partnership's public version, the path, the query, the day) and the Accept header."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request, by_date=True, kind="public-api", extra=request.headers.get("Accept", ""))
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            if _not_modified(request, headers):
                response = HttpResponse(status=304)
                for name in ("ETag", "Last-Modified"):
                    if name in headers:
                        response[name] = headers[name]
                return response
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = {name: response[name] for name in _API_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), TIMEOUT)
        return response

    return wrapper


class PublicCached:
    """A public API view (read through the public projections only) whose GETs by anonymous callers are cached
    until the partnership's public version moves (cached_public_api). Mix it in before the DRF view class."""

    @classmethod
    def as_view(cls, **initkwargs):
        return cached_public_api(super().as_view(**initkwargs))


def admin_changed(sender, instance, created, **kwargs):
    """A change made in the Django admin goes round the services, so nothing says which partnership's public
    pages it touched: every partnership's cached pages go out of date (the admin logs each change it makes), and
    so do the figures cached for people inside (governance.partners.data_version)."""
    if created:
        freshness.mark(freshness.EVERY, public=True)
