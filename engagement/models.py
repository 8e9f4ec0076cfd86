"""The search index: one row per public document or part of one, made from the rooms' public projections and
kept by engagement.search (never computed per query). Text extracted from public PDFs is kept by the file's
SHA-256, so a file is read once however often the index is rebuilt."""

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


class ExtractedText(models.Model):
    """The text of a public PDF, read in the worker when the file is published: by the file's SHA-256."""

    checksum = models.CharField(max_length=64, unique=True)
    text = models.TextField(blank=True)
    page_count = models.PositiveIntegerField(default=0)
    extracted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Text of {self.checksum[:12]} ({self.page_count} pages)"
