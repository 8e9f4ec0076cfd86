"""The search page and its Atom feed: every public document of the partnership (engagement.search)."""

from django.core.paginator import EmptyPage
from django.shortcuts import render
from django.urls import reverse

from governance.parsing import parse_int
from governance.partners.public_cache import cached_public_page

from .filters import SearchFilter
from .search.query import CappedPaginator, is_postgresql, only_common_words, search_hits

PAGE_SIZE = 50
ERROR_NO_SUCH_PAGE = "There is no such page of results."


def _page_number(request):
    try:
        return parse_int(request.GET.get("page", "1"), minimum=1, message=ERROR_NO_SUCH_PAGE)
    except ValueError:
        return None


@cached_public_page
def search(request, partnership):
    """Search every public paper: agenda items, reports and their sections, appendices (PDFs too), minutes,
    resolutions, officer decisions and the forward plan. Bad parameters are a 400 with the field's error."""
    params = request.GET.copy()
    params.pop("page", None)
    search_filter = SearchFilter(params or None, partnership=request.partnership)
    number = _page_number(request)
    context = {
        "filter": search_filter,
        "page": None,
        "query": "",
        "feed_query": params.urlencode(),
        "errors": [],
    }
    if params and not search_filter.is_valid() or number is None:
        if number is None:
            context["page_error"] = ERROR_NO_SUCH_PAGE
            context["errors"] = [ERROR_NO_SUCH_PAGE]
        return render(request, "engagement/search.html", {**context, "bad_filter": True}, status=400)
    if params:
        query, filters, order = search_filter.search_arguments()
        context["query"] = query
        if query:
            paginator = CappedPaginator(
                search_hits(request.partnership, query=query, filters=filters, order=order), PAGE_SIZE
            )
            try:
                page = paginator.page(number)
            except EmptyPage:
                context["page_error"] = ERROR_NO_SUCH_PAGE
                context["errors"] = [ERROR_NO_SUCH_PAGE]
                return render(request, "engagement/search.html", {**context, "bad_filter": True}, status=400)
            context["page"] = page
            context["ranked"] = is_postgresql() and order == "relevance"
            if not paginator.count:
                context["only_common_words"] = only_common_words(query)
            context["feed_url"] = (
                reverse("engagement:search_atom", kwargs={"partnership": request.partnership.slug})
                + "?"
                + params.urlencode()
            )
    return render(request, "engagement/search.html", context)
