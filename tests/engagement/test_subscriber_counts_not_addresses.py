"""Subscribers' addresses are personal data: committee officers and auditors see how many follow what, only a
holder of the administrator role sees the addresses; the public sees neither."""

import pytest

from engagement import services
from governance.roles import Role

pytestmark = pytest.mark.django_db

COUNTS = "/shared-digital/alerts/subscribers/"


@pytest.fixture
def subscribed(demo):
    sd = demo["partnerships"]["shared-digital"]
    services.subscription_request(
        partnership=sd, email="resident@example.org", kind="forward_plan", frequency="daily"
    )
    return sd


def test_officers_see_counts_and_administrators_addresses(client, make_user, subscribed):
    client.force_login(make_user(Role.COMMITTEE_OFFICER, subscribed))
    page = client.get(COUNTS).content.decode()
    assert "The forward plan (new key decisions)" in page and "resident@example.org" not in page
    client.force_login(make_user(Role.ADMINISTRATOR))
    assert "resident@example.org" in client.get(COUNTS).content.decode()


def test_the_public_sees_no_counts(client, subscribed):
    assert client.get(COUNTS).status_code == 302  # to sign in
