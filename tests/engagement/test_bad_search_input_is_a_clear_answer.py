"""Bad input to the search is answered clearly, never with a 500: an empty query shows the form, a query of
1,000 characters or a filter value that does not exist is a 400 naming the field, unbalanced quotes are read
as well as they can be; the feed and the API say the same."""

import pytest

from .conftest import SD

API = "/api/v1/partnerships/shared-digital/search/"


def test_an_empty_query_shows_the_form_and_no_results(sd, client):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get(f"{SD}/search/", params)
        assert response.status_code == 200
        assert "result" not in response.content.decode().split("</form>")[1].split("<footer")[0].lower()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "network " * 125}, "Search for at most 200 characters."),
        ({"q": "network", "type": "memo"}, "Select a valid choice"),
        ({"q": "network", "committee": "no-such-board"}, "Select a valid choice"),
        ({"q": "network", "sort": "alphabetical"}, "Select a valid choice"),
        ({"q": "network", "date_from": "2017-02-30"}, "date"),
        ({"q": "network", "date_from": "2018-01-01", "date_to": "2017-01-01"}, "cannot come before"),
        ({"q": "network", "page": "two"}, "There is no such page of results."),
        ({"q": "network", "page": "999"}, "There is no such page of results."),
    ],
)
def test_a_malformed_search_is_a_400_naming_what_is_wrong(sd, client, params, message):
    response = client.get(f"{SD}/search/", params)
    assert response.status_code == 400
    assert message in response.content.decode()
    if "page" not in params:
        assert client.get(API, params).status_code == 400
        assert client.get(f"{SD}/search.atom", params).status_code == 400


@pytest.mark.parametrize("query", ['"securely segmented', 'network"', '"', "-", "or", "- or -network", "((("])
def test_unbalanced_quotes_and_stray_operators_are_searched_not_refused(sd, client, query):
    assert client.get(f"{SD}/search/", {"q": query}).status_code == 200
    assert client.get(API, {"q": query}).status_code == 200
    assert client.get(f"{SD}/search.atom", {"q": query}).status_code == 200


def test_unbalanced_quotes_still_find_the_phrase(sd, client):
    page = client.get(f"{SD}/search/", {"q": '"securely segmented'}).content.decode()
    assert "Network Services Transformation" in page


def test_the_api_and_feed_need_words_and_the_api_refuses_unknown_parameters(sd, client):
    assert client.get(API).json() == {"q": ["Enter words to search for."]}
    assert client.get(f"{SD}/search.atom").status_code == 400
    assert client.get(API, {"q": "network", "colour": "red"}).status_code == 400


def test_no_malformed_value_of_any_parameter_is_a_server_error(sd, client):
    # tests/test_malformed_input_is_a_400.py walks every page with every malformed value; these are the ones
    # a search's own parameters meet first.
    for path in (f"{SD}/search/", f"{SD}/search.atom", API):
        for name in ("q", "type", "date_from_day", "page"):
            for bad in ("x" * 3000, "9" * 40, "²"):
                params = {"q": "network", name: bad}
                status = client.get(path, params).status_code
                assert status in (200, 400), (path, name, bad, status)
