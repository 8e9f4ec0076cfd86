"""A resident's search finds what is inside the papers, not only their titles: a phrase in the body of the
network report, a word in a table of the finance update and a name in an appendix (issue 24), each with its
type, meeting, date and the passage that matched, on SQLite's simpler match as on PostgreSQL."""

import feedparser
import pytest

from .conftest import SD


@pytest.mark.postgres  # CI runs it again on PostgreSQL: ranked full text, not the SQLite fallback
@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("securely segmented", "Network Services Transformation"),
        ("Evergreening", "Shared Digital Finance Update"),
        ("Gartner", "Appendix B: Gartner IT Strategy Template"),
    ],
)
def test_words_in_reports_and_appendices_are_found_with_their_meeting_date_and_snippet(
    sd, client, query, where
):
    response = client.get(f"{SD}/search/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert where in page
    assert "Shared Digital Joint Committee, 30 October 2017" in page  # the meeting and its date
    assert f"<mark>{query.split()[0].lower()}</mark>" in page.lower()  # the passage that matched
    assert "Report section" in page or "Appendix" in page  # the type


def test_the_results_page_links_an_atom_feed_that_parses_with_stable_ids(sd, client):
    page = client.get(f"{SD}/search/", {"q": "network", "sort": "newest"}).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    feed_url = f"{SD}/search.atom?q=network&amp;sort=newest"
    assert feed_url in page
    first = feedparser.parse(client.get(feed_url.replace("&amp;", "&")).content)
    assert not first.bozo, first.bozo_exception
    assert first.feed.title.endswith("search for “network”")
    assert len(first.entries) >= 5
    assert all(e.id.startswith("tag:") and e.updated_parsed for e in first.entries)
    again = feedparser.parse(client.get(feed_url.replace("&amp;", "&")).content)
    assert [e.id for e in again.entries] == [e.id for e in first.entries]


def test_filters_narrow_the_results_and_the_api_answers_the_same(sd, client):
    everything = client.get("/api/v1/partnerships/shared-digital/search/", {"q": "network"}).json()
    appendices = client.get(
        "/api/v1/partnerships/shared-digital/search/", {"q": "network", "type": "appendix"}
    ).json()
    assert 0 < appendices["count"] < everything["count"]
    assert {r["type"] for r in appendices["results"]} == {"appendix"}
    older = client.get(
        "/api/v1/partnerships/shared-digital/search/", {"q": "network", "date_to": "2017-01-01"}
    ).json()
    assert all(r["date"] <= "2017-01-01" for r in older["results"])
    page = client.get(f"{SD}/search/", {"q": "network", "committee": "shared-digital-joint-committee"})
    assert page.status_code == 200
