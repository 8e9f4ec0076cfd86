"""Reads of the register that pages, exports, finance and the dashboard share. Each fetches related rows in
bulk, so a page runs the same number of queries whatever the number of contracts."""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Exists, Max, OuterRef, Prefetch, Q

from governance.allocation import split
from governance.models import Council

from . import coterminus, dates
from .models import Contract, ContractShare, ExtensionOption

PENNY = Decimal("0.01")


def register(partnership):
    """The partnership's contracts with their supplier, owner, shares and options, ready to list."""
    return (
        Contract.objects.filter(partnership=partnership)
        .select_related("supplier", "owner_office")
        .prefetch_related(
            Prefetch("shares", queryset=ContractShare.objects.select_related("council")),
            Prefetch("extensions", queryset=ExtensionOption.objects.order_by("starts_on")),
        )
        .order_by("end_date", "reference")
    )


def contract_detail(partnership, pk):
    return (
        register(partnership)
        .select_related(
            "authorising_resolution__meeting__body",
            "authorising_resolution__item",
            "authorising_decision__office",
            "authorising_decision__delegation",
            "standing_orders_of",
            "threshold",
            "partnership",
        )
        .get(pk=pk)
    )


def _change_text(change):
    field = Contract._meta.get_field(change.field)
    name = str(field.verbose_name).capitalize()
    if field.is_relation:
        return f"{name} changed"
    if field.choices:
        labels = dict(field.flatchoices)
        return f"{name}: {labels.get(change.old, change.old or '—')} → {labels.get(change.new, change.new or '—')}"
    return f"{name}: {change.old if change.old not in (None, '') else '—'} → {change.new if change.new not in (None, '') else '—'}"


def contract_trail(contract):
    """The contract's recorded changes (its own, its shares' and its options'), newest first, each with who
    made it and what changed."""
    rows = []
    records = list(contract.history.select_related("history_user").order_by("history_date", "history_id"))
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [_change_text(c) for c in delta.changes if c.field != "recorded_by"]
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user.get_username() if record.history_user else "",
                "what": {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type],
                "changes": changes,
            }
        )
        previous = record
    for model, label in ((ContractShare, "Share"), (ExtensionOption, "Extension option")):
        for record in model.history.filter(contract_id=contract.pk).select_related("history_user"):
            rows.append(
                {
                    "when": record.history_date,
                    "who": record.history_user.get_username() if record.history_user else "",
                    "what": {"+": f"{label} added", "~": f"{label} changed", "-": f"{label} removed"}[
                        record.history_type
                    ],
                    "changes": [str(record.instance)]
                    if model is ExtensionOption
                    else [f"£{record.amount:,.2f}"],
                }
            )
    return sorted(rows, key=lambda r: r["when"], reverse=True)


# ---------------------------------------------------------------------------------------------------------
# Pipeline


@dataclass(frozen=True)
class Due:
    day: date
    kind: str
    horizon: int
    contract: Contract

    @property
    def label(self):
        return dates.KIND_LABELS[self.kind]


ACTIVE = [Contract.Status.PIPELINE, Contract.Status.LIVE, Contract.Status.IN_EXTENSION]


def pipeline(partnership, today, horizons=dates.HORIZONS):
    """{horizon in months: [Due]} for the contracts that end, or whose notice date or extension take-by date
    falls, within 6, 12 and 18 months of today. Each date appears once, under the first horizon it meets."""
    furthest = dates.add_months(today, max(horizons))
    # Only the contracts that can have a date within the furthest horizon, not every future one: those ending
    # by the last day a notice date within it can lead to (notice is served at most the longest notice period
    # before the end; to the end of that month, as add_months keeps a day inside its month), and those with an
    # option still to take by then. The dates themselves are checked below.
    active = Contract.objects.filter(partnership=partnership, status__in=ACTIVE)
    longest_notice = active.aggregate(months=Max("notice_months"))["months"] or 0
    last_end = dates.add_months(furthest, longest_notice)
    last_end = last_end.replace(day=calendar.monthrange(last_end.year, last_end.month)[1])
    options_due = ExtensionOption.objects.filter(
        contract=OuterRef("pk"), taken_on__isnull=True, take_by__gte=today, take_by__lte=furthest
    )
    contracts = (
        register(partnership)
        .filter(status__in=ACTIVE)
        .filter(Q(end_date__gte=today, end_date__lte=last_end) | Exists(options_due))
    )
    out = {h: [] for h in sorted(horizons)}
    for contract in contracts:
        takes = [o.take_by for o in contract.extensions.all() if o.taken_on is None]
        for day, kind in dates.milestones(contract.end_date, contract.notice_months, takes):
            horizon = dates.horizon_of(day, today, horizons)
            if horizon is not None:
                out[horizon].append(Due(day, kind, horizon, contract))
    for items in out.values():
        items.sort(key=lambda d: (d.day, d.contract.reference))
    return out


def default_pipeline_day(partnership, today, horizons=dates.HORIZONS):
    """The day the pipeline opens as at when none is asked for: today, if anything falls due within the
    furthest horizon of it; else, when every date the active contracts record is past, the day before the
    first of them (so the pipeline shows the record rather than nothing); else today. A fixed number of
    queries."""
    if any(pipeline(partnership, today, horizons).values()):
        return today
    days = []
    for contract in Contract.objects.filter(partnership=partnership, status__in=ACTIVE).prefetch_related(
        "extensions"
    ):
        takes = [o.take_by for o in contract.extensions.all() if o.taken_on is None]
        days += [day for day, _kind in dates.milestones(contract.end_date, contract.notice_months, takes)]
    if not days or max(days) >= today:
        return today
    return min(days) - timedelta(days=1)


# ---------------------------------------------------------------------------------------------------------
# Co-terminus plan


@dataclass(frozen=True)
class PlanRow:
    council: Council
    contract: Contract
    line: coterminus.PlanLine
    options: list


def coterminus_plan(partnership, target, category=None, council=None, categories=None):
    """[(council, [PlanRow])] per council party to the partnership's active contracts (of a category, or of
    any of `categories`, if given): what each contract needs to end in the target's month, with the gap in
    months."""
    contracts = register(partnership).filter(status__in=ACTIVE)
    if category:
        contracts = contracts.filter(category=category)
    if categories:
        contracts = contracts.filter(category__in=list(categories))
    by_council = defaultdict(list)
    for contract in contracts:
        options = list(contract.extensions.all())
        line = coterminus.plan_line(
            target, contract.end_date, [o.period for o in options], contract.extension_to_be_confirmed
        )
        taken = [options[i] for i in line.options_taken]
        for share in contract.shares.all():
            if council is None or share.council_id == council.pk:
                by_council[share.council].append(PlanRow(share.council, contract, line, taken))
    return [
        (c, sorted(rows, key=lambda r: (r.contract.end_date, r.contract.reference)))
        for c, rows in sorted(by_council.items(), key=lambda pair: pair[0].code)
    ]


def categories_sharing(targets, target):
    """The categories whose contracts record a co-terminus target in the month of `target`, A–Z; `targets`
    as coterminus_targets returns them."""
    return sorted({c for t, c in targets if (t.year, t.month) == (target.year, target.month)})


def default_coterminus_target(targets, day):
    """The plan's target when none is asked for: the first recorded target from `day` on, else the latest."""
    coming = [t for t, _c in targets if t >= day]
    if coming:
        return min(coming)
    return max((t for t, _c in targets), default=None)


def coterminus_targets(partnership):
    """[(target, category)] recorded on the partnership's contracts, for links to their plans."""
    return sorted(
        set(
            Contract.objects.filter(partnership=partnership, coterminus_target__isnull=False).values_list(
                "coterminus_target", "category"
            )
        )
    )


# ---------------------------------------------------------------------------------------------------------
# Costs, for finance and the CIO dashboard


def _financial_year(year):
    return date(year, 4, 1), date(year + 1, 3, 31)


def _in_year(contract, first, last):
    """The part of the annual value that falls in [first, last], by days, to the penny."""
    extensions = [o for o in contract.extensions.all() if o.taken_on is not None]
    end = dates.furthest_end(contract.end_date, [o.period for o in extensions])
    start, stop = max(contract.start_date, first), min(end, last)
    if stop < start:
        return Decimal("0.00")
    days_in_year = (last - first).days + 1
    return (contract.annual_value * ((stop - start).days + 1) / days_in_year).quantize(PENNY)


def contract_costs(partnership, year, council=None, funding_line=None):
    """The partnership's contract costs in the financial year starting 1 April `year`, as
    {(council code, funding line): Decimal}: each contract's annual value for the days it runs in the year
    (taken extensions included), shared between its councils in proportion to their shares of the total
    value. Each contract's in-year cost is split to the penny by governance.allocation's rule: the parts sum to it exactly.
    Pipeline, expired and terminated contracts cost nothing in the figures."""
    first, last = _financial_year(year)
    contracts = register(partnership).filter(
        status__in=[Contract.Status.LIVE, Contract.Status.IN_EXTENSION], start_date__lte=last
    )
    if funding_line:
        contracts = contracts.filter(funding_line=funding_line)
    totals = defaultdict(lambda: Decimal("0.00"))
    for contract in contracts:
        cost = _in_year(contract, first, last)
        shares = list(contract.shares.all())
        whole = sum((s.amount for s in shares), Decimal("0"))
        if not cost or not whole:
            continue
        # governance.allocation's rule: pence cut towards zero, the pence left to the largest remainders.
        parts = split(cost, {share.council.code: share.amount for share in shares})
        for share in shares:
            if council is None or share.council_id == council.pk:
                totals[(share.council.code, contract.funding_line)] += parts[share.council.code]
    return dict(totals)


def first_and_last_of_quarter(year, quarter):
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end = dates.add_months(start, 3) - timedelta(days=1)
    return start, end


# ---------------------------------------------------------------------------------------------------------
# The CIO dashboard


def for_council(dues, council):
    """The pipeline's items (Due) for the contracts a council is party to (shares prefetched)."""
    if council is None:
        return list(dues)
    return [d for d in dues if any(s.council_id == council.pk for s in d.contract.shares.all())]


def coterminus_gaps(partnership, council=None):
    """[PlanRow] of the active contracts that carry a co-terminus target and do not yet meet it (they need
    extending beyond their options, re-letting, confirming or ending early), one row per council party to
    each, in one pass over the register: the gaps of every co-terminus plan at once."""
    rows = []
    for contract in register(partnership).filter(status__in=ACTIVE, coterminus_target__isnull=False):
        options = list(contract.extensions.all())
        line = coterminus.plan_line(
            contract.coterminus_target,
            contract.end_date,
            [o.period for o in options],
            contract.extension_to_be_confirmed,
        )
        if line.action in (coterminus.ALIGNED, coterminus.EXTEND):
            continue
        taken = [options[i] for i in line.options_taken]
        for share in contract.shares.all():
            if council is None or share.council_id == council.pk:
                rows.append(PlanRow(share.council, contract, line, taken))
    return sorted(rows, key=lambda r: (r.council.code, r.contract.end_date, r.contract.reference))


def contract_costs_by_contract(partnership, year):
    """Each contract costing anything in the financial year starting 1 April `year`, with its in-year cost
    split between its councils as contract_costs splits it: [(contract, {council code: Decimal})], by
    reference. The same contracts and rule as contract_costs, so the two always agree."""
    first, last = _financial_year(year)
    contracts = register(partnership).filter(
        status__in=[Contract.Status.LIVE, Contract.Status.IN_EXTENSION], start_date__lte=last
    )
    rows = []
    for contract in contracts:
        cost = _in_year(contract, first, last)
        shares = list(contract.shares.all())
        if not cost or not sum((s.amount for s in shares), Decimal("0")):
            continue
        rows.append((contract, split(cost, {share.council.code: share.amount for share in shares})))
    return sorted(rows, key=lambda row: row[0].reference)
