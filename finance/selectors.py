"""Reads shared by views, commands, tasks and PDFs. Sums are taken in the database."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractMonth, ExtractQuarter
from django.utils import timezone

from governance.allocation import equal_split, split
from governance.models import Council, Membership
from governance.partners.selectors import finance_council_ids, role_assignments_for, roles_for
from governance.roles import FINANCE_MANAGERS, Role
from procurement import selectors as procurement
from staffing import selectors as staffing

from . import ageing, invoicing
from . import settlement as calc
from .models import (
    GROUPS,
    ONE_OFF_LINES,
    PERMANENT_LINES,
    Actual,
    BillingProfile,
    BudgetLine,
    ControlTotal,
    Forecast,
    InvoicingSettings,
    LedgerCode,
    Line,
    OneOffCost,
    Payment,
    PurchaseOrder,
    RechargeStatement,
    SavingsTarget,
    Settlement,
    SharingBasis,
)
from .periods import (
    QUARTERS,
    TRUE_UP,
    month_date,
    month_name,
    period_dates,
    year_end,
    year_label,
    year_of,
    year_start,
)

ZERO = Decimal("0.00")
PENNY = Decimal("0.01")


def _q(value):
    """A database sum as pounds to the penny (SQLite returns sums with float noise)."""
    return ZERO if value is None else Decimal(value).quantize(PENNY)


ERROR_NO_SETTLEMENT = "No settlement model is set for {partnership} in {year}."
ERROR_NO_BUDGET_WEIGHTS = "Budget weights need a budget for {year}: import one first."
ERROR_FIXED_MISSING = "The fixed percentages do not name every council: {codes}."


def settlement_for(partnership, year):
    """The settlement row in force for a year: the latest one from that year or before."""
    return (
        Settlement.objects.filter(partnership=partnership, year__lte=year)
        .select_related("host")
        .order_by("-year")
        .first()
    )


def host_for(partnership, year):
    """The year's host council. Kept on the partnership object (a page asks several times: which councils the
    reader may see, whether they may manage, what the statements print), as role assignments are kept on the
    user; settlement_set forgets it."""
    hosts = partnership.__dict__.setdefault("_hosts_by_year", {})
    if year not in hosts:
        s = settlement_for(partnership, year)
        hosts[year] = s.host if s else partnership.host_on(year_start(year))
    return hosts[year]


def visible_council_ids(user, partnership, year=None):
    """Councils whose statements the user may see; None = all. The host authority's finance officers see
    every council's (for the year's host, or today's when no year is given)."""
    ids = finance_council_ids(user, partnership)
    if ids is None:
        return None
    if ids and _is_host_finance_officer(user, partnership, year, ids):
        return None
    return ids


def _is_host_finance_officer(user, partnership, year, ids):

    years = [year] if year is not None else [year_of(timezone.localdate())]
    for y in years:
        host = host_for(partnership, y)
        if host and host.pk in ids:
            return True
    return False


def can_manage(user, partnership, year=None):
    """May run, issue and edit finance records: the CIO, an administrator, or the host's finance officers.
    Where a partnership has no host, each council's finance officers manage it together."""
    roles = roles_for(user, partnership)
    if roles & FINANCE_MANAGERS:
        return True
    if Role.FINANCE_OFFICER not in roles:
        return False
    ids = {
        a.council_id
        for a in role_assignments_for(user)
        if a.role == Role.FINANCE_OFFICER and a.partnership_id == partnership.pk
    }

    y = year if year is not None else year_of(timezone.localdate())
    host = host_for(partnership, y)
    return host is None or host.pk in ids


def councils_for_year(partnership, year):
    """Councils that were members at any time in the year, by code; for a year before the partnership
    began (a baseline such as the Tri-borough's 2014/15 budget), every council that has been a member."""

    ever = Council.objects.filter(memberships__partnership=partnership)
    during = list(
        ever.filter(memberships__joined__lte=year_end(year))
        .exclude(memberships__left__lt=year_start(year))
        .distinct()
        .order_by("code")
    )
    return during or list(ever.distinct().order_by("code"))


def years_with_data(partnership):
    """The financial years with a budget, statement, settlement, savings target or one-off cost: one query."""
    first, *rest = (
        model.objects.filter(partnership=partnership).order_by().values_list("year", flat=True).distinct()
        for model in (BudgetLine, RechargeStatement, Settlement, SavingsTarget, OneOffCost)
    )
    return sorted(set(first.union(*rest)))


def years_with_budget_and_forecast(partnership):
    """(years with a budget, years with a forecast), each sorted: two queries."""
    return tuple(
        sorted(model.objects.filter(partnership=partnership).order_by().values_list("year", flat=True).distinct())
        for model in (BudgetLine, Forecast)
    )


# Budgets -------------------------------------------------------------------------------------------------

ROW_ORDER = [
    ("bau_staff", False),
    ("bau_non_staff", False),
    ("bau", True),
    ("continuous_improvement", False),
    ("permanent", True),
    ("evergreening", False),
    ("one_off_transformation", False),
    ("one_off", True),
]


def _lines_of(key):
    return GROUPS[key][1] if key in GROUPS else [Line(key)]


def _label(key):
    return GROUPS[key][0] if key in GROUPS else Line(key).label


def budget_amounts(partnership, year, field="amount"):
    """{(council_id, line): amount} of the year's budget lines."""
    return {
        (r["council_id"], r["line"]): r[field]
        for r in BudgetLine.objects.filter(partnership=partnership, year=year).values(
            "council_id", "line", field
        )
    }


def budget_table(partnership, year, basis="opening"):
    """The seed's Table 1: councils as columns, lines and subtotals as rows, totals both ways. For the budget
    as agreed (basis "opening"), each control total (the printed figure) is shown beside the computed one and
    every difference is listed; the current budget (after revisions) is shown without them."""
    councils = councils_for_year(partnership, year)
    amounts = budget_amounts(partnership, year, field="opening" if basis == "opening" else "amount")
    controls = {}
    if basis == "opening":
        controls = {
            (r["council_id"], r["key"]): r["amount"]
            for r in ControlTotal.objects.filter(partnership=partnership, year=year).values(
                "council_id", "key", "amount"
            )
        }
    code = {c.pk: c.code for c in councils}
    rows, mismatches = [], []
    for key, is_group in ROW_ORDER:
        lines = _lines_of(key)
        cells = []
        for c in councils:
            value = sum((amounts.get((c.pk, ln), ZERO) for ln in lines), ZERO)
            control = controls.get((c.pk, key))
            cells.append(
                {"value": value, "control": control, "differs": control is not None and control != value}
            )
        total = sum((cell["value"] for cell in cells), ZERO)
        control = controls.get((None, key))
        total_cell = {"value": total, "control": control, "differs": control is not None and control != total}
        row = {"key": key, "label": _label(key), "is_group": is_group, "cells": cells, "total": total_cell}
        rows.append(row)
        for c, cell in zip(councils, cells, strict=True):
            if cell["differs"]:
                mismatches.append(
                    {
                        "label": row["label"],
                        "council": code[c.pk],
                        "computed": cell["value"],
                        "control": cell["control"],
                        "difference": cell["control"] - cell["value"],
                    }
                )
        if total_cell["differs"]:
            mismatches.append(
                {
                    "label": row["label"],
                    "council": "TOTAL",
                    "computed": total,
                    "control": control,
                    "difference": control - total,
                }
            )
    return {"councils": councils, "rows": rows, "mismatches": mismatches, "has_budget": bool(amounts)}


def forecast_months(partnership, year):
    return sorted(
        set(Forecast.objects.filter(partnership=partnership, year=year).values_list("month", flat=True))
    )


def forecast_report(partnership, year, month):
    """Table 2 (permanent lines: budget, forecast, variance, beside the printed figures) and Table 3 (one-off
    lines: opening, current, forecast, variance against the current budget), and the one-off underspends each
    council keeps."""
    budget = defaultdict(lambda: ZERO)
    opening = defaultdict(lambda: ZERO)
    by_council = defaultdict(lambda: ZERO)
    for r in (
        BudgetLine.objects.filter(partnership=partnership, year=year)
        .values("line", "council_id")
        .annotate(current=Sum("amount"), opened=Sum("opening"))
    ):
        budget[r["line"]] += _q(r["current"])
        opening[r["line"]] += _q(r["opened"])
        by_council[(r["council_id"], r["line"])] += _q(r["current"])
    forecast = defaultdict(lambda: ZERO)
    forecast_council = defaultdict(lambda: ZERO)
    for r in (
        Forecast.objects.filter(partnership=partnership, year=year, month=month)
        .values("line", "council_id")
        .annotate(total=Sum("amount"))
    ):
        forecast[r["line"]] += _q(r["total"])
        if r["council_id"]:
            forecast_council[(r["council_id"], r["line"])] += _q(r["total"])
    controls = {
        r["key"]: r["amount"]
        for r in ControlTotal.objects.filter(partnership=partnership, year=year, council__isnull=True).values(
            "key", "amount"
        )
    }

    def total(d, lines):
        return sum((d[ln] for ln in lines), ZERO)

    permanent = []
    for key, label in [
        ("bau_staff", "BAU staff"),
        ("bau_non_staff", "BAU non-staff"),
        ("bau", "BAU total"),
        ("continuous_improvement", "Continuous improvement"),
        ("permanent", "Revenue grand total"),
    ]:
        lines = _lines_of(key)
        b, f = total(budget, lines), total(forecast, lines)
        printed = controls.get(key)
        permanent.append(
            {
                "key": key,
                "label": label,
                "is_group": key in GROUPS,
                "budget": b,
                "forecast": f,
                "variance": f - b,
                "printed_budget": printed,
                "printed_variance": (f - printed) if printed is not None else None,
            }
        )
    one_off = []
    for key, label in [
        ("evergreening", "Evergreening"),
        ("one_off_transformation", "Transformation"),
        ("one_off", "One-off funding totals"),
    ]:
        lines = _lines_of(key)
        o, b, f = total(opening, lines), total(budget, lines), total(forecast, lines)
        one_off.append(
            {
                "key": key,
                "label": label,
                "is_group": key in GROUPS,
                "opening": o,
                "printed_opening": controls.get(key),
                "current": b,
                "movement": b - o,
                "forecast": f,
                "variance": f - b,
            }
        )
    councils = councils_for_year(partnership, year)
    retained = []
    for c in councils:
        cells = {}
        for ln in ONE_OFF_LINES:
            cur = by_council[(c.pk, ln)]
            fc = forecast_council.get((c.pk, ln))
            cells[ln] = (cur - fc) if fc is not None else None
        kept = sum((v for v in cells.values() if v is not None), ZERO)
        retained.append(
            {
                "council": c,
                "evergreening": cells[Line.EVERGREENING],
                "transformation": cells[Line.ONE_OFF_TRANSFORMATION],
                "total": kept,
            }
        )
    return {
        "month": month,
        "permanent": permanent,
        "one_off": one_off,
        "retained": retained,
        "retained_total": sum((r["total"] for r in retained), ZERO),
    }


# Savings and one-off costs -------------------------------------------------------------------------------


def savings_shares(target, councils, permanent_budget_by_code=None):
    codes = [c.code for c in councils]
    if target.basis == SharingBasis.EQUAL:
        return equal_split(target.target, codes)
    if target.basis == SharingBasis.BASELINE:
        return split(target.target, permanent_budget_by_code)
    explicit = {s.council.code: s.amount for s in target.shares.all()}
    return {c: explicit.get(c, ZERO) for c in codes}


def savings_report(partnership, year):
    councils = councils_for_year(partnership, year)
    codes = [c.code for c in councils]
    perm = defaultdict(lambda: ZERO)
    for r in (
        BudgetLine.objects.filter(partnership=partnership, year=year, line__in=PERMANENT_LINES)
        .values("council__code")
        .annotate(t=Sum("amount"))
    ):
        perm[r["council__code"]] = _q(r["t"])
    targets = list(
        SavingsTarget.objects.filter(partnership=partnership, year=year).prefetch_related("shares__council")
    )
    savings_rows, by_council = [], defaultdict(lambda: ZERO)
    for t in targets:
        try:
            shares = savings_shares(t, councils, {c: perm[c] for c in codes})
        except ValueError:
            shares = dict.fromkeys(codes, ZERO)
        computed = sum(shares.values(), ZERO)
        for c in codes:
            by_council[c] += shares[c]
        savings_rows.append(
            {
                "target": t,
                "cells": [shares[c] for c in codes],
                "computed": computed,
                "differs": computed != t.target,
            }
        )
    costs = list(
        OneOffCost.objects.filter(partnership=partnership, year=year).prefetch_related("shares__council")
    )
    cost_rows = []
    for cost in costs:
        if cost.basis == SharingBasis.EQUAL:
            shares = equal_split(cost.amount, codes)
        elif cost.basis == SharingBasis.SAVINGS:
            weights = {c: by_council[c] for c in codes}
            shares = split(cost.amount, weights) if any(weights.values()) else dict.fromkeys(codes, ZERO)
        else:
            explicit = {s.council.code: s.amount for s in cost.shares.all()}
            shares = {c: explicit.get(c, ZERO) for c in codes}
        computed = sum(shares.values(), ZERO)
        cost_rows.append(
            {
                "cost": cost,
                "cells": [shares[c] for c in codes],
                "computed": computed,
                "differs": computed != cost.amount,
            }
        )
    return {
        "councils": councils,
        "savings": savings_rows,
        "savings_totals": [by_council[c] for c in codes],
        "savings_total": sum(by_council.values(), ZERO),
        "costs": cost_rows,
        "cost_totals": [sum((r["cells"][i] for r in cost_rows), ZERO) for i in range(len(codes))],
        "cost_total": sum((r["computed"] for r in cost_rows), ZERO),
    }


# Statements: the calculation ---------------------------------------------------------------------------


def _council_codes(partnership):
    return dict(
        Council.objects.filter(memberships__partnership=partnership).values_list("pk", "code").distinct()
    )


def actual_sums(partnership, first, last):
    """One grouped query: {(incurred_by code, charged_to code or None, line): (total, count)}. It groups by
    council ids (no joins) and names them from the partnership's councils, like a hand-written aggregate."""
    codes = _council_codes(partnership)
    rows = (
        Actual.objects.filter(partnership=partnership, date__gte=first, date__lte=last)
        .values_list("incurred_by_id", "charged_to_id", "line")
        .annotate(total=Sum("amount"), n=Count("*"))
        .order_by()
    )
    return {(codes[inc], codes.get(ch), line): (_q(total), n) for inc, ch, line, total, n in rows}


class SettlementError(ValidationError):
    """The year's settlement is missing or cannot split the costs (raised through the services)."""

    def __init__(self, message, code="settlement"):
        super().__init__(message, code=code)


@dataclass
class StatementInputs:
    """What one partnership's statements for a period are calculated from, besides its actuals: the
    settlement in force, the codes of the councils that were members on the period's first day (sorted) and
    the year's budget by council code and line."""

    settlement: Settlement | None
    codes: list
    budget: dict = field(default_factory=lambda: defaultdict(dict))


def statement_inputs_all(year, period, partnerships):
    """{partnership id: StatementInputs} for many partnerships in three queries (settlements, memberships,
    budget lines), whatever their number."""
    ids = [p.pk for p in partnerships]
    first, _ = period_dates(year, period)
    settlements = {}
    for s in (
        Settlement.objects.filter(partnership_id__in=ids, year__lte=year)
        .select_related("host")
        .order_by("partnership_id", "-year")
    ):
        settlements.setdefault(s.partnership_id, s)
    codes = defaultdict(list)
    for pid, code in Membership.objects.filter(
        Q(left__isnull=True) | Q(left__gte=first), partnership_id__in=ids, joined__lte=first
    ).values_list("partnership_id", "council__code"):
        codes[pid].append(code)
    budget = defaultdict(lambda: defaultdict(dict))
    for pid, code, line, amount in BudgetLine.objects.filter(partnership_id__in=ids, year=year).values_list(
        "partnership_id", "council__code", "line", "amount"
    ):
        budget[pid][code][line] = amount
    return {pid: StatementInputs(settlements.get(pid), sorted(codes[pid]), budget[pid]) for pid in ids}


def statement_items(partnership, year, period, sums=None, inputs=None):
    """{council code: [Item]} for every council that gets a statement for the period, by current inputs.

    sums: the period's grouped actuals taken beforehand for many partnerships at once (see
    actual_sums_all); inputs: its StatementInputs taken the same way (see statement_inputs_all). Without
    them, this partnership's are queried."""
    if inputs is None:
        inputs = statement_inputs_all(year, period, [partnership])[partnership.pk]
    s = inputs.settlement
    if s is None:
        raise SettlementError(ERROR_NO_SETTLEMENT.format(partnership=partnership.slug, year=year_label(year)))
    first, last = period_dates(year, period)
    codes = list(inputs.codes)
    if s.model == Settlement.Model.HOSTED:
        return _hosted(partnership, year, period, s, codes, first, last, sums, inputs.budget)
    return _pooled(partnership, year, period, s, codes, sums, inputs.budget)


def _hosted(partnership, year, period, s, codes, first, last, pre, budget):
    payers = [c for c in codes if c != s.host.code]
    if period != TRUE_UP:
        sums = pre if pre is not None else actual_sums(partnership, first, last)
        result = {}
        for c in payers:
            contribution = [
                (ln.value, Line(ln).label, budget[c][ln]) for ln in PERMANENT_LINES if ln in budget[c]
            ]
            charged = []
            for ln in ONE_OFF_LINES:
                total = sum((t for (inc, ch, line), (t, _) in sums.items() if ch == c and line == ln), ZERO)
                if total:
                    charged.append((ln.value, Line(ln).label, total))
            result[c] = calc.hosted_quarter(
                quarter=period, code=c, contribution_lines=contribution, one_off_charged=charged
            )
        return result
    sums = _merge(pre.values()) if pre is not None else actual_sums(partnership, first, last)
    permanent_budget = {c: sum((budget[c].get(ln, ZERO) for ln in PERMANENT_LINES), ZERO) for c in codes}
    shared = sum((t for (inc, ch, ln), (t, _) in sums.items() if ch is None and ln in PERMANENT_LINES), ZERO)
    charged = defaultdict(lambda: ZERO)
    one_off_spent = defaultdict(lambda: ZERO)
    for (inc, ch, ln), (t, _) in sums.items():
        if ch is not None and ln in PERMANENT_LINES:
            charged[ch] += t
        if ln in ONE_OFF_LINES:
            one_off_spent[ch or inc] += t
    retained = {}
    for c in codes:
        one_off_budget = sum((budget[c].get(ln, ZERO) for ln in ONE_OFF_LINES), ZERO)
        if one_off_budget and one_off_budget > one_off_spent[c]:
            retained[c] = one_off_budget - one_off_spent[c]
    items = calc.hosted_true_up(
        codes=codes,
        permanent_budget=permanent_budget,
        shared_permanent_actuals=shared,
        charged_permanent=charged,
        one_off_retained=retained,
    )
    return {c: items[c] for c in payers}


def pooled_weights(partnership, year, s, codes, budget):
    if s.weights == Settlement.Weights.EQUAL:
        return dict.fromkeys(codes, Decimal(1)), "equal shares"
    if s.weights == Settlement.Weights.FIXED:
        missing = [c for c in codes if c not in s.fixed]
        if missing:
            raise SettlementError(ERROR_FIXED_MISSING.format(codes=", ".join(missing)))
        return {c: Decimal(str(s.fixed[c])) for c in codes}, "fixed percentages"
    totals = defaultdict(lambda: ZERO)
    for code, lines in budget.items():
        totals[code] = _q(sum(lines.values(), ZERO))
    if not any(totals[c] for c in codes):
        raise SettlementError(ERROR_NO_BUDGET_WEIGHTS.format(year=year_label(year)))
    return {c: totals[c] for c in codes}, f"{year_label(year)} budget (£)"


def actual_sums_by_quarter(partnership, year):
    """One grouped query for the whole year, split by quarter: {quarter: {(incurred_by, charged_to, line):
    (total, count)}}."""

    first, last = period_dates(year, TRUE_UP)
    codes = _council_codes(partnership)
    rows = (
        Actual.objects.filter(partnership=partnership, date__gte=first, date__lte=last)
        .annotate(month=ExtractMonth("date"))
        .values_list("incurred_by_id", "charged_to_id", "line", "month")
        .annotate(total=Sum("amount"), n=Count("*"))
        .order_by()
    )
    result = {q: defaultdict(lambda: (ZERO, 0)) for q in QUARTERS}
    for inc, ch, line, month, total, n in rows:
        q = QUARTERS[((month - 4) % 12) // 3]
        key = (codes[inc], codes.get(ch), line)
        t0, n0 = result[q][key]
        result[q][key] = (t0 + _q(total), n0 + n)
    return result


def _merge(sums_list):
    merged = defaultdict(lambda: (ZERO, 0))
    for sums in sums_list:
        for key, (t, n) in sums.items():
            total, count = merged[key]
            merged[key] = (total + t, count + n)
    return merged


def _pooled_nets(sums, codes, weights, label):
    shared_total = ZERO
    charged, paid_shared, paid_others = (
        defaultdict(lambda: ZERO),
        defaultdict(lambda: ZERO),
        defaultdict(lambda: ZERO),
    )
    for (inc, ch, _ln), (t, _) in sums.items():
        if ch is None:
            shared_total += t
            paid_shared[inc] += t
        elif ch != inc:
            charged[ch] += t
            paid_others[inc] += t
        # A cost a council's ledger paid and charged to itself alone is its own: it settles nothing.
    return calc.pooled_period(
        codes=codes,
        weights=weights,
        weights_label=label,
        shared_total=shared_total,
        charged_to=charged,
        paid_shared=paid_shared,
        paid_for_others=paid_others,
    )


def _pooled(partnership, year, period, s, codes, pre, budget):
    weights, label = pooled_weights(partnership, year, s, codes, budget)
    if period != TRUE_UP:
        first, last = period_dates(year, period)
        sums = pre if pre is not None else actual_sums(partnership, first, last)
        return _pooled_nets(sums, codes, weights, label)
    by_quarter = pre if pre is not None else actual_sums_by_quarter(partnership, year)
    year_items = _pooled_nets(_merge(by_quarter.values()), codes, weights, label)
    quarter_nets = []
    for q in QUARTERS:
        items = _pooled_nets(by_quarter[q], codes, weights, label)
        quarter_nets.append({c: calc.net_of(items[c]) for c in codes})
    return calc.pooled_true_up(
        codes=codes, year_nets={c: calc.net_of(year_items[c]) for c in codes}, quarter_nets=quarter_nets
    )


def actual_sums_all(year, period):
    """The period's grouped actuals of every partnership in one query, for drafting them all:
    {partnership id: sums} for a quarter, {partnership id: {quarter: sums}} for the true-up.

    Rows are counted with COUNT(*), not COUNT(id) (the same number: id is never null): reading the id too
    widens each row, and on a million lines PostgreSQL then chose a parallel sort spilling to disk over the
    hash aggregate it uses for the hand-written query (bench/recharges.py): 705 ms against 633 ms in one
    EXPLAIN ANALYZE of Q1 on the benchmark's data."""

    codes = dict(Council.objects.values_list("pk", "code"))
    first, last = period_dates(year, period)
    qs = Actual.objects.filter(date__gte=first, date__lte=last)
    if period != TRUE_UP:
        result = defaultdict(dict)
        rows = (
            qs.values_list("partnership_id", "incurred_by_id", "charged_to_id", "line")
            .annotate(total=Sum("amount"), n=Count("*"))
            .order_by()
        )
        for pid, inc, ch, line, total, n in rows:
            result[pid][(codes[inc], codes.get(ch), line)] = (_q(total), n)
        return result
    # Grouped by calendar quarter in the database: each is one financial quarter (Apr–Jun is Q1), so the rows
    # come back already split by quarter, a quarter as many as by month.
    result = defaultdict(lambda: {q: defaultdict(lambda: (ZERO, 0)) for q in QUARTERS})
    rows = (
        qs.annotate(quarter=ExtractQuarter("date"))
        .values_list("partnership_id", "incurred_by_id", "charged_to_id", "line", "quarter")
        .annotate(total=Sum("amount"), n=Count("*"))
        .order_by()
    )
    for pid, inc, ch, line, quarter, total, n in rows:
        result[pid][QUARTERS[(quarter - 2) % 4]][(codes[inc], codes.get(ch), line)] = (_q(total), n)
    return result


# Statements: reading ---------------------------------------------------------------------------------------


def statements_for(user, partnership):
    qs = (
        RechargeStatement.objects.filter(partnership=partnership)
        .select_related("council")
        .defer("pdf", "csv", "ubl")
    )
    ids = visible_council_ids(user, partnership)
    if ids is not None:
        qs = qs.filter(council_id__in=ids)
    return qs.order_by("-year", "period", "council__code", "sequence")


def statement_visible(user, statement):
    ids = visible_council_ids(user, statement.partnership, statement.year)
    return ids is None or statement.council_id in ids


# Statements: what an issued statement prints beside the figures --------------------------------------------

ERROR_NO_INVOICING = (
    "Set the invoicing settings of %(partnership)s (payment terms, VAT treatment, contact and bank details) "
    "before issuing."
)
ERROR_NO_BILLING_PROFILE = "Set the invoicing address of %(council)s before issuing."
ERROR_PO_REQUIRED = (
    "%(council)s pays only against a purchase order: enter its purchase order number for %(year)s before "
    "issuing."
)


def _issue_settings(partnership, year, council_ids):
    """What issuing reads besides the statements: the partnership's invoicing settings (None if unset), the
    year's host, the councils with their billing profiles, and the year's purchase orders. Four queries."""
    settings = InvoicingSettings.objects.filter(partnership=partnership).first()
    host = host_for(partnership, year)
    ids = set(council_ids) | ({host.pk} if host else set())
    councils = {c.pk: c for c in Council.objects.filter(pk__in=ids)}
    profiles = {p.council_id: p for p in BillingProfile.objects.filter(council_id__in=ids)}
    orders = dict(
        PurchaseOrder.objects.filter(partnership=partnership, year=year).values_list("council_id", "number")
    )
    return settings, host, councils, profiles, orders


def _issue_checks(partnership, year, statements, settings, host, councils, profiles, orders):
    """Each statement's payer, payee and purchase order, and the problems [(message, code, params)] that
    refuse issuing these statements together (each named once)."""
    problems = []
    if settings is None:
        problems.append((ERROR_NO_INVOICING, "no_invoicing", {"partnership": partnership.name}))
    missing, seen, parties = set(), set(), {}
    for st in statements:
        council = councils[st.council_id]
        payer, payee = invoicing.parties(net=st.net, council=council, host=host or council)
        for c in (payer, payee):
            if c.pk not in profiles and c.pk not in missing:
                missing.add(c.pk)
                problems.append((ERROR_NO_BILLING_PROFILE, "no_billing_profile", {"council": c.name}))
        po = orders.get(payer.pk, "") if payer.pk != payee.pk else ""
        profile = profiles.get(payer.pk)
        if profile and profile.requires_po and payer.pk != payee.pk and not po and payer.pk not in seen:
            seen.add(payer.pk)
            problems.append(
                (ERROR_PO_REQUIRED, "po_required", {"council": payer.name, "year": year_label(year)})
            )
        parties[st.pk] = (payer, payee, po)
    return parties, problems


def issue_particulars(partnership, year, statements, issue_date):
    """What each statement will print once issued on issue_date, from the settings as they are now.

    Returns (particulars, problems): particulars {statement pk: (fields, {line position: ledger code})},
    fields being the statement's snapshot fields (the payment reference lacks the number until it is
    numbered); problems [(message, code, params)] that refuse the issue. Five queries, however many
    statements."""
    settings, host, councils, profiles, orders = _issue_settings(
        partnership, year, {st.council_id for st in statements}
    )
    codes = dict(LedgerCode.objects.filter(partnership=partnership).values_list("line", "code"))
    parties, problems = _issue_checks(partnership, year, statements, settings, host, councils, profiles, orders)
    if settings is None:
        settings = InvoicingSettings(partnership=partnership, vat_treatment="", payment_terms_days=30)
    result = {}
    for st in statements:
        payer, payee, po = parties[st.pk]
        payer_profile, payee_profile = profiles.get(payer.pk), profiles.get(payee.pk)
        fields = {
            "issue_date": issue_date,
            "due_date": invoicing.due_date(issue_date, settings.payment_terms_days),
            "payment_terms_days": settings.payment_terms_days,
            "payer_name": payer_profile.invoice_name if payer_profile else payer.name,
            "payer_address": payer_profile.address if payer_profile else "",
            "payee_name": payee_profile.invoice_name if payee_profile else payee.name,
            "payee_address": payee_profile.address if payee_profile else "",
            "purchase_order": po,
            "vat_treatment": settings.vat_treatment,
            "contact_name": settings.contact_name,
            "contact_email": settings.contact_email,
            "contact_phone": settings.contact_phone,
            "bank_name": settings.bank_name,
            "bank_account_name": settings.bank_account_name,
            "bank_sort_code": settings.bank_sort_code,
            "bank_account_number": settings.bank_account_number,
            "payment_reference": invoicing.payment_reference(settings.payment_reference, st.number or ""),
        }
        ledger = {
            line.position: codes.get(line.funding_line) or settings.default_ledger_code
            for line in st.lines.all()
        }
        result[st.pk] = (fields, ledger)
    return result, problems


def issue_problems(partnership, year, period):
    """Why issuing the period's drafts would be refused now (messages, for the page to show before the
    button); [] when it would succeed or there is nothing to issue."""
    return issue_problems_by_period(partnership, year).get(period, [])


def issue_problems_by_period(partnership, year):
    """{period: messages} of the year's periods whose drafts could not be issued now, and why: what the
    statements page shows before the Issue button. Five queries however many periods and drafts (the drafts'
    council and sign are all issuing's checks need)."""
    drafts = list(
        RechargeStatement.objects.filter(partnership=partnership, year=year, status="draft").only(
            "pk", "period", "council_id", "net"
        )
    )
    if not drafts:
        return {}
    context = _issue_settings(partnership, year, {st.council_id for st in drafts})
    by_period = defaultdict(list)
    for st in drafts:
        by_period[st.period].append(st)
    result = {}
    for period, statements in by_period.items():
        _, problems = _issue_checks(partnership, year, statements, *context)
        if problems:
            result[period] = [message % params for message, _, params in problems]
    return result


def invoicing_overview(partnership):
    """The invoicing settings page: the partnership's settings, its ledger codes by funding line, and each
    member council's billing profile and purchase orders by year. A fixed number of queries."""
    councils = list(Council.objects.filter(memberships__partnership=partnership).distinct().order_by("code"))
    profiles = {p.council_id: p for p in BillingProfile.objects.filter(council__in=councils)}
    orders = defaultdict(list)
    for po in PurchaseOrder.objects.filter(partnership=partnership).order_by("year"):
        orders[po.council_id].append((year_label(po.year), po.number))
    codes = dict(LedgerCode.objects.filter(partnership=partnership).values_list("line", "code"))
    return {
        "settings": InvoicingSettings.objects.filter(partnership=partnership).first(),
        "ledger": [(line.value, line.label, codes.get(line.value, "")) for line in Line],
        "councils": [(c, profiles.get(c.pk), orders.get(c.pk, [])) for c in councils],
    }


def finance_officer_council_ids(user, partnership):
    """The councils the user is a finance officer of in this partnership."""
    return {
        a.council_id
        for a in role_assignments_for(user)
        if a.role == Role.FINANCE_OFFICER and a.partnership_id == partnership.pk
    }


def sees_remittance(user, partnership):
    """Bank details are shown on screen to finance officers only (the PDF, the invoice itself, prints them)."""
    return bool(finance_officer_council_ids(user, partnership))


def can_edit_invoicing(user, partnership):
    """The partnership's invoicing settings (terms, VAT, contact, bank details, ledger codes) are the host's:
    its finance officers edit them (where there is no host, every council's finance officers)."""
    from django.utils import timezone

    from .periods import year_of

    ids = finance_officer_council_ids(user, partnership)
    if not ids:
        return False
    host = host_for(partnership, year_of(timezone.localdate()))
    return host is None or host.pk in ids


def can_edit_billing(user, partnership, council):
    """A council's invoicing address and purchase orders: its own finance officers, or the host's."""
    return council.pk in finance_officer_council_ids(user, partnership) or can_edit_invoicing(
        user, partnership
    )


# The JSON API's reads (finance/api.py): the same scope as the pages, narrowed to the caller's councils ----------


def api_budget_lines(user, partnership, year):
    """The year's budget lines of the councils the user may see (all, for the host's finance officers, the
    CIO, auditors and administrators), by line then council. One query."""
    qs = BudgetLine.objects.filter(partnership=partnership, year=year).select_related("council")
    ids = visible_council_ids(user, partnership, year)
    if ids is not None:
        qs = qs.filter(council_id__in=ids)
    return list(qs.order_by("line", "council__code"))


def api_forecasts(user, partnership, year, month=None):
    """Forecasts of the year (one month's, or every month's): the partnership-wide ones and those of the
    councils the user may see. One query."""
    qs = Forecast.objects.filter(partnership=partnership, year=year).select_related("council")
    if month is not None:
        qs = qs.filter(month=month)
    ids = visible_council_ids(user, partnership, year)
    if ids is not None:
        qs = qs.filter(Q(council__isnull=True) | Q(council_id__in=ids))
    return list(qs.order_by("month", "line", "council__code"))


def api_actual_sums(user, partnership, year):
    """The year's ledger summed by (council that paid, council charged or None for shared, line), only rows
    touching a council the user may see: [(incurred_by, charged_to, line, total, count)]. Two queries."""
    sums = actual_sums(partnership, year_start(year), year_end(year))
    ids = visible_council_ids(user, partnership, year)
    codes = None
    if ids is not None:
        codes = set(Council.objects.filter(pk__in=ids).values_list("code", flat=True))
    rows = []
    for (inc, ch, line), (total, n) in sorted(
        sums.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])
    ):
        if codes is None or inc in codes or ch in codes:
            rows.append((inc, ch, line, total, n))
    return rows


def api_statement(user, partnership, statement_id):
    """A statement with its lines, or None when there is none the user may see."""
    st = (
        RechargeStatement.objects.filter(partnership=partnership, pk=statement_id)
        .select_related("council", "partnership")
        .defer("pdf", "csv", "ubl")
        .first()
    )
    if st is None or not statement_visible(user, st):
        return None
    st.api_lines = list(st.lines.order_by("position"))
    return st


# The CIO dashboard ---------------------------------------------------------------------------------------


def money_by_council_and_line(partnership, year, month=None, council=None):
    """Budget (current), forecast (as at `month`, or the latest month reported) and actual spend for the
    year, by council and funding line: a list of dicts (council, line, label, budget, forecast, actual,
    variance) in council and line order, and the month the forecast is as at. Actuals are the ledger lines
    charged to a council, or, when shared by the partnership, incurred by it. Three grouped queries plus the
    councils, whatever the number of lines."""
    councils = councils_for_year(partnership, year)
    if council is not None:
        councils = [c for c in councils if c.pk == council.pk]
    budget = {
        (r["council_id"], r["line"]): _q(r["t"])
        for r in BudgetLine.objects.filter(partnership=partnership, year=year)
        .values("council_id", "line")
        .annotate(t=Sum("amount"))
    }
    months = list(
        Forecast.objects.filter(partnership=partnership, year=year)
        .values_list("month", flat=True)
        .order_by("-month")
        .distinct()[:1]
    )
    month = month or (months[0] if months else None)
    forecast = {}
    if month:
        forecast = {
            (r["council_id"], r["line"]): _q(r["t"])
            for r in Forecast.objects.filter(partnership=partnership, year=year, month=month)
            .values("council_id", "line")
            .annotate(t=Sum("amount"))
        }
    actual = defaultdict(lambda: ZERO)
    for r in (
        Actual.objects.filter(partnership=partnership, year=year)
        .values("incurred_by_id", "charged_to_id", "line")
        .annotate(t=Sum("amount"))
    ):
        actual[(r["charged_to_id"] or r["incurred_by_id"], r["line"])] += _q(r["t"])
    rows = []
    for c in councils:
        for ln in Line:
            b = budget.get((c.pk, ln.value), ZERO)
            f = forecast.get((c.pk, ln.value))
            a = actual.get((c.pk, ln.value), ZERO)
            if not (b or f or a):
                continue
            rows.append(
                {
                    "council": c,
                    "line": ln.value,
                    "label": ln.label,
                    "budget": b,
                    "forecast": f,
                    "actual": a,
                    "variance": (f - b) if f is not None else None,
                }
            )
    # Lines forecast for the partnership as a whole, not by council (the seed forecasts BAU that way).
    unsplit = []
    if council is None:
        for ln in Line:
            f = forecast.get((None, ln.value))
            if f is not None:
                b = sum((v for (cid, line), v in budget.items() if line == ln.value), ZERO)
                unsplit.append(
                    {"line": ln.value, "label": ln.label, "budget": b, "forecast": f, "variance": f - b}
                )
    return {
        "rows": rows,
        "month": month,
        "councils": councils,
        "unsplit": unsplit,
        "forecast_total": sum(
            (v for (cid, _ln), v in forecast.items() if council is None or cid == council.pk), ZERO
        ),
    }


def monthly_trend(partnership, year, council=None, lines=None):
    """Month by month of the financial year (April first): actual spend in the month and the forecast
    out-turn reported that month, with the budget for the year, of every line or of those given. One query
    each, grouped in the database."""
    actuals = Actual.objects.filter(partnership=partnership, year=year)
    forecasts = Forecast.objects.filter(partnership=partnership, year=year)
    budgets = BudgetLine.objects.filter(partnership=partnership, year=year)
    if lines is not None:
        actuals, forecasts, budgets = (qs.filter(line__in=lines) for qs in (actuals, forecasts, budgets))
    if council is not None:
        actuals = actuals.filter(Q(charged_to=council) | Q(charged_to__isnull=True, incurred_by=council))
        forecasts = forecasts.filter(council=council)
        budgets = budgets.filter(council=council)
    spent = {
        r["m"]: _q(r["t"])
        for r in actuals.annotate(m=ExtractMonth("date")).values("m").annotate(t=Sum("amount")).order_by()
    }
    forecast = {
        r["month"]: _q(r["t"]) for r in forecasts.values("month").annotate(t=Sum("amount")).order_by()
    }
    budget = _q(budgets.aggregate(t=Sum("amount"))["t"])
    order = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    names = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    rows, running = [], ZERO
    for m, name in zip(order, names, strict=True):
        running += spent.get(m, ZERO)
        rows.append(
            {
                "month": m,
                "period": (m - 4) % 12 + 1,
                "name": name,
                "actual": spent.get(m, ZERO),
                "cumulative": running,
                # Forecasts are numbered by the financial year's month (1 = April): month 5 is August.
                "forecast": forecast.get((m - 4) % 12 + 1),
            }
        )
    return {"rows": rows, "budget": budget}


def savings_by_council(partnership, year, council=None):
    """Savings targets and what has been delivered, by council: each target's delivered amount is shared as
    its target is (to the penny). [{council, target, delivered, gap}] and the totals."""
    report = savings_report(partnership, year)
    codes = [c.code for c in report["councils"]]
    delivered = defaultdict(lambda: ZERO)
    for row in report["savings"]:
        weights = dict(zip(codes, row["cells"], strict=True))
        got = row["target"].delivered
        if got and any(weights.values()):
            for code, amount in split(got, weights).items():
                delivered[code] += amount
    rows = []
    for c, target in zip(report["councils"], report["savings_totals"], strict=True):
        if council is not None and c.pk != council.pk:
            continue
        rows.append(
            {
                "council": c,
                "target": target,
                "delivered": delivered[c.code],
                "gap": target - delivered[c.code],
            }
        )
    return {
        "rows": rows,
        "target": sum((r["target"] for r in rows), ZERO),
        "delivered": sum((r["delivered"] for r in rows), ZERO),
    }


def paid_subquery():
    """The sum of a statement's payments not reversed (None when it has none), for annotating statements."""
    return Subquery(
        Payment.objects.filter(statement=OuterRef("pk"), reversed_on__isnull=True)
        .order_by()
        .values("statement")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )


def statement_balance(statement):
    """What has been paid on a statement (payments not reversed) and what is still owed, in pounds: for an
    invoice by the council, for a credit note to it. One query."""
    paid = (
        Payment.objects.filter(statement=statement, reversed_on__isnull=True).aggregate(total=Sum("amount"))[
            "total"
        ]
        or ZERO
    )
    settles = statement.is_issued and not is_own_share(statement)
    return {"paid": paid, "balance": abs(statement.net) - paid if settles else ZERO}


def is_own_share(statement):
    """The host council's own share: printed with the host as both payer and payee, so nothing is paid."""
    return bool(statement.payer_name) and statement.payer_name == statement.payee_name


def payments_of(statement):
    """The statement's payments, oldest first, each with `recorded_by` (who recorded it, from its history).
    Two queries."""
    payments = list(Payment.objects.filter(statement=statement).order_by("paid_on", "pk"))
    created = {
        h.id: h.history_user
        for h in Payment.history.filter(statement=statement, history_type="+").select_related("history_user")
    }
    for p in payments:
        p.recorded_by = created.get(p.pk)
    return payments


def recharges_summary(partnership, year, today, council=None):
    """Recharge statements of the year: issued (count and net), and of the issued invoices not yet paid in
    full, those still within their payment terms (due) and past them (overdue), each counted at what is still
    owed (its net less the payments recorded on it). One query."""
    qs = RechargeStatement.objects.filter(partnership=partnership, year=year).select_related("council")
    if council is not None:
        qs = qs.filter(council=council)
    issued, drafts, due, overdue = [], 0, [], []
    for s in qs.defer("pdf", "csv").annotate(paid=paid_subquery()):
        if not s.is_issued:
            drafts += 1
            continue
        issued.append(s)
        s.owed = s.net - (s.paid or ZERO)
        if s.kind == RechargeStatement.Kind.INVOICE and s.owed > 0 and not is_own_share(s):
            if s.due_date and s.due_date < today:
                overdue.append(s)
            else:
                due.append(s)
    return {
        "issued": len(issued),
        "issued_net": sum((s.net for s in issued), ZERO),
        "drafts": drafts,
        "due": due,
        "due_total": sum((s.owed for s in due), ZERO),
        "overdue": sorted(overdue, key=lambda s: (s.due_date, s.number or "")),
        "overdue_total": sum((s.owed for s in overdue), ZERO),
    }


# Revenue and one-off, as the seed's finance update presents them -------------------------------------


def _printed_or_current(current, opening, printed):
    """The figure a board reads for a line or subtotal: the printed (control) total when the budget has not
    been revised since it was agreed, else the current budget as the cells sum to it."""
    return printed if printed is not None and current == opening else current


def revenue_and_one_off(partnership, year, *, council=None, month=None):
    """The year's money as the seed's finance update presents it, revenue and one-off kept apart and never
    added together: the permanent (revenue) lines' budget, forecast out-turn and variance (positive = over),
    read against the budget as agreed with its printed totals (Table 2); the one-off provisions' opening and
    current budget, forecast and variance against the current budget (Table 3), whose underspend stays with
    each council; and both by council. The forecast is that of `month` (1 = April), or the latest reported.
    Five queries whatever the number of lines."""
    councils = councils_for_year(partnership, year)
    if council is not None:
        councils = [c for c in councils if c.pk == council.pk]
    current, opening = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    cells = defaultdict(lambda: ZERO)  # (council_id, line) -> current
    cells_opening = defaultdict(lambda: ZERO)
    for r in BudgetLine.objects.filter(partnership=partnership, year=year).values(
        "council_id", "line", "amount", "opening"
    ):
        cells[(r["council_id"], r["line"])] += r["amount"]
        cells_opening[(r["council_id"], r["line"])] += r["opening"]
        if council is None or r["council_id"] == council.pk:
            current[r["line"]] += r["amount"]
            opening[r["line"]] += r["opening"]
    has_budget = bool(cells)  # before the defaultdicts below are read (reading a missing key adds it)
    printed = {
        (r["council_id"], r["key"]): r["amount"]
        for r in ControlTotal.objects.filter(partnership=partnership, year=year).values(
            "council_id", "key", "amount"
        )
    }
    if month is None:
        month = (
            Forecast.objects.filter(partnership=partnership, year=year)
            .order_by("-month")
            .values_list("month", flat=True)
            .first()
        )
    forecast, forecast_cells = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    forecast_lines, whole_lines = set(), set()
    if month:
        for r in (
            Forecast.objects.filter(partnership=partnership, year=year, month=month)
            .values("council_id", "line")
            .annotate(t=Sum("amount"))
            .order_by()
        ):
            if r["council_id"] is None:
                whole_lines.add(r["line"])
                if council is not None:
                    continue
            elif council is not None and r["council_id"] != council.pk:
                continue
            else:
                forecast_cells[(r["council_id"], r["line"])] += _q(r["t"])
            forecast[r["line"]] += _q(r["t"])
            forecast_lines.add(r["line"])

    def row(key, label):
        lines = _lines_of(key)
        cur = sum((current[ln] for ln in lines), ZERO)
        opened = sum((opening[ln] for ln in lines), ZERO)
        printed_value = printed.get((council.pk if council is not None else None, key))
        budget = _printed_or_current(cur, opened, printed_value)
        has_forecast = bool(month) and all(ln.value in forecast_lines for ln in lines)
        fc = sum((forecast[ln] for ln in lines), ZERO) if has_forecast else None
        return {
            "key": key,
            "label": label,
            "is_group": key in GROUPS,
            "opening": printed_value if printed_value is not None else opened,
            "budget": budget,
            "forecast": fc,
            "variance": (fc - budget) if fc is not None else None,
        }

    revenue = [
        row(key, label)
        for key, label in (
            ("bau_staff", "BAU staff"),
            ("bau_non_staff", "BAU non-staff"),
            ("bau", "BAU total"),
            ("continuous_improvement", "Continuous improvement"),
            ("permanent", "Revenue total"),
        )
    ]
    one_off = [
        row(key, label)
        for key, label in (
            ("evergreening", "Evergreening"),
            ("one_off_transformation", "Transformation"),
            ("one_off", "One-off provisions total"),
        )
    ]
    by_council = []
    for c in councils:
        rev_cur = sum((cells[(c.pk, ln)] for ln in PERMANENT_LINES), ZERO)
        rev_open = sum((cells_opening[(c.pk, ln)] for ln in PERMANENT_LINES), ZERO)
        rev_forecast = None
        if month and all((c.pk, ln.value) in forecast_cells for ln in PERMANENT_LINES):
            rev_forecast = sum((forecast_cells[(c.pk, ln)] for ln in PERMANENT_LINES), ZERO)
        one_cur = sum((cells[(c.pk, ln)] for ln in ONE_OFF_LINES), ZERO)
        forecast_one = [ln for ln in ONE_OFF_LINES if (c.pk, ln.value) in forecast_cells]
        one_forecast = sum((forecast_cells[(c.pk, ln)] for ln in forecast_one), ZERO) if forecast_one else None
        kept = sum((cells[(c.pk, ln)] - forecast_cells[(c.pk, ln)] for ln in forecast_one), ZERO)
        rev_budget = _printed_or_current(rev_cur, rev_open, printed.get((c.pk, "permanent")))
        by_council.append(
            {
                "council": c,
                "revenue_budget": rev_budget,
                "revenue_forecast": rev_forecast,
                "revenue_variance": (rev_forecast - rev_budget) if rev_forecast is not None else None,
                "one_off_budget": one_cur,
                "one_off_forecast": one_forecast,
                "one_off_kept": kept if one_forecast is not None else None,
            }
        )
    total, provisions = revenue[-1], one_off[-1]
    return {
        "month": month,
        "month_name": month_name(month) if month else "",
        "month_start": month_date(year, month) if month else None,
        "has_budget": has_budget,
        "revenue": revenue,
        "revenue_budget": total["budget"],
        "revenue_forecast": total["forecast"],
        "revenue_variance": total["variance"],
        "revenue_forecast_whole": bool(whole_lines & {ln.value for ln in PERMANENT_LINES}),
        "one_off": one_off,
        "one_off_budget": provisions["budget"],
        "one_off_opening": provisions["opening"],
        "one_off_forecast": provisions["forecast"],
        "one_off_variance": provisions["variance"],
        "by_council": by_council,
        "one_off_kept_total": sum((r["one_off_kept"] or ZERO for r in by_council), ZERO),
    }


# Reconciliations: finance's budget against staffing's establishment and procurement's contracts ------------

STAFF_LINES = [Line.BAU_STAFF, Line.CONTINUOUS_IMPROVEMENT]
CONTRACT_LINES = [Line.BAU_NON_STAFF]


def _budget_cells(partnership, year, lines):
    """{(council_id, line): current budget} for the lines given: one query."""
    cells = defaultdict(lambda: ZERO)
    for r in BudgetLine.objects.filter(partnership=partnership, year=year, line__in=lines).values(
        "council_id", "line", "amount"
    ):
        cells[(r["council_id"], r["line"])] += r["amount"]
    return cells


def staff_reconciliation(partnership, year, day, council=None):
    """The BAU staff and continuous-improvement budget lines set against staffing's cost of the establishment
    (staffing.selectors.staffing_cost), by employing council and line: budgeted posts' FTE-years, the
    establishment's cost (salaried and agency), the agency posts and premium, the posts vacant on `day` and
    their cost for the year, and the difference (budget less establishment cost) with what explains it.
    {"rows", "totals", "problem"}, of one council if given; a fixed number of queries."""
    councils = [c for c in councils_for_year(partnership, year) if council is None or c.pk == council.pk]
    budget = _budget_cells(partnership, year, STAFF_LINES)
    problem = ""
    try:
        costs = staffing.staffing_cost(partnership, year, funding_lines=[ln.value for ln in STAFF_LINES])
        vacant = staffing.vacancies_costed(partnership, year, day)
    except staffing.MissingRates as exc:
        costs, vacant, problem = [], {}, str(exc)
    cost = {(r.council.pk, r.funding_line): r for r in costs}
    rows = []
    for c in councils:
        for ln in STAFF_LINES:
            b = budget.get((c.pk, ln.value))
            r = cost.get((c.pk, ln.value))
            v = vacant.get((c.pk, ln.value), {"posts": 0, "fte": Decimal("0"), "cost": ZERO})
            if b is None and r is None:
                continue
            total = r.total if r else ZERO
            rows.append(
                {
                    "council": c,
                    "line": ln.value,
                    "label": ln.label,
                    "budget": b if b is not None else ZERO,
                    "has_budget": b is not None,
                    "fte_years": r.fte_years if r else Decimal("0"),
                    "salaried": r.salaried if r else ZERO,
                    "agency": r.agency if r else ZERO,
                    "agency_posts": r.agency_posts if r else 0,
                    "agency_premium": r.agency_premium if r else ZERO,
                    "cost": total,
                    "vacant_posts": v["posts"],
                    "vacant_fte": v["fte"],
                    "vacant_cost": v["cost"],
                    "difference": (b if b is not None else ZERO) - total,
                }
            )
    keys = ("budget", "salaried", "agency", "agency_premium", "cost", "vacant_cost", "difference")
    totals = {k: sum((r[k] for r in rows), ZERO) for k in keys}
    totals["fte_years"] = sum((r["fte_years"] for r in rows), Decimal("0"))
    totals["agency_posts"] = sum(r["agency_posts"] for r in rows)
    totals["vacant_posts"] = sum(r["vacant_posts"] for r in rows)
    totals["vacant_fte"] = sum((r["vacant_fte"] for r in rows), Decimal("0"))
    # If every post vacant today stayed vacant all year, the staff lines would spend this much.
    totals["cost_less_vacancies"] = totals["cost"] - totals["vacant_cost"]
    totals["budget_less_spend"] = totals["budget"] - totals["cost_less_vacancies"]
    return {"rows": rows, "totals": totals, "problem": problem, "day": day}


def contract_reconciliation(partnership, year, council=None):
    """The BAU non-staff budget line set against procurement's contract costs for the year
    (procurement.selectors.contract_costs_by_contract), by council: budget, contracts' cost and what is left
    for non-staff spend outside a contract; with the contracts that have no budget line (costed to a line
    with no budget for that council, or to no line), and the councils' non-staff lines that no contract
    draws on; of one council if given. A fixed number of queries."""
    every = councils_for_year(partnership, year)
    councils = [c for c in every if council is None or c.pk == council.pk]
    by_code = {c.code: c for c in every}
    budget = _budget_cells(partnership, year, [ln for ln in Line])
    contracts = procurement.contract_costs_by_contract(partnership, year)
    costed = defaultdict(lambda: ZERO)
    unbudgeted = []
    for contract, parts in contracts:
        missing = []
        for code, amount in parts.items():
            costed[(code, contract.funding_line)] += amount
            council = by_code.get(code)
            if not contract.funding_line or council is None or (council.pk, contract.funding_line) not in budget:
                missing.append((code, amount))
        if council is not None:
            missing = [(code, amount) for code, amount in missing if code == council.code]
        if missing:
            unbudgeted.append({"contract": contract, "parts": missing, "total": sum((a for _c, a in missing), ZERO)})
    rows, without_contract = [], []
    for c in councils:
        for ln in CONTRACT_LINES:
            b = budget.get((c.pk, ln.value))
            spent = costed.get((c.code, ln.value), ZERO)
            if b is None and not spent:
                continue
            rows.append(
                {
                    "council": c,
                    "line": ln.value,
                    "label": ln.label,
                    "budget": b if b is not None else ZERO,
                    "contracts": spent,
                    "outside": (b if b is not None else ZERO) - spent,
                }
            )
            if b and not spent:
                without_contract.append({"council": c, "label": ln.label, "budget": b})
    totals = {k: sum((r[k] for r in rows), ZERO) for k in ("budget", "contracts", "outside")}
    return {
        "rows": rows,
        "totals": totals,
        "contracts": [
            {"contract": contract, "parts": sorted(parts.items()), "total": sum(parts.values(), ZERO)}
            for contract, parts in contracts
            if council is None or council.code in parts
        ],
        "unbudgeted": unbudgeted,
        "without_contract": without_contract,
    }


# What each council owes: the statements list's balances and the aged debt list -------------------------


def with_balances(statements, today):
    """Sets on each statement (annotated with `paid`, see paid_subquery) what has been paid, what is still
    owed (`outstanding`: nothing on a draft or on the host's own share) and whether it is `overdue` (an
    invoice still owed after its due date). Returns them, in the same order."""
    for st in statements:
        st.paid_total = st.paid or ZERO
        settles = st.is_issued and not is_own_share(st)
        st.outstanding = (abs(st.net) - st.paid_total) if settles else ZERO
        st.overdue = bool(
            st.kind == RechargeStatement.Kind.INVOICE
            and st.outstanding > 0
            and st.due_date is not None
            and st.due_date < today
        )
    return statements


def aged_debt(user, partnership, today):
    """The issued invoices still owed to the host, those the user may see, by council and by how long since
    issue (finance.ageing's buckets): {"councils": [{council, buckets: {bucket: Decimal}, total,
    invoices: [statement]}], "totals": {bucket: Decimal}, "total"}. One query."""
    qs = (
        statements_for(user, partnership)
        .filter(status=RechargeStatement.Status.ISSUED, kind=RechargeStatement.Kind.INVOICE)
        .defer("pdf", "csv")
        .annotate(paid=paid_subquery())
    )
    by_council = {}
    for st in with_balances(list(qs), today):
        if st.outstanding <= 0 or st.issue_date is None:
            continue
        st.bucket = ageing.age_bucket(st.issue_date, today)
        st.days = (today - st.issue_date).days
        row = by_council.setdefault(
            st.council.code,
            {"council": st.council, "buckets": dict.fromkeys(ageing.BUCKETS, ZERO), "invoices": []},
        )
        row["buckets"][st.bucket] += st.outstanding
        row["invoices"].append(st)
    councils = [by_council[code] for code in sorted(by_council)]
    for row in councils:
        row["total"] = sum(row["buckets"].values(), ZERO)
        row["cells"] = [row["buckets"][b] for b in ageing.BUCKETS]
        row["invoices"].sort(key=lambda s: (s.issue_date, s.number or ""))
    totals = [sum((r["buckets"][b] for r in councils), ZERO) for b in ageing.BUCKETS]
    return {
        "councils": councils,
        "labels": [ageing.LABELS[b] for b in ageing.BUCKETS],
        "totals": totals,
        "total": sum(totals, ZERO),
        "today": today,
    }


def savings_against_costs(partnership):
    """The savings the partnership plans, each a year's saving from its financial year on, against the one-off
    costs of getting there, over every year (the Tri-borough report: £6.55m a year from 2017/18 against an
    implementation cost of £143,100). Two queries."""
    savings = list(
        SavingsTarget.objects.filter(partnership=partnership).order_by("year", "pk").values("name", "year", "target")
    )
    costs = list(
        OneOffCost.objects.filter(partnership=partnership).order_by("year", "pk").values("name", "year", "amount")
    )
    by_year = defaultdict(lambda: ZERO)
    for s in savings:
        s["year_label"] = year_label(s["year"])
        by_year[s["year"]] += s["target"]
    for c in costs:
        c["year_label"] = year_label(c["year"])
    cost_total = sum((c["amount"] for c in costs), ZERO)
    years = [{"year": y, "year_label": year_label(y), "a_year": t} for y, t in sorted(by_year.items())]
    first_full = years[-1]["a_year"] if years else ZERO
    return {
        "savings": savings,
        "costs": costs,
        "by_year": years,
        "cost_total": cost_total,
        "a_year": first_full,
        "from_label": years[-1]["year_label"] if years else "",
        # How many months of the yearly saving repay the one-off costs.
        "payback_months": ((cost_total * 12 / first_full).quantize(Decimal("0.1")) if first_full else None),
    }
