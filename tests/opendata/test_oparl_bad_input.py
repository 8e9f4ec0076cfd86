"""Bad input to OParl answers in JSON, never with a 500 or an HTML page: an unknown body, type or object 404s,
a malformed created/modified filter or page 400s, a page past the end 404s (the first page of an empty list
is an empty page)."""

import pytest

BODY = "/oparl/v1.1/body/shared-digital/"


@pytest.mark.parametrize(
    "path",
    [
        "/oparl/v1.1/body/no-such-partnership/",
        "/oparl/v1.1/body/no-such-partnership/meeting/",
        f"{BODY}no-such-type/",
        f"{BODY}meeting/999999/",
        f"{BODY}meeting/not-a-number/",
        f"{BODY}paper/report-999999/",
        f"{BODY}organization/council-nowhere/",
        f"{BODY}meeting/?page=99",
        "/oparl/v1.1/body/?page=2",
    ],
)
def test_unknown_ids_and_pages_past_the_end_answer_404_in_json(client, demo, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]


@pytest.mark.parametrize(
    "query",
    [
        "modified_since=yesterday",
        "modified_since=2024-13-01T00:00:00",
        "created_since=2024-05-01T25:00:00Z",
        "modified_until=",
        "page=0",
        "page=-1",
        "page=two",
        "page=99999999999999999999",
    ],
)
def test_malformed_filters_and_pages_answer_400_in_json(client, demo, query):
    response = client.get(f"{BODY}meeting/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]


def test_an_empty_list_is_one_empty_page(client, demo):
    response = client.get(f"{BODY}meeting/?created_since=2999-01-01T00:00:00Z")
    assert response.status_code == 200
    assert response.json()["data"] == []
    assert response.json()["pagination"]["totalPages"] == 1


def test_oparl_is_read_only(client, demo):
    assert client.post(f"{BODY}meeting/").status_code in (403, 405)
