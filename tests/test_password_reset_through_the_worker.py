"""A password reset mail is written and sent by a worker, never inside the request (the request queues the
user's id; the worker makes the link), and resets are throttled: PASSWORD_RESET_PER_ACCOUNT mails an hour to one
account (the page answers the same either way) and PASSWORD_RESET_PER_ADDRESS requests an hour from one address
(then a 429)."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def ask(client, email, address="81.2.69.142"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_the_request_queues_the_mail_and_the_worker_sends_it(
    client,
    make_user,
    reset_mail_worker,
    django_capture_on_commit_callbacks,
):
    user = make_user(username="ada", email="ada@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "ada@example.org")
    assert response.status_code == 302
    assert mail.outbox == []  # nothing sent inside the request
    assert reset_mail_worker.queued == [[user.pk, "testserver", "testserver", False]]  # no link in the broker
    assert reset_mail_worker.run() == [True]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.org"]
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_a_switched_off_account_queued_before_gets_no_mail(
    client,
    make_user,
    reset_mail_worker,
    django_capture_on_commit_callbacks,
):
    user = make_user(username="ada", email="ada@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "ada@example.org")
    user.is_active = False
    user.save()
    assert reset_mail_worker.run() == [False] and mail.outbox == []


def test_one_account_gets_at_most_a_few_mails_an_hour(
    client,
    make_user,
    settings,
    reset_mail_worker,
    django_capture_on_commit_callbacks,
):
    make_user(username="ada", email="ada@example.org")
    for n in range(settings.PASSWORD_RESET_PER_ACCOUNT + 3):
        with django_capture_on_commit_callbacks(execute=True):
            response = ask(client, "ada@example.org", address=f"81.2.69.{n + 1}")
        assert response.status_code == 302  # the same answer: nothing says the limit was reached
    reset_mail_worker.run()
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_ACCOUNT


def test_one_address_is_paused_after_a_few_requests(
    client,
    make_user,
    settings,
    reset_mail_worker,
    django_capture_on_commit_callbacks,
):
    for n in range(settings.PASSWORD_RESET_PER_ADDRESS):
        assert ask(client, f"nobody{n}@example.org").status_code == 302
    paused = ask(client, "another@example.org")
    assert paused.status_code == 429 and "Password resets paused" in paused.content.decode()
    assert ask(client, "another@example.org", address="2.125.160.216").status_code == 302
