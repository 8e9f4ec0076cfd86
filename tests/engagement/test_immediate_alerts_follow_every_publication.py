"""'As soon as published' reaches every kind of publication, not only agendas: the publishing services announce
it (governance.partners.public_cache.published) and the worker is queued once the transaction commits; a
transaction that rolls back queues nothing."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import transaction

from engagement import services, tokens
from governance.delegations.services import forward_plan_entry_create_from_item

from .conftest import add_business

pytestmark = pytest.mark.django_db


def follow(sd, kind):
    subscription, _ = services.subscription_request(
        partnership=sd, email="quick@example.org", kind=kind, frequency="immediate"
    )
    return services.subscription_confirm(token=tokens.confirm_token(subscription))


def notice(item, officer):
    return forward_plan_entry_create_from_item(
        item=item,
        by=officer,
        councils=item.meeting.body.partnership.councils_on(item.meeting.date),
        reference=f"SD/TEST/{item.pk}",
        title=item.title,
        decision_maker="Shared Digital Joint Committee",
        published_on=date.today() - timedelta(days=1),
    )


def test_a_new_key_decision_on_the_forward_plan_is_mailed_at_once(
    sd, future_meeting, officer, alerts_worker, django_capture_on_commit_callbacks
):
    follow(sd, "forward_plan")
    item = add_business(future_meeting, officer, "Network Services Transformation", is_key_decision=True)
    with django_capture_on_commit_callbacks(execute=True):
        notice(item, officer)
    assert alerts_worker.names() == ["send_immediate_alerts"]
    alerts_worker.run()
    [message] = mail.outbox
    assert (
        f"Key decision on the forward plan: SD/TEST/{item.pk}: Network Services Transformation"
        in message.body
    )


def test_a_publication_that_rolls_back_queues_nothing(
    sd, future_meeting, officer, alerts_worker, django_capture_on_commit_callbacks
):
    follow(sd, "forward_plan")
    item = add_business(future_meeting, officer, "Network Services Transformation", is_key_decision=True)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notice(item, officer)
                raise RuntimeError("the officer's request failed")
        except RuntimeError:
            pass
    assert alerts_worker.names() == []
