"""The finance endpoints of the JSON API answer a token as the pages answer its user: a user issues and revokes
their own token on the account page; a finance officer's token reads their own council's statements, budget
lines and ledger sums only; the host's finance officers, the CIO and auditors read every council's; a token of
someone the access table keeps out is refused, and a revoked token stops working at once."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from finance.models import RechargeStatement

API = "/api/v1/partnerships/shared-digital/finance"


def _user(username):
    return get_user_model().objects.get(username=username)


def _issue(client, username):
    client.force_login(_user(username))
    response = client.post("/accounts/api-token/", {"action": "issue"})
    assert response.status_code == 200
    key = Token.objects.get(user__username=username).key
    assert key in response.content.decode()  # shown once, on the page that issues it
    client.logout()
    return key


def _get(client, path, key=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"} if key else {}
    return client.get(path, **headers, **extra)


@pytest.fixture
def q1(finance_demo):
    return {s.council.code: s for s in RechargeStatement.objects.filter(year=2018, period="Q1")}


def test_the_account_page_issues_replaces_and_revokes_the_users_own_token(client, finance_demo):
    client.force_login(_user("finance.haringey"))
    assert "You have no token" in client.get("/accounts/api-token/").content.decode()
    first = client.post("/accounts/api-token/", {"action": "issue"})
    key = Token.objects.get(user__username="finance.haringey").key
    page = client.get("/accounts/api-token/").content.decode()
    assert key[-4:] in page and key not in page  # afterwards only its last four characters
    client.post("/accounts/api-token/", {"action": "issue"})
    assert Token.objects.get(user__username="finance.haringey").key != key  # the old one is replaced
    assert first.status_code == 200
    assert client.post("/accounts/api-token/", {"action": "revoke"}).status_code == 302
    assert not Token.objects.filter(user__username="finance.haringey").exists()
    assert client.post("/accounts/api-token/", {"action": "nonsense"}).status_code == 400
    client.logout()
    assert client.get("/accounts/api-token/").status_code == 302  # sign in first


def test_a_haringey_token_reads_haringeys_statements_only(client, q1):
    key = _issue(client, "finance.haringey")
    listing = _get(client, f"{API}/statements/", key)
    assert listing.status_code == 200
    assert {s["council"] for s in listing.json()["results"]} == {"LBH"}
    assert _get(client, f"{API}/statements/{q1['LBH'].pk}/", key).status_code == 200
    assert _get(client, f"{API}/statements/{q1['LBI'].pk}/", key).status_code == 404
    budget = _get(client, f"{API}/2018-19/budget/", key).json()
    assert budget["lines"] and {line["council"] for line in budget["lines"]} == {"LBH"}
    sums = _get(client, f"{API}/2018-19/actuals/", key).json()["sums"]
    assert all("LBH" in (s["incurred_by"], s["charged_to"]) for s in sums)
    forecasts = _get(client, f"{API}/2018-19/forecast/", key).json()["forecasts"]
    assert all(f["council"] in (None, "LBH") for f in forecasts)


@pytest.mark.parametrize("username", ["finance.camden", "cio", "auditor"])
def test_the_host_finance_officer_the_cio_and_auditors_read_every_council(client, q1, username):
    key = _issue(client, username)
    listing = _get(client, f"{API}/statements/", key).json()["results"]
    assert {s["council"] for s in listing} == {"LBH", "LBI"}  # the host pays no recharge
    assert _get(client, f"{API}/statements/{q1['LBI'].pk}/", key).status_code == 200


def test_statements_are_money_strings_iso_dates_and_carry_an_etag(client, q1):
    key = _issue(client, "finance.haringey")
    response = _get(client, f"{API}/statements/{q1['LBH'].pk}/", key)
    data = response.json()
    assert isinstance(data["net"], str) and data["net"] == f"{q1['LBH'].net:.2f}"
    assert all(isinstance(line["amount"], str) for line in data["lines"])
    assert data["issue_date"] == q1["LBH"].issue_date.isoformat()
    assert response["ETag"] and response["Last-Modified"]
    again = _get(client, f"{API}/statements/{q1['LBH'].pk}/", key, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_filters_are_the_statements_pages_and_bad_values_are_a_400_naming_the_field(client, q1):
    key = _issue(client, "finance.camden")
    only = _get(client, f"{API}/statements/?council=LBI&year=2018-19", key).json()["results"]
    assert only and {s["council"] for s in only} == {"LBI"}
    bad = _get(client, f"{API}/statements/?status=nonsense", key)
    assert bad.status_code == 400 and "status" in bad.json()
    assert _get(client, f"{API}/statements/?year=abc", key).status_code == 400
    assert _get(client, f"{API}/statements/?colour=red", key).json() == {"colour": ["Unknown parameter."]}
    assert _get(client, f"{API}/statements/?page=99", key).status_code == 400
    assert _get(client, f"{API}/2018-19/forecast/?month=13", key).status_code == 400


def test_no_token_a_bad_token_a_revoked_token_and_the_wrong_roles_are_refused(client, q1, make_user):
    assert _get(client, f"{API}/statements/").status_code == 401
    assert _get(client, f"{API}/statements/", "not-a-token").status_code == 401
    key = _issue(client, "finance.haringey")
    Token.objects.filter(key=key).delete()  # revoked
    assert _get(client, f"{API}/statements/", key).status_code == 401
    # A finance officer of another partnership, and a committee officer here: their tokens are refused.
    for username in ("finance.hf", "officer"):
        assert _get(client, f"{API}/statements/", _issue(client, username)).status_code == 403
    # A token never opens a page of the site: only the API's finance endpoints read it.
    key = _issue(client, "finance.haringey")
    assert _get(client, "/shared-digital/finance/statements/", key).status_code == 302
