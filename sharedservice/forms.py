from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction

from . import passwords
from .tasks import send_password_reset

AUTOCOMPLETE = {
    "username": "username",
    "password": "current-password",
    "old_password": "current-password",
    "new_password1": "new-password",
    "new_password2": "new-password",
    "email": "email",
}


class GovukFields:
    """GOV.UK Frontend classes and autocomplete hints on every field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.update({"class": "govuk-input", "autocomplete": AUTOCOMPLETE.get(name, "off")})


class LoginForm(GovukFields, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask an administrator.",
    }


class PasswordChange(GovukFields, PasswordChangeForm):
    pass


class PasswordReset(GovukFields, PasswordResetForm):
    """Django's reset form, but the mail is written and sent by a worker, at most PASSWORD_RESET_PER_ACCOUNT an
    hour to one account (sharedservice.passwords); the page says the same whether a mail went or not."""

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        site = get_current_site(request)
        domain = domain_override or site.domain
        site_name = domain_override or site.name
        for user in self.get_users(self.cleaned_data["email"]):
            if passwords.account_allowed(user):
                transaction.on_commit(
                    lambda pk=user.pk: send_password_reset.delay(pk, domain, site_name, bool(use_https))
                )


class SetPassword(GovukFields, SetPasswordForm):
    pass
