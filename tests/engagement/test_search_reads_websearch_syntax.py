"""How a search reads its words. PostgreSQL (CI's second part): websearch syntax, English stemming, ranking
titles above summaries above body text, phrases, exclusion and `or`, and a query of only common words is told
why it found nothing. SQLite (the embedded default) reads the same syntax plainly: every word or phrase as
typed, -word left out, `or` between groups, newest first."""

from datetime import date

import pytest

from engagement.models import SearchDocument
from engagement.search import search_documents
from engagement.search.index import Doc, write
from engagement.search.query import terms

from .conftest import SD, postgres_only, sqlite_only

Kind = SearchDocument.Kind


def doc(key, title, *, summary="", body="", day=1):
    return Doc(
        key=key, kind=Kind.REPORT, title=title, summary=summary, body=body, date=date(2031, 1, day), url="/x/"
    )


@pytest.fixture
def corpus(sd):
    write(
        sd,
        [
            doc(
                "report:1",
                "Budget monitoring",
                body="The network transformation programme is on budget.",
                day=5,
            ),
            doc("report:2", "Network transformation", summary="Converging the councils' networks.", day=1),
            doc("report:3", "Telephony", summary="Network transformation of telephony.", day=2),
            doc(
                "report:4",
                "Wide area network",
                body="A single (securely segmented) wide area network.",
                day=3,
            ),
            doc(
                "report:5",
                "Finance update",
                body="Network costs and the finance of segmented services.",
                day=4,
            ),
        ],
    )
    return sd


def keys(partnership, query, **kw):
    return [r.key for r in search_documents(partnership, query=query, **kw)]


@postgres_only
@pytest.mark.postgres
def test_stemming_finds_other_forms_and_titles_rank_above_summaries_above_bodies(corpus):
    found = keys(corpus, "transforming networks", order="relevance")
    assert found[:3] == ["report:2", "report:3", "report:1"]


@postgres_only
@pytest.mark.postgres
def test_phrases_exclusion_and_or(corpus):
    assert keys(corpus, '"securely segmented"') == ["report:4"]
    assert keys(corpus, '"segmented securely"') == []
    assert set(keys(corpus, "network -finance")) == {"report:1", "report:2", "report:3", "report:4"}
    assert set(keys(corpus, "telephony or budget")) == {"report:1", "report:3"}


@postgres_only
@pytest.mark.postgres
def test_a_search_of_only_common_words_says_why_it_found_nothing(corpus, client):
    page = client.get(f"{SD}/search/", {"q": "the and of"}).content.decode()
    assert "Nothing public matches" in page and "only very common words" in page


@postgres_only
@pytest.mark.postgres
def test_snippets_mark_the_matched_words_and_escape_the_text(sd):
    write(
        sd,
        [doc("report:9", "Scripts", body="Costs & risks of the segmented network <script>alert(1)</script>")],
    )
    (result,) = search_documents(sd, query="segmented")
    assert "<mark>segmented</mark>" in result.snippet and "&amp;" in result.snippet
    assert "<script" not in result.snippet


def test_sqlite_reads_the_syntax_plainly():
    assert terms('"securely segmented" network -finance or telephony') == [
        [("securely segmented", False), ("network", False), ("finance", True)],
        [("telephony", False)],
    ]
    assert terms('"unbalanced quote') == [[("unbalanced quote", False)]]
    assert terms("- or") == []


@sqlite_only
def test_the_fallback_matches_words_and_phrases_newest_first(corpus):
    assert keys(corpus, '"securely segmented"') == ["report:4"]
    assert keys(corpus, "network transformation") == ["report:1", "report:3", "report:2"]  # newest first
    assert keys(corpus, "segmented -finance") == ["report:4"]
    assert keys(corpus, "telephony or budget") == ["report:1", "report:3"]
    (result,) = search_documents(corpus, query="securely")
    assert "<mark>securely</mark> segmented" in result.snippet
