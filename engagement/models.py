"""The search index: one row per public document or part of one, made from the rooms' public projections and
kept by engagement.search (never computed per query). Text extracted from public PDFs is kept by the file's
SHA-256, so a file is read once however often the index is rebuilt.

E-mail alerts: an address (personal data, deleted when its last subscription goes), what it follows, and a
unique record of each thing it has been told of, so that a task run twice never tells it twice.

Not kept in simple-history on purpose: a subscriber's address must be gone when they unsubscribe, and a history
table would keep it. The privacy notice (engagement/templates/engagement/privacy.html) says what is kept."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """A public document as the search finds it. `vector` (PostgreSQL only: title weighted A, summary B, body
    C, English stemming) is written by engagement.search whenever the row's text changes; on SQLite it stays
    empty and the fallback matches the text itself."""

    class Kind(models.TextChoices):
        AGENDA_ITEM = "agenda_item", "Agenda item"
        REPORT = "report", "Report"
        REPORT_SECTION = "report_section", "Report section"
        APPENDIX = "appendix", "Appendix"
        MINUTES = "minutes", "Minutes"
        RESOLUTION = "resolution", "Resolution"
        OFFICER_DECISION = "officer_decision", "Officer decision"
        FORWARD_PLAN = "forward_plan", "Forward plan entry"

    partnership = models.ForeignKey("governance.Partnership", on_delete=models.CASCADE, related_name="+")
    # What the row is, for the index's own bookkeeping: stable across rebuilds ("report:12", "appendix:7:2").
    key = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=400)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    date = models.DateField()
    url = models.CharField(max_length=400)
    # The meeting and committee it belongs to (none for officer decisions and forward plan entries).
    meeting_id = models.PositiveIntegerField(null=True, blank=True)
    meeting_label = models.CharField(max_length=300, blank=True)
    body_slug = models.SlugField(max_length=80, blank=True)
    body_name = models.CharField(max_length=200, blank=True)
    # What a withdrawal names: the agenda item, and for an appendix its id (results leave out what has been
    # withdrawn the moment the withdrawal commits, before the index is next rebuilt).
    item_id = models.PositiveIntegerField(null=True, blank=True)
    appendix_id = models.PositiveIntegerField(null=True, blank=True)
    part = models.PositiveSmallIntegerField(default=1)
    checksum = models.CharField("SHA-256 of the indexed text", max_length=64)
    updated_at = models.DateTimeField()
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="search_document_unique_key"),
        ]
        indexes = [models.Index(fields=["partnership", "-date"], name="search_document_newest")]
        # The GIN index on `vector` is made by migration 0001 on PostgreSQL only (SQLite has no GIN).

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class SearchPassage(models.Model):
    """At most PASSAGE_CHARS characters (engagement.search.index) of a document's summary and body, in order, cut
    at a paragraph or sentence where one falls near the limit: a result's snippet is cut by ts_headline from its
    best-matching passage, so a snippet parses a short text whatever the length of the document. `vector`
    (PostgreSQL only, English stemming, GIN index made by migration 0003) is written with the passage."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="passages")
    ordinal = models.PositiveIntegerField()
    text = models.TextField()
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["document", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["document", "ordinal"], name="search_passage_unique_ordinal"),
        ]

    def __str__(self):
        return f"Passage {self.ordinal} of {self.document_id}"


class ExtractedText(models.Model):
    """The text of a public PDF, read in the worker when the file is published: by the file's SHA-256."""

    checksum = models.CharField(max_length=64, unique=True)
    text = models.TextField(blank=True)
    page_count = models.PositiveIntegerField(default=0)
    extracted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Text of {self.checksum[:12]} ({self.page_count} pages)"


# E-mail alerts ------------------------------------------------------------------------------------------


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
