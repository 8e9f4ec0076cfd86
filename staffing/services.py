"""Every write in staffing: posts, their placements and dotted lines, post holders and secondment extensions,
restructures (drafting and applying them), grades, salary points, on-cost rates and the CSV import of posts.
Each is atomic, validates before saving, records `by` as the history user, and raises ValidationError with
the constant messages below (and those in models.py)."""

import csv
import io
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance import spreadsheet
from governance.acting import records_user
from governance.audit.versions import UNCHECKED, check_version
from governance.models import Council
from governance.partners.data_version import data_changed
from governance.partners.public_cache import changes_public

from .consultation import consultation_days, earliest_effective_date
from .models import (
    ERROR_GRADE_OTHER_PARTNERSHIP,
    ERROR_HOLDERS_ABOVE_FTE,
    DottedLine,
    FundingLine,
    Grade,
    OnCostRate,
    Placement,
    Post,
    PostHolder,
    Restructure,
    RestructureChange,
    SalaryPoint,
    SecondmentExtension,
)
from .structure import peak_fte, reports_to_loop

ERROR_NOT_A_MEMBER = "{council} is not a council of this partnership."
ERROR_TWO_LEADS = "{council} already has a lead Head of Service ({post})."
ERROR_DOTTED_SELF = "A post cannot have a dotted line to itself."
ERROR_DOTTED_OTHER_PARTNERSHIP = "A dotted line must be to a post of the same partnership."
ERROR_EXTEND_KIND = "Only secondments and agency cover are extended."
ERROR_EXTEND_EARLIER = "The new end date must be after the current end date ({day})."
ERROR_HOLDER_END_BEFORE_START = "A post holder cannot leave before they start."
ERROR_APPLIED = "This restructure has been applied: it can no longer be changed."
ERROR_DELETED_TWICE = "This restructure already deletes {post}."
ERROR_POST_CLOSED = "{post} is not in the establishment on {day}, so it cannot be deleted then."
ERROR_POST_OTHER_PARTNERSHIP = "{post} belongs to another partnership."
ERROR_NO_DECISION = "Record the decision that approved the restructure before applying it."
ERROR_TOO_EARLY = (
    "{affected} staff affected need {days} days of collective consultation: the earliest the restructure can "
    "take effect is {day}."
)
ERROR_CONSULTATION_NOT_STARTED = (
    "{affected} staff affected need {days} days of collective consultation, which has not started."
)
ERROR_STILL_REPORTED_TO = "{post} is deleted but {reports} would still report to it: move them first."
ERROR_CREATE_NEEDS = "A new post needs its reference, title, grade, FTE, team and employing council."
ERROR_REFERENCE_TAKEN = "Post reference {reference} is already used."
ERROR_REPORTS_TO_NEW_OTHER = "The new post must report to a post of this restructure."
ERROR_EMPTY_RESTRUCTURE = "The restructure deletes and creates no posts."

# Import
ERROR_EMPTY_FILE = "The file has no header row."
ERROR_HEADER = "The header row must be: {expected}."
ERROR_NO_ROWS = "The file has no rows."
ERROR_DUPLICATE_ROW = "This row repeats the reference of row {row}."
ERROR_BAD_DATE = "The date “{value}” must be written as 2018-04-30."
ERROR_BAD_FTE = "The FTE “{value}” must be a number above 0, like 1 or 0.5."
ERROR_UNKNOWN_GRADE = "There is no grade “{value}” in this partnership."
ERROR_UNKNOWN_COUNCIL = "“{value}” is not a council of this partnership."
ERROR_UNKNOWN_LINE = "“{value}” is not a funding line ({choices})."
ERROR_UNKNOWN_MANAGER = "There is no post “{value}” to report to (in the file or the establishment)."
ERROR_REQUIRED = "The {column} is missing."

POST_FIELDS = [
    "reference",
    "title",
    "grade",
    "fte",
    "team",
    "reports_to",
    "employing_council",
    "office",
    "funding_line",
    "effective_from",
    "effective_to",
]
HOLDER_FIELDS = [
    "person",
    "kind",
    "fte",
    "start",
    "end",
    "terms_council",
    "seconded_from",
    "tupe_from",
    "tupe_to",
    "tupe_date",
    "agency",
    "day_rate",
]
RESTRUCTURE_FIELDS = [
    "name",
    "phase",
    "effective_date",
    "staff_affected",
    "consultation_start",
    "resolution",
    "officer_decision",
    "decision_text",
    "notes",
]


class ImportRejected(ValueError):
    """A file with any bad row imports nothing; errors are (row number, reason), the header being row 1."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"row {n}: {reason}" for n, reason in errors))


def _save(obj, by, reason=""):
    obj.full_clean()
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


def _check_version(obj, version):
    """Refuses a save whose `version` (the record's latest history id as the form read it,
    governance/audit/versions.py) is missing or not the record's own: StaleRecord names the other person's
    changes. Code callers pass UNCHECKED. `obj` is locked (select_for_update) by the caller."""
    if version is not UNCHECKED:
        check_version(obj, version)


def _member_councils(partnership):
    return {c.pk: c for c in Council.objects.filter(memberships__partnership=partnership).distinct()}


def _set_placements(post, works_for, lead_for, by):
    """The councils the post works for (s113 placements) and those it is lead Head of Service for."""
    members = _member_councils(post.partnership)
    wanted = {c.pk: c for c in list(works_for) + list(lead_for)}
    for c in wanted.values():
        if c.pk not in members:
            raise ValidationError({"works_for": ERROR_NOT_A_MEMBER.format(council=c.name)}, code="not_member")
    lead_ids = {c.pk for c in lead_for}
    for council_id in lead_ids:
        clash = (
            Placement.objects.filter(council_id=council_id, is_lead=True, post__partnership=post.partnership)
            .exclude(post=post)
            .filter(post__effective_to__isnull=True)
            .select_related("post", "council")
            .first()
        )
        if clash:
            raise ValidationError(
                {"lead_for": ERROR_TWO_LEADS.format(council=clash.council.name, post=clash.post)},
                code="two_leads",
            )
    existing = {p.council_id: p for p in post.placements.all()}
    for council_id, placement in existing.items():
        if council_id not in wanted:
            placement.delete()
    for council_id in wanted:
        placement = existing.get(council_id) or Placement(post=post, council_id=council_id)
        is_lead = council_id in lead_ids
        if placement.pk and placement.is_lead == is_lead:
            continue
        placement.is_lead = is_lead
        _save(placement, by)


def _set_dotted_lines(post, to_posts, by):
    targets = {p.pk: p for p in to_posts}
    for p in targets.values():
        if p.pk == post.pk:
            raise ValidationError({"dotted_lines": ERROR_DOTTED_SELF}, code="dotted_self")
        if p.partnership_id != post.partnership_id:
            raise ValidationError({"dotted_lines": ERROR_DOTTED_OTHER_PARTNERSHIP}, code="dotted_partnership")
    existing = {d.to_post_id: d for d in post.dotted_lines.all()}
    for to_id, line in existing.items():
        if to_id not in targets:
            line.delete()
    for to_id in targets:
        if to_id not in existing:
            _save(DottedLine(post=post, to_post_id=to_id), by)


@records_user
@transaction.atomic
@changes_public
def post_create(*, partnership, by, works_for=(), lead_for=(), dotted_lines=(), reason="", **fields):
    """A new post. `fields` are those of POST_FIELDS (and created_by_restructure)."""
    unknown = set(fields) - set(POST_FIELDS) - {"created_by_restructure"}
    if unknown:
        raise TypeError(f"Unknown post fields: {sorted(unknown)}")
    post = Post(partnership=partnership, **fields)
    _save(post, by, reason)
    _set_placements(post, works_for, lead_for, by)
    _set_dotted_lines(post, dotted_lines, by)
    return post


@records_user
@transaction.atomic
@changes_public
def post_update(*, post, version, by, works_for=None, lead_for=None, dotted_lines=None, **fields):
    """Changes a post's fields (of POST_FIELDS), placements and dotted lines; refuses a stale version."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    _check_version(post, version)
    unknown = set(fields) - set(POST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown post fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(post, name, value)
    _save(post, by)
    if works_for is not None or lead_for is not None:
        _set_placements(post, works_for or (), lead_for or (), by)
    if dotted_lines is not None:
        _set_dotted_lines(post, dotted_lines, by)
    return post


@records_user
@transaction.atomic
@changes_public
def holder_add(*, post, by, **fields):
    """A person in a post for a spell (fields of HOLDER_FIELDS)."""
    unknown = set(fields) - set(HOLDER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown holder fields: {sorted(unknown)}")
    post = Post.objects.select_for_update().get(pk=post.pk)  # one holder at a time per post: FTE is checked
    return _save(PostHolder(post=post, **fields), by)


@records_user
@transaction.atomic
@changes_public
def secondment_extend(*, holder, new_end, reason, by, decided_by="", version=UNCHECKED):
    """Extends a secondment (or agency cover) to a later date, recording the extension. With `version` (as the
    form read it), a holder changed since is refused."""
    holder = PostHolder.objects.select_for_update().get(pk=holder.pk)
    _check_version(holder, version)
    if holder.kind not in (PostHolder.Kind.SECONDED_IN, PostHolder.Kind.AGENCY):
        raise ValidationError(ERROR_EXTEND_KIND, code="extend_kind")
    if holder.end and new_end <= holder.end:
        raise ValidationError(
            {"new_end": ERROR_EXTEND_EARLIER.format(day=holder.end.strftime("%-d %B %Y"))},
            code="extend_earlier",
        )
    extension = SecondmentExtension(
        holder=holder,
        previous_end=holder.end or new_end,
        new_end=new_end,
        reason=reason,
        decided_by=decided_by,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    holder.end = new_end
    _save(holder, by, reason)
    _save(extension, by)
    return extension


# Grades and costs


@records_user
@transaction.atomic
@changes_public
def grade_set(*, partnership, code, by, name="", rank=0):
    grade = Grade.objects.filter(partnership=partnership, code=code).first() or Grade(
        partnership=partnership, code=code
    )
    if grade.pk and (grade.name, grade.rank) == (name, rank):
        return grade
    grade.name, grade.rank = name, rank
    return _save(grade, by)


@records_user
@transaction.atomic
def salary_point_set(*, grade, year, salary, by):
    point = SalaryPoint.objects.filter(grade=grade, year=year).first() or SalaryPoint(grade=grade, year=year)
    if point.pk and point.salary == salary:
        return point
    point.salary = salary
    return _save(point, by)


@records_user
@transaction.atomic
def on_cost_rate_set(*, partnership, year, rate, by):
    row = OnCostRate.objects.filter(partnership=partnership, year=year).first() or OnCostRate(
        partnership=partnership, year=year
    )
    if row.pk and row.rate == rate:
        return row
    row.rate = rate
    return _save(row, by)


# Restructures


def _draft(restructure):
    restructure = Restructure.objects.select_for_update().get(pk=restructure.pk)
    if restructure.is_applied:
        raise ValidationError(ERROR_APPLIED, code="applied")
    return restructure


@records_user
@transaction.atomic
def restructure_create(*, partnership, by, **fields):
    unknown = set(fields) - set(RESTRUCTURE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown restructure fields: {sorted(unknown)}")
    return _save(Restructure(partnership=partnership, **fields), by)


@records_user
@transaction.atomic
def restructure_delete_post(*, restructure, post, by, version=UNCHECKED):
    """Adds a post to those the restructure deletes."""
    restructure = _draft(restructure)
    _check_version(restructure, version)
    if post.partnership_id != restructure.partnership_id:
        raise ValidationError(ERROR_POST_OTHER_PARTNERSHIP.format(post=post), code="other_partnership")
    if restructure.changes.filter(action=RestructureChange.Action.DELETE, post=post).exists():
        raise ValidationError(ERROR_DELETED_TWICE.format(post=post), code="deleted_twice")
    if not post.is_open_on(restructure.effective_date):
        day = restructure.effective_date.strftime("%-d %B %Y")
        raise ValidationError(ERROR_POST_CLOSED.format(post=post, day=day), code="post_closed")
    change = RestructureChange(restructure=restructure, action=RestructureChange.Action.DELETE, post=post)
    _save(change, by)
    _touch(restructure, by, f"Deletes {post}")
    return change


@records_user
@transaction.atomic
def restructure_create_post(*, restructure, by, reports_to_new=None, version=UNCHECKED, **fields):
    """Adds a post to those the restructure creates (made when it is applied)."""
    restructure = _draft(restructure)
    _check_version(restructure, version)
    required = ["reference", "title", "grade", "fte", "team", "employing_council"]
    if any(not fields.get(name) for name in required):
        raise ValidationError(ERROR_CREATE_NEEDS, code="create_needs")
    if reports_to_new is not None and reports_to_new.restructure_id != restructure.pk:
        raise ValidationError(ERROR_REPORTS_TO_NEW_OTHER, code="reports_to_new")
    taken = Post.objects.filter(partnership=restructure.partnership, reference=fields["reference"]).exists()
    taken = taken or restructure.changes.filter(reference=fields["reference"]).exists()
    if taken:
        raise ValidationError(ERROR_REFERENCE_TAKEN.format(reference=fields["reference"]), code="reference")
    change = RestructureChange(
        restructure=restructure,
        action=RestructureChange.Action.CREATE,
        reports_to_new=reports_to_new,
        **fields,
    )
    _save(change, by)
    _touch(restructure, by, f"Creates {change.reference} {change.title}")
    return change


def _touch(restructure, by, reason):
    """Saves the restructure (a historical row, with `reason`) when a post is added to those it deletes or
    creates, so that its version moves: a form read before the change is then stale, and the conflict names it."""
    _save(restructure, by, reason)


def restructure_problems(restructure):
    """What stops the restructure being applied, as messages (empty when it may be applied)."""
    problems = []
    if restructure.is_applied:
        return [ERROR_APPLIED]
    if not restructure.has_decision:
        problems.append(ERROR_NO_DECISION)
    affected, day = restructure.staff_affected, restructure.effective_date
    days = consultation_days(affected)
    earliest = earliest_effective_date(restructure.consultation_start, affected)
    if earliest is None:
        problems.append(ERROR_CONSULTATION_NOT_STARTED.format(affected=affected, days=days))
    elif day < earliest:
        problems.append(
            ERROR_TOO_EARLY.format(affected=affected, days=days, day=earliest.strftime("%-d %B %Y"))
        )
    changes = list(restructure.changes.select_related("post"))
    if not changes:
        problems.append(ERROR_EMPTY_RESTRUCTURE)
    deleted = {c.post_id for c in changes if c.action == RestructureChange.Action.DELETE}
    for change in changes:
        if change.action == RestructureChange.Action.DELETE and not change.post.is_open_on(day):
            problems.append(ERROR_POST_CLOSED.format(post=change.post, day=day.strftime("%-d %B %Y")))
    if deleted:
        still = (
            Post.objects.filter(reports_to_id__in=deleted)
            .exclude(pk__in=deleted)
            .filter(effective_from__lte=day)
            .exclude(effective_to__lt=day)
            .select_related("reports_to")
            .order_by("reports_to__reference", "reference")
        )
        by_manager = {}
        for p in still:
            by_manager.setdefault(p.reports_to, []).append(str(p))
        for manager, reports in by_manager.items():
            problems.append(ERROR_STILL_REPORTED_TO.format(post=manager, reports=", ".join(reports)))
    return problems


@records_user
@transaction.atomic
@changes_public
def restructure_apply(*, restructure, by, version=UNCHECKED):
    """Applies the restructure on its effective date, all or nothing: each deleted post (and any holder still
    in it) ends the day before; each new post starts on the date. Refused while anything in
    restructure_problems stands."""
    restructure = _draft(restructure)
    _check_version(restructure, version)
    problems = restructure_problems(restructure)
    if problems:
        raise ValidationError(problems, code="cannot_apply")
    day = restructure.effective_date
    eve = day - timedelta(days=1)
    reason = f"Restructure: {restructure.name}"
    changes = list(restructure.changes.select_related("post").order_by("pk"))
    # Every post it deletes, locked at once in id order (then their holders, as holder edits take them), so
    # that two writers never hold what the other waits for.
    deleted = {
        post.pk: post
        for post in Post.objects.select_for_update()
        .filter(pk__in=[c.post_id for c in changes if c.action == RestructureChange.Action.DELETE])
        .order_by("pk")
    }
    for change in changes:
        if change.action != RestructureChange.Action.DELETE:
            continue
        post = deleted[change.post_id]
        for holder in post.holders.filter(start__lte=eve).exclude(end__lt=day):
            holder.end = eve
            _save(holder, by, reason)
        # Holders due to start on or after the date can no longer do so.
        if post.holders.filter(start__gte=day).exists():
            raise ValidationError(
                ERROR_HOLDERS_LATER.format(post=post, day=day.strftime("%-d %B %Y")), code="holders_later"
            )
        post.effective_to = eve
        post.deleted_by_restructure = restructure
        _save(post, by, reason)
    made = {}
    pending = [c for c in changes if c.action == RestructureChange.Action.CREATE]
    # New posts are made managers first, so that each can report to one made before it.
    while pending:
        ready = [c for c in pending if c.reports_to_new_id is None or c.reports_to_new_id in made]
        if not ready:
            raise ValidationError(ERROR_NEW_LOOP, code="new_loop")
        for change in ready:
            manager = made[change.reports_to_new_id] if change.reports_to_new_id else change.reports_to
            post = post_create(
                partnership=restructure.partnership,
                by=by,
                reason=reason,
                reference=change.reference,
                title=change.title,
                grade=change.grade,
                fte=change.fte,
                team=change.team,
                employing_council=change.employing_council,
                funding_line=change.funding_line,
                reports_to=manager,
                effective_from=day,
                created_by_restructure=restructure,
            )
            made[change.pk] = post
            change.post = post
            _save(change, by)
            pending.remove(change)
    restructure.state = Restructure.State.APPLIED
    restructure.applied_at = timezone.now()
    restructure.applied_by = by if getattr(by, "is_authenticated", False) else None
    _save(restructure, by)
    return restructure


ERROR_HOLDERS_LATER = "{post} has holders due to start on or after {day}, when it is deleted."
ERROR_NEW_LOOP = "The new posts' reporting lines make a loop."


# CSV import of posts

IMPORT_COLUMNS = [
    "reference",
    "title",
    "grade",
    "fte",
    "team",
    "employing_council",
    "funding_line",
    "reports_to",
    "effective_from",
    "effective_to",
]


def _rows(text, expected):
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise ImportRejected([(1, ERROR_EMPTY_FILE)])
    header = [h.strip().lower() for h in header]
    if header != expected:
        raise ImportRejected([(1, ERROR_HEADER.format(expected=",".join(expected)))])
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        values = [spreadsheet.restore(v.strip()) for v in values] + [""] * (len(header) - len(values))
        rows.append((number, dict(zip(header, values, strict=False))))
    if not rows:
        raise ImportRejected([(2, ERROR_NO_ROWS)])
    return rows


def _date(value):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(ERROR_BAD_DATE.format(value=value)) from None


def _fte(value):
    try:
        fte = Decimal(value)
    except InvalidOperation:
        raise ValueError(ERROR_BAD_FTE.format(value=value)) from None
    if not fte.is_finite() or fte <= 0 or fte >= 1000 or fte != fte.quantize(Decimal("0.01")):
        raise ValueError(ERROR_BAD_FTE.format(value=value))
    return fte.quantize(Decimal("0.01"))


@records_user
@transaction.atomic
@changes_public
def import_posts(*, partnership, text, by):
    """Creates the posts of a CSV file (columns IMPORT_COLUMNS; reports_to is another post's reference, in
    the file or already in the establishment). Every row is checked first: any bad row and nothing is
    imported, every bad row reported by number. Returns the posts made."""
    rows = _rows(text, IMPORT_COLUMNS)
    grades = {g.code.lower(): g for g in Grade.objects.filter(partnership=partnership)}
    councils = {c.code.upper(): c for c in _member_councils(partnership).values()}
    existing = {p.reference: p for p in Post.objects.filter(partnership=partnership)}
    errors, parsed, seen = [], [], {}
    for number, row in rows:
        try:
            for column in (
                "reference",
                "title",
                "grade",
                "fte",
                "team",
                "employing_council",
                "effective_from",
            ):
                if not row[column]:
                    raise ValueError(ERROR_REQUIRED.format(column=column.replace("_", " ")))
            reference = row["reference"]
            if reference in seen:
                raise ValueError(ERROR_DUPLICATE_ROW.format(row=seen[reference]))
            seen[reference] = number
            if reference in existing:
                raise ValueError(ERROR_REFERENCE_TAKEN.format(reference=reference))
            grade = grades.get(row["grade"].lower())
            if grade is None:
                raise ValueError(ERROR_UNKNOWN_GRADE.format(value=row["grade"]))
            council = councils.get(row["employing_council"].upper())
            if council is None:
                raise ValueError(ERROR_UNKNOWN_COUNCIL.format(value=row["employing_council"]))
            line = row["funding_line"].lower()
            if line and line not in FundingLine.values:
                raise ValueError(
                    ERROR_UNKNOWN_LINE.format(
                        value=row["funding_line"], choices=", ".join(FundingLine.values)
                    )
                )
            fields = {
                "reference": reference,
                "title": row["title"],
                "grade": grade,
                "fte": _fte(row["fte"]),
                "team": row["team"],
                "employing_council": council,
                "funding_line": line,
                "effective_from": _date(row["effective_from"]),
                "effective_to": _date(row["effective_to"]) if row["effective_to"] else None,
            }
            parsed.append((number, fields, row["reports_to"]))
        except ValueError as exc:
            errors.append((number, str(exc)))
    for number, _fields, manager in parsed:
        if manager and manager not in seen and manager not in existing:
            errors.append((number, ERROR_UNKNOWN_MANAGER.format(value=manager)))
    if errors:
        raise ImportRejected(sorted(errors))
    # Managers first: a row whose manager is in the file waits for it. A loop among the rows is an error.
    manager_of = {ref: mgr or None for _, f, mgr in parsed for ref in [f["reference"]]}
    for number, fields, manager in parsed:
        loop = reports_to_loop(fields["reference"], manager or None, manager_of)
        if loop:
            errors.append(
                (number, f"Reporting to that post would make a loop: {' → '.join(loop + [loop[0]])}.")
            )
    if errors:
        raise ImportRejected(sorted(errors))
    made = {}
    pending = list(parsed)
    while pending:
        for item in list(pending):
            number, fields, manager = item
            if manager and manager in seen and manager not in made:
                continue
            boss = made.get(manager) or existing.get(manager) if manager else None
            try:
                made[fields["reference"]] = post_create(
                    partnership=partnership, by=by, reports_to=boss, **fields
                )
            except ValidationError as exc:
                errors.append((number, " ".join(exc.messages)))
                made[fields["reference"]] = None
            pending.remove(item)
    if errors:
        transaction.set_rollback(True)
        raise ImportRejected(sorted(errors))
    return [p for p in made.values() if p is not None]


# Bulk loading (the demo's generated establishment; large imports)

ERROR_BULK_MANAGER = (
    "Post {reference} reports to {manager}, which is neither in the batch nor in the establishment."
)


@records_user
@transaction.atomic
@changes_public
def posts_bulk_create(*, partnership, rows, by):
    """Creates many posts at once, with history, checking what post_create checks without a query per post:
    field values, unique references, grades of the partnership, managers that exist (in the batch or the
    establishment) and no reports-to loops. `rows` are dicts of POST_FIELDS with reports_to given as a
    reference. Managers are created before their reports. Returns {reference: post}."""
    from simple_history.utils import bulk_create_with_history

    existing = {p.reference: p for p in Post.objects.filter(partnership=partnership)}
    batch = {r["reference"]: r for r in rows}
    errors = []
    if len(batch) != len(rows):
        errors.append(ERROR_REFERENCE_TAKEN.format(reference="(repeated in the batch)"))
    for ref in batch:
        if ref in existing:
            errors.append(ERROR_REFERENCE_TAKEN.format(reference=ref))
    manager_of = {ref: r.get("reports_to") for ref, r in batch.items()}
    for ref, manager in manager_of.items():
        if manager and manager not in batch and manager not in existing:
            errors.append(ERROR_BULK_MANAGER.format(reference=ref, manager=manager))
        elif manager in batch and reports_to_loop(ref, manager, manager_of):
            errors.append(f"Post {ref}: reporting to {manager} would make a loop.")
    if errors:
        raise ValidationError(errors, code="bulk_posts")
    made = {}
    pending = dict(batch)
    while pending:
        level = [r for ref, r in pending.items() if not r.get("reports_to") or r["reports_to"] not in pending]
        objs = []
        for r in level:
            manager = r.get("reports_to")
            fields = {k: v for k, v in r.items() if k != "reports_to"}
            post = Post(
                partnership=partnership, reports_to=made.get(manager) or existing.get(manager), **fields
            )
            post.clean_fields()
            if post.grade.partnership_id != partnership.pk:
                raise ValidationError({"grade": ERROR_GRADE_OTHER_PARTNERSHIP}, code="grade")
            objs.append(post)
        bulk_create_with_history(
            objs, Post, default_user=by if getattr(by, "is_authenticated", False) else None
        )
        for post in Post.objects.filter(partnership=partnership, reference__in=[o.reference for o in objs]):
            made[post.reference] = post
            del pending[post.reference]
    # History written in bulk tells no one: mark the partnership's figures out of date here.
    data_changed(partnership)
    return made


@records_user
@transaction.atomic
@changes_public
def holders_bulk_create(*, holders, by):
    """Creates many post holders at once, with history, checking what holder_add checks (dates within the
    post, FTE at most the post's, the fields each kind needs) without a query per holder. Each of `holders`
    is a PostHolder not yet saved; the posts must have no other holders."""
    from simple_history.utils import bulk_create_with_history

    by_post = {}
    for h in holders:
        h.clean_fields(exclude=["post"])
        by_post.setdefault(h.post.pk, []).append(h)
    if PostHolder.objects.filter(post_id__in=list(by_post)).exists():
        raise ValidationError("holders_bulk_create is for posts with no holders yet.", code="bulk_holders")
    for spells in by_post.values():
        post = spells[0].post
        for h in spells:
            errors = h.errors_alone()
            if errors:
                raise ValidationError(errors)
        total, day = peak_fte([(h.fte, h.start, h.end) for h in spells])
        if total > post.fte:
            raise ValidationError(
                {
                    "fte": ERROR_HOLDERS_ABOVE_FTE.format(
                        total=total, fte=post.fte, day=day.strftime("%-d %B %Y")
                    )
                }
            )
    bulk_create_with_history(
        holders, PostHolder, default_user=by if getattr(by, "is_authenticated", False) else None
    )
    # History written in bulk tells no one: mark the posts' partnerships' figures out of date here.
    for pk in sorted({h.post.partnership_id for h in holders}):
        data_changed(pk)
    return holders
