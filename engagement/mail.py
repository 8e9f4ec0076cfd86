"""The alert mails, text and HTML (EmailMultiAlternatives, sent by Django's mail backend in the worker).

Links are absolute, made from settings.SITE_URL (a worker has no request to read the host from). Every alert
mail carries RFC 8058 one-click unsubscribe headers and a link to manage all of the address's alerts."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from governance.committees.public import public_bodies

from . import tokens


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


class AlertMessage(EmailMultiAlternatives):
    """Headers written on one line up to RFC 5322's 998 characters: Python's default (compat32) folds a long
    header with no spaces into RFC 2047 encoded words, which no mail client reads as a List-Unsubscribe URL."""

    def message(self):
        msg = super().message()
        msg.policy = msg.policy.clone(max_line_length=998)
        return msg


def _message(*, to, subject, template, context, headers=None):
    text = render_to_string(f"engagement/mail/{template}.txt", context)
    html = render_to_string(f"engagement/mail/{template}.html", context)
    message = AlertMessage(subject=subject, body=text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message


def describe(subscription):
    """What the subscription follows, in words ("the Shared Digital Joint Committee", "the search “network”")."""
    kind = subscription.kind
    if kind == "committee":
        name = next(
            (b.name for b in public_bodies(subscription.partnership) if b.slug == subscription.body_slug),
            subscription.body_slug,
        )
        return f"{name}: agendas, supplements, minutes and decisions"
    if kind == "forward_plan":
        return "the forward plan: new key decisions"
    if kind == "officer_decisions":
        return "decisions taken by officers"
    filters = ", ".join(f"{k} {v}" for k, v in sorted((subscription.filters or {}).items()))
    return f"the search “{subscription.query}”" + (f" ({filters})" if filters else "")


def short_name(subscription):
    """A few words for the subject line."""
    if subscription.kind == "committee":
        return describe(subscription).split(":")[0]
    if subscription.kind == "search":
        return f"search “{subscription.query[:60]}”"
    return {"forward_plan": "forward plan", "officer_decisions": "officer decisions"}[subscription.kind]


def unsubscribe_url(subscription):
    path = reverse(
        "engagement:unsubscribe",
        kwargs={
            "partnership": subscription.partnership.slug,
            "token": tokens.unsubscribe_token(subscription),
        },
    )
    return absolute(path)


def manage_url(partnership_slug, subscriber):
    path = reverse(
        "engagement:manage",
        kwargs={"partnership": partnership_slug, "token": tokens.manage_token(subscriber)},
    )
    return absolute(path)


def confirmation_message(subscription):
    p = subscription.partnership
    confirm = reverse(
        "engagement:confirm", kwargs={"partnership": p.slug, "token": tokens.confirm_token(subscription)}
    )
    context = {
        "partnership": p.name,
        "what": describe(subscription),
        "confirm_url": absolute(confirm),
        "frequency": subscription.get_frequency_display().lower(),
        "privacy_url": absolute(reverse("engagement:privacy", kwargs={"partnership": p.slug})),
        "days": tokens.CONFIRM_MAX_AGE // 86400,
    }
    return _message(
        to=subscription.subscriber.email,
        subject=f"Confirm your alerts from {p.name}",
        template="confirm",
        context=context,
    )


def alert_message(subscription, items):
    p = subscription.partnership
    unsubscribe = unsubscribe_url(subscription)
    context = {
        "partnership": p.name,
        "what": describe(subscription),
        "items": [{"item": i, "url": absolute(i.path)} for i in items],
        "count": len(items),
        "unsubscribe_url": unsubscribe,
        "manage_url": manage_url(p.slug, subscription.subscriber),
        "daily": subscription.frequency == "daily",
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{p.name} alerts <alerts.{p.slug}.sharedservice>",
        "Auto-Submitted": "auto-generated",
    }
    noun = "thing" if len(items) == 1 else "things"
    return _message(
        to=subscription.subscriber.email,
        subject=f"{p.name}: {len(items)} new {noun} ({short_name(subscription)})",
        template="alert",
        context=context,
        headers=headers,
    )


def manage_message(subscriber):
    first = subscriber.subscriptions.select_related("partnership").order_by("pk").first()
    return _message(
        to=subscriber.email,
        subject="Manage your alerts",
        template="manage",
        context={
            "manage_url": manage_url(first.partnership.slug, subscriber),
            "days": tokens.MANAGE_MAX_AGE // 86400,
        },
    )
