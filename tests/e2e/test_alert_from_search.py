"""A resident searches, follows the search by e-mail from the results page (the form arrives filled in with the
words), and is told to check their e-mail; nothing is followed until they confirm. The pages pass axe-core."""

import pytest

from .conftest import assert_accessible, expect

pytestmark = pytest.mark.e2e


def test_subscribe_to_a_search_from_its_results(page, live_server, demo_live, monkeypatch):
    from engagement import tasks
    from engagement.models import Subscription

    queued = []
    monkeypatch.setattr(tasks.send_confirmation, "delay", lambda *args: queued.append(args))
    page.goto(f"{live_server.url}/shared-digital/search/?q=network")
    page.get_by_role("link", name="Get e-mail alerts for this search").click()
    expect(page.get_by_label("Words to search for")).to_have_value("network")
    expect(page.get_by_role("radio", name="A search")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("radio", name="As soon as something is published").check()
    page.get_by_label("Your e-mail address").fill("resident@example.org")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    subscription = Subscription.objects.get()
    assert (subscription.kind, subscription.query, subscription.frequency) == (
        "search",
        "network",
        "immediate",
    )
    assert subscription.confirmed_at is None and queued == [(subscription.pk,)]
