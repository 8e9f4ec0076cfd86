"""E-mail alerts: an address (personal data, deleted when its last subscription goes), what it follows, and a
unique record of each thing it has been told of, so that a task run twice never tells it twice.

Not kept in simple-history on purpose: a subscriber's address must be gone when they unsubscribe, and a history
table would keep it. The privacy notice (engagement/templates/engagement/privacy.html) says what is kept."""

from django.db import models


class Subscriber(models.Model):
    """An e-mail address that asked for alerts. No account, no name: the address and when it came."""

    email = models.EmailField(max_length=254, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Subscriber {self.pk}"


class Subscription(models.Model):
    class Kind(models.TextChoices):
        SEARCH = "search", "A search"
        COMMITTEE = "committee", "A committee or board"
        FORWARD_PLAN = "forward_plan", "The forward plan (new key decisions)"
        OFFICER_DECISIONS = "officer_decisions", "Officer decisions"

    class Frequency(models.TextChoices):
        DAILY = "daily", "A daily digest"
        IMMEDIATE = "immediate", "As soon as something is published"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    partnership = models.ForeignKey("governance.Partnership", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # A committee: its slug. A search: its words and filters (as the search page takes them).
    body_slug = models.SlugField(max_length=100, blank=True)
    query = models.CharField(max_length=200, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["partnership", "frequency", "confirmed_at"])]

    def __str__(self):
        return f"Subscription {self.pk} ({self.get_kind_display()})"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class Delivery(models.Model):
    """One alert mail sent to a subscription (what it listed is in its SentItem rows)."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(auto_now_add=True)
    item_count = models.PositiveIntegerField()

    def __str__(self):
        return f"Delivery {self.pk}"


class SentItem(models.Model):
    """Something public the subscription has been told of (or that was already public when it was confirmed:
    then no delivery). Unique per subscription: a retried task finds it and does not send it again."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="sent_items")
    key = models.CharField(max_length=100)
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "key"], name="engagement_sent_once")]

    def __str__(self):
        return self.key
