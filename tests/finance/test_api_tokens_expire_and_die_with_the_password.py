"""An API token stops working API_TOKEN_DAYS (90 by default) after it was issued, and as soon as its user's
password is changed or reset, however that happens; the account page says when it expires."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.finance.test_finance_api_tokens import API, _get, _issue, _user

pytestmark = pytest.mark.django_db
STATEMENTS = f"{API}/statements/"
NEW_PASSWORD = "a-brand-new-passphrase-2026"


def _age(key, days):
    Token.objects.filter(key=key).update(created=timezone.now() - timedelta(days=days))


def test_a_token_expires_ninety_days_after_it_was_issued(client, finance_demo, settings):
    assert settings.API_TOKEN_DAYS == 90
    key = _issue(client, "finance.haringey")
    _age(key, 89)
    assert _get(client, STATEMENTS, key).status_code == 200
    _age(key, 90)
    refused = _get(client, STATEMENTS, key)
    assert refused.status_code == 401 and "expired" in refused.json()["detail"]


def test_the_expiry_is_configurable(client, finance_demo, settings):
    settings.API_TOKEN_DAYS = 7
    key = _issue(client, "finance.haringey")
    _age(key, 8)
    assert _get(client, STATEMENTS, key).status_code == 401


def test_the_account_page_shows_when_the_token_expires(client, finance_demo):
    key = _issue(client, "finance.haringey")
    client.force_login(_user("finance.haringey"))
    expires = Token.objects.get(key=key).created + timedelta(days=90)
    page = re.sub(r"\s+", " ", client.get("/accounts/api-token/").content.decode())
    assert f"It expires on <strong>{timezone.localtime(expires):%-d %B %Y, %H:%M}</strong>" in page
    _age(key, 91)
    page = re.sub(r"\s+", " ", client.get("/accounts/api-token/").content.decode())
    assert "expired on" in page


def test_changing_the_password_revokes_the_token(client, finance_demo):
    user = _user("finance.haringey")
    user.set_password("demo-pass-2026")
    user.save()
    key = _issue(client, "finance.haringey")
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": "demo-pass-2026", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not Token.objects.filter(key=key).exists()
    client.logout()
    assert _get(client, STATEMENTS, key).status_code == 401


def test_a_password_reset_revokes_the_token(
    client,
    finance_demo,
    reset_mail_worker,
    django_capture_on_commit_callbacks,
):
    user = _user("finance.haringey")
    get_user_model().objects.filter(pk=user.pk).update(email="haringey@example.org")
    key = _issue(client, "finance.haringey")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "haringey@example.org"})
    reset_mail_worker.run()
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert not Token.objects.filter(key=key).exists()
    assert _get(client, STATEMENTS, key).status_code == 401


def test_a_password_set_anywhere_revokes_the_token_but_a_sign_in_does_not(client, finance_demo, monkeypatch):
    key = _issue(client, "finance.haringey")
    user = _user("finance.haringey")
    user.last_login = timezone.now()
    user.save()
    user.first_name = "Harriet"
    user.save()
    assert Token.objects.filter(key=key).exists()  # other changes to the user leave it alone
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW_PASSWORD)
    call_command("changepassword", "finance.haringey", stdout=open("/dev/null", "w"))
    assert not Token.objects.filter(key=key).exists()
