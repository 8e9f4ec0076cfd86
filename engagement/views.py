"""Pages of e-mail alerts (subscribe, confirm, unsubscribe, manage, the privacy notice, the counts for officers)
and the Atom feeds of committees and the forward plan. Public pages read the rooms only through their public
projections; a GET never writes (confirming and unsubscribing are POSTs: mail scanners open links)."""

from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urlsplit

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.csrf import csrf_exempt

from governance.committees.public import public_bodies
from governance.roles import Role

from . import alerts, mail, services, tokens
from .forms import ManageLinkForm, SubscribeForm
from .models import Subscriber, Subscription
from .tasks import send_confirmation, send_manage_link

WINDOW_SECONDS = 60 * 60


def _spend(key, limit):
    """Counts one more use of key this hour (Django's cache); False once the limit is spent."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        used = 1
    return used <= limit


def client_allowed(request):
    address = get_client_ip_address(request) or "unknown"
    return _spend(f"alerts:client:{address}", settings.ALERTS_PER_CLIENT)


def address_allowed(email):
    return _spend(f"alerts:address:{email.lower()}", settings.ALERTS_PER_ADDRESS)


def _paused(request):
    return render(request, "engagement/paused.html", status=429)


def _link_problem(request, message, status=400):
    return render(request, "engagement/link_problem.html", {"message": message}, status=status)


# Subscribing ---------------------------------------------------------------------------------------------


def subscribe(request, partnership):
    """Asks what to follow, how often and where to send it; a GET can arrive filled in from a committee's page
    (?committee=slug), the forward plan (?follow=forward_plan) or search results (?q=…&type=…&committee=…)."""
    bodies = public_bodies(request.partnership)
    if request.method == "POST":
        if not client_allowed(request):
            return _paused(request)
        form = SubscribeForm(request.POST, bodies=bodies)
        if form.is_valid():
            data = form.cleaned_data
            try:
                subscription, ask = services.subscription_request(
                    partnership=request.partnership,
                    email=data["email"],
                    kind=data["kind"],
                    frequency=data["frequency"],
                    body_slug=data.get("body_slug") or "",
                    query=data.get("query") or "",
                    filters=form.filters(),
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                if ask and address_allowed(subscription.subscriber.email):
                    send_confirmation.delay_on_commit(subscription.pk)
                # The same answer whatever happened: nothing says whether the address was known.
                return redirect("engagement:subscribe_sent", partnership=partnership)
        return render(request, "engagement/subscribe.html", {"form": form}, status=400)
    initial = {"frequency": Subscription.Frequency.DAILY}
    if request.GET.get("committee") and not request.GET.get("q"):
        initial.update(kind=Subscription.Kind.COMMITTEE, body_slug=request.GET["committee"][:100])
    elif request.GET.get("q"):
        initial.update(
            kind=Subscription.Kind.SEARCH,
            query=request.GET["q"].strip()[:200],
            search_type=request.GET.get("type", "")[:20],
            search_committee=request.GET.get("committee", "")[:100],
        )
    elif request.GET.get("follow") in Subscription.Kind.values:
        initial["kind"] = request.GET["follow"]
    return render(
        request, "engagement/subscribe.html", {"form": SubscribeForm(initial=initial, bodies=bodies)}
    )


def subscribe_sent(request, partnership):
    return render(request, "engagement/subscribe_sent.html")


def confirm(request, partnership, token):
    """GET: says what the link confirms, with the button. POST: confirms (a replayed link is told it is done)."""
    try:
        pk, address = tokens.read_confirm_token(token)
    except tokens.BadLink as error:
        return _link_problem(request, services.LINK_EXPIRED if error.expired else services.LINK_BAD)
    subscription = (
        Subscription.objects.select_related("subscriber", "partnership")
        .filter(pk=pk, partnership=request.partnership)
        .first()
    )
    if subscription is None or not tokens.matches(subscription.subscriber.email, address):
        return _link_problem(request, services.LINK_USED_UP, status=410)
    if request.method == "POST" and not subscription.is_confirmed:
        subscription = services.subscription_confirm(token=token)
        return render(
            request,
            "engagement/confirmed.html",
            {
                "what": mail.describe(subscription),
                "subscription": subscription,
                "manage_token": tokens.manage_token(subscription.subscriber),
            },
        )
    return render(
        request,
        "engagement/confirm.html",
        {
            "what": mail.describe(subscription),
            "subscription": subscription,
            "already": subscription.is_confirmed,
            "already_message": services.ALREADY_CONFIRMED,
            "manage_token": tokens.manage_token(subscription.subscriber) if subscription.is_confirmed else "",
        },
    )


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" with no token of ours
def unsubscribe(request, partnership, token):
    """The signed one-click unsubscribe URL of every alert mail. GET: a page with the button; POST: stops the
    alerts at once (and deletes the address if it has no other)."""
    try:
        pk, address = tokens.read_unsubscribe_token(token)
    except tokens.BadLink:
        return _link_problem(request, services.LINK_BAD)
    subscription = Subscription.objects.select_related("subscriber", "partnership").filter(pk=pk).first()
    if subscription is None or not tokens.matches(subscription.subscriber.email, address):
        return render(request, "engagement/unsubscribed.html", {"none": True})
    what = mail.describe(subscription)
    if request.method == "POST":
        subscriber_id = subscription.subscriber_id
        services.subscription_cancel(subscription=subscription)
        left = Subscriber.objects.filter(pk=subscriber_id).exists()
        return render(request, "engagement/unsubscribed.html", {"what": what, "address_kept": left})
    return render(request, "engagement/unsubscribe.html", {"what": what})


def manage_request(request, partnership):
    """Asks for the address and mails it a link to manage its alerts (the same answer whether it has any)."""
    form = ManageLinkForm(request.POST or None)
    if request.method == "POST":
        if not client_allowed(request):
            return _paused(request)
        if form.is_valid():
            email = services.normalise_email(form.cleaned_data["email"])
            subscriber = Subscriber.objects.filter(email=email).first()
            if subscriber is not None and address_allowed(email):
                send_manage_link.delay_on_commit(subscriber.pk)  # an id through the broker, never the address
            return render(request, "engagement/manage_sent.html")
        return render(request, "engagement/manage_request.html", {"form": form}, status=400)
    return render(request, "engagement/manage_request.html", {"form": form})


def manage(request, partnership, token):
    """Every alert of the address the signed link names, to change how often or stop."""
    try:
        subscriber_id, address = tokens.read_manage_token(token)
    except tokens.BadLink as error:
        return _link_problem(request, services.LINK_EXPIRED if error.expired else services.LINK_BAD)
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None and not tokens.matches(subscriber.email, address):
        subscriber = None  # the id was given to another address since: this link manages nothing
    rows = list(
        Subscription.objects.filter(subscriber=subscriber, confirmed_at__isnull=False)
        .select_related("partnership", "subscriber")
        .order_by("partnership__name", "kind", "pk")
    )
    status = 200
    if request.method == "POST":
        chosen = next((s for s in rows if str(s.pk) == request.POST.get("subscription", "")), None)
        action = request.POST.get("action")
        if chosen is None or action not in {"stop", "frequency"}:
            status = 400
        elif action == "stop":
            services.subscription_cancel(subscription=chosen)
            return redirect(request.path + "?stopped=1")
        elif request.POST.get("frequency") in Subscription.Frequency.values:
            services.subscription_set_frequency(subscription=chosen, frequency=request.POST["frequency"])
            return redirect(request.path + "?changed=1")
        else:
            status = 400
    return render(
        request,
        "engagement/manage.html",
        {
            "rows": [{"subscription": s, "what": mail.describe(s)} for s in rows],
            "frequencies": Subscription.Frequency.choices,
            "stopped": request.GET.get("stopped") == "1",
            "changed": request.GET.get("changed") == "1",
            "bad": status == 400,
        },
        status=status,
    )


def privacy(request, partnership):
    return render(
        request,
        "engagement/privacy.html",
        {"unconfirmed_days": services.UNCONFIRMED_DAYS, "confirm_days": tokens.CONFIRM_MAX_AGE // 86400},
    )


def counts(request, partnership):
    """How many follow what (committee officers, auditors, administrators); the addresses only for those who
    hold the administrator role."""
    rows = Subscription.objects.filter(partnership=request.partnership)
    by_kind = {
        r["kind"]: r
        for r in rows.values("kind").annotate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            waiting=Count("pk", filter=Q(confirmed_at__isnull=True)),
            daily=Count("pk", filter=Q(confirmed_at__isnull=False, frequency=Subscription.Frequency.DAILY)),
        )
    }
    table = [
        {"label": label, **by_kind.get(kind, {"confirmed": 0, "waiting": 0, "daily": 0})}
        for kind, label in Subscription.Kind.choices
    ]
    administrator = Role.ADMINISTRATOR in getattr(request, "roles", set())
    addresses = (
        list(rows.select_related("subscriber").order_by("subscriber__email", "pk")) if administrator else None
    )
    return render(
        request,
        "engagement/counts.html",
        {
            "table": table,
            "addresses": addresses,
            "addresses_total": rows.values("subscriber").distinct().count(),
        },
    )


# Feeds -----------------------------------------------------------------------------------------------------


def _tag(partnership, key):
    """A stable Atom id: a tag: URI (RFC 4151) of the site's host, the partnership and the record's key."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"tag:{host},2026:{partnership.slug}/{key.replace(':', '/')}"


@dataclass(frozen=True)
class FeedSource:
    partnership: object
    name: str
    slug: str
    link: str


@dataclass(frozen=True)
class FeedEntry:
    item: alerts.AlertItem
    guid: str


class _AlertFeed(Feed):
    """An Atom feed of AlertItems (engagement.alerts): what an alert of the same subscription would list. The
    feed object is shared by every request: what a request needs travels in `obj`, never on self."""

    feed_type = Atom1Feed

    def found(self, source):
        raise NotImplementedError

    def items(self, source):
        found = sorted(self.found(source), key=lambda i: (i.on, i.key), reverse=True)[:100]
        return [FeedEntry(i, _tag(source.partnership, i.key)) for i in found]

    def link(self, source):
        return source.link

    def item_title(self, entry):
        return f"{entry.item.kind}: {entry.item.title}"

    def item_description(self, entry):
        return f"{entry.item.kind}. {entry.item.where}" if entry.item.where else f"{entry.item.kind}."

    def item_link(self, entry):
        return entry.item.path

    def item_guid(self, entry):
        return entry.guid

    def item_guid_is_permalink(self, entry):
        return False

    def item_updateddate(self, entry):
        return datetime.combine(entry.item.on, time(0, 0), tzinfo=timezone.get_default_timezone())

    item_pubdate = item_updateddate


class CommitteeFeed(_AlertFeed):
    def get_object(self, request, partnership, body):
        found = next((b for b in public_bodies(request.partnership) if b.slug == body), None)
        if found is None:
            raise Http404("No such committee or board.")
        return FeedSource(request.partnership, found.name, found.slug, found.get_absolute_url)

    def title(self, source):
        return f"{source.name}: agendas, minutes and decisions"

    def feed_guid(self, source):
        return _tag(source.partnership, f"committee:{source.slug}")

    def subtitle(self, source):
        return f"Published agendas, supplementary agendas, minutes and decisions of the {source.name}."

    def found(self, source):
        return alerts.committee_items(source.partnership, source.slug)


class ForwardPlanFeed(_AlertFeed):
    def get_object(self, request, partnership):
        p = request.partnership
        return FeedSource(
            p, p.name, p.slug, reverse("governance:forward_plan", kwargs={"partnership": p.slug})
        )

    def title(self, source):
        return f"{source.name}: forward plan of key decisions"

    def feed_guid(self, source):
        return _tag(source.partnership, "forward-plan")

    def subtitle(self, source):
        return f"Key decisions put on the forward plan of {source.name}, newest first."

    def found(self, source):
        return alerts.forward_plan_items(source.partnership)


committee_atom = CommitteeFeed()
forward_plan_atom = ForwardPlanFeed()
