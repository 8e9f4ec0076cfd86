"""Writes for committee reports and agenda packs. Each runs in one transaction (the pack's rendering runs before
its transaction), checks with full_clean() and raises a ValidationError whose message is a constant below.

Kept apart from services.py (the agenda and minutes) so that the two can change independently."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from governance.acting import records_user
from governance.audit.versions import UNCHECKED, check_version
from governance.committees.models import AgendaItem, Meeting, PublishedItem
from governance.committees.publication import LogEntry, change_log_sources, publication_warnings, who
from governance.partners.public_cache import changes_public
from governance.partners.selectors import roles_for
from governance.roles import Role

from . import documents
from .models import AgendaPack, Appendix, Report
from .pdf import merge_problem, pdf_problem
from .sanitise import UnsafePdf, sanitise_pdf

REPORT_INCOMPLETE = "The report cannot be signed off without {missing}."
REPORT_FOR_STANDARD_ITEM = "Standard items (apologies, declarations and the like) do not carry a report."
REPORT_ALREADY_SIGNED = "This report has already been signed off."
SIGNER_NOT_ALLOWED = (
    "Only a committee officer of {partnership}, signed in, may sign off a report for its author: "
    "nothing was signed off."
)
APPENDIX_NEEDS_CONTENT = "Upload the appendix as a PDF, or write its text."
APPENDIX_ONE_OR_OTHER = "An appendix is either an uploaded PDF or text written here, not both."
MEETING_HELD_NO_PACK = "This meeting has been held: its agenda pack can no longer be rebuilt."
NO_SUCH_AUDIENCE = "Choose the public pack or the members' pack."

REPORT_FIELDS = [
    "title",
    "report_of",
    "author_name",
    "submitted_to",
    "date",
    "summary",
    "recommendations",
    "about",
    "why_necessary",
    "options",
    "reasons",
    "impacts_risks",
    "actions",
    "consultation",
    "legal",
    "resources",
    "contact_officer",
    "background_papers",
]


# Reports ------------------------------------------------------------------------------------------------


@records_user
@transaction.atomic
@changes_public
def report_save(*, item, by, version=UNCHECKED, **fields):
    """Creates or updates the report of an agenda item. Changing a signed report withdraws its sign-off (the
    history keeps the signed version); the agenda item's report title and "report of" follow the report.
    version: what the edit form was loaded at (0 for a report not yet written); a missing or stale one is
    refused (StaleRecord carries the other person's changes). Code that is not a form may leave it out."""
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Not report fields: {sorted(unknown)}")
    item = AgendaItem.objects.select_related("meeting__body").get(pk=item.pk)
    if item.standard:
        raise ValidationError(REPORT_FOR_STANDARD_ITEM)
    report = Report.objects.select_for_update().filter(item=item).first()
    if version is not UNCHECKED:
        check_version(report, version)
    if report is None:
        report = Report(item=item, submitted_to=item.meeting.body, date=item.meeting.date)
    changed = False
    for name, value in fields.items():
        if getattr(report, name if name != "submitted_to" else "submitted_to_id", None) != (
            value.pk if name == "submitted_to" and value is not None else value
        ):
            changed = True
        setattr(report, name, value)
    if changed and report.is_signed:
        report.withdraw_sign_off()
    report.full_clean()
    report.save()
    if (item.report_title, item.report_of) != (report.title, report.report_of):
        item.report_title, item.report_of = report.title, report.report_of
        item.save(update_fields=["report_title", "report_of"])
    return report


@records_user
@transaction.atomic
@changes_public
def report_sign_off(*, report, by, on=None):
    """Signs the report off for its author: by the signed-in committee officer of the report's partnership
    (their name and role as they are now, and the time, are recorded), only when every required section has
    been written. on: the day, for records of past sign-offs (today when left out)."""
    report = (
        Report.objects.select_related("item__meeting__body__partnership")
        .select_for_update()
        .get(pk=report.pk)
    )
    partnership = report.item.meeting.body.partnership
    if not may_sign_off(by, partnership):
        raise ValidationError(SIGNER_NOT_ALLOWED.format(partnership=partnership.name))
    if report.is_signed:
        raise ValidationError(REPORT_ALREADY_SIGNED)
    missing = report.missing_sections()
    if missing:
        raise ValidationError(REPORT_INCOMPLETE.format(missing=_and(missing)))
    now = timezone.now()
    report.signed_by = signer_name(by)
    report.signed_role = Role.COMMITTEE_OFFICER.label
    report.signed_at = now
    report.signed_on = on or timezone.localdate(now)
    report.signed_by_user = by
    report.full_clean()
    report.save()
    return report


def may_sign_off(user, partnership):
    """Who may sign a report off for its author: a committee officer of the partnership, signed in."""
    return bool(
        user is not None and user.is_authenticated and Role.COMMITTEE_OFFICER in roles_for(user, partnership)
    )


def signer_name(user):
    return user.get_full_name().strip() or user.get_username()


NOT_SIGNED_WARNING = (
    "Item {number}, “{title}”: its report is not signed off, so the public agenda says “report to follow”."
)
EXEMPT_WITHOUT_REPORT = "Item {number}, “{title}” (exempt): no report has been written for the members."
REPORT_NOT_WRITTEN = "Item {number}, “{title}”: a report of the {report_of} is listed but not written."


def report_warnings(meeting, items):
    """What the confirmation of an agenda's publication warns of about its reports (one query): reports not
    signed off, exempt items without a report, and reports listed but not written."""
    reports = {r.item_id: r for r in Report.objects.filter(item__meeting=meeting).only("item", "signed_on")}
    warnings = []
    for item in items:
        if item.standard:
            continue
        report = reports.get(item.pk)
        if report is not None and not report.is_signed:
            warnings.append(NOT_SIGNED_WARNING.format(number=item.number, title=item.title))
        elif report is None and item.is_exempt:
            warnings.append(EXEMPT_WITHOUT_REPORT.format(number=item.number, title=item.title))
        elif report is None and item.report_of:
            warnings.append(
                REPORT_NOT_WRITTEN.format(number=item.number, title=item.title, report_of=item.report_of)
            )
    return warnings


publication_warnings.append(report_warnings)


def sign_off_log(meeting):
    """The sign-offs of the meeting's reports and the withdrawals of them, for the agenda's change log (one
    query: the reports' history)."""
    rows = (
        Report.history.filter(item__meeting=meeting)
        .select_related("history_user")
        .only("id", "title", "signed_on", "signed_by", "signed_role", "history_date", "history_user")
        .order_by("id", "history_id")
    )
    entries, signed = [], {}
    for row in rows:
        was = signed.get(row.id, False)
        now = row.signed_on is not None
        if now and not was:
            by = f"{row.signed_by}, {row.signed_role}" if row.signed_role else row.signed_by
            entries.append(LogEntry(row.history_date, by, f"Signed off the report “{row.title}”."))
        elif was and not now:
            entries.append(
                LogEntry(
                    row.history_date,
                    who(row.history_user),
                    f"Changed the report “{row.title}”: its sign-off is withdrawn until it is signed off again.",
                )
            )
        signed[row.id] = now
    return entries


change_log_sources.append(sign_off_log)


def _and(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def report_draft_resolution(report):
    """The recommendations as the clauses of a draft resolution."""
    clauses = []
    for text in report.recommendation_list:
        text = text.rstrip(".;")
        clauses.append(text if text.upper().startswith("THAT") else f"THAT {text[0].lower()}{text[1:]}")
    return clauses


@records_user
@transaction.atomic
@changes_public
def appendix_add(*, report, title, by, upload=None, body=""):
    """Adds an appendix at the end: an uploaded PDF (refused if it is not one, is encrypted, damaged or over
    50 MB) or text written here."""
    body = (body or "").strip()
    if upload is None and not body:
        raise ValidationError(APPENDIX_NEEDS_CONTENT)
    if upload is not None and body:
        raise ValidationError(APPENDIX_ONE_OR_OTHER)
    report = Report.objects.select_for_update().get(pk=report.pk)
    position = (report.appendices.aggregate(m=Max("position"))["m"] or 0) + 1
    appendix = Appendix(report=report, position=position, title=title, body=body)
    if upload is not None:
        upload.seek(0)
        data = upload.read()
        problem = pdf_problem(data)
        if problem:
            raise ValidationError({"upload": problem})
        # Keep only a clean copy (no JavaScript, actions or embedded files), and only if it merges as a pack
        # would merge it: a file that would break a build is refused now, not at the build.
        try:
            data = sanitise_pdf(data)
        except UnsafePdf as error:
            raise ValidationError({"upload": str(error)}) from error
        problem = merge_problem(data)
        if problem:
            raise ValidationError({"upload": problem})
        appendix.checksum = hashlib.sha256(data).hexdigest()
        appendix.page_count = documents.page_count(data)
        appendix.file.save(f"appendix-{position}.pdf", ContentFile(data), save=False)
    try:
        appendix.full_clean()
        appendix.save()
    except Exception:
        if appendix.file:
            appendix.file.delete(save=False)
        raise
    _touch(report)
    return appendix


@records_user
@transaction.atomic
@changes_public
def appendix_remove(*, appendix, by):
    report = appendix.report
    name = appendix.file.name if appendix.file else None
    appendix.delete()
    for n, other in enumerate(report.appendices.order_by("position"), start=1):
        if other.position != n:
            other.position = n
            other.save(update_fields=["position"])
    _touch(report)
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _touch(report):
    """A change of appendices changes the report: its sign-off is withdrawn."""
    if report.is_signed:
        report.withdraw_sign_off()
    report.save()


# Agenda packs -------------------------------------------------------------------------------------------


@records_user
@changes_public
def pack_build(*, meeting, audience, by, job=None, progress=None):
    """Builds the agenda pack for the audience, or returns the existing one built from the same content.

    Rendering happens outside any transaction; then the PDF is written to storage and the row created in one
    transaction, with the meeting locked. If a build of the same content finished meanwhile, its pack is
    returned and ours deleted, so two builds at once produce one. On any failure the stored file is deleted.
    """
    if audience not in AgendaPack.Audience.values:
        raise ValidationError(NO_SUCH_AUDIENCE)
    meeting = Meeting.objects.select_related("body__partnership", "next_meeting").get(pk=meeting.pk)
    # The version of the agenda the pack is rendered from: a pack is published only if that is the version
    # published, and only if nobody changed the agenda while it rendered.
    rendered_version = meeting.agenda_version
    if meeting.status in {Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED}:
        raise ValidationError(MEETING_HELD_NO_PACK)
    publication = meeting.publications.filter(is_current=True).first()
    issued_on = meeting.issue_date or (publication.issued_on if publication else None)
    prepared = documents.prepare_pack(meeting, audience=audience, issued_on=issued_on)
    key = prepared[3]
    existing = AgendaPack.objects.filter(meeting=meeting, audience=audience, content_key=key).first()
    if existing is not None:
        return existing
    built = documents.build_pack(
        meeting, audience=audience, progress=progress, issued_on=issued_on, prepared=prepared
    )
    if progress:
        progress("Saving the pack", None, None)
    # A retried job writes under the same name, replacing what a killed attempt may have left.
    name = f"packs/{meeting.pk}/{audience}-" + (f"job-{job.pk}.pdf" if job else documents.unique_name("cli"))
    if default_storage.exists(name):
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(built.pdf))
    try:
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            existing = AgendaPack.objects.filter(meeting=locked, audience=audience, content_key=key).first()
            if existing is not None:
                default_storage.delete(stored)
                return existing
            latest = AgendaPack.objects.filter(meeting=locked, audience=audience).aggregate(m=Max("version"))
            publication = locked.publications.filter(is_current=True).first()
            pack = AgendaPack(
                meeting=locked,
                audience=audience,
                version=(latest["m"] or 0) + 1,
                content_key=key,
                agenda_version=rendered_version,
                file=stored,
                checksum=hashlib.sha256(built.pdf).hexdigest(),
                page_count=built.page_count,
                ranges={str(k): list(v) for k, v in built.ranges.items()},
                built_by=by if by and by.is_authenticated else None,
                job=job,
            )
            # A pack built from the agenda as published is published with it.
            if (
                publication is not None
                and publication.agenda_version == rendered_version == locked.agenda_version
            ):
                pack.is_published, pack.published_at = True, timezone.now()
            pack.full_clean()
            pack.save()
            _write_ranges(locked, audience, built.ranges)
    except IntegrityError:
        default_storage.delete(stored)
        return AgendaPack.objects.get(meeting=meeting, audience=audience, content_key=key)
    except BaseException:
        default_storage.delete(stored)
        raise
    return pack


def _write_ranges(meeting, audience, ranges):
    """Writes the pages of each item back to the agenda and to the public copy of the current publication.
    The public pack sets the public items; the members' pack the exempt ones (which come last)."""
    items = list(meeting.items.all())
    for item in items:
        if item.is_exempt != (audience == AgendaPack.Audience.MEMBERS):
            continue
        first, last = ranges.get(item.pk, (None, None))
        if (item.page_from, item.page_to) != (first, last):
            item.page_from, item.page_to = first, last
            item.save(update_fields=["page_from", "page_to"])
        if not item.is_exempt:
            PublishedItem.objects.filter(item=item, agenda__meeting=meeting, agenda__is_current=True).update(
                pages=item.pages
            )


def publish_packs_with_the_agenda(sender, *, meeting, publication, **kwargs):
    """The receiver of committees' `agenda_published`, connected in GovernanceConfig.ready()."""
    packs_publish(meeting=meeting, publication=publication)


@changes_public
def packs_publish(*, meeting, publication):
    """Called as the agenda is published: the latest packs built from that version of the agenda are
    published with it."""
    for audience in AgendaPack.Audience.values:
        pack = (
            AgendaPack.objects.filter(
                meeting=meeting, audience=audience, agenda_version=publication.agenda_version
            )
            .order_by("-version")
            .first()
        )
        if pack is not None and not pack.is_published:
            pack.is_published, pack.published_at = True, timezone.now()
            pack.save(update_fields=["is_published", "published_at"])
