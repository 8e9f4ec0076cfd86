"""The search as JSON (/api/v1/partnerships/<slug>/search/): the same parameters and results as the page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from governance.api import PagedView, Pagination, check_parameters, filter_parameters
from governance.partners.public_cache import PublicCached

from .filters import SearchFilter
from .search.query import CappedPaginator, search_hits

ERROR_NO_QUERY = "Enter words to search for."


class SearchResultSerializer(serializers.Serializer):
    id = serializers.CharField(source="key", help_text="The document's stable id.")
    type = serializers.CharField(source="kind")
    type_display = serializers.CharField(source="kind_display")
    title = serializers.CharField()
    date = serializers.DateField()
    meeting = serializers.CharField(source="meeting_label", allow_blank=True)
    committee = serializers.CharField(source="body_slug", allow_blank=True)
    snippet = serializers.CharField(help_text="HTML: the passage that matched, the matched words in <mark>.")
    updated_at = serializers.DateTimeField()
    web_url = serializers.SerializerMethodField()

    def get_web_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.url)


class SearchPagination(Pagination):
    """Counts up to 1,000 matches ("count": 1001 means more than 1,000)."""

    django_paginator_class = CappedPaginator


class Search(PublicCached, PagedView):
    pagination_class = SearchPagination

    @extend_schema(
        description="Every public paper of the partnership matching a search: agenda items, reports and their "
        "sections, appendices (the text of PDFs too), minutes, resolutions, officer decisions and the forward "
        'plan. `q` takes websearch syntax: "a phrase", -word, or. Nothing exempt, draft or withdrawn.',
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, OpenApiParameter.QUERY, required=True, description="Words."
            ),
            *[p for p in filter_parameters(SearchFilter) if p.name != "q"],
        ],
        responses=SearchResultSerializer(many=True),
        tags=["search"],
    )
    def get(self, request, partnership):
        check_parameters(request, SearchFilter.base_filters)
        data = {k: v for k, v in request.query_params.items() if k not in ("page", "page_size")}
        search_filter = SearchFilter(data, partnership=request.partnership)
        if not search_filter.is_valid():
            raise ValidationError({k: list(v) for k, v in search_filter.form.errors.items()})
        query, filters, order = search_filter.search_arguments()
        if not query:
            raise ValidationError({"q": [ERROR_NO_QUERY]})
        hits = search_hits(request.partnership, query=query, filters=filters, order=order)
        return self.page(request, hits, list, SearchResultSerializer)
