"""'As soon as published' reaches every kind of publication, not only agendas: the publishing services announce
it (governance.partners.public_cache.published) and the worker is queued once the transaction commits; a
transaction that rolls back queues nothing."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction

from engagement import services, tasks, tokens
from governance.committees import services as committees
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


def test_a_search_followed_as_soon_as_published_is_mailed_once_the_index_holds_the_publication(
    sd, future_meeting, officer, alerts_worker, django_capture_on_commit_callbacks, monkeypatch, settings
):
    """The alert queued as the publication commits runs before the worker's index task has taken it in (that
    task waits for the burst of commits to settle): it finds nothing new for a search. The index task then
    queues the search subscriptions, and the new item is mailed at once, not at the next daily digest."""
    settings.SEARCH_INDEX_ON_COMMIT = "worker"
    cache.clear()  # no index task already queued for the partnership
    indexing = []
    monkeypatch.setattr(tasks.search_index_update, "apply_async", lambda args, **kw: indexing.append(args))
    subscription, _ = services.subscription_request(
        partnership=sd, email="quick@example.org", kind="search", query="Quillback", frequency="immediate"
    )
    services.subscription_confirm(token=tokens.confirm_token(subscription))
    add_business(future_meeting, officer, "Quillback data centre move")
    with django_capture_on_commit_callbacks(execute=True):
        committees.agenda_publish(meeting=future_meeting, by=officer)
    assert alerts_worker.names() == ["send_immediate_alerts"]
    alerts_worker.run()  # before the index has the item: nothing to tell
    assert mail.outbox == []
    assert indexing == [(sd.pk,)]
    with django_capture_on_commit_callbacks(execute=True):
        outcome = tasks.search_index_update(*indexing[0])  # what the worker runs a few seconds later
    assert outcome["written"] > 0 and outcome["alerts"] == 1
    assert alerts_worker.names() == ["send_alerts"]
    alerts_worker.run()
    [message] = mail.outbox
    assert message.to == ["quick@example.org"] and "Quillback data centre move" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        again = tasks.search_index_update(sd.pk)  # nothing new written: nothing queued
    assert again["written"] == 0 and again["alerts"] == 0 and alerts_worker.names() == []
