"""Searching the index. On PostgreSQL: websearch syntax ("quoted phrases", -word, or), English stemming,
ranked by ts_rank over the stored vectors (GIN index), with highlighted snippets (ts_headline) cut from each
shown document's best-matching passage, about a paragraph (SearchPassage). On SQLite (the
embedded default) a simpler match: every word (or phrase) in the stored text, newest first, with a snippet cut
around the first match; `-word` and `or` are read the same way.

Both leave out what a withdrawal names the moment it commits (the index is rebuilt after it)."""

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import reduce

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Max, Q
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from engagement.models import SearchDocument
from governance.committees.public import withdrawn_subqueries

Kind = SearchDocument.Kind
MAX_QUERY = 200  # characters a search may have
ERROR_TOO_LONG = f"Search for at most {MAX_QUERY} characters."
ERROR_NUL = "The search cannot contain a NUL character."
# ts_headline marks matches with these; the snippet is escaped, then they become <mark>.
START, STOP = "\x02", "\x03"
SNIPPET_WORDS = 30
RANK_WINDOW = 1000  # a ranked search ranks the newest this many matches
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


def _filtered(qs, filters, since):
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
    return qs


def search_hits(partnership, *, query, filters=None, since=None, order="relevance"):
    """The public documents matching the query (checked with check_query), as Hits: what a Paginator pages
    through (count() and slices of SearchResult). filters: {"committee": body slug, "kind": a
    SearchDocument.Kind, "date_from": date, "date_to": date}, each optional. since: only documents the index
    saw new or changed at or after that time. order: "relevance" (PostgreSQL only; SQLite: newest) or
    "newest"."""
    filters = filters or {}
    if is_postgresql():
        return RankedHits(partnership, query, filters, since, order)
    qs = _filtered(_public(partnership), filters, since)
    return MatchedHits(_fallback_filter(qs, query).order_by("-date", "-pk"), query)


class MatchedHits:
    """SQLite's simpler match: a queryset of the matches, newest first, each one's snippet cut in Python."""

    def __init__(self, queryset, query):
        self.queryset, self.query = queryset, query

    def count(self):
        return self.queryset.order_by().values("pk")[: COUNT_LIMIT + 1].count()

    def __getitem__(self, which):
        rows = self.queryset[which]
        return [_result(d, _cut_snippet(d, self.query)) for d in rows]


class RankedHits:
    """PostgreSQL's full text. A slice is one statement, whatever its length: the matches (GIN index), ranked
    (ts_rank over the stored vectors, title A > summary B > body C; for relevance among the RANK_WINDOW newest
    matches, which bounds the cost of a word in most documents) and counted, the slice of them, and each one's
    snippet: ts_headline over the document's best-matching passage (SearchPassage, at most PASSAGE_CHARS
    characters), never its whole text. count() is known from the slice read before it; otherwise one more
    statement counts up to COUNT_LIMIT + 1."""

    total = None  # the matches counted by the statement that read the last slice

    def __init__(self, partnership, query, filters, since, order):
        self.query, self.order = query, order
        where = ["d.partnership_id = %s", "d.vector @@ websearch_to_tsquery('english', %s)"]
        params = [partnership.pk, query]
        for column, op, key in [
            ("body_slug", "=", "committee"),
            ("kind", "=", "kind"),
            ("date", ">=", "date_from"),
            ("date", "<=", "date_to"),
        ]:
            if filters.get(key):
                where.append(f"d.{column} {op} %s")
                params.append(filters[key])
        if since is not None:
            where.append("d.updated_at >= %s")
            params.append(since)
        withdrawn_sql, withdrawn_params = _withdrawn_sql()
        where.append(withdrawn_sql)
        params += withdrawn_params
        self.where, self.params = " AND ".join(where), params

    def count(self):
        if self.total is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT 1 FROM engagement_searchdocument d WHERE {self.where} "
                    "LIMIT %s) AS m",
                    [*self.params, COUNT_LIMIT + 1],
                )
                self.total = self._capped(cursor.fetchone()[0])
        return self.total

    def _capped(self, found):
        # Relevance pages through the RANK_WINDOW newest matches only; newest first counts up to COUNT_LIMIT + 1.
        return min(found, RANK_WINDOW if self.order == "relevance" else COUNT_LIMIT + 1)

    def __getitem__(self, which):
        start, stop = which.start or 0, which.stop
        if self.order == "relevance":
            stop = min(stop, RANK_WINDOW)
            # The window's matches are counted (over the window: at most RANK_WINDOW), then ranked.
            matches = (
                "SELECT w.id, w.date, ts_rank(w.vector, websearch_to_tsquery('english', %s), 1) AS rank, "
                "count(*) OVER () AS total FROM "
                f"(SELECT d.id, d.date, d.vector FROM engagement_searchdocument d WHERE {self.where} "
                "ORDER BY d.date DESC, d.id DESC LIMIT %s) AS w "
                "ORDER BY rank DESC, w.date DESC, w.id DESC LIMIT %s OFFSET %s"
            )
            params = [self.query, *self.params, RANK_WINDOW, max(0, stop - start), start]
            order = "page.rank DESC, page.date DESC, page.id DESC"
        else:
            matches = (
                "SELECT w.id, w.date, count(*) OVER () AS total FROM "
                f"(SELECT d.id, d.date FROM engagement_searchdocument d WHERE {self.where} "
                "ORDER BY d.date DESC, d.id DESC LIMIT %s) AS w "
                "ORDER BY w.date DESC, w.id DESC LIMIT %s OFFSET %s"
            )
            params = [*self.params, max(COUNT_LIMIT + 1, stop), max(0, stop - start), start]
            order = "page.date DESC, page.id DESC"
        if stop <= start:
            return []
        columns = ", ".join(f"d.{c}" for c in SHOWN)
        sql = (
            f"SELECT {columns}, page.total, ("
            # The best passage: one holding the whole query, else the one ranking highest for any of its words,
            # else the first; ts_headline parses that one only.
            "SELECT ts_headline('english', best.text, websearch_to_tsquery('english', %s), %s) FROM ("
            "SELECT p.text FROM engagement_searchpassage p WHERE p.document_id = d.id "
            "AND (p.vector @@ websearch_to_tsquery('english', %s) OR p.ordinal = 1) "
            "ORDER BY p.vector @@ websearch_to_tsquery('english', %s) DESC, "
            "ts_rank(p.vector, websearch_to_tsquery('english', %s)) DESC, p.ordinal LIMIT 1) AS best"
            f") AS snippet FROM ({matches}) AS page JOIN engagement_searchdocument d ON d.id = page.id "
            f"ORDER BY {order}"
        )
        any_word = _any_word(self.query)
        with connection.cursor() as cursor:
            cursor.execute(sql, [any_word, HEADLINE_OPTIONS, any_word, self.query, any_word, *params])
            rows = cursor.fetchall()
        if rows:
            self.total = self._capped(rows[0][-2])
        elif start == 0:
            self.total = 0
        return [
            SearchResult(
                **dict(zip(SHOWN, row[:-2], strict=True)),
                kind_display=KINDS.get(row[1], row[1]),
                snippet=_headline_html(row[-1]),
            )
            for row in rows
        ]


# What a result shows (SearchResult), in the order RankedHits reads them.
SHOWN = ["key", "kind", "title", "url", "date", "meeting_label", "body_name", "body_slug", "updated_at"]
KINDS = dict(SearchDocument.Kind.choices)
HEADLINE_OPTIONS = (
    f"StartSel='{START}', StopSel='{STOP}', MaxWords={SNIPPET_WORDS}, MinWords=12, MaxFragments=2, "
    "FragmentDelimiter=' … '"
)


@functools.cache
def _withdrawn_sql():
    """The condition that leaves out what a withdrawal names (governance's subqueries, compiled once)."""
    withdrawn = withdrawn_subqueries()
    parts, params = {}, []
    for name in ("items", "reports", "appendices"):
        sql, sub_params = withdrawn[name].order_by().query.sql_with_params()
        parts[name] = sql
        params.append(sub_params)
    kinds = ", ".join(f"'{k}'" for k in (Kind.REPORT, Kind.REPORT_SECTION, Kind.APPENDIX))
    return (
        f"(d.item_id IS NULL OR d.item_id NOT IN ({parts['items']})) "
        f"AND NOT (d.kind IN ({kinds}) AND d.item_id IS NOT NULL AND d.item_id IN ({parts['reports']})) "
        f"AND (d.appendix_id IS NULL OR d.appendix_id NOT IN ({parts['appendices']}))"
    ), [p for sub in params for p in sub]


def _any_word(query):
    """The query's words and phrases joined by `or` (those it leaves out dropped): what a snippet marks, and
    how a document's passages are told apart when no single one holds every word."""
    words = [f'"{w}"' if " " in w else w for group in terms(query) for w, excluded in group if not excluded]
    return " or ".join(words) or query


class CappedPaginator(Paginator):
    """Pages through Hits: counts exactly up to COUNT_LIMIT matches and stops there (a count reads every match):
    the page then says "1,000 or more". The page's rows are read first, by one statement that counts the
    matches too; a separate count only for a page beyond the last."""

    @cached_property
    def count(self):
        return self.object_list.count()

    def page(self, number):
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            return super().page(number)
        if wanted >= 1:
            bottom = (wanted - 1) * self.per_page
            rows = self.object_list[bottom : bottom + self.per_page]
            self.count = self.object_list.count()  # known from the statement that read the rows
            return self._get_page(rows, self.validate_number(wanted), self)
        return super().page(number)

    @property
    def is_capped(self):
        return self.count >= COUNT_LIMIT


def _headline_html(text):
    return mark_safe(escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _result(d, snippet):
    return SearchResult(
        key=d.key,
        kind=d.kind,
        kind_display=KINDS.get(d.kind, d.kind),
        title=d.title,
        url=d.url,
        date=d.date,
        meeting_label=d.meeting_label,
        body_name=d.body_name,
        body_slug=d.body_slug,
        snippet=snippet,
        updated_at=d.updated_at,
    )


def search_documents(partnership, *, query, filters=None, since=None, order="newest", limit=50):
    """The public documents of the partnership matching a search, as SearchResult (at most `limit`). For
    alerts: `since` (an aware datetime) keeps only what the index saw new or changed since then. query is
    checked (ValueError with the message for one too long); an empty query finds nothing."""
    query = check_query(query)
    if not query:
        return []
    return search_hits(partnership, query=query, filters=filters, since=since, order=order)[:limit]


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
