"""The OParl 1.1 endpoints (opendata/oparl.py builds the objects). JSON in, JSON out: bad input answers 400 and
an unknown object 404, each with a JSON body saying why; never a page of HTML."""

import functools

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from governance.partners.public import oparl_partnerships, partnership_by_slug
from governance.partners.public_cache import cached_public_api

from . import oparl


def _answer(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # OParl clients run in browsers too (specification 2.4)
    return response


def _error(message, status):
    return _answer({"error": message, "status": status}, status=status)


def _guarded(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except oparl.BadRequest as error:
            return _error(str(error), 400)
        except oparl.NotFound as error:
            return _error(str(error), 404)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return require_safe(wrapper)


def _cached_for_the_body(view):
    """Serves an anonymous GET of a body's own answers (the body, its lists, its objects) from the public cache,
    keyed as the public API's answers are by the partnership's public version (governance.partners.public_cache):
    OParl reads only the public projections, so whatever it could show differently moves that version in the
    same commit. Building a list reads the whole partnership (tens of milliseconds); a cached answer is one
    cache read. The body's partnership is read here because the path names it `body`, not `partnership`."""
    cached = cached_public_api(view)

    @functools.wraps(view)
    def wrapper(request, body, *args, **kwargs):
        partnership = partnership_by_slug(body)
        if partnership is None:
            return view(request, body, *args, **kwargs)  # its own 404, in JSON
        request.partnership = partnership
        return cached(request, body, *args, **kwargs)

    return wrapper


def _omit_internal(request):
    return "omit_internal" in request.GET


def _snapshot(request, body):
    # The cache's wrapper has read the body's partnership already (_cached_for_the_body).
    partnership = getattr(request, "partnership", None) or partnership_by_slug(body)
    if partnership is None:
        raise oparl.NotFound(f"No body {body!r}.")
    return oparl.Snapshot(partnership, request.build_absolute_uri)


@_guarded
def system(request):
    """The OParl System: the entry point, naming the list of bodies."""
    return _answer(oparl.system_json(request.build_absolute_uri))


@_guarded
def bodies(request):
    """Every partnership as an OParl Body (an external list)."""
    filters = oparl.parse_filters(request.GET)
    page = oparl.parse_page(request.GET)
    return _answer(
        oparl.bodies_json(request.build_absolute_uri, filters, page, request.GET, _omit_internal(request))
    )


@_cached_for_the_body
@_guarded
def body(request, body):
    record = next((r for r in oparl_partnerships() if r.partnership.slug == body), None)
    if record is None:
        raise oparl.NotFound(f"No body {body!r}.")
    return _answer(oparl.body_json(record, request.build_absolute_uri))


@_cached_for_the_body
@_guarded
def object_list(request, body, kind):
    """An external list of a body's objects of one type, paged, filtered by created/modified."""
    filters = oparl.parse_filters(request.GET)
    page = oparl.parse_page(request.GET)
    snapshot = _snapshot(request, body)
    entries = snapshot.listing(kind, filters)
    return _answer(
        oparl.page_of(
            entries,
            page=page,
            list_url=snapshot.url(kind),
            query=request.GET,
            omit_internal=_omit_internal(request),
        )
    )


@_cached_for_the_body
@_guarded
def object_detail(request, body, kind, key):
    """One object at its id (a deleted one answers with deleted: true)."""
    entry = _snapshot(request, body).get(kind, key)
    return _answer(entry.as_json(omit_internal=_omit_internal(request)))
