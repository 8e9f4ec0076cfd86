from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import get_resolver
from rest_framework.authentication import get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from governance.api import ExpiringTokenAuthentication
from governance.models import Partnership
from governance.parsing import MAX_INT
from governance.partners.selectors import has_system_wide_role, roles_for

from .access import PUBLIC, SIGNED_IN, rule_for

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def principals(user, partnership=None):
    """What the user counts as for the access table: public, signed in, and their roles."""
    held = {PUBLIC}
    if user.is_authenticated:
        held.add(SIGNED_IN)
        held |= roles_for(user, partnership)
    return held


class AccessTableMiddleware:
    """Enforces sharedservice.access.ACCESS for every view. Sets request.partnership when the URL names one,
    and request.roles to the roles the user holds there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        # A number in the path that no database column can hold names nothing: 404, not an overflow.
        if any(isinstance(v, int) and not 0 <= v <= MAX_INT for v in view_kwargs.values()):
            raise Http404("No such record.")
        rule = rule_for(match.view_name, match.namespace)
        if rule is None:
            raise PermissionDenied(f"{match.view_name} is not in the access table.")
        partnership = None
        slug = view_kwargs.get("partnership")
        if slug is not None:
            partnership = Partnership.objects.filter(slug=slug).first()
            if partnership is None:
                raise Http404("No such partnership.")
        request.partnership = partnership
        api = match.namespace == "api"
        if rule.token and get_authorization_header(request):
            # The token's user stands for the caller (DRF's view authenticates the same header again).
            try:
                found = ExpiringTokenAuthentication().authenticate(request)
            except AuthenticationFailed as error:
                return _api_refusal(401, str(error.detail))
            if found is not None:
                request.user = found[0]
        held = principals(request.user, partnership)
        request.roles = held - {PUBLIC, SIGNED_IN}
        # For pages of the rooms that import no other room (jobs, audit): roles held elsewhere.
        request.roles_in = lambda other: roles_for(request.user, other)
        request.holds_everywhere = lambda roles: has_system_wide_role(request.user, roles)
        allowed = rule.read if request.method in SAFE_METHODS else rule.write
        if held & allowed:
            return None
        if api:
            if not request.user.is_authenticated and allowed:
                return _api_refusal(401, "Authentication credentials were not provided.")
            return _api_refusal(403, "Your role does not allow this.")
        if not request.user.is_authenticated and allowed:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("Your role does not allow this.")


def _api_refusal(status, detail):
    response = JsonResponse({"detail": detail}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = "Token"
    return response


NUL = "\x00"


class RejectNulCharactersMiddleware:
    """A NUL character in the path, a query or a form value (names or values) is never meant: no text column
    can hold it (PostgreSQL refuses it outright), so the request is refused with a 400 before any view or
    filter passes it to the database. One rule at the door rather than a check in every form and filter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or _has_nul(request.GET) or (
            request.method == "POST" and request.content_type != "application/json" and _has_nul(request.POST)
        ):
            exception = BadRequest("The request contains a NUL character.")
            return get_resolver().resolve_error_handler(400)(request, exception)
        return self.get_response(request)


def _has_nul(query):
    return any(NUL in key or any(NUL in value for value in query.getlist(key)) for key in query)


PRIVATE = "private, no-store"


class PrivateResponsesMiddleware:
    """Whatever answers a signed-in person (or a token's user) is theirs alone: `Cache-Control: private,
    no-store`, so no shared cache or browser history keeps their pages, statements, invoices or finance API
    answers. The finance API's answers carry it whoever asked, a refusal included. Anonymous public pages are
    left to their own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        finance = match is not None and (
            "finance" in match.namespaces
            or (match.namespace == "api" and (match.url_name or "").startswith("finance"))
        )
        if finance or (user is not None and user.is_authenticated):
            response["Cache-Control"] = PRIVATE
        return response
