"""Answers to a signed-in person (or an API token's user) carry `Cache-Control: private, no-store`: their
pages, statements (page, PDF, CSV), invoicing and the finance API; the finance API says so to a refused caller
too. Anonymous public pages keep their own caching."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from finance.models import RechargeStatement

pytestmark = pytest.mark.django_db
FINANCE = "/shared-digital/finance"
API = "/api/v1/partnerships/shared-digital/finance"


def private(response):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


def test_signed_in_pages_statements_and_invoices_are_private(client, finance_demo):
    user = get_user_model().objects.get(username="finance.haringey")
    statement = RechargeStatement.objects.filter(council__code="LBH", number__isnull=False).first()
    client.force_login(user)
    for path in [
        "/",
        "/shared-digital/meetings/",
        f"{FINANCE}/statements/",
        f"{FINANCE}/statements/{statement.pk}/",
        f"{FINANCE}/statements/{statement.pk}/pdf/",
        f"{FINANCE}/invoicing/",
        "/accounts/api-token/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert private(response), (path, response.get("Cache-Control"))


def test_finance_api_answers_are_private_even_when_refused(client, finance_demo):
    user = get_user_model().objects.get(username="finance.haringey")
    key = Token.objects.create(user=user).key
    answer = client.get(f"{API}/statements/", HTTP_AUTHORIZATION=f"Token {key}")
    assert answer.status_code == 200 and private(answer)
    refused = client.get(f"{API}/statements/")
    assert refused.status_code == 401 and private(refused)


def test_anonymous_public_pages_are_not_marked_private(client, demo):
    response = client.get("/shared-digital/meetings/")
    assert response.status_code == 200 and not private(response)
