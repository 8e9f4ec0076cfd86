"""Councils, partnerships, who belongs to them over time, who holds which role, and background jobs."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.roles import SYSTEM_WIDE_ROLES, Role

# Words a partnership slug may not take, because the site's own top-level paths use them.
RESERVED_SLUGS = {
    "admin",
    "accounts",
    "jobs",
    "changes",
    "static",
    "media",
    "api",
    "home",
    "public",
    "feeds",
    "oparl",
}


class Council(models.Model):
    class Kind(models.TextChoices):
        LONDON_BOROUGH = "london_borough", "London borough"
        ROYAL_BOROUGH = "royal_borough", "Royal borough"
        CITY_COUNCIL = "city_council", "City council"
        COUNTY = "county", "County council"
        DISTRICT = "district", "District council"
        UNITARY = "unitary", "Unitary authority"
        METROPOLITAN = "metropolitan", "Metropolitan borough"

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(
        "short code",
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,10}$", "Use 2 to 10 capital letters, such as LBC.")],
        help_text="Used in statement numbers and column headings, such as LBC for Camden.",
    )
    kind = models.CharField("kind of authority", max_length=20, choices=Kind.choices)
    website = models.URLField(blank=True)
    register_of_interests_url = models.URLField(
        "register of members' interests",
        blank=True,
        help_text="The council's own register, where its members' interests are published.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


def initials(slug: str) -> str:
    """The initials of a slug's words, in capitals: shared-digital-south → SDS."""
    return "".join(part[0] for part in slug.split("-") if part).upper()[:10] or "P"


def statement_prefix_for(slug: str, taken) -> str:
    """The slug's initials, or (when another partnership has them) the initials with the first free number
    from 2 on (SDS, SDS2, SDS3 …), so no two partnerships' statement numbers can collide."""
    base = initials(slug)
    if base[0].isdigit():
        base = "P" + base[:9]
    taken = set(taken)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


def free_statement_prefix(slug: str, *, exclude_pk=None) -> str:
    others = Partnership.objects.exclude(pk=exclude_pk) if exclude_pk else Partnership.objects.all()
    return statement_prefix_for(slug, others.values_list("statement_prefix", flat=True))


class Partnership(models.Model):
    class LegalBasis(models.TextChoices):
        S113 = "s113", "Section 113 agreement (Local Government Act 1972)"
        S101_JOINT_COMMITTEE = (
            "s101_joint_committee",
            "Joint committee under s101(5) (Local Government Act 1972)",
        )
        HOST_DELEGATION = "host_delegation", "Delegation to a host authority (s101(1)(b))"
        COMPANY = "company", "Council-owned company (Teckal)"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    legal_basis = models.CharField(max_length=30, choices=LegalBasis.choices)
    start_date = models.DateField()
    description = models.TextField(blank=True)
    statement_prefix = models.CharField(
        "statement number prefix",
        max_length=12,
        unique=True,
        blank=True,
        validators=[
            RegexValidator(r"^[A-Z][A-Z0-9]{0,11}$", "Use 1 to 12 capital letters or digits, such as SDS.")
        ],
        help_text="Starts the numbers of its recharge statements (SDS-2025/26-0001). Unique to the partnership; "
        "left blank, it is made from the initials of the slug.",
    )
    # Bumped (services call governance.partners.public_cache.public_changed) whenever something the public
    # sees of the partnership changes: cached public pages are keyed by it, so none is ever served stale.
    public_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Bumped in the same transaction as any change to the partnership's records (governance.partners.
    # data_version): figures cached for people inside, like the CIO dashboard's, are keyed by it.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["public_version", "data_version"])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the site itself; choose another."})
        if not self.statement_prefix and self.slug:
            self.statement_prefix = free_statement_prefix(self.slug, exclude_pk=self.pk)

    # Only UPDATEs of their own move the versions: a save of a partnership loaded before another change bumped
    # them must not write the older numbers back (caches keyed by them would then serve figures from before).
    VERSIONS = ("public_version", "data_version")

    def save(self, *args, **kwargs):
        if not self.statement_prefix:
            self.statement_prefix = free_statement_prefix(self.slug, exclude_pk=self.pk)
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in self.VERSIONS
            ]
        elif kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = [f for f in kwargs["update_fields"] if f not in self.VERSIONS]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("governance:partnership", kwargs={"partnership": self.slug})

    def memberships_on(self, on: date):
        return self.memberships.filter(Q(left__isnull=True) | Q(left__gte=on), joined__lte=on).select_related(
            "council"
        )

    def councils_on(self, on: date):
        return [m.council for m in self.memberships_on(on)]

    def host_on(self, on: date):
        host = (
            self.hosts.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)
            .select_related("council")
            .first()
        )
        return host.council if host else None


def _overlaps(qs, start, end, start_field, end_field):
    """Rows of qs whose [start, end] period overlaps the given one (an open end runs for ever)."""
    qs = qs.filter(Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start}))
    if end is not None:
        qs = qs.filter(**{f"{start_field}__lte": end})
    return qs


class Membership(models.Model):
    """A council's membership of a partnership, from the day it joined to the day it left (if it has)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="memberships")
    joined = models.DateField()
    left = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "council__code", "joined"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=models.F("joined")),
                name="membership_left_not_before_joined",
                violation_error_message="A council cannot leave before it joined.",
            ),
            models.UniqueConstraint(
                fields=["partnership", "council", "joined"], name="membership_unique_start"
            ),
        ]

    def __str__(self):
        return f"{self.council.code} in {self.partnership} from {self.joined:%d %B %Y}"

    def clean(self):
        if self.left and self.joined and self.left < self.joined:
            raise ValidationError({"left": "A council cannot leave before it joined."})
        if self.partnership_id and self.council_id and self.joined:
            others = _overlaps(
                Membership.objects.filter(
                    partnership_id=self.partnership_id, council_id=self.council_id
                ).exclude(pk=self.pk),
                self.joined,
                self.left,
                "joined",
                "left",
            )
            if others.exists():
                raise ValidationError(
                    "This council is already a member of the partnership for part of that period."
                )


class Person(models.Model):
    """A councillor or co-opted member of a council, who sits on the partnership's bodies (their seats are
    committees' BodyMember rows). Ward, party and e-mail are public when filled in; blank when not known."""

    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        CO_OPTED = "co_opted", "Co-opted member"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="people")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNCILLOR)
    title = models.CharField(
        max_length=40, blank=True, help_text="Printed before the name, such as Councillor. Blank for none."
    )
    name = models.CharField("full name", max_length=200, help_text="Such as Andy Hull.")
    ward = models.CharField(max_length=200, blank=True)
    party = models.CharField("political party", max_length=200, blank=True)
    email = models.EmailField("public e-mail address", blank=True)
    register_of_interests_url = models.URLField(
        "entry in the council's register of interests",
        blank=True,
        help_text="Left blank, the person's page links to the council's register.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["council__code", "name", "pk"]
        verbose_name_plural = "people"
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="person_has_name")]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """As printed on agendas and minutes: Councillor Andy Hull."""
        return f"{self.title} {self.name}".strip()

    @property
    def interests_url(self):
        return self.register_of_interests_url or self.council.register_of_interests_url


class HostAuthority(models.Model):
    """The council that hosts the partnership (employs the staff, holds the budget) for a period."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="hosts")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="hosted")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "host authorities"
        ordering = ["partnership", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="host_end_not_before_start",
                violation_error_message="A hosting period cannot end before it starts.",
            ),
            models.UniqueConstraint(fields=["partnership", "start"], name="host_unique_start"),
        ]

    def __str__(self):
        return f"{self.council.code} hosts {self.partnership} from {self.start:%d %B %Y}"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "A hosting period cannot end before it starts."})
        if not (self.partnership_id and self.council_id and self.start):
            return
        if not self.partnership.memberships_on(self.start).filter(council_id=self.council_id).exists():
            raise ValidationError(
                {"council": "The host must be a member of the partnership when hosting starts."}
            )
        others = _overlaps(
            HostAuthority.objects.filter(partnership_id=self.partnership_id).exclude(pk=self.pk),
            self.start,
            self.end,
            "start",
            "end",
        )
        if others.exists():
            raise ValidationError("Another council hosts the partnership for part of that period.")


class RoleAssignment(models.Model):
    """A person's role, held for one partnership (or, for auditors and administrators, for all of them)
    and, for finance officers, for one council."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text="Leave blank only for auditors and administrators who work across every partnership.",
    )
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text="Finance officers see only their own council's statements.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            # Coalesce so that "every partnership" (NULL) counts once, on SQLite and PostgreSQL alike.
            models.UniqueConstraint(
                "user",
                "role",
                Coalesce("partnership", Value(0)),
                Coalesce("council", Value(0)),
                name="role_assignment_unique",
                violation_error_message="This person already holds that role there.",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.FINANCE_OFFICER) | Q(council__isnull=False),
                name="finance_officer_has_council",
                violation_error_message="A finance officer acts for a council: choose one.",
            ),
            models.CheckConstraint(
                condition=Q(partnership__isnull=False)
                | Q(role__in=sorted(r.value for r in SYSTEM_WIDE_ROLES)),
                name="role_partnership_required",
                violation_error_message="Only auditors and administrators may hold a role for every partnership.",
            ),
        ]

    def __str__(self):
        scope = self.partnership.name if self.partnership_id else "every partnership"
        council = f" ({self.council.code})" if self.council_id else ""
        return f"{self.user} – {self.get_role_display()}{council}, {scope}"

    def clean(self):
        if self.role == Role.FINANCE_OFFICER and not self.council_id:
            raise ValidationError({"council": "A finance officer acts for a council: choose one."})
        if not self.partnership_id and self.role not in SYSTEM_WIDE_ROLES:
            raise ValidationError({"partnership": "Choose the partnership this role is held for."})
        if self.partnership_id and self.council_id:
            if not self.partnership.memberships.filter(council_id=self.council_id).exists():
                raise ValidationError({"council": "That council is not a member of the partnership."})
