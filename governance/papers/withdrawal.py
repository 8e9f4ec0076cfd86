"""Withdrawal of what was published, and the packs rebuilt after a change: an officer withdraws a published
item, report, appendix or public agenda pack with the grounds and a reason; from that moment the public
projections (committees/public.py, papers/public.py) stop serving it everywhere and answer 410 with the
notice, and a corrected public pack is built by the worker after the commit. A supplementary agenda is
followed by a rebuilt pack the same way.

Kept apart from services.py because it queues the build task (tasks.py imports services.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance.acting import records_user
from governance.committees.models import AgendaItem, Meeting, PublishedItem, Withdrawal
from governance.jobs import services as jobs
from governance.partners.public_cache import changes_public

from .models import AgendaPack, Appendix, Report
from .tasks import build_agenda_pack

WITHDRAWAL_REASON_NEEDED = "Enter the reason for the withdrawal: it is kept in the record with it."
WITHDRAWAL_GROUNDS_NEEDED = "Choose why it is withdrawn: the public is told this."
WITHDRAW_ONLY_PUBLISHED = "Only what the public can read can be withdrawn: this has not been published."
ALREADY_WITHDRAWN = "This has already been withdrawn from the public."
NOT_OF_THIS_MEETING = "That does not belong to this meeting."
NO_SUCH_KIND = "Choose an item, a report, an appendix or an agenda pack to withdraw."

HELD = {Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED}


def _published_number(meeting, item_id):
    copy = PublishedItem.objects.filter(
        agenda__meeting=meeting, agenda__is_current=True, item_id=item_id
    ).first()
    if copy is None:
        raise ValidationError(WITHDRAW_ONLY_PUBLISHED)
    return copy.number


def withdrawal_target(meeting, *, kind, target_id):
    """What the officer asks to withdraw, checked: (the agenda item concerned or None, the target's id, the
    title the public notice gives it). Raises ValidationError with a constant message when it cannot be."""
    if meeting.status == Meeting.Status.DRAFT:
        raise ValidationError(WITHDRAW_ONLY_PUBLISHED)
    existing = Withdrawal.objects.filter(meeting=meeting)
    if kind == Withdrawal.Kind.PACK:
        pack = AgendaPack.objects.filter(pk=target_id, meeting=meeting).first()
        if pack is None:
            raise ValidationError(NOT_OF_THIS_MEETING)
        if pack.audience != AgendaPack.Audience.PUBLIC or not pack.is_published:
            raise ValidationError(WITHDRAW_ONLY_PUBLISHED)
        if existing.filter(kind=kind, target_id=pack.pk).exists():
            raise ValidationError(ALREADY_WITHDRAWN)
        return None, pack.pk, f"Agenda pack, version {pack.version}"
    if kind == Withdrawal.Kind.ITEM:
        item = AgendaItem.objects.filter(pk=target_id, meeting=meeting).first()
        if item is None:
            raise ValidationError(NOT_OF_THIS_MEETING)
        number = _published_number(meeting, item.pk)
        if existing.filter(kind=kind, item=item).exists():
            raise ValidationError(ALREADY_WITHDRAWN)
        return item, None, f"Item {number}"
    if kind == Withdrawal.Kind.REPORT:
        report = Report.objects.filter(pk=target_id, item__meeting=meeting).select_related("item").first()
        if report is None:
            raise ValidationError(NOT_OF_THIS_MEETING)
        item = report.item
        number = _published_number(meeting, item.pk)
        if item.is_exempt or not report.is_signed:
            raise ValidationError(WITHDRAW_ONLY_PUBLISHED)
        if existing.filter(kind__in=[kind, Withdrawal.Kind.ITEM], item=item).exists():
            raise ValidationError(ALREADY_WITHDRAWN)
        return item, report.pk, f"The report on item {number}"
    if kind == Withdrawal.Kind.APPENDIX:
        appendix = (
            Appendix.objects.filter(pk=target_id, report__item__meeting=meeting)
            .select_related("report__item")
            .first()
        )
        if appendix is None:
            raise ValidationError(NOT_OF_THIS_MEETING)
        item = appendix.report.item
        number = _published_number(meeting, item.pk)
        if item.is_exempt or not appendix.report.is_signed:
            raise ValidationError(WITHDRAW_ONLY_PUBLISHED)
        if existing.filter(kind__in=[Withdrawal.Kind.ITEM, Withdrawal.Kind.REPORT], item=item).exists() or (
            existing.filter(kind=kind, target_id=appendix.pk).exists()
        ):
            raise ValidationError(ALREADY_WITHDRAWN)
        return item, appendix.pk, f"Appendix {appendix.position} to the report on item {number}"
    raise ValidationError(NO_SUCH_KIND)


@records_user
@transaction.atomic
@changes_public
def withdraw(*, meeting, kind, target_id, grounds, reason, by):
    """Withdraws a published item, report, appendix or public pack from the public, with the grounds the
    public is told and the reason kept in the record (both required: nothing is saved without them). Every
    public pack built before it stops being served; a corrected public pack is queued after the commit
    (unless the meeting has been held, when packs are no longer built). Returns (withdrawal, job or None)."""
    meeting = Meeting.objects.select_for_update().select_related("body__partnership").get(pk=meeting.pk)
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = WITHDRAWAL_REASON_NEEDED
    if grounds not in Withdrawal.Grounds.values:
        errors["grounds"] = WITHDRAWAL_GROUNDS_NEEDED
    if errors:
        raise ValidationError(errors)
    item, target, title = withdrawal_target(meeting, kind=kind, target_id=target_id)
    withdrawal = Withdrawal(
        meeting=meeting,
        kind=kind,
        item=item,
        target_id=target,
        title=title,
        grounds=grounds,
        reason=reason.strip(),
        by=by if by and by.is_authenticated else None,
        at=timezone.now(),
    )
    withdrawal.full_clean()
    withdrawal.save()
    job = None
    if meeting.status not in HELD:
        job = queue_pack_build(meeting, AgendaPack.Audience.PUBLIC, by=by, why="Corrected after a withdrawal")
    return withdrawal, job


def queue_pack_build(meeting, audience, *, by, why):
    """A job that builds the meeting's pack for the audience in a worker, queued once the transaction commits."""
    label = dict(AgendaPack.Audience.choices)[audience]
    job = jobs.job_create(
        kind="agenda_pack",
        title=f"{label} ({why.lower()}): {meeting.body.name}, {meeting.date:%-d %B %Y}",
        by=by if by and by.is_authenticated else None,
        partnership=meeting.body.partnership,
        parameters={"meeting": meeting.pk, "audience": audience},
    )
    build_agenda_pack.delay_on_commit(str(job.pk))
    return job


def rebuild_packs_after_supplement(sender, *, meeting, publication, **kwargs):
    """A supplementary agenda changes what the packs carry: each pack the meeting already had is rebuilt (and
    published with the supplement, being built from the agenda as published)."""
    if publication.number == 0 or meeting.status in HELD:
        return
    by = publication.by
    for audience in AgendaPack.Audience.values:
        if AgendaPack.objects.filter(meeting=meeting, audience=audience).exists():
            queue_pack_build(meeting, audience, by=by, why=f"With supplementary agenda {publication.number}")
