"""The subscribe form cannot be used to flood an inbox or keep the workers busy: ALERTS_PER_CLIENT requests an
hour from one client (then a 429), and ALERTS_PER_ADDRESS confirmation mails an hour to one address (the page
answers the same either way)."""

import pytest

pytestmark = pytest.mark.django_db


def ask(client, email, address="81.2.69.142", **fields):
    data = {"kind": "forward_plan", "frequency": "daily", "email": email, **fields}
    return client.post("/shared-digital/alerts/", data, REMOTE_ADDR=address)


def test_one_address_gets_at_most_a_few_confirmation_mails_an_hour(
    client, demo, settings, alerts_worker, django_capture_on_commit_callbacks
):
    for n in range(settings.ALERTS_PER_ADDRESS + 2):
        with django_capture_on_commit_callbacks(execute=True):
            response = ask(
                client, "a@example.org", address=f"81.2.69.{n + 1}", kind="search", query=f"network {n}"
            )
        assert response.status_code == 302
    assert alerts_worker.names() == ["send_confirmation"] * settings.ALERTS_PER_ADDRESS


def test_one_client_is_paused_after_a_few_requests(client, demo, settings, alerts_worker):
    settings.ALERTS_PER_CLIENT = 3
    for n in range(3):
        assert ask(client, f"person{n}@example.org").status_code == 302
    paused = ask(client, "another@example.org")
    assert paused.status_code == 429 and "Too many requests" in paused.content.decode()
    assert ask(client, "another@example.org", address="2.125.160.216").status_code == 302
