"""Signing in is protected: repeated wrong passwords lock that username from that address for a cool-off
(django-axes), people change and reset their passwords through Django's views, and a sign-in lasts 8 hours."""

from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

LOGIN = "/accounts/login/"
RIGHT = "correct-horse-battery"


def sign_in(client, username, password, address="10.1.2.3"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_thirty_wrong_passwords_lock_the_account_from_that_address_until_the_cool_off(client, make_user):
    make_user(username="ada")
    for _ in range(30):
        response = sign_in(client, "ada", "wrong-password")
        assert not signed_in(client)
    # The right password is refused while the lock lasts, with the lockout page.
    response = sign_in(client, "ada", RIGHT)
    assert response.status_code == 429 and not signed_in(client)
    assert "Sign-in paused" in response.content.decode()
    # Another person at that address, and the same person from elsewhere, are not locked out.
    make_user(username="grace")
    assert sign_in(client, "grace", RIGHT).status_code == 302 and signed_in(client)
    client.logout()
    assert sign_in(client, "ada", RIGHT, address="10.9.9.9").status_code == 302 and signed_in(client)
    client.logout()
    # After the cool-off the right password works again from the locked address.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    assert sign_in(client, "ada", RIGHT).status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_a_few_mistakes_do_not_lock_anyone_out(client, make_user):
    make_user(username="ada")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "ada", "wrong-password")
    assert sign_in(client, "ada", RIGHT).status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_a_signed_in_person_changes_their_password(client, make_user):
    user = make_user(username="ada")
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "govuk-input" in page.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": RIGHT,
            "new_password1": "a-new-long-passphrase-7",
            "new_password2": "a-new-long-passphrase-7",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("a-new-long-passphrase-7") and not user.check_password(RIGHT)


@pytest.mark.django_db
def test_a_forgotten_password_is_reset_through_a_link_sent_by_email(
    client, make_user, reset_mail_worker, django_capture_on_commit_callbacks
):
    user = make_user(username="ada", email="ada@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "ada@example.org"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    reset_mail_worker.run()  # the mail is sent by a worker (tests/test_password_reset_through_the_worker.py)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    form_page = client.get(urlsplit(link.strip()).path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase-9", "new_password2": "another-long-passphrase-9"},
    )
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("another-long-passphrase-9")
    # The link works once.
    again = client.get(form_page.redirect_chain[-1][0])
    assert "This link has expired" in again.content.decode()


@pytest.mark.django_db
def test_a_sign_in_ends_eight_hours_after_it_was_made_however_active(client, make_user, demo):
    make_user(username="ada")
    start = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=start):
        assert sign_in(client, "ada", RIGHT).status_code == 302
    page = reverse(
        "changes"
    )  # any page that needs a sign-in: the person with no role gets a 403, not a redirect
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=7, minutes=50)):
        assert client.get(page).status_code == 403
        session = client.session
        session["activity"] = "still working"
        session.save()
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=8, minutes=1)):
        response = client.get(page)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)



@pytest.mark.django_db
def test_an_over_long_username_is_refused_and_counted_without_a_server_error(client):
    # Sign-in records keep a username of up to 255 characters; a longer guess is cut, not a database error.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "x" * 3000, "wrong-password")
        assert response.status_code in {200, 429} and not signed_in(client)
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "x" * 150 and attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    assert sign_in(client, "x" * 3000, "wrong-password").status_code == 429
