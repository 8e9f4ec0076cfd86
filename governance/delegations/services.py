"""Writes for delegations, officer decisions, parallel decisions and the forward plan, and the checks that
run on every save. Each write is atomic, calls full_clean() and raises a ValidationError whose message is
one of the constants below (tests check them)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from governance.acting import records_user
from governance.audit.versions import UNCHECKED, check_version
from governance.committees.models import Meeting
from governance.partners.public_cache import announce_published, changes_public

from . import decision_rules as R
from .models import (
    DecisionRule,
    DecisionShare,
    Delegation,
    ForwardPlanEntry,
    OfficerDecision,
    ParallelDecision,
    Subject,
)

SHARES_DO_NOT_ADD_UP = "Each council’s contribution must add up exactly to the value of the decision."
DATED_BEFORE_DELEGATION = "The decision is dated before the delegation it relies on came into force."
DELEGATION_OF_ANOTHER_PARTNERSHIP = "Choose a delegation of this partnership."
SHARE_COUNCIL_NOT_MEMBER = "A contribution can come only from a council of the partnership."
DECISION_FAILS_CHECKS = (
    "This decision fails one or more checks and cannot be recorded as taken: see the list."
)
ALREADY_TAKEN = "This decision has been taken and published: it can no longer change."
PARALLEL_NEEDS_DATE = "Enter the date of the council’s decision."
PARALLEL_NOT_REQUIRED = "That council’s parallel decision is not required for this decision."

PROCUREMENT_SUBJECTS = {Subject.PROCUREMENT_STRATEGY, Subject.CONTRACT_AWARD, Subject.CONTRACT_EXTENSION}


def rules_in_force(partnership, day):
    """The partnership's and its councils' rules in force on day, with their councils."""
    return list(
        DecisionRule.objects.filter(partnership=partnership, effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .select_related("council")
        .order_by("kind", "council__code")
    )


def key_councils(shares, rules):
    """[(council, reason)] for each council that sees the decision as key, given [(council, amount, wards)]."""
    by_council = {s[0].pk: s for s in shares}
    result = []
    for rule in rules:
        if rule.kind != DecisionRule.Kind.KEY_DECISION or rule.council_id not in by_council:
            continue
        council, amount, wards = by_council[rule.council_id]
        if R.reaches(amount, rule.amount, rule.inclusive):
            result.append(
                (council, f"its share of {R.pounds(amount)} reaches its threshold ({rule.bound_text})")
            )
        elif R.is_key_for(amount, rule.amount, rule.inclusive, wards, rule.wards):
            result.append((council, f"it significantly affects {wards} of its wards"))
    return result


def parallel_rules_triggered(shares, rules):
    """[(rule, council, amount)] for each council whose own parallel decision the shares call for."""
    by_council = {s[0].pk: s for s in shares}
    out = []
    for rule in rules:
        if rule.kind == DecisionRule.Kind.PARALLEL_DECISION and rule.council_id in by_council:
            council, amount, _wards = by_council[rule.council_id]
            if R.reaches(amount, rule.amount, rule.inclusive):
                out.append((rule, council, amount))
    return out


def decision_checks(decision, *, shares=None, rules=None, parallels=None):
    """Every check of an officer decision, as [CheckResult(name, passed, message)], in the order shown."""
    day = decision.decided_on
    delegation = decision.delegation
    if shares is None:
        shares = [(s.council, s.amount, s.wards) for s in decision.shares.select_related("council")]
    if rules is None:
        rules = rules_in_force(decision.partnership, day)
    if parallels is None:
        parallels = {p.council_id: p for p in decision.parallel_decisions.all()} if decision.pk else {}
    checks = []

    ends = delegation.ends_on
    checks.append(
        R.CheckResult(
            "Delegation in force",
            delegation.in_force_on(day),
            f"“{delegation}” is in force from {delegation.effective_from:%-d %B %Y}"
            + (f" to {ends:%-d %B %Y}" if ends else "")
            + (f"; it was revoked on {delegation.revoked_on:%-d %B %Y}" if delegation.revoked_on else "")
            + f". The decision is dated {day:%-d %B %Y}.",
        )
    )
    if delegation.to_office_id:
        checks.append(
            R.CheckResult(
                "Decision maker holds the delegation",
                delegation.to_office_id == decision.office_id,
                f"The delegation is to the {delegation.to_office.name}; the decision is taken by the "
                f"{decision.office.name}.",
            )
        )
    in_scope = decision.subject in delegation.subjects
    checks.append(
        R.CheckResult(
            "Subject within the delegation",
            in_scope,
            f"{decision.get_subject_display()} is "
            + ("" if in_scope else "not ")
            + f"among the subjects delegated ({', '.join(delegation.subject_labels)}).",
        )
    )
    limit = delegation.financial_limit
    if limit is None:
        checks.append(
            R.CheckResult("Value within the limit", True, "The delegation sets no financial limit.")
        )
    else:
        checks.append(
            R.CheckResult(
                "Value within the limit",
                decision.value <= limit,
                f"The value {R.pounds(decision.value)} is "
                + ("within" if decision.value <= limit else "over")
                + f" the delegation’s limit of {R.pounds(limit)}.",
            )
        )
    for rule in rules:
        if rule.kind != DecisionRule.Kind.ROUTING or decision.subject not in PROCUREMENT_SUBJECTS:
            continue
        capital_bound = rule.capital_amount if rule.capital_amount is not None else rule.amount
        reserved = R.goes_to_committee(
            decision.revenue_value, decision.capital_value, rule.amount, capital_bound, rule.inclusive
        )
        checks.append(
            R.CheckResult(
                "Not reserved to the committee",
                not reserved,
                f"{R.pounds(decision.revenue_value)} revenue and {R.pounds(decision.capital_value)} capital: "
                + (
                    f"{rule.decision_maker or 'the committee'} decides above {rule.bound_text}."
                    if reserved
                    else f"at or below {rule.bound_text}, an officer may decide."
                ),
            )
        )
    keys = key_councils(shares, rules)
    if keys:
        message = "Key decision for " + "; ".join(f"{c.name}: {why}" for c, why in keys) + "."
    else:
        message = "No council sees this as a key decision."
    checks.append(R.CheckResult("Key decision", True, message))
    if keys:
        entry = decision.forward_plan_entry
        if entry is None:
            checks.append(
                R.CheckResult(
                    "Forward plan notice",
                    False,
                    f"A key decision needs a forward plan notice published at least {R.FORWARD_PLAN_CLEAR_DAYS} "
                    f"clear days before ({R.latest_notice_date(day):%-d %B %Y} at the latest); none is linked.",
                )
            )
        else:
            given = R.notice_given(entry.published_on, day)
            clear = R.clear_days(entry.published_on, day)
            named = {c.pk for c in entry.councils.all()}
            missing = [c.name for c, _ in keys if c.pk not in named]
            if missing:
                passed, text = (
                    False,
                    f"Notice {entry.reference} does not name {', '.join(missing)}, for which it is key.",
                )
            elif given:
                passed, text = (
                    True,
                    f"Notice {entry.reference} published {entry.published_on:%-d %B %Y}: {clear} clear days.",
                )
            elif entry.urgency:
                passed = True
                text = (
                    f"Notice {entry.reference} gave {clear} clear days; {entry.get_urgency_display().lower()} "
                    f"agreed by {entry.urgency_agreed_by}: {entry.urgency_reason}"
                )
            else:
                passed = False
                text = (
                    f"Notice {entry.reference} was published {entry.published_on:%-d %B %Y}, only {clear} clear "
                    f"days before; {R.FORWARD_PLAN_CLEAR_DAYS} are needed, or a recorded urgency."
                )
            checks.append(R.CheckResult("Forward plan notice", passed, text))
    for rule, council, amount in parallel_rules_triggered(shares, rules):
        parallel = parallels.get(council.pk)
        recorded = parallel is not None and parallel.is_recorded
        if recorded:
            text = f"Taken by {parallel.decision_maker or rule.decision_maker} on {parallel.decided_on:%-d %B %Y}."
        else:
            text = (
                f"{council.name}’s contribution of {R.pounds(amount)} reaches {rule.bound_text}: "
                f"{rule.decision_maker or 'the council'} must take a parallel decision. Not yet recorded."
            )
        checks.append(R.CheckResult(f"Parallel decision: {council.name}", recorded, text))
    return checks


def failures(checks):
    return [c for c in checks if not c.passed]


@records_user
@transaction.atomic
@changes_public
def officer_decision_save(*, partnership, by, shares, existing=None, version=UNCHECKED, **fields):
    """Creates or updates a draft officer decision with each council's share.

    shares: [(council, amount, wards)]. Refuses (nothing saved) shares that do not add up to the value and
    a date before the delegation. existing: the draft being edited. fields: the decision's own fields
    (among them `decision`, its text). version: for an edit, the version the form was loaded at; a missing
    or stale one is refused (StaleRecord carries the other person's changes). Returns (decision, checks)."""
    if existing is not None and version is not UNCHECKED:
        check_version(OfficerDecision.objects.select_for_update().get(pk=existing.pk), version)
    decision = existing
    if decision is None:
        decision = OfficerDecision(partnership=partnership)
    elif decision.status != OfficerDecision.Status.DRAFT:
        raise ValidationError(ALREADY_TAKEN)
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.recorded_by = by
    errors = {}
    delegation = decision.delegation if decision.delegation_id else None
    if delegation is not None and delegation.partnership_id != partnership.pk:
        errors["delegation"] = DELEGATION_OF_ANOTHER_PARTNERSHIP
    if delegation is not None and decision.decided_on and decision.decided_on < delegation.effective_from:
        errors["decided_on"] = DATED_BEFORE_DELEGATION
    shares = [(c, Decimal(a), int(w or 0)) for c, a, w in shares]
    if decision.value is not None and not R.shares_add_up(decision.value, [a for _, a, _ in shares]):
        errors["value"] = SHARES_DO_NOT_ADD_UP
    members = {m.council_id for m in partnership.memberships.all()}
    if any(c.pk not in members for c, _, _ in shares):
        errors["value"] = SHARE_COUNCIL_NOT_MEMBER
    try:
        decision.full_clean()
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            errors.setdefault(key, messages)
    if errors:
        raise ValidationError(errors)
    rules = rules_in_force(partnership, decision.decided_on)
    decision.is_key_decision = bool(key_councils(shares, rules))
    decision.save()
    existing = {s.council_id: s for s in decision.shares.all()}
    for council, amount, wards in shares:
        share = existing.pop(council.pk, None) or DecisionShare(decision=decision, council=council)
        if share.pk is None or (share.amount, share.wards) != (amount, wards):
            share.amount, share.wards = amount, wards
            share.full_clean()
            share.save()
    for share in existing.values():
        share.delete()
    # Track the parallel decisions the shares call for; forget the unrecorded ones no longer needed.
    needed = {council.pk: rule for rule, council, _ in parallel_rules_triggered(shares, rules)}
    for parallel in decision.parallel_decisions.all():
        if parallel.council_id not in needed and not parallel.is_recorded:
            parallel.delete()
    have = set(decision.parallel_decisions.values_list("council_id", flat=True))
    for council_id, rule in needed.items():
        if council_id not in have:
            ParallelDecision.objects.create(
                decision=decision, council_id=council_id, rule=rule, decision_maker=rule.decision_maker
            )
    return decision, decision_checks(decision, rules=rules)


@records_user
@transaction.atomic
@changes_public
def officer_decision_take(*, decision, by, published_on=None):
    """Records the decision as taken and publishes its notice, if every check passes. The decision can take
    effect after the call-in period (five clear working days) unless it is urgent."""
    decision = OfficerDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != OfficerDecision.Status.DRAFT:
        raise ValidationError(ALREADY_TAKEN)
    checks = decision_checks(decision)
    if failures(checks):
        error = ValidationError(DECISION_FAILS_CHECKS)
        error.checks = checks
        raise error
    published_on = published_on or max(timezone.localdate(), decision.decided_on)
    decision.status = OfficerDecision.Status.TAKEN
    decision.published_on = published_on
    decision.takes_effect_on = R.takes_effect_on(published_on, decision.is_urgent)
    decision.recorded_by = by
    decision.full_clean()
    decision.save()
    announce_published(decision.partnership_id)
    return decision


@records_user
@transaction.atomic
@changes_public
def parallel_decision_record(*, parallel, decided_on, by, decision_maker="", reference=""):
    if decided_on is None:
        raise ValidationError({"decided_on": PARALLEL_NEEDS_DATE})
    if parallel.decision.status != OfficerDecision.Status.DRAFT:
        raise ValidationError(ALREADY_TAKEN)
    parallel.decided_on = decided_on
    parallel.decision_maker = decision_maker or parallel.decision_maker
    parallel.reference = reference
    parallel.recorded_by = by
    parallel.full_clean()
    parallel.save()
    return parallel


@records_user
@transaction.atomic
@changes_public
def forward_plan_entry_create(*, partnership, by, councils, **fields):
    entry = ForwardPlanEntry(partnership=partnership, **fields)
    entry.full_clean()
    entry.save()
    entry.councils.set(councils)
    announce_published(entry.partnership_id)
    return entry


ENTRY_OF_ANOTHER_PARTNERSHIP = "Choose a forward plan entry of this partnership."
ITEM_NOT_KEY_DECISION = "Only an agenda item marked as a key decision is linked to the forward plan."
ENTRY_ALREADY_LINKED = "That forward plan entry is already linked to another agenda item: choose another."
ITEM_ALREADY_LINKED = "This agenda item already has a forward plan entry."
URGENCY_KIND_NEEDED = "Choose general exception (regulation 10) or special urgency (regulation 11)."
ITEM_MEETING_HELD = "The meeting has been held: its key decisions' notices can no longer change."
HELD_STATUSES = {Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED}


def _check_item(item, partnership):
    if item.meeting.body.partnership_id != partnership.pk:
        raise ValidationError(ENTRY_OF_ANOTHER_PARTNERSHIP)
    if not item.is_key_decision:
        raise ValidationError(ITEM_NOT_KEY_DECISION)
    if item.meeting.status in HELD_STATUSES:
        raise ValidationError(ITEM_MEETING_HELD)


@records_user
@transaction.atomic
@changes_public
def forward_plan_entry_create_from_item(*, item, by, councils, **fields):
    """A forward plan entry for a key decision on an agenda: due on the meeting's date, linked to the item."""
    partnership = item.meeting.body.partnership
    _check_item(item, partnership)
    if ForwardPlanEntry.objects.filter(agenda_item=item).exists():
        raise ValidationError(ITEM_ALREADY_LINKED)
    fields.update(agenda_item=item, decision_due=item.meeting.date)
    return forward_plan_entry_create(partnership=partnership, by=by, councils=councils, **fields)


@records_user
@transaction.atomic
@changes_public
def forward_plan_entry_link(*, entry, item, by):
    """Links an entry already on the forward plan to the agenda item at which the decision is taken; the
    entry's date of decision becomes the meeting's. The item's earlier entry, if any, is let go."""
    partnership = item.meeting.body.partnership
    _check_item(item, partnership)
    entry = ForwardPlanEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.partnership_id != partnership.pk:
        raise ValidationError({"entry": ENTRY_OF_ANOTHER_PARTNERSHIP})
    if entry.agenda_item_id not in (None, item.pk):
        raise ValidationError({"entry": ENTRY_ALREADY_LINKED})
    for other in ForwardPlanEntry.objects.filter(agenda_item=item).exclude(pk=entry.pk):
        other.agenda_item = None
        other.save()
    entry.agenda_item = item
    entry.decision_due = item.meeting.date
    entry.full_clean()
    entry.save()
    return entry


@records_user
@transaction.atomic
@changes_public
def forward_plan_urgency_record(*, entry, urgency, agreed_by, reason, by):
    """Records on an entry that its key decision is taken under general exception (regulation 10: who, the
    chair of overview and scrutiny, was told, and why) or special urgency (regulation 11: who agreed, and
    why). Nothing is saved without the kind, who and why."""
    entry = ForwardPlanEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.agenda_item_id and entry.agenda_item.meeting.status in HELD_STATUSES:
        raise ValidationError(ITEM_MEETING_HELD)
    if urgency not in {R.GENERAL_EXCEPTION, R.SPECIAL_URGENCY}:
        raise ValidationError({"urgency": URGENCY_KIND_NEEDED})
    entry.urgency = urgency
    entry.urgency_agreed_by = (agreed_by or "").strip()
    entry.urgency_reason = (reason or "").strip()
    entry.full_clean()
    entry.save()
    return entry


@records_user
@transaction.atomic
@changes_public
def delegation_create(*, partnership, by, **fields):
    delegation = Delegation(partnership=partnership, **fields)
    delegation.full_clean()
    delegation.save()
    return delegation


@records_user
@transaction.atomic
@changes_public
def delegation_revoke(*, delegation, on, reason, by):
    delegation.revoked_on = on
    delegation.revocation_reason = reason
    delegation.full_clean()
    delegation.save()
    return delegation
