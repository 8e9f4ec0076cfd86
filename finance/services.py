"""Every write in finance: imports, budget revisions, control totals, settlement settings, and drafting and
issuing recharge statements. Each is atomic and raises errors whose messages are the constants below."""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from governance.models import Council, Partnership
from governance.parsing import parse_date, parse_decimal, parse_int

from . import selectors
from .models import (
    CONTROL_KEYS,
    GROUPS,
    Actual,
    BudgetLine,
    BudgetRevision,
    ControlTotal,
    Forecast,
    Line,
    RechargeStatement,
    Settlement,
    StatementCounter,
    StatementLine,
)
from .periods import ERROR_UNKNOWN_YEAR, PERIODS, is_known_year, parse_year, year_label, year_of
from .settlement import ZERO, net_of

TOTAL = "TOTAL"

ERROR_EMPTY_FILE = "The file has no header row."
ERROR_NOT_CSV = "This line cannot be read as CSV (a value is too long or a quote is not closed)."
ERROR_NOT_UTF8 = "The file is not UTF-8 text: save it from the spreadsheet as “CSV UTF-8”."
ERROR_HEADER = "The header row must be: {expected}."
ERROR_UNKNOWN_PARTNERSHIP = "There is no partnership “{value}”."
ERROR_BAD_YEAR = "The year must look like 2017/18."
ERROR_UNKNOWN_COUNCIL = "“{value}” is not a council of this partnership."
ERROR_UNKNOWN_LINE = "“{value}” is not a funding line ({choices})."
ERROR_BAD_AMOUNT = "The amount “{value}” is not a sum in pounds and pence."
ERROR_BAD_MONTH = "The month must be a whole number from 1 to 12."
ERROR_BAD_DATE = "The date must be written as 2018-04-30."
ERROR_DUPLICATE_ROW = "This row repeats row {row}."
ERROR_EXISTS = "A budget for this line already exists; import with --revise to record a revision."
ERROR_NO_BUDGET_TO_REVISE = "There is no budget line to revise."
ERROR_GROUP_NEEDS_CONTROL = "Subtotals (bau, permanent, one_off) can only be given as control totals."
ERROR_NO_ROWS = "The file has no rows."
ERROR_NOT_MANAGER = "Only the host's finance officers or the CIO may do this."
ERROR_BAD_PERCENTAGE = "A percentage must be a number from 0 to 100."
ERROR_OTHER_PARTNERSHIP = "This row is for another partnership: import it from that partnership's page."
ERROR_DATE_OUTSIDE_YEARS = "The date must fall in a financial year from 2000/01 to 2099/00."


class ImportRejected(ValueError):
    """A file with any bad row imports nothing; errors are (row number, reason), the header being row 1."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"row {n}: {reason}" for n, reason in errors))


@dataclass
class ImportResult:
    created: int = 0
    revised: int = 0
    updated: int = 0
    controls: int = 0
    unchanged: int = 0
    messages: list = field(default_factory=list)

    def summary(self):
        parts = [
            f"{n} {label}"
            for n, label in [
                (self.created, "created"),
                (self.revised, "revised"),
                (self.updated, "updated"),
                (self.controls, "control totals"),
                (self.unchanged, "unchanged"),
            ]
            if n
        ]
        return ", ".join(parts) or "nothing to import"


BUDGET_COLUMNS = ["partnership", "year", "council", "line", "amount"]
FORECAST_COLUMNS = ["partnership", "year", "month", "line", "amount"]
FORECAST_OPTIONAL = ["council"]
ACTUAL_COLUMNS = ["partnership", "date", "line", "amount", "incurred_by", "charged_to", "description"]


def _rows(text, expected, optional=()):
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRejected([(1, ERROR_NOT_UTF8)]) from None
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error:
        raise ImportRejected([(1, ERROR_NOT_CSV)]) from None
    if not header:
        raise ImportRejected([(1, ERROR_EMPTY_FILE)])
    header = [h.strip().lower() for h in header]
    if header[: len(expected)] != expected or any(h not in optional for h in header[len(expected) :]):
        shown = ",".join(expected) + "".join(f"[,{o}]" for o in optional)
        raise ImportRejected([(1, ERROR_HEADER.format(expected=shown))])
    rows = []
    try:
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            values = [v.strip() for v in values] + [""] * (len(header) - len(values))
            rows.append((number, dict(zip(header, values, strict=False))))
    except csv.Error:
        raise ImportRejected([(reader.line_num, ERROR_NOT_CSV)]) from None
    if not rows:
        raise ImportRejected([(2, ERROR_NO_ROWS)])
    return rows


def _shown(value, limit=40):
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_amount(value):
    """A sum in pounds (£ signs, thousands commas and accounting brackets allowed) that fits the money columns:
    at most 12 digits before the point and 2 after; 1e400, NaN, Infinity and 28-digit sums are refused."""
    text = str(value).strip().replace("£", "").replace(",", "")
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    try:
        amount = parse_decimal(text, max_digits=14, decimal_places=2)
    except ValueError:
        raise ValueError(ERROR_BAD_AMOUNT.format(value=_shown(value))) from None
    return -amount if negative else amount


def parse_percentage(value):
    """A weight in percent for fixed settlement shares: 0 to 100, at most four decimal places."""
    amount = parse_decimal(value, max_digits=7, decimal_places=4)
    if not Decimal(0) <= amount <= Decimal(100):
        raise ValueError(ERROR_BAD_PERCENTAGE)
    return amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount.normalize()


class _Lookups:
    """Partnerships and their councils, fetched once per import."""

    def __init__(self, only=None):
        self.partnerships = {p.slug: p for p in Partnership.objects.all()}
        self.members = {}
        self.only = only

    def partnership(self, slug):
        """The row's partnership; with `only` (an import from a partnership's page), a row for any other
        partnership is a bad row like any other."""
        p = self.partnerships.get(slug)
        if p is None:
            raise ValueError(ERROR_UNKNOWN_PARTNERSHIP.format(value=_shown(slug)))
        if self.only is not None and p.pk != self.only.pk:
            raise ValueError(ERROR_OTHER_PARTNERSHIP)
        return p

    def council(self, partnership, code):
        if partnership.pk not in self.members:
            self.members[partnership.pk] = {
                c.code: c for c in Council.objects.filter(memberships__partnership=partnership).distinct()
            }
        c = self.members[partnership.pk].get(code.upper())
        if c is None:
            raise ValueError(ERROR_UNKNOWN_COUNCIL.format(value=_shown(code)))
        return c


def _line(value, allow_groups=False):
    v = value.strip().lower()
    if v in Line.values or (allow_groups and v in GROUPS):
        return v
    choices = ", ".join(Line.values + (list(GROUPS) if allow_groups else []))
    raise ValueError(ERROR_UNKNOWN_LINE.format(value=_shown(value), choices=choices))


def _year(value):
    try:
        return parse_year(value)
    except ValueError as exc:
        raise ValueError(ERROR_UNKNOWN_YEAR if str(exc) == ERROR_UNKNOWN_YEAR else ERROR_BAD_YEAR) from None


@transaction.atomic
def import_budget(*, text, revise=False, by=None, reason="", decision="", effective=None, partnership=None):
    """Imports budget rows (partnership,year,council,line,amount in pounds). Rows whose council is TOTAL, and
    rows for the subtotals bau/permanent/one_off, are control totals (printed totals to check against). A row
    for a line that already has a budget is refused unless revise, which records a dated revision."""
    rows = _rows(text, BUDGET_COLUMNS)
    look = _Lookups(only=partnership)
    errors, parsed, seen = [], [], {}
    for number, row in rows:
        try:
            p = look.partnership(row["partnership"])
            year = _year(row["year"])
            is_total = row["council"].strip().upper() == TOTAL
            council = None if is_total else look.council(p, row["council"])
            line = _line(row["line"], allow_groups=True)
            amount = parse_amount(row["amount"])
            key = (p.pk, year, council.pk if council else None, line)
            if key in seen:
                raise ValueError(ERROR_DUPLICATE_ROW.format(row=seen[key]))
            seen[key] = number
            control = is_total or line in GROUPS
            if not control:
                exists = BudgetLine.objects.filter(
                    partnership=p, year=year, council=council, line=line
                ).exists()
                if exists and not revise:
                    raise ValueError(ERROR_EXISTS)
                if revise and not exists:
                    raise ValueError(ERROR_NO_BUDGET_TO_REVISE)
            parsed.append((p, year, council, line, amount, control))
        except ValueError as exc:
            errors.append((number, str(exc)))
    if errors:
        raise ImportRejected(errors)
    result = ImportResult()
    for p, year, council, line, amount, control in parsed:
        if control:
            changed = control_total_set(
                partnership=p, year=year, council=council, key=line, amount=amount, by=by
            )
            result.controls += 1 if changed else 0
            result.unchanged += 0 if changed else 1
        elif revise:
            budget_line = BudgetLine.objects.get(partnership=p, year=year, council=council, line=line)
            if budget_line.amount == amount:
                result.unchanged += 1
                continue
            budget_revise(
                budget_line=budget_line,
                amount=amount,
                effective=effective or timezone.localdate(),
                reason=reason or "Revised by import",
                decision=decision,
                by=by,
            )
            result.revised += 1
        else:
            budget_line_create(partnership=p, year=year, council=council, line=line, amount=amount)
            result.created += 1
    return result


def budget_line_create(*, partnership, year, council, line, amount):
    budget_line = BudgetLine(
        partnership=partnership, year=year, council=council, line=line, opening=amount, amount=amount
    )
    budget_line.full_clean()
    budget_line.save()
    return budget_line


@transaction.atomic
def budget_revise(*, budget_line, amount, effective, reason, decision="", by=None):
    budget_line = BudgetLine.objects.select_for_update().get(pk=budget_line.pk)
    revision = BudgetRevision(
        budget_line=budget_line,
        effective=effective,
        previous=budget_line.amount,
        amount=amount,
        reason=reason,
        decision=decision,
        created_by=by,
    )
    revision.full_clean()
    revision.save()
    budget_line.amount = amount
    budget_line.full_clean()
    budget_line.save()
    return revision


def control_total_set(*, partnership, year, council, key, amount, by=None):
    """Sets (or, with amount None, removes) a control total. Returns True when something changed."""
    if key not in CONTROL_KEYS:
        raise ValueError(ERROR_UNKNOWN_LINE.format(value=key, choices=", ".join(CONTROL_KEYS)))
    existing = ControlTotal.objects.filter(
        partnership=partnership, year=year, council=council, key=key
    ).first()
    if amount is None:
        if existing:
            existing.delete()
            return True
        return False
    if existing and existing.amount == amount:
        return False
    obj = existing or ControlTotal(partnership=partnership, year=year, council=council, key=key)
    obj.amount = amount
    obj.full_clean(validate_constraints=False)
    obj.save()
    return True


@transaction.atomic
def import_forecast(*, text, by=None, partnership=None):
    """Imports forecast rows (partnership,year,month,line,amount[,council]); a newer forecast for the same
    year, month, line and council replaces the old one (the history keeps it)."""
    rows = _rows(text, FORECAST_COLUMNS, FORECAST_OPTIONAL)
    look = _Lookups(only=partnership)
    errors, parsed, seen = [], [], {}
    for number, row in rows:
        try:
            p = look.partnership(row["partnership"])
            year = _year(row["year"])
            month = parse_int(row["month"], minimum=1, maximum=12, message=ERROR_BAD_MONTH)
            line = _line(row["line"])
            amount = parse_amount(row["amount"])
            council = look.council(p, row["council"]) if row.get("council") else None
            key = (p.pk, year, month, line, council.pk if council else None)
            if key in seen:
                raise ValueError(ERROR_DUPLICATE_ROW.format(row=seen[key]))
            seen[key] = number
            parsed.append((p, year, month, line, council, amount))
        except ValueError as exc:
            errors.append((number, str(exc)))
    if errors:
        raise ImportRejected(errors)
    result = ImportResult()
    for p, year, month, line, council, amount in parsed:
        existing = Forecast.objects.filter(
            partnership=p, year=year, month=month, line=line, council=council
        ).first()
        if existing and existing.amount == amount:
            result.unchanged += 1
            continue
        obj = existing or Forecast(partnership=p, year=year, month=month, line=line, council=council)
        obj.amount = amount
        obj.full_clean(validate_constraints=False)
        obj.save()
        if existing:
            result.updated += 1
        else:
            result.created += 1
    return result


@transaction.atomic
def import_actuals(*, text, by=None, batch_size=5000, partnership=None):
    """Imports ledger lines (partnership,date,line,amount,incurred_by,charged_to,description). Ledger lines
    are added, never replaced: a correction is another line."""
    rows = _rows(text, ACTUAL_COLUMNS)
    look = _Lookups(only=partnership)
    errors, objects = [], []
    for number, row in rows:
        try:
            p = look.partnership(row["partnership"])
            day = parse_date(row["date"], first=date.min, last=date.max, message=ERROR_BAD_DATE)
            if not is_known_year(year_of(day)):
                raise ValueError(ERROR_DATE_OUTSIDE_YEARS)
            line = _line(row["line"])
            amount = parse_amount(row["amount"])
            incurred_by = look.council(p, row["incurred_by"])
            charged_to = look.council(p, row["charged_to"]) if row["charged_to"] else None
            objects.append(
                Actual(
                    partnership=p,
                    date=day,
                    year=year_of(day),
                    line=line,
                    amount=amount,
                    incurred_by=incurred_by,
                    charged_to=charged_to,
                    description=row["description"][:300],
                )
            )
        except ValueError as exc:
            errors.append((number, str(exc)))
    if errors:
        raise ImportRejected(errors)
    Actual.objects.bulk_create(objects, batch_size=batch_size)
    return ImportResult(created=len(objects))


# Settlement settings -------------------------------------------------------------------------------------

ERROR_HOST_NOT_MEMBER = "The host must be a council of the partnership."


@transaction.atomic
def settlement_set(*, partnership, year, model, weights, host, fixed=None, by=None):
    """Sets how a partnership settles from a year onwards. Returns (settlement, changed)."""
    if not partnership.memberships.filter(council=host).exists():
        raise ValueError(ERROR_HOST_NOT_MEMBER)
    fixed = {k: str(v) for k, v in (fixed or {}).items()}
    existing = Settlement.objects.filter(partnership=partnership, year=year).first()
    values = {"model": model, "weights": weights, "host_id": host.pk, "fixed": fixed}
    if existing and all(getattr(existing, k) == v for k, v in values.items()):
        return existing, False
    obj = existing or Settlement(partnership=partnership, year=year)
    for k, v in values.items():
        setattr(obj, k, v)
    obj.full_clean(validate_constraints=False)
    obj.save()
    return obj, True


# Statements ----------------------------------------------------------------------------------------------

ERROR_BAD_PERIOD = "The period must be one of Q1, Q2, Q3, Q4 or true-up."


def _prefix(partnership):
    return "".join(part[0] for part in partnership.slug.split("-") if part).upper()


def _lines_equal(statement, items):
    current = [(line.description, line.amount) for line in statement.lines.all()]
    return current == [(i.description, i.amount) for i in items]


@transaction.atomic
def statements_draft(*, partnership, year, period, by=None, sums=None):
    """Drafts (or redrafts) the period's statements from current inputs and returns (statements, changed).

    A council with nothing issued gets a draft for the whole amount. Once a statement is issued it never
    changes: if the recalculated amount differs from what was issued, a draft adjusting statement is made for
    the difference only; if it does not, nothing is drafted. Drafts are rewritten only when their figures
    change, so running this twice changes nothing."""
    if period not in PERIODS:
        raise ValueError(ERROR_BAD_PERIOD)
    items_by_code = selectors.statement_items(partnership, year, period, sums=sums)
    s = selectors.settlement_for(partnership, year)
    councils = {c.code: c for c in Council.objects.filter(code__in=items_by_code)}
    existing = list(
        RechargeStatement.objects.select_for_update()
        .filter(partnership=partnership, year=year, period=period)
        .defer("pdf")
        .prefetch_related("lines")
        .order_by("council__code", "sequence")
    )
    changed = 0
    new_drafts, new_lines = [], []
    for code, items in sorted(items_by_code.items()):
        council = councils[code]
        mine = [st for st in existing if st.council_id == council.pk]
        issued = [st for st in mine if st.is_issued]
        drafts = [st for st in mine if not st.is_issued]
        target = net_of(items)
        if issued:
            already = sum((st.net for st in issued), ZERO)
            diff = target - already
            if diff == 0:
                for d in drafts:
                    d.delete()
                    changed += 1
                continue
            items = list(items) + [
                _item(f"Less previously issued {st.number} ({st.get_kind_display().lower()})", -st.net)
                for st in issued
            ]
            sequence = max(st.sequence for st in issued) + 1
        else:
            diff = target
            sequence = 0
        draft = next((d for d in drafts if d.sequence == sequence), None)
        for d in drafts:
            if d is not draft:
                d.delete()
                changed += 1
        kind = RechargeStatement.Kind.INVOICE if diff >= 0 else RechargeStatement.Kind.CREDIT_NOTE
        if (
            draft
            and draft.net == diff
            and draft.kind == kind
            and draft.model == s.model
            and _lines_equal(draft, items)
        ):
            continue
        if draft is None:
            draft = RechargeStatement(
                partnership=partnership, year=year, period=period, council=council, sequence=sequence
            )
        draft.model, draft.kind, draft.net = s.model, kind, diff
        # The partnership and council come from the database and uniqueness is the statement_unique
        # constraint's job: validate the values without a query per field.
        draft.full_clean(
            exclude=["partnership", "council"], validate_unique=False, validate_constraints=False
        )
        if draft._state.adding:
            new_drafts.append((draft, items))
        else:
            draft.save()
            draft.lines.all().delete()
            new_lines += _statement_lines(draft, items)
        changed += 1
    if new_drafts:
        # Written in bulk (with their history rows): a quarter of many partnerships is a few inserts each.
        bulk_create_with_history([d for d, _ in new_drafts], RechargeStatement, default_user=by)
        for draft, items in new_drafts:
            new_lines += _statement_lines(draft, items)
    StatementLine.objects.bulk_create(new_lines)
    statements = list(
        RechargeStatement.objects.filter(partnership=partnership, year=year, period=period)
        .select_related("council")
        .prefetch_related("lines")
        .defer("pdf")
        .order_by("council__code", "sequence")
    )
    return statements, changed


def _statement_lines(statement, items):
    return [
        StatementLine(statement=statement, position=n, description=i.description[:500], amount=i.amount)
        for n, i in enumerate(items, start=1)
    ]


def _item(description, amount):
    from .settlement import Item

    return Item(description, amount)


@transaction.atomic
def statements_issue(*, partnership, year, period, by=None):
    """Issues every draft of the period, numbering each from the partnership-year counter (locked, so a
    number is never used twice), and stores each one's PDF (with its SHA-256) and CSV in the same save: an
    issued statement never changes afterwards, and downloading it writes nothing. Issuing again issues
    nothing. Returns the statements issued now."""
    from . import documents

    drafts = list(
        RechargeStatement.objects.select_for_update()
        .filter(partnership=partnership, year=year, period=period, status=RechargeStatement.Status.DRAFT)
        .select_related("council", "partnership")
        .prefetch_related("lines")
        .defer("pdf", "csv")
        .order_by("council__code", "sequence")
    )
    if not drafts:
        return []
    StatementCounter.objects.get_or_create(partnership=partnership, year=year)
    counter = StatementCounter.objects.select_for_update().get(partnership=partnership, year=year)
    now = timezone.now()
    for st in drafts:
        counter.last += 1
        st.number = f"{_prefix(partnership)}-{year_label(year)}-{counter.last:04d}"
        st.status = RechargeStatement.Status.ISSUED
        st.issued_at = now
        st.issued_by = by
        st.pdf = documents.statement_pdf(st)
        st.pdf_checksum = hashlib.sha256(st.pdf).hexdigest()
        st.csv = documents.statement_csv(st)
        if by is not None:
            st._history_user = by
        st.save()
    counter.save(update_fields=["last"])
    return drafts


def statements_draft_all(*, year, period, by=None, partnerships=None):
    """Drafts the period's statements of every partnership that has a settlement model for the year, taking
    every partnership's sums in one grouped query. Returns {partnership slug: (statements, changed)}."""
    if partnerships is None:
        partnerships = Partnership.objects.filter(settlements__year__lte=year).distinct().order_by("slug")
    partnerships = list(partnerships)
    all_sums = selectors.actual_sums_all(year, period)
    empty = {} if period != "true-up" else {q: {} for q in ("Q1", "Q2", "Q3", "Q4")}
    result = {}
    for p in partnerships:
        try:
            result[p.slug] = statements_draft(
                partnership=p, year=year, period=period, by=by, sums=all_sums.get(p.pk, empty)
            )
        except selectors.SettlementError:
            continue  # e.g. budget weights with no budget for the year: nothing to draft yet
    return result


def recharges_run(*, partnership, year, period, issue=False, by=None):
    """Drafts the period's statements and, with issue, issues them. Safe to run again."""
    try:
        statements, changed = statements_draft(partnership=partnership, year=year, period=period, by=by)
    except IntegrityError:  # another run drafted them at the same moment
        statements, changed = statements_draft(partnership=partnership, year=year, period=period, by=by)
    issued = statements_issue(partnership=partnership, year=year, period=period, by=by) if issue else []
    if issued:
        statements, _ = statements_draft(partnership=partnership, year=year, period=period, by=by)
    return statements, changed, issued


def notify_statements_drafted(*, partnership, year, period, statements):
    """Tells the partnership's finance officers by email that a period's statements are drafted."""
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail

    from governance.roles import Role

    recipients = sorted(
        get_user_model()
        .objects.filter(
            role_assignments__partnership=partnership,
            role_assignments__role=Role.FINANCE_OFFICER,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return 0
    subject = f"{partnership.name}: {period} {year_label(year)} recharge statements drafted"
    body = (
        f"The {period} {year_label(year)} recharge statements for {partnership.name} have been drafted "
        f"({len(statements)} statements). Check them and, if you are the host's finance officer, issue them:\n"
        f"/{partnership.slug}/finance/statements/?year={year_label(year)}&period={period}\n"
    )
    return send_mail(subject, body, None, recipients)
