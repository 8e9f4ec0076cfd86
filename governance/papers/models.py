"""Committee reports written in the browser, their appendices, the cache of rendered PDF parts and the agenda
packs built from them. Imported by governance.models, so Django sees these models as governance's own."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

# The standard sections of the house template (seed 5.6), in print order: (field, heading).
SECTIONS = [
    ("about", "What is this report about?"),
    ("why_necessary", "Why is this report necessary?"),
    ("options", "Options"),
    ("reasons", "What are the reasons for the recommended decisions?"),
    ("impacts_risks", "What are the impacts/ risks? How will they be addressed?"),
    ("actions", "What actions will be taken and when following the decision and how will this be monitored?"),
    ("consultation", "Consultation"),
    ("legal", "Legal implications"),
    ("resources", "Resource implications"),
]

# What a report cannot be signed off without: (field, what to call it in a message).
REQUIRED = [
    ("summary", "the summary of the report"),
    ("recommendations", "what decisions are being asked for"),
    ("why_necessary", "why the report is necessary"),
    ("reasons", "the reasons for the recommended decisions"),
    ("legal", "the legal implications"),
    ("resources", "the resource implications"),
    ("contact_officer", "the contact officer"),
]


class Report(models.Model):
    """A committee paper for one agenda item, in the house template. Text fields hold Markdown."""

    item = models.OneToOneField("governance.AgendaItem", on_delete=models.CASCADE, related_name="report")
    title = models.CharField("report title", max_length=300)
    report_of = models.CharField(
        "report of", max_length=200, help_text="The office, such as Chief Digital and Information Officer."
    )
    author_name = models.CharField(
        "name of the officer reporting", max_length=200, blank=True, help_text="Such as Ed Garcez."
    )
    submitted_to = models.ForeignKey(
        "governance.Body", on_delete=models.PROTECT, related_name="+", verbose_name="for submission to"
    )
    date = models.DateField("date")
    summary = models.TextField("summary of report", blank=True)
    recommendations = models.TextField(
        "what decisions are being asked for?",
        blank=True,
        help_text="One recommendation a line. They are numbered, and become the draft resolution.",
    )
    about = models.TextField("what is this report about?", blank=True)
    why_necessary = models.TextField("why is this report necessary?", blank=True)
    options = models.TextField(blank=True)
    reasons = models.TextField("what are the reasons for the recommended decisions?", blank=True)
    impacts_risks = models.TextField(
        "what are the impacts and risks? How will they be addressed?", blank=True
    )
    actions = models.TextField("what actions will be taken and when?", blank=True)
    consultation = models.TextField(blank=True)
    legal = models.TextField("legal implications", blank=True)
    resources = models.TextField(
        "resource implications", blank=True, help_text="Finance comments of the Executive Director."
    )
    contact_officer = models.TextField(
        "contact officers", blank=True, help_text="Name, post, address, email and telephone."
    )
    background_papers = models.TextField(
        "background papers",
        blank=True,
        help_text="Documents used in preparing the report (Local Government Act 1972). Leave blank for none.",
    )
    # The sign-off: by the signed-in officer, for the report's author (governance/papers/services.py,
    # report_sign_off). Name and role are kept as they were at the time, so a later rename does not alter it.
    signed_by = models.CharField("signed off by", max_length=200, blank=True)
    signed_role = models.CharField("in the role of", max_length=200, blank=True)
    signed_on = models.DateField("signed off on", null=True, blank=True)
    signed_at = models.DateTimeField("signed off at", null=True, blank=True)
    signed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__meeting", "item__position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | ~Q(signed_by=""),
                name="report_signed_by_someone",
                violation_error_message="A signed report names who signed it.",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_signed(self):
        return self.signed_on is not None

    def withdraw_sign_off(self):
        """Clears the sign-off (the caller saves): any change to a signed report withdraws it."""
        self.signed_on = self.signed_at = self.signed_by_user = None
        self.signed_by = self.signed_role = ""

    @property
    def is_exempt(self):
        return self.item.is_exempt

    @property
    def recommendation_list(self):
        return [line.strip() for line in self.recommendations.splitlines() if line.strip()]

    def missing_sections(self):
        return [label for name, label in REQUIRED if not getattr(self, name).strip()]

    def sections(self):
        """The standard sections that have text, numbered as printed: (number, heading, markdown)."""
        filled = [(heading, getattr(self, name)) for name, heading in SECTIONS if getattr(self, name).strip()]
        return [(n, heading, text) for n, (heading, text) in enumerate(filled, start=1)]


def appendix_letter(position):
    """Appendices are lettered as the councils letter them: A, B … Z, then AA, AB …"""
    letters = ""
    while position > 0:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def appendix_upload_to(instance, filename):
    return f"reports/{instance.report_id}/appendices/{filename}"


class Appendix(models.Model):
    """An appendix to a report: an uploaded PDF, or text written here (Markdown)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="appendices")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=appendix_upload_to, blank=True)
    checksum = models.CharField("SHA-256 of the file", max_length=64, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    body = models.TextField("text", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position"]
        verbose_name_plural = "appendices"
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="appendix_unique_position"),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(body=""),
                name="appendix_has_file_or_text",
                violation_error_message="An appendix is an uploaded PDF or text written here.",
            ),
        ]

    def __str__(self):
        return f"Appendix {self.letter}: {self.title}"

    @property
    def letter(self):
        return appendix_letter(self.position)

    @property
    def is_uploaded(self):
        return bool(self.file)


class RenderedPart(models.Model):
    """A PDF rendered from print HTML, kept by the SHA-256 of that HTML so that unchanged reports are not
    rendered again. The row is written only after its complete file is in storage."""

    # A cache, by content: writing one changes nothing anyone reads, so it marks no partnership's pages or
    # figures changed (governance/partners/freshness.py; else each part stored bumped every partnership's).
    freshness_exempt = True

    checksum = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to="rendered/")
    page_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Rendered part {self.checksum[:12]} ({self.page_count} pages)"


class AgendaPack(models.Model):
    """A built agenda pack: an issued document, immutable once written. A rebuild with changed inputs makes
    the next version; the same inputs (content_key) give back the same pack, so two builds of one meeting at
    once produce one."""

    class Audience(models.TextChoices):
        PUBLIC = "public", "Public agenda pack"
        MEMBERS = "members", "Members' pack (with the exempt part)"

    meeting = models.ForeignKey("governance.Meeting", on_delete=models.PROTECT, related_name="packs")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    version = models.PositiveIntegerField()
    content_key = models.CharField(
        max_length=64, help_text="SHA-256 of everything the pack was built from (HTML and appendix files)."
    )
    agenda_version = models.PositiveIntegerField(help_text="The version of the agenda it was built from.")
    file = models.FileField(upload_to="packs/")
    checksum = models.CharField("SHA-256", max_length=64)
    page_count = models.PositiveIntegerField()
    ranges = models.JSONField(default=dict, help_text="Agenda item id → [first page, last page].")
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    built_at = models.DateTimeField(auto_now_add=True)
    job = models.ForeignKey(
        "governance.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "audience", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "audience", "version"], name="pack_unique_version"),
            models.UniqueConstraint(
                fields=["meeting", "audience", "content_key"], name="pack_unique_content"
            ),
        ]

    def __str__(self):
        return f"{self.get_audience_display()}, version {self.version}"

    @property
    def filename(self):
        m = self.meeting
        return f"{m.body.slug}-{m.date:%Y-%m-%d}-{self.audience}-pack-v{self.version}.pdf"
