"""Writes for suppliers and contracts, the award checks, and the CSV import. Each write is atomic, calls
full_clean() and raises a ValidationError whose message is one of the constants below (tests check them).

The award checks call governance's delegation rules and services (the Joint Committee's routing, each
council's key-decision threshold, Haringey's parallel decision, an officer decision's own checks); they are
never copied here."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from governance.acting import records_user
from governance.audit.versions import UNCHECKED, check_version
from governance.delegations import decision_rules as R
from governance.delegations import services as D
from governance.models import Council, DecisionRule, ForwardPlanEntry, Subject
from governance.parsing import is_digits, parse_int

from . import dates, thresholds
from .models import FUNDING_LINES, Contract, ContractShare, ExtensionOption, ProcurementThreshold, Supplier

SHARES_DO_NOT_ADD_UP = "Each council’s share must add up exactly to the total value of the contract."
SHARE_COUNCIL_NOT_MEMBER = "A share can belong only to a council of the partnership."
NO_SHARES = "Give at least one council’s share of the value."
EXTENSION_OVERLAPS = "Extension options cannot overlap: each must start after the one before it ends."
EXTENSION_BEFORE_END = "An extension option must start after the contract’s end date."
DECISION_OF_ANOTHER_PARTNERSHIP = "The authorising decision must be one of this partnership’s."
DECISION_AFTER_AWARD = (
    "The authorising decision is dated after the award: a contract is awarded after it is authorised."
)
AWARD_NEEDS_DATE = "Enter the award date."
AWARD_FAILS_CHECKS = "The award fails one or more checks and stays a draft: see the list."
ALREADY_AWARDED = "This contract has been awarded."
DUPLICATE_REFERENCE = "A contract with this reference is already in the register."

AUTHORISING_SUBJECTS = {Subject.CONTRACT_AWARD, Subject.CONTRACT_EXTENSION}

# The contract's own fields that contract_save takes (the edit form shows these, in this order).
CONTRACT_FIELDS = [
    "reference",
    "title",
    "description",
    "category",
    "department",
    "supplier",
    "contract_type",
    "total_value",
    "annual_value",
    "capital_value",
    "vat_not_recoverable",
    "start_date",
    "end_date",
    "review_date",
    "notice_months",
    "extension_to_be_confirmed",
    "route",
    "framework_name",
    "framework_lot",
    "framework_suppliers",
    "route_justification",
    "invitation",
    "standing_orders_of",
    "status",
    "owner_office",
    "funding_line",
    "coterminus_target",
    "award",
    "awarded_on",
    "authorising_resolution",
    "authorising_decision",
    "notes",
]


# ---------------------------------------------------------------------------------------------------------
# Thresholds


def threshold_on(kind, day):
    """The public procurement threshold for that kind of contract in force on day, or None."""
    return (
        ProcurementThreshold.objects.filter(kind=kind, effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from")
        .first()
    )


def threshold_day(contract):
    """The date whose threshold applies: the award date, else the start date."""
    return contract.awarded_on or contract.start_date


# ---------------------------------------------------------------------------------------------------------
# The award checks


def _decision_date(contract):
    if contract.authorising_decision_id:
        return contract.authorising_decision.decided_on
    if contract.authorising_resolution_id:
        return contract.authorising_resolution.meeting.date
    return None


def _decision_partnership_id(contract):
    if contract.authorising_decision_id:
        return contract.authorising_decision.partnership_id
    if contract.authorising_resolution_id:
        return contract.authorising_resolution.meeting.body.partnership_id
    return None


def award_record_facts(contract):
    """What the record of the award says, which the contract reads rather than keeps its own copy of: an
    officer decision gives the date, the value (and its capital part) and each council's share
    [(council, amount)]; a committee resolution the date. ({}, None) when no record is cited."""
    if contract.authorising_decision_id:
        decision = contract.authorising_decision
        shares = [(s.council, s.amount) for s in decision.shares.select_related("council") if s.amount]
        facts = {
            "awarded_on": decision.decided_on,
            "total_value": decision.value,
            "capital_value": decision.capital_value,
        }
        return facts, shares
    if contract.authorising_resolution_id:
        return {"awarded_on": contract.authorising_resolution.meeting.date}, None
    return {}, None


def _read_award_record(contract, shares):
    """An awarded contract's award facts and shares, taken from the record it cites. A draft keeps its own
    planned figures, which the award checks hold against the decision (does it cover the value?)."""
    if contract.award != Contract.Award.AWARDED:
        return shares
    facts, record_shares = award_record_facts(contract)
    for name, value in facts.items():
        setattr(contract, name, value)
    return record_shares if record_shares is not None else shares


def _who_decides(contract, rule, capital_bound, reserved, resolution_cited):
    """The routing check as a sentence: the award's value, the bound, and so who decides."""
    who = rule.decision_maker or "the committee"
    value = f"The award, {R.pounds(contract.revenue_value)} revenue and {R.pounds(contract.capital_value)} capital,"
    bound = f"{R.pounds(rule.amount)} revenue or {R.pounds(capital_bound)} capital"
    if reserved:
        over = "reaches" if rule.inclusive else "is over"
        text = f"{value} {over} {bound}, so {who} decides" + (
            ": its resolution is cited." if resolution_cited else ": an officer cannot authorise this award."
        )
        return R.CheckResult("Who decides", resolution_cited, text)
    under = "is below" if rule.inclusive else "is within"
    text = f"{value} {under} {bound}, above which {who} decides, so an officer may decide under a delegation."
    return R.CheckResult("Who decides", True, text)


def award_checks(contract, *, shares=None, rules=None, threshold=False):
    """Every check of a contract award, as [CheckResult(name, passed, message)] in the order shown.

    shares: [(council, amount)], by default the saved ones. A failed check keeps the award a draft."""
    day = threshold_day(contract)
    if shares is None:
        shares = [(s.council, s.amount) for s in contract.shares.all()]
    share_rows = [(council, Decimal(amount), 0) for council, amount in shares]
    if rules is None:
        rules = D.rules_in_force(contract.partnership, day)
    if threshold is False:
        threshold = threshold_on(contract.contract_type, day)
    decision, resolution = contract.authorising_decision, contract.authorising_resolution
    checks = []

    if decision is None and resolution is None:
        checks.append(
            R.CheckResult(
                "Authorising decision",
                False,
                "No decision is cited: cite the committee resolution, or the officer decision taken under a "
                "delegation, that authorises the award.",
            )
        )
    elif resolution is not None:
        meeting = resolution.meeting
        checks.append(
            R.CheckResult(
                "Authorising decision",
                True,
                f"Resolved by the {meeting.body.name} on {meeting.date:%-d %B %Y} ({resolution.item.title}).",
            )
        )
    else:
        checks.append(
            R.CheckResult(
                "Authorising decision",
                decision.is_taken,
                f"Officer decision “{decision.title}” by the {decision.office.name}, {decision.decided_on:%-d %B %Y}"
                + (", taken and published." if decision.is_taken else ": still a draft, not yet taken."),
            )
        )
    decided = _decision_date(contract)
    if decided is not None:
        same = _decision_partnership_id(contract) == contract.partnership_id
        before = contract.awarded_on is None or decided <= contract.awarded_on
        checks.append(
            R.CheckResult(
                "Decision of this partnership, before the award",
                same and before,
                ("It is this partnership’s decision" if same else "It is another partnership’s decision")
                + f", dated {decided:%-d %B %Y}"
                + (
                    f"; the award is dated {contract.awarded_on:%-d %B %Y}."
                    if contract.awarded_on
                    else "; no award date yet."
                ),
            )
        )

    # The partnership's routing rule (Joint Committee above £2m revenue or £5m capital).
    for rule in rules:
        if rule.kind != DecisionRule.Kind.ROUTING:
            continue
        capital_bound = rule.capital_amount if rule.capital_amount is not None else rule.amount
        reserved = R.goes_to_committee(
            contract.revenue_value, contract.capital_value, rule.amount, capital_bound, rule.inclusive
        )
        checks.append(_who_decides(contract, rule, capital_bound, reserved, resolution is not None))

    if decision is not None:
        in_scope = decision.subject in AUTHORISING_SUBJECTS
        checks.append(
            R.CheckResult(
                "Decision is about an award",
                in_scope,
                f"The officer decision’s subject is {decision.get_subject_display().lower()}.",
            )
        )
        covers = contract.total_value <= decision.value
        checks.append(
            R.CheckResult(
                "Decision covers the value",
                covers,
                f"The contract’s total value {R.pounds(contract.total_value)} is "
                + ("within" if covers else "more than")
                + f" the {R.pounds(decision.value)} the decision authorised.",
            )
        )
        own = D.failures(D.decision_checks(decision))
        checks.append(
            R.CheckResult(
                "Officer decision’s own checks",
                not own,
                "Every check of the officer decision passes (its delegation covers it)."
                if not own
                else "The officer decision fails: " + "; ".join(f"{c.name}: {c.message}" for c in own),
            )
        )
        recorded = {p.council_id: p for p in decision.parallel_decisions.all()}
        for rule, council, amount in D.parallel_rules_triggered(share_rows, rules):
            parallel = recorded.get(council.pk)
            done = parallel is not None and parallel.is_recorded
            checks.append(
                R.CheckResult(
                    f"Parallel decision: {council.name}",
                    done,
                    f"{council.name}’s share of {R.pounds(amount)} reaches {rule.bound_text}: "
                    + (
                        f"taken by {parallel.decision_maker or rule.decision_maker} on {parallel.decided_on:%-d %B %Y}."
                        if done
                        else f"{rule.decision_maker or 'the council'} must take a parallel decision; none is recorded."
                    ),
                )
            )

    # Each council's share against its key-decision threshold.
    keys = D.key_councils(share_rows, rules)
    checks.append(
        R.CheckResult(
            "Key decision",
            True,
            "Key decision for " + "; ".join(f"{c.name}: {why}" for c, why in keys) + "."
            if keys
            else "No council’s share reaches its key-decision threshold.",
        )
    )
    if keys and (decision is not None or resolution is not None):
        if decision is not None:
            entries = [decision.forward_plan_entry] if decision.forward_plan_entry_id else []
        else:
            entries = list(
                ForwardPlanEntry.objects.filter(agenda_item=resolution.item).prefetch_related("councils")
            )
        named = {c.pk for e in entries for c in e.councils.all()}
        missing = [c.name for c, _ in keys if c.pk not in named]
        decided_on = _decision_date(contract)
        given = [e for e in entries if R.notice_given(e.published_on, decided_on) or e.urgency]
        if not entries:
            passed, text = (
                False,
                f"A key decision needs a forward plan notice {R.FORWARD_PLAN_CLEAR_DAYS} clear days before it; none is linked.",
            )
        elif missing:
            passed, text = (
                False,
                f"The forward plan notice does not name {', '.join(missing)}, for which it is key.",
            )
        elif not given:
            passed, text = (
                False,
                f"The notice gave fewer than {R.FORWARD_PLAN_CLEAR_DAYS} clear days and no urgency is recorded.",
            )
        else:
            passed, text = True, f"Notice {given[0].reference} published {given[0].published_on:%-d %B %Y}."
        checks.append(R.CheckResult("Forward plan notice", passed, text))

    # The public procurement threshold in force on the date.
    if threshold is None:
        checks.append(
            R.CheckResult("Procurement threshold", True, f"No threshold is recorded for {day:%-d %B %Y}.")
        )
    else:
        over = thresholds.reaches_threshold(contract.total_value, threshold.amount, threshold.vat_inclusive)
        basis = " (value with VAT)" if threshold.vat_inclusive else ""
        text = (
            f"{R.pounds(contract.total_value)}{basis} against the {threshold.get_kind_display().lower()} threshold "
            f"of {R.pounds(threshold.amount)} in force on {day:%-d %B %Y} ({threshold.regime}): "
        )
        if not over:
            checks.append(R.CheckResult("Procurement threshold", True, text + "below it."))
        elif contract.route == Contract.Route.SINGLE_SOURCE and not contract.route_justification.strip():
            checks.append(
                R.CheckResult(
                    "Procurement threshold",
                    False,
                    text
                    + "a regulated procedure is needed; a single-source award needs its grounds recorded.",
                )
            )
        else:
            checks.append(
                R.CheckResult(
                    "Procurement threshold",
                    True,
                    text + f"a regulated procedure is needed; the route is {contract.route_text}.",
                )
            )
    return checks


# ---------------------------------------------------------------------------------------------------------
# Saving contracts


def _validate(contract, partnership, shares, extensions):
    """Errors {field: message} for a contract with its shares [(council, amount)] and extension options
    [ExtensionOption]; empty when it can be saved."""
    errors = {}
    try:
        contract.full_clean(exclude=["partnership"], validate_unique=False)
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            errors.setdefault(key, messages[0] if len(messages) == 1 else messages)
    if not shares:
        errors["shares"] = NO_SHARES
    elif contract.total_value is not None and not R.shares_add_up(
        contract.total_value, [a for _, a in shares]
    ):
        errors["shares"] = SHARES_DO_NOT_ADD_UP
    members = {m.council_id for m in partnership.memberships.all()}
    if any(c.pk not in members for c, _ in shares):
        errors["shares"] = SHARE_COUNCIL_NOT_MEMBER
    for option in extensions:
        try:
            option.full_clean(exclude=["contract"])
        except ValidationError as error:
            errors.setdefault("extensions", "; ".join(m for ms in error.message_dict.values() for m in ms))
    good = [o for o in extensions if o.starts_on and o.months]
    if contract.end_date and any(o.starts_on <= contract.end_date for o in good):
        errors.setdefault("extensions", EXTENSION_BEFORE_END)
    if dates.overlapping([o.period for o in good]):
        errors.setdefault("extensions", EXTENSION_OVERLAPS)
    decision_partnership = _decision_partnership_id(contract)
    if decision_partnership is not None and decision_partnership != partnership.pk:
        errors["authorising_decision"] = DECISION_OF_ANOTHER_PARTNERSHIP
    decided = _decision_date(contract)
    if decided is not None and contract.awarded_on is not None and decided > contract.awarded_on:
        errors["awarded_on"] = DECISION_AFTER_AWARD
    if contract.reference and (
        Contract.objects.filter(partnership=partnership, reference=contract.reference)
        .exclude(pk=contract.pk)
        .exists()
    ):
        errors["reference"] = DUPLICATE_REFERENCE
    return errors


def _apply_thresholds(contract):
    threshold = threshold_on(contract.contract_type, threshold_day(contract))
    contract.threshold = threshold
    contract.needs_regulated_procedure = bool(
        threshold
        and thresholds.reaches_threshold(contract.total_value, threshold.amount, threshold.vat_inclusive)
    )


@records_user
@transaction.atomic
def contract_save(*, partnership, by, shares, extensions=(), existing=None, version=UNCHECKED, **fields):
    """Creates or updates a contract with each council's share [(council, amount)] and its extension options
    [(starts_on, months, take_by, taken_on)]. Refuses (nothing saved) bad input with a message per field. An
    awarded contract stays awarded only while every award check still passes. Returns (contract, checks).
    version: the contract's latest history id as the edit form read it (governance/audit/versions.py; a save
    of the contract, its shares or options included, moves it); missing or stale, the edit is refused, the
    StaleRecord naming the other person's changes. Code callers pass UNCHECKED (the default)."""
    if existing is not None:
        contract = Contract.objects.select_for_update().get(pk=existing.pk)
        if version is not UNCHECKED:
            check_version(contract, version)
    else:
        contract = Contract(partnership=partnership)
    for name, value in fields.items():
        setattr(contract, name, value)
    contract.partnership = partnership
    shares = [(council, Decimal(amount)) for council, amount in shares]
    # One record of the award: once awarded, a contract citing its officer decision (or committee resolution)
    # has the decision's value, shares and date, whatever the form sent.
    if _decision_partnership_id(contract) in (None, partnership.pk):
        shares = _read_award_record(contract, shares)
    options = [
        ExtensionOption(starts_on=s, months=m, take_by=t, taken_on=(o[0] if o else None))
        for s, m, t, *o in extensions
    ]
    errors = _validate(contract, partnership, shares, options)
    if errors:
        raise ValidationError(errors)
    _apply_thresholds(contract)
    checks = award_checks(contract, shares=shares)
    if contract.award == Contract.Award.AWARDED and D.failures(checks):
        error = ValidationError(AWARD_FAILS_CHECKS, code="checks")
        error.checks = checks
        raise error
    contract.recorded_by = by
    contract.save()
    _save_shares(contract, shares)
    kept = {(o.starts_on, o.months, o.take_by, o.taken_on) for o in options}
    for option in contract.extensions.all():
        key = (option.starts_on, option.months, option.take_by, option.taken_on)
        if key in kept:
            kept.discard(key)
        else:
            option.delete()
    for starts_on, months, take_by, taken_on in sorted(kept):
        option = ExtensionOption(
            contract=contract, starts_on=starts_on, months=months, take_by=take_by, taken_on=taken_on
        )
        option.full_clean()
        option.save()
    return contract, checks


def _save_shares(contract, shares):
    existing_shares = {s.council_id: s for s in contract.shares.all()}
    for council, amount in shares:
        share = existing_shares.pop(council.pk, None) or ContractShare(contract=contract, council=council)
        if share.pk is None or share.amount != amount:
            share.amount = amount
            share.full_clean()
            share.save()
    for share in existing_shares.values():
        share.delete()


@records_user
@transaction.atomic
def contract_award(*, contract, by, awarded_on=None):
    """Records the award, if every check passes; otherwise the award stays a draft and the error carries the
    checks (which rule failed, and why). The checks hold the contract's planned value and shares against
    the decision cited; once awarded, the contract reads the award from that record: its date, and for an
    officer decision its value and each council's share. awarded_on is needed only where no record is cited
    (given with one, it may not be before the decision)."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.award != Contract.Award.DRAFT:
        raise ValidationError(ALREADY_AWARDED)
    facts, record_shares = award_record_facts(contract)
    record_day = facts.pop("awarded_on", None)
    awarded_on = awarded_on or record_day
    if awarded_on is None:
        raise ValidationError({"awarded_on": AWARD_NEEDS_DATE})
    contract.awarded_on = awarded_on
    shares = [(s.council, s.amount) for s in contract.shares.select_related("council")]
    errors = _validate(contract, contract.partnership, shares, list(contract.extensions.all()))
    if errors:
        raise ValidationError(errors)
    _apply_thresholds(contract)
    checks = award_checks(contract)
    if D.failures(checks):
        error = ValidationError(AWARD_FAILS_CHECKS, code="checks")
        error.checks = checks
        raise error
    # The award is the record: the contract reads its date, value and shares from the decision.
    contract.awarded_on = record_day or awarded_on
    for name, value in facts.items():
        setattr(contract, name, value)
    if record_shares is not None:
        _save_shares(contract, record_shares)
    _apply_thresholds(contract)
    contract.award = Contract.Award.AWARDED
    if contract.status == Contract.Status.PIPELINE:
        contract.status = Contract.Status.LIVE
    contract.recorded_by = by
    contract.full_clean()
    contract.save()
    return contract


SUPPLIER_FIELDS = ["name", "company_number", "charity_number", "address", "is_sme", "is_vcs"]


@records_user
@transaction.atomic
def supplier_save(*, by, existing=None, **fields):
    supplier = existing or Supplier()
    for name, value in fields.items():
        setattr(supplier, name, value)
    supplier.full_clean()
    supplier.save()
    return supplier


# ---------------------------------------------------------------------------------------------------------
# CSV import and export (the same columns, so an export imports)

COLUMNS = [
    "reference",
    "title",
    "category",
    "supplier",
    "supplier_company_number",
    "supplier_sme",
    "supplier_vcs",
    "department",
    "description",
    "total_value",
    "annual_value",
    "capital_value",
    "start_date",
    "end_date",
    "notice_months",
    "route",
    "framework_name",
    "framework_lot",
    "status",
    "award",
    "funding_line",
    "shares",
    "extensions",
]
SHARES_HELP = "council code and amount pairs: LBC:1000.00;LBH:500.00"
EXTENSIONS_HELP = "start:months:take-by triples: 2019-07-10:12:2019-01-09;…"

ERROR_HEADER = "The header row must be: " + ",".join(COLUMNS) + "."
ERROR_EMPTY = "The file has no contracts."
ERROR_AMOUNT = "{column}: “{value}” is not an amount in pounds and pence."
ERROR_DATE = "{column}: “{value}” is not a date like 2018-03-31."
ERROR_CHOICE = "{column}: “{value}” is not one of {choices}."
ERROR_SHARES = "shares: give " + SHARES_HELP + "."
ERROR_UNKNOWN_COUNCIL = "shares: no council has the code “{code}”."
ERROR_EXTENSIONS = "extensions: give " + EXTENSIONS_HELP
ERROR_FLAG = "{column}: give yes or no."
ERROR_NUMBER = "{column}: “{value}” is not a whole number."
# The longest notice period an import takes (20 years): notice dates are counted back from end dates.
MAX_NOTICE_MONTHS = 240
ERROR_REPEATED = "The reference {reference} appears twice in the file."


class ImportRejected(ValueError):
    """A file with any bad row imports nothing; errors are (row number, reason), the header being row 1."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"row {n}: {reason}" for n, reason in errors))


@dataclass
class ImportResult:
    created: list = field(default_factory=list)

    def summary(self):
        return f"{len(self.created)} contracts added"


def _amount(row, column, problems, default=None):
    text = (row.get(column) or "").strip().replace("£", "").replace(",", "")
    if not text and default is not None:
        return default
    try:
        value = Decimal(text)
        if not value.is_finite() or value != value.quantize(Decimal("0.01")):
            raise InvalidOperation
        return value.quantize(Decimal("0.01"))
    except InvalidOperation:
        problems.append(ERROR_AMOUNT.format(column=column, value=row.get(column, "")))
        return None


def _date(text, column, problems, required=True):
    text = (text or "").strip()
    if not text and not required:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(ERROR_DATE.format(column=column, value=text))
        return None


def _choice(row, column, choices, problems, default=None):
    value = (row.get(column) or "").strip() or default
    if value not in dict(choices):
        problems.append(
            ERROR_CHOICE.format(column=column, value=value or "", choices=", ".join(dict(choices)))
        )
        return None
    return value


def _flag(row, column, problems):
    value = (row.get(column) or "").strip().lower()
    if value in ("", "no", "n", "false", "0"):
        return False
    if value in ("yes", "y", "true", "1"):
        return True
    problems.append(ERROR_FLAG.format(column=column))
    return False


def _parse_row(row, councils, problems):
    """(fields, supplier fields, shares, extensions) from one CSV row; problems gathers what is wrong."""
    fields = {
        "reference": (row.get("reference") or "").strip(),
        "title": (row.get("title") or "").strip(),
        "category": _choice(row, "category", Contract.Category.choices, problems),
        "department": (row.get("department") or "").strip() or "Shared Digital",
        "description": (row.get("description") or "").strip(),
        "total_value": _amount(row, "total_value", problems),
        "annual_value": _amount(row, "annual_value", problems),
        "capital_value": _amount(row, "capital_value", problems, default=Decimal("0.00")),
        "start_date": _date(row.get("start_date"), "start_date", problems),
        "end_date": _date(row.get("end_date"), "end_date", problems),
        "route": _choice(row, "route", Contract.Route.choices, problems),
        "framework_name": (row.get("framework_name") or "").strip(),
        "framework_lot": (row.get("framework_lot") or "").strip(),
        "status": _choice(row, "status", Contract.Status.choices, problems, default="pipeline"),
        "award": _choice(
            row, "award", [c for c in Contract.Award.choices if c[0] != "awarded"], problems, default="draft"
        ),
        "funding_line": _choice(row, "funding_line", FUNDING_LINES, problems, default="bau_non_staff"),
    }
    notice = (row.get("notice_months") or "").strip() or "0"
    try:
        # At most MAX_NOTICE_MONTHS: the notice date is counted back from the end date.
        fields["notice_months"] = parse_int(notice, maximum=MAX_NOTICE_MONTHS)
    except ValueError:
        problems.append(ERROR_NUMBER.format(column="notice_months", value=notice[:40]))
    supplier = {
        "name": (row.get("supplier") or "").strip(),
        "company_number": (row.get("supplier_company_number") or "").strip(),
        "is_sme": _flag(row, "supplier_sme", problems),
        "is_vcs": _flag(row, "supplier_vcs", problems),
    }
    shares = []
    for part in filter(None, (p.strip() for p in (row.get("shares") or "").split(";"))):
        code, _, amount = part.partition(":")
        council = councils.get(code.strip())
        if not amount:
            problems.append(ERROR_SHARES)
            continue
        if council is None:
            problems.append(ERROR_UNKNOWN_COUNCIL.format(code=code.strip()))
            continue
        value = _amount({"shares": amount}, "shares", problems)
        if value is not None:
            shares.append((council, value))
    extensions = []
    for part in filter(None, (p.strip() for p in (row.get("extensions") or "").split(";"))):
        bits = part.split(":")
        if len(bits) != 3 or not is_digits(bits[1].strip()) or len(bits[1].strip()) > 3:
            problems.append(ERROR_EXTENSIONS)
            continue
        starts = _date(bits[0], "extensions", problems)
        take_by = _date(bits[2], "extensions", problems)
        if starts and take_by:
            extensions.append((starts, int(bits[1]), take_by))
    return fields, supplier, shares, extensions


def _messages(errors):
    out = []
    for key, value in errors.items():
        for message in value if isinstance(value, list) else [value]:
            out.append(message if key in ("__all__", "shares", "extensions") else f"{key}: {message}")
    return out


@records_user
@transaction.atomic
def contracts_import(*, partnership, text, by):
    """Adds the contracts of a CSV file (columns as COLUMNS) to the partnership's register: every row is
    checked first, and any bad row means nothing is imported (ImportRejected lists each by number)."""
    reader = csv.DictReader(io.StringIO(text))
    if [h.strip() for h in (reader.fieldnames or [])] != COLUMNS:
        raise ImportRejected([(1, ERROR_HEADER)])
    councils = {c.code: c for c in Council.objects.all()}
    suppliers = {s.name: s for s in Supplier.objects.all()}
    rows, errors, seen = [], [], set()
    for number, row in enumerate(reader, start=2):
        problems = []
        fields, supplier, shares, extensions = _parse_row(row, councils, problems)
        if fields["reference"] in seen:
            problems.append(ERROR_REPEATED.format(reference=fields["reference"]))
        seen.add(fields["reference"])
        if not problems:
            contract = Contract(partnership=partnership, **fields)
            contract.supplier = suppliers.get(supplier["name"])
            options = [ExtensionOption(starts_on=s, months=m, take_by=t) for s, m, t in extensions]
            found = _validate(contract, partnership, shares, options)
            found.pop("supplier", None)
            problems += _messages(found)
        if problems:
            errors += [(number, p) for p in problems]
        else:
            rows.append((fields, supplier, shares, extensions))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([(2, ERROR_EMPTY)])
    result = ImportResult()
    for fields, supplier_fields, shares, extensions in rows:
        supplier = None
        if supplier_fields["name"]:
            supplier = suppliers.get(supplier_fields["name"])
            if supplier is None:
                supplier = supplier_save(by=by, **supplier_fields)
                suppliers[supplier.name] = supplier
        contract, _ = contract_save(
            partnership=partnership, by=by, shares=shares, extensions=extensions, supplier=supplier, **fields
        )
        result.created.append(contract)
    return result
