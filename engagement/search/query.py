"""Searching the index. On PostgreSQL: websearch syntax ("quoted phrases", -word, or), English stemming,
ranked by ts_rank over the stored vectors (GIN index) with highlighted snippets (ts_headline). On SQLite (the
embedded default) a simpler match: every word (or phrase) in the stored text, newest first, with a snippet cut
around the first match; `-word` and `or` are read the same way.

Both leave out what a withdrawal names the moment it commits (the index is rebuilt after it)."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import reduce

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Max, Q, TextField, Value
from django.db.models.functions import Concat, Greatest, Lower, StrIndex, Substr
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from engagement.models import SearchDocument
from governance.committees.public import withdrawn_subqueries

MAX_QUERY = 200  # characters a search may have
ERROR_TOO_LONG = f"Search for at most {MAX_QUERY} characters."
ERROR_NUL = "The search cannot contain a NUL character."
# ts_headline marks matches with these; the snippet is escaped, then they become <mark>.
START, STOP = "\x02", "\x03"
SNIPPET_WORDS = 30
RANK_WINDOW = 1000  # a ranked search ranks the newest this many matches
WINDOW, WINDOW_BEFORE = 900, 250  # characters of a document a snippet is looked for in
COUNT_LIMIT = 1000  # results counted exactly up to this; "more than" beyond


@dataclass(frozen=True)
class SearchResult:
    """A public document the search found."""

    key: str
    kind: str
    kind_display: str
    title: str
    url: str  # a path on this site
    date: date
    meeting_label: str
    body_name: str
    body_slug: str
    snippet: str  # HTML: the text escaped, the matched words in <mark>
    updated_at: datetime  # when the index last saw the document change


def is_postgresql():
    return connection.vendor == "postgresql"


def check_query(text):
    """The query as searched (spaces trimmed), or ValueError with the message to show."""
    text = (text or "").strip()
    if "\x00" in text:
        raise ValueError(ERROR_NUL)
    if len(text) > MAX_QUERY:
        raise ValueError(ERROR_TOO_LONG)
    return text


def _public(partnership):
    withdrawn = withdrawn_subqueries()
    return (
        SearchDocument.objects.filter(partnership=partnership)
        .exclude(item_id__in=withdrawn["items"])
        .exclude(
            kind__in=[
                SearchDocument.Kind.REPORT,
                SearchDocument.Kind.REPORT_SECTION,
                SearchDocument.Kind.APPENDIX,
            ],
            item_id__in=withdrawn["reports"],
        )
        .exclude(appendix_id__in=withdrawn["appendices"])
    )


# SQLite's simpler match ----------------------------------------------------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


def terms(text):
    """websearch's syntax read plainly: groups of (word or phrase, excluded), the groups joined by `or`."""
    groups, current = [], []
    for m in _TOKEN.finditer(text):
        if m.group(2) is not None:
            word, minus = m.group(2).strip(), m.group(1)
        else:
            word, minus = m.group(4).strip('"'), m.group(3)
        if not any(c.isalnum() for c in word):
            continue  # a stray quote, dash or bracket
        if word.lower() == "or" and not minus:
            if current:
                groups.append(current)
            current = []
            continue
        current.append((word, bool(minus)))
    if current:
        groups.append(current)
    return groups


def _contains(word):
    return Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)


def _fallback_filter(qs, text):
    groups = [g for g in terms(text) if any(not excluded for _, excluded in g)]
    if not groups:
        return qs.none()
    condition = reduce(
        lambda a, b: a | b,
        (
            reduce(lambda a, b: a & b, (~_contains(w) if excluded else _contains(w) for w, excluded in group))
            for group in groups
        ),
    )
    return qs.filter(condition)


def _cut_snippet(doc, text):
    words = [w for group in terms(text) for w, excluded in group if not excluded]
    source = " ".join(t for t in (doc.summary, doc.body) if t) or doc.title
    lower = source.lower()
    at = min((i for i in (lower.find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(0, source.rfind(" ", 0, max(0, at - 80)) + 1) if at > 80 else 0
    piece = source[start : start + 240]
    html = escape(piece)
    for w in sorted(set(words), key=len, reverse=True):
        html = re.sub(f"({re.escape(escape(w))})", r"<mark>\1</mark>", html, flags=re.IGNORECASE)
    prefix = "… " if start else ""
    suffix = " …" if start + 240 < len(source) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 - every part escaped above


# Both ------------------------------------------------------------------------------------------------------


def search_queryset(partnership, *, query, filters=None, since=None, order="relevance"):
    """The public documents matching the query (checked with check_query), as a queryset of SearchDocument
    with `rank` and (PostgreSQL) `headline` annotated. filters: {"committee": body slug, "kind": a
    SearchDocument.Kind, "date_from": date, "date_to": date}, each optional. since: only documents the index
    saw new or changed at or after that time. order: "relevance" or "newest"."""
    filters = filters or {}
    qs = _public(partnership)
    if filters.get("committee"):
        qs = qs.filter(body_slug=filters["committee"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("date_from"):
        qs = qs.filter(date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(date__lte=filters["date_to"])
    if since is not None:
        qs = qs.filter(updated_at__gte=since)
    newest = ("-date", "-pk")
    if not is_postgresql():
        return _fallback_filter(qs, query).order_by(*newest)
    q = SearchQuery(query, search_type="websearch", config="english")
    qs = qs.filter(vector=q)
    if order == "relevance":
        # Ranked among the RANK_WINDOW newest matches: for a rare word that is every match; for a word in most
        # documents it bounds the cost (ts_rank reads each candidate's stored vector) and keeps the recent first.
        window = qs.order_by(*newest).values("pk")[:RANK_WINDOW]
        qs = SearchDocument.objects.filter(pk__in=window)
    qs = qs.annotate(
        rank=SearchRank(F("vector"), q, normalization=Value(1)),
        headline=SearchHeadline(_passage(query), q, config="english", start_sel=START, stop_sel=STOP,
                                max_words=SNIPPET_WORDS, min_words=12, max_fragments=2, fragment_delimiter=" … "),
    )  # fmt: skip
    qs = qs.defer("vector", "summary", "body")  # the snippet is the headline: the page reads no text
    return qs.order_by("-rank", *newest) if order == "relevance" else qs.order_by(*newest)


def _passage(query):
    """The text a snippet is cut from: a window of the summary and body around the first place a word of the
    query (its first letters, as a stem would start) appears, so that ts_headline parses 900 characters of
    each shown document rather than all of it (its cost grows with the text it is given)."""
    text = Concat("summary", Value("\n"), "body", output_field=TextField())
    words = [w for group in terms(query) for w, excluded in group if not excluded]
    if not words:
        return text
    stem = words[0].lower()[:5]
    at = StrIndex(Lower(text), Value(stem))
    start = Greatest(at - WINDOW_BEFORE, Value(1))
    return Substr(text, start, WINDOW, output_field=TextField())


class CappedPaginator(Paginator):
    """Counts exactly up to COUNT_LIMIT matches and stops there (a count reads every match): the page then says
    "1,000 or more"."""

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[: COUNT_LIMIT + 1].count()

    @property
    def is_capped(self):
        return self.count >= COUNT_LIMIT


def _headline_html(text):
    return mark_safe(escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def results(rows, query):
    """A page of search_queryset's rows as SearchResult."""
    out = []
    for d in rows:
        snippet = _headline_html(d.headline) if hasattr(d, "headline") else _cut_snippet(d, query)
        out.append(
            SearchResult(
                key=d.key,
                kind=d.kind,
                kind_display=d.get_kind_display(),
                title=d.title,
                url=d.url,
                date=d.date,
                meeting_label=d.meeting_label,
                body_name=d.body_name,
                body_slug=d.body_slug,
                snippet=snippet,
                updated_at=d.updated_at,
            )
        )
    return out


def search_documents(partnership, *, query, filters=None, since=None, order="newest", limit=50):
    """The public documents of the partnership matching a search, as SearchResult (at most `limit`). For
    alerts: `since` (an aware datetime) keeps only what the index saw new or changed since then. query is
    checked (ValueError with the message for one too long); an empty query finds nothing."""
    query = check_query(query)
    if not query:
        return []
    qs = search_queryset(partnership, query=query, filters=filters, since=since, order=order)
    return results(qs[:limit], query)


def index_changed_at(partnership):
    """When the partnership's index last changed (a fixed time before it has anything)."""
    latest = SearchDocument.objects.filter(partnership=partnership).aggregate(at=Max("updated_at"))["at"]
    return latest or datetime(2017, 1, 1, tzinfo=UTC)


def only_common_words(query):
    """True when the query has no word the English dictionary keeps (all stopwords, such as "the and of"):
    PostgreSQL then searches for nothing, and the page says why."""
    if not is_postgresql() or not query:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT numnode(websearch_to_tsquery('english', %s))", [query])
        return cursor.fetchone()[0] == 0
