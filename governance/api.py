"""What every room's JSON API (`<room>/api.py`, mounted at /api/v1/ by sharedservice) shares: page pagination
that refuses a bad page with a 400, the pages' django-filter FilterSets applied with the same rules (an unknown
parameter or a bad value is a 400 naming the field), the FilterSet's fields described as OpenAPI parameters,
and ETag / Last-Modified on detail responses.

The API reads what the public may see only through the rooms' `public.py` projections: its serialisers take
frozen dataclasses, never models. Money goes out as decimal strings, dates as ISO 8601."""

import hashlib
import json
from collections import OrderedDict
from datetime import timedelta

import django_filters
from django.conf import settings
from django.utils import timezone
from django.utils.http import http_date, parse_etags, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed, NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.parsing import parse_int

ERROR_TOKEN_EXPIRED = "Token has expired: issue a new one on your account page."

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
PAGE_PARAMETERS = frozenset({"page", "page_size"})

ERROR_NO_SUCH_PAGE = "There is no such page."
ERROR_UNKNOWN_PARAMETER = "Unknown parameter."


def token_expires_at(token):
    """When an API token stops working: API_TOKEN_DAYS (90 by default) after it was issued."""
    return token.created + timedelta(days=settings.API_TOKEN_DAYS)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token past its expiry (token_expires_at). A token is also
    revoked whenever its user's password changes or is reset (sharedservice.apps)."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expires_at(token) <= timezone.now():
            raise AuthenticationFailed(ERROR_TOKEN_EXPIRED)
        return user, token


class Pagination(PageNumberPagination):
    """?page=N&page_size=M (M at most 200). A page that is not a number, or past the last, is a 400."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get("page_size")
        if raw is None:
            return self.page_size
        try:
            return parse_int(raw, minimum=1, maximum=self.max_page_size)
        except ValueError as error:
            raise ValidationError({"page_size": [str(error)]}) from error

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get("page", "1")
        try:
            parse_int(raw, minimum=1)
        except ValueError as error:
            raise ValidationError({"page": [str(error)]}) from error
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:  # a page past the last
            raise ValidationError({"page": [ERROR_NO_SUCH_PAGE]}) from error

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("count", self.page.paginator.count),
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )


class PagedView(APIView):
    """A list endpoint: one page of rows, turned into dataclasses by a public.py function, then serialised."""

    pagination_class = Pagination

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            self._paginator = self.pagination_class()
        return self._paginator

    def page(self, request, queryset, project, serializer_class):
        rows = self.paginator.paginate_queryset(queryset, request, view=self)
        data = serializer_class(project(rows), many=True, context={"request": request}).data
        return self.paginator.get_paginated_response(data)


class FilteredListView(PagedView):
    """A list endpoint filtered with a page's FilterSet: the rows of `rows(request)` narrowed by
    `filterset_class` (with `filterset_kwargs(request)`), made distinct when filtered if a filter can cross a
    to-many relation, paged, projected by `project` and serialised by `serializer_class`."""

    filterset_class = None
    serializer_class = None
    distinct_when_filtered = False

    def rows(self, request):
        raise NotImplementedError

    def project(self, rows):
        raise NotImplementedError

    def filterset_kwargs(self, request):
        return {}

    def get(self, request, partnership):
        qs = filtered(request, self.filterset_class, self.rows(request), **self.filterset_kwargs(request))
        if self.distinct_when_filtered and request.query_params.keys() - PAGE_PARAMETERS:
            qs = qs.distinct()
        return self.page(request, qs, self.project, self.serializer_class)


def check_parameters(request, allowed):
    """A 400 naming each query parameter the endpoint does not read (nothing is silently ignored)."""
    unknown = sorted(set(request.query_params) - set(allowed) - PAGE_PARAMETERS)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, [ERROR_UNKNOWN_PARAMETER]))


def filtered(request, filterset_class, queryset, **kwargs):
    """The queryset narrowed by the page's FilterSet; unknown parameters or bad values are a 400 with the
    field's error, as on the page."""
    check_parameters(request, filterset_class.base_filters)
    data = {k: v for k, v in request.query_params.items() if k not in PAGE_PARAMETERS}
    if not data:
        return queryset
    fs = filterset_class(data, queryset=queryset, **kwargs)
    if not fs.is_valid():
        raise ValidationError({k: list(v) for k, v in fs.form.errors.items()})
    return fs.qs


_FILTER_TYPES = [
    (django_filters.ModelChoiceFilter, OpenApiTypes.INT),
    (django_filters.DateFilter, OpenApiTypes.DATE),
    (django_filters.BooleanFilter, OpenApiTypes.BOOL),
    (django_filters.NumberFilter, OpenApiTypes.INT),
    (django_filters.ChoiceFilter, OpenApiTypes.STR),
    (django_filters.CharFilter, OpenApiTypes.STR),
]


def filter_parameters(filterset_class, **descriptions):
    """The FilterSet's filters as OpenAPI query parameters, so the schema says what the page accepts."""
    params = []
    for name, f in filterset_class.base_filters.items():
        kind = next((t for cls, t in _FILTER_TYPES if isinstance(f, cls)), OpenApiTypes.STR)
        enum = None
        if isinstance(f, django_filters.ChoiceFilter) and f.extra.get("choices"):
            enum = [c[0] for c in f.extra["choices"]]
        params.append(
            OpenApiParameter(
                name,
                kind,
                OpenApiParameter.QUERY,
                required=False,
                enum=enum,
                description=descriptions.get(name) or str(f.label or ""),
            )
        )
    return params


def extra_parameters(*names_types):
    return [
        OpenApiParameter(n, t, OpenApiParameter.QUERY, required=False, description=d)
        for n, t, d in names_types
    ]


def detail_response(request, data, *, last_modified=None):
    """A detail response with a strong ETag over its JSON (and Last-Modified when the record knows when it last
    changed); a matching If-None-Match is answered 304 with no body."""
    body = json.dumps(data, sort_keys=True, default=str).encode()
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    wanted = request.headers.get("If-None-Match")
    headers = {"ETag": etag}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified.timestamp())
    if wanted and (etag in parse_etags(wanted) or wanted.strip() == "*"):
        return Response(status=304, headers=headers)
    return Response(data, headers=headers)


class MoneyField(serializers.DecimalField):
    """Pounds as a decimal string with pence: "1234.50"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("coerce_to_string", True)
        super().__init__(**kwargs)


@extend_schema_field({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "example": "19:30"})
class LocalTimeField(serializers.TimeField):
    """A time of day in London, as 19:30 (OpenAPI's "time" format would demand a UTC offset)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)
