"""Every write in finance: imports, budget revisions, control totals, settlement settings, and drafting and
issuing recharge statements. Each is atomic and raises errors whose messages are the constants below."""

import csv
import hashlib
import io
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from governance.acting import records_user
from governance.audit.versions import UNCHECKED, check_version
from governance.models import Council, Partnership
from governance.papers.pdf import html_checksum
from governance.parsing import parse_date, parse_decimal, parse_int
from governance.partners.data_version import data_changed
from governance.roles import Role

from . import bulk, documents, einvoice, selectors
from .invoicing import payment_reference
from .models import (
    CONTROL_KEYS,
    GROUPS,
    Actual,
    BillingProfile,
    BudgetLine,
    BudgetRevision,
    ControlTotal,
    Forecast,
    InvoicingSettings,
    LedgerCode,
    Line,
    Payment,
    PurchaseOrder,
    RechargeStatement,
    Settlement,
    StatementCounter,
    StatementLine,
)
from .periods import ERROR_UNKNOWN_YEAR, PERIODS, due_quarters, is_known_year, parse_year, year_label, year_of
from .settlement import ZERO, Item, net_of

TOTAL = "TOTAL"

ADJUSTING_REASON = "Adjusting statement: the period's figures changed after its statement was issued."
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


class ImportRejected(ValidationError):
    """A file with any bad row imports nothing; errors are (row number, reason), the header being row 1."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__([f"row {n}: {reason}" for n, reason in errors], code="import_rejected")


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


@records_user
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


@records_user
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


@records_user
def control_total_set(*, partnership, year, council, key, amount, by=None):
    """Sets (or, with amount None, removes) a control total. Returns True when something changed."""
    if key not in CONTROL_KEYS:
        raise ValidationError(
            ERROR_UNKNOWN_LINE.format(value=key, choices=", ".join(CONTROL_KEYS)), code="unknown_line"
        )
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


@records_user
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


@records_user
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
    # Ledger lines keep no history row each, so nothing else marks the figures made from them out of date.
    for pk in sorted({o.partnership_id for o in objects}):
        data_changed(pk)
    return ImportResult(created=len(objects))


# Settlement settings -------------------------------------------------------------------------------------

ERROR_HOST_NOT_MEMBER = "The host must be a council of the partnership."


@records_user
@transaction.atomic
def settlement_set(*, partnership, year, model, weights, host, fixed=None, by=None):
    """Sets how a partnership settles from a year onwards. Returns (settlement, changed)."""
    if not partnership.memberships.filter(council=host).exists():
        raise ValidationError(ERROR_HOST_NOT_MEMBER, code="host_not_member")
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
    partnership.__dict__.pop("_hosts_by_year", None)  # host_for's copy
    return obj, True


# Statements ----------------------------------------------------------------------------------------------

ERROR_BAD_PERIOD = "The period must be one of Q1, Q2, Q3, Q4 or true-up."


def _lines_equal(statement, items):
    current = [
        (line.description, line.amount, line.basis, line.working, line.funding_line)
        for line in statement.lines.all()
    ]
    return current == [(i.description, i.amount, i.basis, i.working, i.line) for i in items]


@records_user
@transaction.atomic
def statements_draft(*, partnership, year, period, by=None, sums=None):
    """Drafts (or redrafts) the period's statements from current inputs and returns (statements, changed).

    A council with nothing issued gets a draft for the whole amount. Once a statement is issued it never
    changes: if the recalculated amount differs from what was issued, a draft adjusting statement is made for
    the difference only; if it does not, nothing is drafted. Drafts are rewritten only when their figures
    change, so running this twice changes nothing."""
    if period not in PERIODS:
        raise ValidationError(ERROR_BAD_PERIOD, code="bad_period")
    inputs = selectors.statement_inputs_all(year, period, [partnership])[partnership.pk]
    items_by_code = selectors.statement_items(partnership, year, period, sums=sums, inputs=inputs)
    return _statements_write(
        year=year, period=period, by=by, plans=[(partnership, inputs.settlement, items_by_code)]
    )[partnership.pk]


def _statements_write(*, year, period, by, plans):
    """Writes the drafts of many partnerships' statements for a period in a fixed number of queries:
    plans are (partnership, settlement, {council code: [Item]}). Returns {partnership id: (statements,
    changed)}. The rules are statements_draft's."""
    ids = [p.pk for p, _, _ in plans]
    all_codes = {code for _, _, items_by_code in plans for code in items_by_code}
    councils = {c.code: c for c in Council.objects.filter(code__in=all_codes)}
    existing = defaultdict(list)
    for st in (
        RechargeStatement.objects.select_for_update()
        .filter(partnership_id__in=ids, year=year, period=period)
        .defer("pdf")
        .prefetch_related("lines")
        .order_by("partnership_id", "council__code", "sequence")
    ):
        existing[(st.partnership_id, st.council_id)].append(st)
    changed = dict.fromkeys(ids, 0)
    new_drafts, rewritten, deleted, new_lines = [], [], [], []
    for partnership, s, items_by_code in plans:
        for code, items in sorted(items_by_code.items()):
            council = councils[code]
            mine = existing[(partnership.pk, council.pk)]
            issued = [st for st in mine if st.is_issued]
            drafts = [st for st in mine if not st.is_issued]
            target = net_of(items)
            if issued:
                already = sum((st.net for st in issued), ZERO)
                diff = target - already
                if diff == 0:
                    deleted += drafts
                    changed[partnership.pk] += len(drafts)
                    continue
                items = list(items) + [
                    _item(
                        f"Less previously issued {st.number} ({st.get_kind_display().lower()})",
                        -st.net,
                        "Already settled by an earlier statement",
                    )
                    for st in issued
                ]
                sequence = max(st.sequence for st in issued) + 1
            else:
                diff = target
                sequence = 0
            draft = next((d for d in drafts if d.sequence == sequence), None)
            others = [d for d in drafts if d is not draft]
            deleted += others
            changed[partnership.pk] += len(others)
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
            (new_drafts if draft._state.adding else rewritten).append((draft, items))
            changed[partnership.pk] += 1
    for d in deleted:
        d.delete()  # rare (a redraft after inputs changed): one at a time, so each leaves its history row
    # Written in bulk (COPY on PostgreSQL, see bulk.py), with their history rows in bulk too, recording who
    # drafted them.
    # An adjusting statement records why it exists (its reason shows in the audit trail).
    for adjusting in (False, True):
        again = [d for d, _ in rewritten if (d.sequence > 0) == adjusting]
        fresh = [d for d, _ in new_drafts if (d.sequence > 0) == adjusting]
        reason = ADJUSTING_REASON if adjusting else None
        if again:
            bulk_update_with_history(
                again,
                RechargeStatement,
                ["model", "kind", "net"],
                default_user=by,
                default_change_reason=reason,
            )
        if fresh:
            bulk.create_with_history(fresh, RechargeStatement, default_user=by, default_change_reason=reason)
    if rewritten:
        StatementLine.objects.filter(statement__in=[d for d, _ in rewritten]).delete()
    for draft, items in rewritten + new_drafts:
        new_lines += _statement_lines(draft, items)
    bulk.create(new_lines, StatementLine)
    # Their history rows were written in bulk, which tells no one: mark the figures out of date here.
    for pk in sorted(pk for pk, count in changed.items() if count):
        data_changed(pk)
    result = {pid: ([], changed[pid]) for pid in ids}
    for st in (
        RechargeStatement.objects.filter(partnership_id__in=ids, year=year, period=period)
        .select_related("council")
        .prefetch_related("lines")
        .defer("pdf")
        .order_by("partnership_id", "council__code", "sequence")
    ):
        result[st.partnership_id][0].append(st)
    return result


def _statement_lines(statement, items):
    return [
        StatementLine(
            statement=statement,
            position=n,
            description=i.description[:500],
            basis=i.basis[:300],
            working=i.working[:500],
            funding_line=i.line,
            amount=i.amount,
        )
        for n, i in enumerate(items, start=1)
    ]


def _item(description, amount, basis=""):
    return Item(description, amount, basis)


# Attempts at issuing whose PDFs were rendered for what then changed (another period of the year numbered
# meanwhile, the drafts redrafted) before the last attempt renders what is missing with the counter locked.
ISSUE_ATTEMPTS = 3


class _Stale(Exception):
    """The statements to issue are not those whose PDFs were rendered: render again."""


@records_user
def statements_issue(*, partnership, year, period, by=None, issue_date=None, progress=None):
    """Issues every draft of the period, numbering each from the partnership-year counter (locked, so a
    number is never used twice). Issuing again issues nothing. Returns the statements issued now.

    Each one's PDF (with its SHA-256), CSV and e-invoice (UBL 2.1, with its SHA-256: finance/einvoice.py) are
    stored with it, after its particulars are frozen (the documents of an issued statement read only those):
    an issued statement never changes afterwards, and downloading it writes nothing.

    The PDFs are rendered first, outside any transaction (as agenda packs are: governance.papers.services.
    pack_build), each from the statement as it would be issued with the next numbers, and kept by the checksum of
    its HTML (documents.statement_pdf). Then one short transaction locks the drafts and the counter, freezes and
    numbers them, and checks that each one's HTML is the HTML rendered: if anything changed meanwhile (the
    counter moved, a draft was redrafted), nothing is written and the PDFs of what changed are rendered again.
    A failure at any point leaves no statement half issued, and no number used.

    progress(done, total) is called as each PDF is rendered (the issuing job's progress).

    issue_date is the tax point printed on each statement (default today; the demo passes the day each
    quarter's statements would have been issued). What the statement prints beside its figures (payer and
    payee, terms and due date, purchase order, VAT treatment, contact, bank details, ledger codes) is
    frozen on it now. Refused, issuing nothing, while the settings are incomplete or a payer that pays only
    against a purchase order has none for the year."""
    issue_date = issue_date or timezone.localdate()
    now = timezone.now()
    for attempt in range(1, ISSUE_ATTEMPTS + 1):
        planned = _issue_prepare(
            partnership=partnership,
            year=year,
            period=period,
            by=by,
            issue_date=issue_date,
            now=now,
            lock=False,
        )
        if planned is None:
            return []
        drafts, _ubl_context = planned
        pdfs = {}
        for n, st in enumerate(drafts, start=1):
            html = documents.statement_html(st)
            pdfs[html_checksum(html)] = documents.pdf_of_html(html, store=True)
            if progress:
                progress(n, len(drafts))
        try:
            return _issue_write(
                partnership=partnership,
                year=year,
                period=period,
                by=by,
                issue_date=issue_date,
                now=now,
                pdfs=pdfs,
                render_missing=attempt == ISSUE_ATTEMPTS,
            )
        except _Stale:
            continue
    raise AssertionError("unreachable: the last attempt renders what is missing")  # pragma: no cover


def _issue_prepare(*, partnership, year, period, by, issue_date, now, lock):
    """The period's drafts as they would be issued now (numbered from the counter, particulars frozen on
    them, in memory only), with the e-invoices' context; None if there is nothing to issue. Raises the
    ValidationError that refuses the issue. With lock, the drafts and the counter are locked (inside
    _issue_write's transaction); without, they are read as they are (to render the PDFs beforehand)."""
    drafts = RechargeStatement.objects.filter(
        partnership=partnership, year=year, period=period, status=RechargeStatement.Status.DRAFT
    )
    if lock:
        drafts = drafts.select_for_update()
    drafts = list(
        drafts.select_related("council", "partnership")
        .prefetch_related("lines")
        .defer("pdf", "csv", "ubl")
        .order_by("council__code", "sequence")
    )
    if not drafts:
        return None
    particulars, problems = selectors.issue_particulars(partnership, year, drafts, issue_date)
    # What each statement's e-invoice needs (identifiers, addresses, references, ledger codes, lines that add
    # up): checked with the rest, before anything is numbered or frozen.
    ubl_context, ubl_problems = einvoice.prepare(partnership, year, drafts, particulars)
    problems = problems + ubl_problems
    if problems:
        raise ValidationError(
            [ValidationError(message, code=code, params=params) for message, code, params in problems]
        )
    if lock:
        StatementCounter.objects.get_or_create(partnership=partnership, year=year)
        last = StatementCounter.objects.select_for_update().get(partnership=partnership, year=year).last
    else:
        last = (
            StatementCounter.objects.filter(partnership=partnership, year=year)
            .values_list("last", flat=True)
            .first()
        ) or 0
    prefix = InvoicingSettings.objects.filter(partnership=partnership).values_list(
        "payment_reference", flat=True
    )[0]
    for st in drafts:
        last += 1
        st.number = f"{partnership.statement_prefix}-{year_label(year)}-{last:04d}"
        fields, ledger = particulars[st.pk]
        for name, value in fields.items():
            setattr(st, name, value)
        st.payment_reference = payment_reference(prefix, st.number)
        for line in st.lines.all():
            line.ledger_code = ledger[line.position]
        st.status = RechargeStatement.Status.ISSUED
        st.issued_at = now
        st.issued_by = by
    return drafts, ubl_context


@transaction.atomic
def _issue_write(*, partnership, year, period, by, issue_date, now, pdfs, render_missing):
    """Issues the period's drafts with the PDFs rendered beforehand ({HTML checksum: PDF}), in one
    transaction with the drafts and the counter locked. Raises _Stale (writing nothing) when a statement's HTML
    is not one rendered, unless render_missing (the last attempt), which renders it here."""
    prepared = _issue_prepare(
        partnership=partnership, year=year, period=period, by=by, issue_date=issue_date, now=now, lock=True
    )
    if prepared is None:
        return []  # issued meanwhile by someone else
    drafts, ubl_context = prepared
    lines = []
    for st in drafts:
        html = documents.statement_html(st)
        pdf = pdfs.get(html_checksum(html))
        if pdf is None:
            if not render_missing:
                raise _Stale
            pdf = documents.pdf_of_html(html)
        st.full_clean(
            exclude=["partnership", "council", "issued_by"], validate_unique=False, validate_constraints=False
        )
        st.pdf = pdf
        st.pdf_checksum = hashlib.sha256(st.pdf).hexdigest()
        st.csv = documents.statement_csv(st)
        st.ubl = einvoice.document(st, ubl_context)
        st.ubl_checksum = hashlib.sha256(st.ubl).hexdigest()
        st.save()
        lines += st.lines.all()
    # Lines take their ledger codes with the statement (a bulk update: the issued statement's lines are
    # otherwise never written).
    StatementLine.objects.bulk_update(lines, ["ledger_code"])
    counter = StatementCounter.objects.get(partnership=partnership, year=year)
    counter.last += len(drafts)
    counter.save(update_fields=["last"])
    return drafts


@records_user
@transaction.atomic
def statements_draft_all(*, year, period, by=None, partnerships=None):
    """Drafts the period's statements of every partnership that has a settlement model for the year in one
    set-based pass: every partnership's sums in one grouped query, their other inputs in three, and the
    statements, their lines and history rows written in bulk. Returns {partnership slug: (statements,
    changed)}."""
    if period not in PERIODS:
        raise ValidationError(ERROR_BAD_PERIOD, code="bad_period")
    if partnerships is None:
        partnerships = Partnership.objects.filter(settlements__year__lte=year).distinct().order_by("slug")
    partnerships = list(partnerships)
    all_sums = selectors.actual_sums_all(year, period)
    inputs = selectors.statement_inputs_all(year, period, partnerships)
    empty = {} if period != "true-up" else {q: {} for q in ("Q1", "Q2", "Q3", "Q4")}
    plans = []
    for p in partnerships:
        try:
            items = selectors.statement_items(
                p, year, period, sums=all_sums.get(p.pk, empty), inputs=inputs[p.pk]
            )
        except selectors.SettlementError:
            continue  # e.g. budget weights with no budget for the year: nothing to draft yet
        plans.append((p, inputs[p.pk].settlement, items))
    written = _statements_write(year=year, period=period, by=by, plans=plans)
    return {p.slug: written[p.pk] for p, _, _ in plans}


@records_user
def recharges_run(*, partnership, year, period, issue=False, by=None, issue_date=None, progress=None):
    """Drafts the period's statements and, with issue, issues them (dated issue_date, default today;
    progress(done, total) as each PDF is rendered). Safe to run again."""
    try:
        statements, changed = statements_draft(partnership=partnership, year=year, period=period, by=by)
    except IntegrityError:  # another run drafted them at the same moment
        statements, changed = statements_draft(partnership=partnership, year=year, period=period, by=by)
    issued = (
        statements_issue(
            partnership=partnership, year=year, period=period, by=by, issue_date=issue_date, progress=progress
        )
        if issue
        else []
    )
    if issued:
        statements, _ = statements_draft(partnership=partnership, year=year, period=period, by=by)
    return statements, changed, issued


def notify_statements_drafted(*, partnership, year, period, statements):
    """Tells the partnership's finance officers by email that a period's statements are drafted."""

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


# Invoicing settings (finance pages) ----------------------------------------------------------------------

INVOICING_FIELDS = [
    "payment_terms_days",
    "vat_treatment",
    "contact_name",
    "contact_email",
    "contact_phone",
    "bank_name",
    "bank_account_name",
    "bank_sort_code",
    "bank_account_number",
    "payment_reference",
    "default_ledger_code",
]
BILLING_PROFILE_FIELDS = [
    "invoice_name",
    "address",
    "requires_po",
    "identifier",
    "endpoint_scheme",
    "endpoint",
    "buyer_reference",
    "officers_note",
]


def _check_version(obj, version):
    """Refuses a save whose `version` (the record's latest history id as the form read it, 0 before there is
    one: governance/audit/versions.py) is missing or not the record's own; StaleRecord names the other
    person's changes. Code callers (the demo) pass UNCHECKED. `obj` is locked by the caller."""
    if version is not UNCHECKED:
        check_version(obj, version)


def _save_versioned(obj, fields):
    changed = obj.pk is None or any(getattr(obj, k) != v for k, v in fields.items())
    if not changed:
        return obj, False
    for k, v in fields.items():
        setattr(obj, k, v)
    obj.full_clean(validate_constraints=False)
    obj.save()
    return obj, True


@records_user
@transaction.atomic
def invoicing_settings_set(*, partnership, version, by=None, **fields):
    """Sets what the partnership's statements print beside the figures (terms, VAT treatment, contact, bank
    details, reference prefix). Statements already issued keep what they were issued with. version: the
    settings' version the form was read at (0 while there are none; UNCHECKED from code). Returns (settings,
    changed)."""
    unknown = set(fields) - set(INVOICING_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    obj = InvoicingSettings.objects.select_for_update().filter(partnership=partnership).first()
    obj = obj or InvoicingSettings(partnership=partnership)
    _check_version(obj, version)
    return _save_versioned(obj, fields)


@records_user
@transaction.atomic
def ledger_codes_set(*, partnership, codes, by=None):
    """Sets the ledger code of each funding line ({line: code}; a blank code removes the mapping). Returns
    the number of mappings changed."""
    existing = {lc.line: lc for lc in LedgerCode.objects.select_for_update().filter(partnership=partnership)}
    changed = 0
    for line, code in codes.items():
        line = Line(line)
        code = (code or "").strip()
        current = existing.get(line.value)
        if not code:
            if current:
                current.delete()
                changed += 1
            continue
        if current and current.code == code:
            continue
        obj = current or LedgerCode(partnership=partnership, line=line.value)
        obj.code = code
        obj.full_clean(validate_constraints=False)
        obj.save()
        changed += 1
    return changed


@records_user
@transaction.atomic
def billing_profile_set(*, council, version, by=None, **fields):
    """Sets a council's name and address for invoices and whether it pays only against a purchase order.
    version: as invoicing_settings_set's. Returns (profile, changed)."""
    unknown = set(fields) - set(BILLING_PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    obj = BillingProfile.objects.select_for_update().filter(council=council).first()
    obj = obj or BillingProfile(council=council)
    _check_version(obj, version)
    return _save_versioned(obj, fields)


@records_user
@transaction.atomic
def purchase_order_set(*, partnership, council, year, number, by=None):
    """Records the purchase order number a council raised for the partnership's recharges in a year (a
    blank number removes it). Returns True when something changed."""
    number = (number or "").strip()
    existing = (
        PurchaseOrder.objects.select_for_update()
        .filter(partnership=partnership, council=council, year=year)
        .first()
    )
    if not number:
        if existing:
            existing.delete()
            return True
        return False
    if existing and existing.number == number:
        return False
    obj = existing or PurchaseOrder(partnership=partnership, council=council, year=year)
    obj.number = number
    obj.full_clean(validate_constraints=False)
    obj.save()
    return True


log = logging.getLogger(__name__)

# Scheduled drafting and statement PDFs (the tasks and views call these) -----------------------------------

DRAFT_DELAY_DAYS = 10


def draft_due(today=None):
    """Drafts, for every partnership with a settlement model, the statements of each quarter that ended at
    least ten days ago and has not been drafted yet, and tells the partnership's finance officers by email.
    Returns [(slug, year, quarter, number of statements)] drafted now."""
    today = today or timezone.localdate()
    drafted = []
    for partnership in Partnership.objects.filter(settlements__isnull=False).distinct().order_by("slug"):
        first_year = Settlement.objects.filter(partnership=partnership).order_by("year").first().year
        for year, quarter in due_quarters(today, DRAFT_DELAY_DAYS):
            if year < first_year:
                continue
            if RechargeStatement.objects.filter(partnership=partnership, year=year, period=quarter).exists():
                continue
            try:
                statements, _ = statements_draft(partnership=partnership, year=year, period=quarter)
            except selectors.SettlementError as exc:
                log.warning(
                    "Not drafted: %s %s %s: %s",
                    partnership.slug,
                    year_label(year),
                    quarter,
                    "; ".join(exc.messages),
                )
                continue
            if statements:
                notify_statements_drafted(
                    partnership=partnership, year=year, period=quarter, statements=statements
                )
                drafted.append((partnership.slug, year, quarter, len(statements)))
    return drafted


def statement_pdf_bytes(statement):
    """An issued statement's PDF as stored when it was issued; a draft's is rendered fresh. Reading never
    writes: a statement issued before PDFs were stored at issue is rendered, not stored."""
    if statement.is_issued and statement.pdf_checksum:
        return bytes(statement.pdf)
    return documents.statement_pdf(statement, store=False)


def statement_csv_bytes(statement):
    """An issued statement's CSV as stored when it was issued; a draft's is made fresh."""
    if statement.is_issued and statement.csv is not None:
        return bytes(statement.csv)
    return documents.statement_csv(statement)


def statement_ubl_bytes(statement):
    """An issued statement's e-invoice as stored when it was issued, or None (a draft has none, nor has a
    statement issued before e-invoices were made at issue): it is never made on reading."""
    if statement.is_issued and statement.ubl_checksum and statement.ubl is not None:
        return bytes(statement.ubl)
    return None


# Payments ---------------------------------------------------------------------------------------------------

PAYMENT_NOT_ISSUED = "Payments are recorded against issued statements only."
PAYMENT_NOTHING_OWED = "Nothing is owed on this statement."
PAYMENT_TOO_MUCH = "That is more than the £{owed:,} still owed on this statement."
PAYMENT_BEFORE_ISSUE = "A payment cannot be dated before the statement was issued ({issued:%-d %B %Y})."
PAYMENT_IN_FUTURE = "A payment cannot be dated in the future."
REVERSAL_NEEDS_REASON = "Say why the payment is being reversed."
ALREADY_REVERSED = "This payment has already been reversed."


@records_user
@transaction.atomic
def payment_record(*, statement, paid_on, amount, by, reference="", today=None):
    """Records money that settled an issued statement (an invoice paid by its council, or a credit note
    refunded to it), up to what is still owed. The statement's row is locked, so two people recording the
    same remittance at once cannot together settle more than the statement's amount."""
    statement = RechargeStatement.objects.select_for_update().defer("pdf", "csv").get(pk=statement.pk)
    if not statement.is_issued:
        raise ValidationError(PAYMENT_NOT_ISSUED)
    owed = selectors.statement_balance(statement)["balance"]
    if owed <= 0:
        raise ValidationError(PAYMENT_NOTHING_OWED)
    errors = {}
    if amount > owed:
        errors["amount"] = PAYMENT_TOO_MUCH.format(owed=owed)
    today = today or timezone.localdate()
    if statement.issue_date and paid_on < statement.issue_date:
        errors["paid_on"] = PAYMENT_BEFORE_ISSUE.format(issued=statement.issue_date)
    elif paid_on > today:
        errors["paid_on"] = PAYMENT_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    payment = Payment(statement=statement, paid_on=paid_on, amount=amount, reference=reference)
    payment.full_clean()
    payment.save()
    return payment


@records_user
@transaction.atomic
def payment_reverse(*, payment, reason, by, today=None):
    """Reverses a payment recorded in error (a bounced payment, the wrong statement): it stays in the record,
    marked reversed with the reason, and no longer counts against what is owed."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.reversed_on is not None:
        raise ValidationError(ALREADY_REVERSED)
    if not (reason or "").strip():
        raise ValidationError({"reason": REVERSAL_NEEDS_REASON})
    payment.reversed_on = today or timezone.localdate()
    payment.reversal_reason = reason.strip()
    payment.save()
    return payment
