"""Password reset by email, sent by a worker and throttled: a request from one address, and the mails to one
account, are limited per hour (PASSWORD_RESET_PER_ADDRESS, PASSWORD_RESET_PER_ACCOUNT), so the form can be used
neither to flood someone's inbox nor to keep the web workers busy sending mail. The reset link is made by the
worker from the user's id: no link passes through the broker."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.mail import send_mail
from django.template import loader
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

WINDOW_SECONDS = 60 * 60
SUBJECT_TEMPLATE = "registration/password_reset_subject.txt"
EMAIL_TEMPLATE = "registration/password_reset_email.txt"


def _spend(key, limit):
    """Counts one more use of key in the current hour; False once the limit is spent."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        used = 1
    return used <= limit


def address_allowed(request):
    """One more reset request from the visitor's address (the same address sign-in throttling reads)."""
    address = get_client_ip_address(request) or "unknown"
    return _spend(f"password-reset:address:{address}", settings.PASSWORD_RESET_PER_ADDRESS)


def account_allowed(user):
    """One more reset mail to this account."""
    return _spend(f"password-reset:account:{user.pk}", settings.PASSWORD_RESET_PER_ACCOUNT)


def reset_mail_send(*, user_id, domain, site_name, use_https):
    """Writes and sends the reset mail of an active user with a usable password (what the form asked for may
    have changed since it was queued). Returns whether a mail was sent."""
    user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    email_field = get_user_model().get_email_field_name()
    if user is None or not user.has_usable_password() or not getattr(user, email_field):
        return False
    context = {
        "email": getattr(user, email_field),
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    subject = "".join(loader.render_to_string(SUBJECT_TEMPLATE, context).splitlines())
    body = loader.render_to_string(EMAIL_TEMPLATE, context)
    send_mail(subject, body, None, [context["email"]])
    return True
