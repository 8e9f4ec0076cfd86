"""An Atom feed for every search: the newest 50 public documents that match it (the search page links it with
<link rel="alternate">). Each entry's id is the document's own (stable across rebuilds of the index); its
updated time is when the index last saw the document change."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from governance.partners.public_cache import cached_public_page

from .filters import SearchFilter
from .search.query import SearchResult, index_changed_at, search_hits

FEED_SIZE = 50


@dataclass(frozen=True)
class Entry:
    result: SearchResult
    guid: str


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, partnership):
        params = request.GET.copy()
        search_filter = SearchFilter(params or None, partnership=request.partnership)
        if not params or not search_filter.is_valid():
            errors = search_filter.form.errors if params else {"q": ["Enter words to search for."]}
            raise BadRequest("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        query, filters, _ = search_filter.search_arguments()
        if not query:
            raise BadRequest("q: Enter words to search for.")
        found = search_hits(request.partnership, query=query, filters=filters, order="newest")[:FEED_SIZE]
        return {
            "partnership": request.partnership,
            "query": query,
            "params": params.urlencode(),
            "results": found,
            "request": request,
        }

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        if not obj["results"]:
            # Nothing matches: the feed last changed when the index did (not "now", which would differ on each
            # request and tell a reader nothing).
            changed = index_changed_at(obj["partnership"])
            feed.latest_post_date = lambda: changed
        return feed

    def title(self, obj):
        return f"{obj['partnership'].name}: search for “{obj['query']}”"

    def link(self, obj):
        return (
            reverse("engagement:search", kwargs={"partnership": obj["partnership"].slug})
            + "?"
            + obj["params"]
        )

    def feed_guid(self, obj):
        return obj["request"].build_absolute_uri(
            reverse("engagement:search_atom", kwargs={"partnership": obj["partnership"].slug})
            + "?"
            + obj["params"]
        )

    def subtitle(self, obj):
        return f"New and changed public papers of {obj['partnership'].name} that match the search."

    def items(self, obj):
        request = obj["request"]
        # A tag URI (RFC 4151): the same document keeps its id in every feed, whatever its title or link.
        prefix = f"tag:{request.get_host().split(':')[0]},2017:{obj['partnership'].slug}/search/"
        return [Entry(result=r, guid=prefix + r.key) for r in obj["results"]]

    def item_title(self, item):
        where = f"{item.result.meeting_label}: " if item.result.meeting_label else ""
        return f"{item.result.kind_display}: {where}{item.result.title}"

    def item_description(self, item):
        return strip_tags(item.result.snippet)

    def item_link(self, item):
        return item.result.url

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.result.updated_at

    def item_pubdate(self, item):
        return item.result.updated_at


# A cached public page like the search page (the index marks it changed when it writes).
search_atom = cached_public_page(SearchFeed())
