"""Committee business: bodies and their members, meetings, agenda items, published agendas, minutes and
resolutions. Imported by governance.models, so Django sees these models as governance's own."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .pages import url_of


class Body(models.Model):
    """A committee or officer board of a partnership."""

    class Kind(models.TextChoices):
        JOINT_COMMITTEE = "joint_committee", "Joint committee"
        MANAGEMENT_BOARD = "management_board", "Management board"
        PORTFOLIO_BOARD = "portfolio_board", "Strategic portfolio management board"
        DELIVERY_BOARD = "delivery_board", "Delivery board"
        PROGRAMME_BOARD = "programme_board", "Programme board"
        OTHER = "other", "Other body"

    class ChairRule(models.TextChoices):
        PER_MEETING = "per_meeting", "Appointed for each meeting from a named council"
        CALENDAR_YEAR = "calendar_year", "Appointed for a calendar year, rotating between the councils"
        STANDING = "standing", "A standing chair (no appointment on the agenda)"

    partnership = models.ForeignKey("governance.Partnership", on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    is_member_body = models.BooleanField(
        "members are councillors", default=True, help_text="Untick for officer boards."
    )
    chair_rule = models.CharField(max_length=20, choices=ChairRule.choices, default=ChairRule.STANDING)
    quorum = models.PositiveSmallIntegerField(
        "quorum (members present)", default=2, validators=[MinValueValidator(1)]
    )
    quorum_each_council = models.PositiveSmallIntegerField(
        "members needed from each council",
        default=0,
        help_text="0 when the quorum does not require members from every council.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "name"]
        verbose_name_plural = "bodies"
        constraints = [models.UniqueConstraint(fields=["partnership", "slug"], name="body_unique_slug")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:body", kwargs={"partnership": self.partnership.slug, "body": self.slug})

    @property
    def needs_chair_item(self):
        return self.chair_rule in {self.ChairRule.PER_MEETING, self.ChairRule.CALENDAR_YEAR}


class TermsOfReference(models.Model):
    """One version of a body's terms of reference, in force from a date until the next version."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="terms")
    version = models.PositiveSmallIntegerField()
    effective_from = models.DateField()
    minimum_meetings = models.PositiveSmallIntegerField("minimum meetings a year", default=0)
    text = models.TextField()
    approved_by = models.CharField(max_length=300, blank=True, help_text="The decision that approved it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "effective_from"]
        verbose_name_plural = "terms of reference"
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="tor_unique_version"),
            models.UniqueConstraint(fields=["body", "effective_from"], name="tor_unique_start"),
        ]

    def __str__(self):
        return f"{self.body} terms of reference v{self.version} from {self.effective_from:%d %B %Y}"


SEAT_OVERLAPS = "{person} already sits on this body as {kind} for part of that period."


class BodyMember(models.Model):
    """A person's seat on a body for a council, as a member, a substitute or its chair, for a period. A person
    cannot hold two overlapping seats of the same kind on one body (clean(); on PostgreSQL also an exclusion
    constraint, migration 0015)."""

    class Kind(models.TextChoices):
        MEMBER = "member", "Member"
        SUBSTITUTE = "substitute", "Substitute"
        CHAIR = "chair", "Chair"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("governance.Person", on_delete=models.PROTECT, related_name="seats")
    name = models.CharField(max_length=200, help_text="As printed, such as Councillor Andy Hull.")
    council = models.ForeignKey("governance.Council", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MEMBER)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "kind", "council__code", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="body_member_end_not_before_start",
                violation_error_message="A membership cannot end before it starts.",
            ),
            models.UniqueConstraint(fields=["body", "name", "start"], name="body_member_unique_start"),
        ]

    def __str__(self):
        return f"{self.name} ({self.council.code})"

    def save(self, *args, **kwargs):
        if not self.name and self.person_id:
            self.name = self.person.full_name
        super().save(*args, **kwargs)

    def clean(self):
        if not self.name and self.person_id:
            self.name = self.person.full_name
        if self.person_id and self.council_id and self.person.council_id != self.council_id:
            raise ValidationError({"person": SEAT_OTHER_COUNCIL})
        if self.end is not None and self.start and self.end < self.start:
            raise ValidationError({"end": "A membership cannot end before it starts."})
        clash = self.overlapping_seats().first() if self.person_id and self.body_id and self.start else None
        if clash is not None:
            raise ValidationError(
                {
                    "person": SEAT_OVERLAPS.format(
                        person=self.person.full_name, kind=clash.get_kind_display().lower()
                    )
                }
            )

    def overlapping_seats(self):
        """The person's other seats of the same kind on the same body that overlap this one's dates."""
        qs = BodyMember.objects.filter(
            body_id=self.body_id, person_id=self.person_id, kind=self.kind
        ).exclude(pk=self.pk)
        qs = qs.filter(Q(end__isnull=True) | Q(end__gte=self.start))
        if self.end is not None:
            qs = qs.filter(start__lte=self.end)
        return qs

    def serves_on(self, day):
        return self.start <= day and (self.end is None or self.end >= day)


SEAT_OTHER_COUNCIL = "A person sits for their own council: choose the council the person belongs to."


class Meeting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "agenda_published", "Agenda published"
        HELD = "held", "Held"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField(default="19:30")
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    deputation_deadline = models.DateField(null=True, blank=True)
    issue_date = models.DateField(null=True, blank=True)
    committee_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact_name = models.CharField("contact officer", max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    next_meeting = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="previous_meetings"
    )
    chair_council = models.ForeignKey(
        "governance.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The council whose members the chair is appointed from, where the chair rule needs one.",
    )
    urgency_reason = models.TextField(
        "reason for urgency", blank=True, help_text="Printed on the agenda when it is published late."
    )
    agenda_version = models.PositiveIntegerField(default=0, editable=False)
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
        help_text="The meeting at which these minutes were approved and signed.",
    )
    draft_minutes_published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the draft minutes were published (marked as draft until they are approved).",
    )
    history = HistoricalRecords(excluded_fields=["agenda_version"])

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.UniqueConstraint(fields=["body", "date", "start_time"], name="meeting_unique_time"),
        ]

    def __str__(self):
        return f"{self.body}, {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        # The meeting page is papers' (with the meeting's papers): papers says where it is.
        return url_of("meeting", partnership=self.body.partnership.slug, meeting=self.pk)

    @property
    def is_published(self):
        return self.status != self.Status.DRAFT

    @property
    def minutes_are_signed(self):
        return self.status == self.Status.MINUTES_APPROVED


class AgendaItem(models.Model):
    class Standard(models.TextChoices):
        CHAIR = "chair", "Appointment of Chair for the meeting"
        APOLOGIES = "apologies", "Apologies"
        DECLARATIONS = (
            "declarations",
            "Declarations by members of pecuniary and non-pecuniary interests in respect of items on this agenda",
        )
        DEPUTATIONS = "deputations", "Deputations"
        ANNOUNCEMENTS = "announcements", "Announcements"
        URGENT = "urgent", "Notification of any items of business that the Chair decides to take as urgent"
        MINUTES = "minutes", "Minutes"
        # Closing standard items: they stay at the end of the open business, after whatever is added.
        AOB = "aob", "Any other business that the Chair decides to take as urgent"

    class ExemptParagraph(models.IntegerChoices):
        P1 = 1, "1: information relating to any individual"
        P2 = 2, "2: information likely to reveal the identity of an individual"
        P3 = 3, "3: the financial or business affairs of any particular person (including the authority)"
        P4 = 4, "4: consultations or negotiations on labour relations"
        P5 = 5, "5: legal professional privilege"
        P6 = 6, "6: notices, orders or directions under any enactment"
        P7 = 7, "7: the prevention, investigation or prosecution of crime"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    standard = models.CharField(max_length=20, choices=Standard.choices, blank=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    report_title = models.CharField("report", max_length=300, blank=True)
    report_of = models.CharField(
        "report of",
        max_length=200,
        blank=True,
        help_text="Such as the Chief Digital and Information Officer.",
    )
    page_from = models.PositiveIntegerField(null=True, blank=True)
    page_to = models.PositiveIntegerField(null=True, blank=True)
    wards = models.CharField(max_length=200, blank=True, help_text="Such as All Wards.")
    is_decision = models.BooleanField("for decision (*)", default=False)
    is_key_decision = models.BooleanField("key decision", default=False)
    is_exempt = models.BooleanField("exempt (Part B)", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        "Schedule 12A paragraph", choices=ExemptParagraph.choices, null=True, blank=True
    )
    public_title = models.CharField(
        max_length=300, blank=True, help_text="What the public sees instead of the title of an exempt item."
    )
    minutes_of = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="minutes of the meeting held on",
        help_text="For the minutes item: the earlier held meeting of the same body whose minutes it approves.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "is_exempt", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_exempt=False) | (Q(exempt_paragraph__isnull=False) & ~Q(public_title="")),
                name="exempt_item_has_paragraph_and_public_title",
                violation_error_message="An exempt item needs its Schedule 12A paragraph and a public title.",
            ),
            models.CheckConstraint(
                condition=Q(page_from__isnull=True)
                | Q(page_to__isnull=True)
                | Q(page_to__gte=models.F("page_from")),
                name="item_pages_in_order",
                violation_error_message="The last page cannot come before the first.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.is_exempt:
            if not self.exempt_paragraph:
                errors["exempt_paragraph"] = "Choose the Schedule 12A paragraph that makes this item exempt."
            if not self.public_title.strip():
                errors["public_title"] = "Enter the title the public will see for this exempt item."
            if self.standard:
                errors["is_exempt"] = "A standard item cannot be exempt."
        if self.page_from and self.page_to and self.page_to < self.page_from:
            errors["page_to"] = "The last page cannot come before the first."
        if self.minutes_of_id is not None:
            problem = minutes_of_problem(self)
            if problem:
                errors["minutes_of"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def pages(self):
        if self.page_from and self.page_to:
            return f"Pages {self.page_from} - {self.page_to}"
        return ""


MINUTES_ONLY_ON_MINUTES_ITEM = "Only the minutes item names a meeting whose minutes it approves."
MINUTES_OF_OTHER_BODY = "The minutes item can only name an earlier meeting of the same body."
MINUTES_OF_MEETING_NOT_HELD = "The minutes item can only name a meeting that has been held."


def minutes_of_problem(item):
    """Why the item cannot name item.minutes_of as the meeting whose minutes it approves, or None."""
    if item.standard != AgendaItem.Standard.MINUTES:
        return MINUTES_ONLY_ON_MINUTES_ITEM
    previous, meeting = item.minutes_of, item.meeting
    if previous.body_id != meeting.body_id or previous.date >= meeting.date:
        return MINUTES_OF_OTHER_BODY
    if previous.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED):
        return MINUTES_OF_MEETING_NOT_HELD
    return None


class AgendaChange(models.Model):
    """One change to a meeting's agenda, in order: what the editor shows when a save is refused."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_changes")
    version = models.PositiveIntegerField()
    summary = models.CharField(max_length=400)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="agenda_change_unique_version")
        ]


class PublishedAgenda(models.Model):
    """An issued agenda, frozen: number 0 is the agenda, 1, 2 … the supplementary agendas. Its items are
    copies made for the public at publication; an exempt item's copy holds only its public title."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="publications")
    number = models.PositiveSmallIntegerField()
    issued_on = models.DateField()
    published_at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    urgency_reason = models.TextField(blank=True)
    agenda_version = models.PositiveIntegerField(help_text="The version of the agenda it froze.")
    withdrawn = models.TextField(
        blank=True,
        help_text="Titles (public titles for exempt items) withdrawn since the last issue, one a line.",
    )
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="published_agenda_unique_number"),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(is_current=True), name="published_agenda_one_current"
            ),
        ]

    def __str__(self):
        if self.number == 0:
            return f"Agenda, issued {self.issued_on:%-d %B %Y}"
        return f"Supplementary agenda {self.number}, issued {self.issued_on:%-d %B %Y}"


class PublishedItem(models.Model):
    """An item as published. For an exempt item, title is its public title and nothing else is copied."""

    agenda = models.ForeignKey(PublishedAgenda, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, related_name="+")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    report_title = models.CharField(max_length=300, blank=True)
    report_of = models.CharField(max_length=200, blank=True)
    pages = models.CharField(max_length=40, blank=True)
    wards = models.CharField(max_length=200, blank=True)
    is_decision = models.BooleanField(default=False)
    is_key_decision = models.BooleanField(default=False)
    is_exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(null=True, blank=True)
    is_new_or_changed = models.BooleanField(default=False)

    class Meta:
        ordering = ["agenda", "number"]


class Withdrawal(models.Model):
    """A published item, report, appendix or agenda pack withdrawn from the public, with the reason. From its
    moment every public copy stops serving it (the public projections apply it) and answers 410 with this
    notice; a public pack built before it is withdrawn with it. `item` is the agenda item concerned (for a
    report or appendix, the item it is on); `target_id` the report, appendix or pack."""

    class Kind(models.TextChoices):
        ITEM = "item", "Agenda item"
        REPORT = "report", "Report"
        APPENDIX = "appendix", "Appendix"
        PACK = "pack", "Agenda pack"

    class Grounds(models.TextChoices):
        EXEMPT = "exempt", "It has been found to contain exempt information"
        LEGAL = "legal", "On legal advice"
        ERROR = "error", "It was published in error"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="withdrawals")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    target_id = models.PositiveIntegerField(null=True, blank=True)
    title = models.CharField(
        "what was withdrawn", max_length=400, help_text="As the public knew it (public titles only)."
    )
    grounds = models.CharField("why (as the public is told)", max_length=10, choices=Grounds.choices)
    reason = models.TextField("reason", help_text="Recorded in the history; people inside read it.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="withdrawal_has_reason"),
        ]

    def __str__(self):
        return f"Withdrawn: {self.title} ({self.at:%-d %B %Y})"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(BodyMember, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=Status.choices)
    substitute_for = models.ForeignKey(
        BodyMember, on_delete=models.PROTECT, null=True, blank=True, related_name="substituted_by"
    )
    is_chair = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "member__council__code", "member__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member")]

    def __str__(self):
        return f"{self.member.name}: {self.get_status_display()}"


class Declaration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    member = models.ForeignKey(BodyMember, on_delete=models.PROTECT, related_name="declarations")
    is_pecuniary = models.BooleanField("pecuniary interest", default=False)
    text = models.TextField("nature of the interest")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "item__position", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"],
                name="declaration_once_per_item",
                violation_error_message="This member has already declared an interest in this item.",
            )
        ]

    def __str__(self):
        return f"Declaration by {self.member.name} on {self.item.title}"


class Deputation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="deputations")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    requester = models.CharField(max_length=200)
    received = models.DateField()
    heard = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "received"]

    def __str__(self):
        return f"Deputation from {self.requester}"


class MinuteEntry(models.Model):
    """The minutes of one agenda item: the discussion and officers' responses."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minute")
    members_commented = models.TextField("members commented on", blank=True)
    officer_responses = models.TextField("officers' responses", blank=True)
    discussion = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"Minutes of {self.item.title}"


class Action(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField()
    owner = models.CharField("action for", max_length=200)
    due = models.DateField(null=True, blank=True)
    # The action log (committee officers): what has been done about it, and the day it was completed. The
    # minutes keep the action as the meeting agreed it; these two fields move on after.
    progress = models.TextField("progress", blank=True)
    done_on = models.DateField("completed on", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "due", "pk"]

    def __str__(self):
        return f"Action on {self.item.title}: {self.text}"


class Resolution(models.Model):
    """What a meeting RESOLVED on an item: numbered clauses and reasons. One row of the decisions register
    (officer decisions under delegation will join the register from their own model)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="resolutions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="resolutions")
    clauses = models.TextField(help_text="One clause a line, each starting THAT …")
    reasons = models.TextField(blank=True)
    is_key_decision = models.BooleanField(default=False)
    councils = models.ManyToManyField("governance.Council", related_name="+", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting__date", "item__position", "pk"]

    def __str__(self):
        return f"Resolution on {self.item.title}"

    @property
    def numbered_clauses(self):
        clauses = self.clause_list
        if len(clauses) == 1:
            return [("", clauses[0])]
        return [(f"({roman(i + 1)})", text) for i, text in enumerate(clauses)]

    @property
    def clause_list(self):
        return [line.strip() for line in self.clauses.splitlines() if line.strip()]

    @property
    def text(self):
        return " ".join(f"{n} {t}".strip() for n, t in self.numbered_clauses)


def roman(n):
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


class ChairAppointment(models.Model):
    """Who chairs a body (or is its vice-chair), for one meeting or for a period such as a calendar year."""

    class Office(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="chair_appointments")
    office = models.CharField(max_length=20, choices=Office.choices, default=Office.CHAIR)
    member = models.ForeignKey(BodyMember, on_delete=models.PROTECT, related_name="chair_appointments")
    start = models.DateField()
    end = models.DateField()
    appointed_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chair_appointments",
        help_text="The meeting that made the appointment.",
    )
    for_meeting_only = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "start", "office"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="chair_appointment_end_not_before_start",
                violation_error_message="An appointment cannot end before it starts.",
            )
        ]

    def __str__(self):
        return (
            f"{self.get_office_display()}: {self.member.name}, {self.start:%-d %B %Y} to {self.end:%-d %B %Y}"
        )
