"""A request never confirmed is deleted after UNCONFIRMED_DAYS (the privacy notice says so), with its address
when that was all the address had; confirmed subscriptions stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement import services, tokens
from engagement.models import Subscriber, Subscription

pytestmark = pytest.mark.django_db


def test_unconfirmed_requests_go_after_a_week(sd):
    stale, _ = services.subscription_request(
        partnership=sd, email="gone@example.org", kind="forward_plan", frequency="daily"
    )
    kept, _ = services.subscription_request(
        partnership=sd, email="kept@example.org", kind="forward_plan", frequency="daily"
    )
    services.subscription_confirm(token=tokens.confirm_token(kept))
    later = timezone.now() + timedelta(days=services.UNCONFIRMED_DAYS, minutes=1)
    assert services.unconfirmed_purge(now=later - timedelta(days=1)) == 0
    assert services.unconfirmed_purge(now=later) == 1
    assert list(Subscription.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.org"]


def test_the_privacy_notice_says_what_is_kept_and_for_how_long(client, sd):
    page = client.get("/shared-digital/alerts/privacy/").content.decode()
    assert "personal data" in page and f"after {services.UNCONFIRMED_DAYS} days" in page
