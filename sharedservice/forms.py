from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

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
    pass


class SetPassword(GovukFields, SetPasswordForm):
    pass
