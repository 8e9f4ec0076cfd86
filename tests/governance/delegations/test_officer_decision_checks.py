"""Each check run when an officer decision is saved, and the rule that a decision failing any check cannot
be recorded as taken (it stays a draft with the failures listed)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from governance.delegations import models as m
from governance.delegations import services
from governance.models import DecisionRule, Delegation, OfficerDecision, ParallelDecision

from ..delegation_helpers import (
    MOBILE,
    TOR,
    check,
    cio,
    council,
    equal_shares,
    forward_plan_entry,
    save_decision,
    sd,
    shares_with_haringey,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo):
    return demo


def names_failing(checks):
    return [c.name for c in checks if not c.passed]


def test_haringey_contribution_of_499999_99_needs_no_parallel_decision_and_is_not_key_for_haringey():
    decision, checks = save_decision(shares=shares_with_haringey("499999.99"))
    assert not ParallelDecision.objects.filter(decision=decision).exists()
    assert "Haringey" not in check(checks, "Key decision").message
    assert names_failing(checks) == []
    assert decision.is_key_decision is False


def test_haringey_contribution_of_500000_00_needs_a_parallel_cabinet_member_decision_and_notice():
    decision, checks = save_decision(shares=shares_with_haringey("500000.00"))
    parallel = ParallelDecision.objects.get(decision=decision)
    assert parallel.council.code == "LBH" and parallel.decision_maker == "a Cabinet Member for Haringey"
    assert "London Borough of Haringey" in check(checks, "Key decision").message
    assert decision.is_key_decision is True
    assert names_failing(checks) == ["Forward plan notice", "Parallel decision: London Borough of Haringey"]


def test_a_failing_decision_cannot_be_taken_and_stays_a_draft():
    decision, _ = save_decision(shares=shares_with_haringey("500000.00"))
    with pytest.raises(ValidationError) as error:
        services.officer_decision_take(decision=decision, by=cio())
    assert error.value.messages == [services.DECISION_FAILS_CHECKS]
    assert [c.name for c in error.value.checks if not c.passed] == [
        "Forward plan notice",
        "Parallel decision: London Borough of Haringey",
    ]
    decision.refresh_from_db()
    assert decision.status == OfficerDecision.Status.DRAFT and decision.published_on is None


def test_recording_the_notice_and_the_parallel_decision_makes_it_takeable():
    decision, _ = save_decision(shares=shares_with_haringey("500000.00"))
    entry = forward_plan_entry(published_on=date(2018, 1, 31), decision_due=date(2018, 3, 1))  # 28 clear days
    decision, checks = save_decision(
        shares=shares_with_haringey("500000.00"), existing=decision, forward_plan_entry=entry
    )
    assert names_failing(checks) == ["Parallel decision: London Borough of Haringey"]
    services.parallel_decision_record(
        parallel=decision.parallel_decisions.get(),
        decided_on=date(2018, 2, 26),
        by=cio(),
        reference="LBH/CM/2018/7",
    )
    assert names_failing(services.decision_checks(decision)) == []
    taken = services.officer_decision_take(decision=decision, by=cio(), published_on=date(2018, 3, 1))
    assert taken.status == OfficerDecision.Status.TAKEN
    # Published Thursday 1 March 2018: five clear working days (2, 5, 6, 7, 8 March), then it can take effect.
    assert taken.takes_effect_on == date(2018, 3, 9)
    with pytest.raises(ValidationError, match="no longer change"):
        save_decision(existing=taken)


def test_a_notice_one_day_short_fails_unless_urgency_is_recorded_with_who_and_why():
    short = forward_plan_entry(published_on=date(2018, 2, 1), decision_due=date(2018, 3, 1))  # 27 clear days
    decision, checks = save_decision(
        shares=[
            (council("LBC"), D("500000.00"), 0),
            (council("LBH"), D("500000.00"), 0),
            (council("LBI"), D("500000.00"), 0),
        ],
        forward_plan_entry=short,
    )
    result = check(checks, "Forward plan notice")
    assert not result.passed and "only 27 clear days" in result.message
    urgent = forward_plan_entry(
        published_on=date(2018, 2, 20),
        decision_due=date(2018, 3, 1),
        reference="SD/2018/02",
        urgency="general_exception",
        urgency_agreed_by="Chair of Overview and Scrutiny, Haringey",
        urgency_reason="The supplier's offer expires on 2 March 2018.",
    )
    _, checks = save_decision(existing=decision, forward_plan_entry=urgent)
    result = check(checks, "Forward plan notice")
    assert result.passed and "agreed by Chair of Overview and Scrutiny" in result.message


def test_urgency_without_who_and_why_is_refused():
    with pytest.raises(ValidationError):
        forward_plan_entry(
            published_on=date(2018, 2, 20), decision_due=date(2018, 3, 1), urgency="special_urgency"
        )


def test_the_delegation_must_be_in_force_on_the_date():
    delegation = Delegation.objects.get(partnership=sd(), title=MOBILE)
    services.delegation_revoke(
        delegation=delegation, on=date(2018, 1, 1), reason="Strategy replaced", by=cio()
    )
    _, checks = save_decision(shares=shares_with_haringey("1"))
    result = check(checks, "Delegation in force")
    assert not result.passed and "revoked on 1 January 2018" in result.message
    _, checks = save_decision(shares=shares_with_haringey("1"), decided_on=date(2017, 12, 31))
    assert check(checks, "Delegation in force").passed


def test_the_subject_must_be_within_the_delegations_scope():
    _, checks = save_decision(shares=shares_with_haringey("1"), subject="staffing")
    result = check(checks, "Subject within the delegation")
    assert not result.passed and "Staffing is not among the subjects delegated" in result.message


def test_the_value_must_be_within_the_delegations_limit():
    delegation = Delegation.objects.get(partnership=sd(), title=MOBILE)
    delegation.financial_limit = D("1499999.99")
    delegation.save()
    _, checks = save_decision(shares=shares_with_haringey("1"))
    assert not check(checks, "Value within the limit").passed
    delegation.financial_limit = D("1500000.00")
    delegation.save()
    _, checks = save_decision(shares=shares_with_haringey("1"))
    assert check(checks, "Value within the limit").passed


@pytest.mark.parametrize(
    "value,capital,reserved",
    [
        ("2000000.00", "0", False),
        ("2000000.01", "0", True),
        ("4999999.00", "4999999.00", False),
        ("5000001.00", "5000001.00", True),
    ],
)
def test_over_2m_revenue_or_5m_capital_the_joint_committee_decides(value, capital, reserved):
    _, checks = save_decision(
        delegation=TOR, value=D(value), capital_value=D(capital), shares=equal_shares(value)
    )
    assert check(checks, "Not reserved to the committee").passed is (not reserved)


def test_the_routing_rule_applies_only_from_its_effective_date():
    rule = DecisionRule.objects.get(partnership=sd(), kind="routing")
    assert rule.effective_from == date(2017, 10, 1)
    _, checks = save_decision(
        value=D("3000000.00"), shares=equal_shares("3000000.00"), decided_on=date(2017, 9, 1)
    )
    assert not any(c.name == "Not reserved to the committee" for c in checks)


def test_each_council_sees_the_decision_as_key_by_its_own_threshold_or_wards():
    _, checks = save_decision(
        shares=[
            (council("LBC"), D("1000000.00"), 0),
            (council("LBH"), D("0.00"), 2),
            (council("LBI"), D("500000.00"), 0),
        ]
    )
    message = check(checks, "Key decision").message
    assert "London Borough of Camden: its share of £1,000,000 reaches" in message
    assert "London Borough of Haringey: it significantly affects 2 of its wards" in message
    assert "Islington" not in message


def test_a_parallel_decision_no_longer_needed_is_forgotten_when_unrecorded():
    decision, _ = save_decision(shares=shares_with_haringey("500000.00"))
    assert decision.parallel_decisions.count() == 1
    decision, checks = save_decision(existing=decision, shares=shares_with_haringey("499999.99"))
    assert decision.parallel_decisions.count() == 0


def test_a_parallel_decision_needs_its_date():
    decision, _ = save_decision(shares=shares_with_haringey("500000.00"))
    with pytest.raises(ValidationError) as error:
        services.parallel_decision_record(
            parallel=decision.parallel_decisions.get(), decided_on=None, by=cio()
        )
    assert error.value.message_dict["decided_on"] == [services.PARALLEL_NEEDS_DATE]


def test_an_urgent_decision_records_who_agreed_and_why():
    with pytest.raises(ValidationError) as error:
        save_decision(shares=shares_with_haringey("1"), is_urgent=True, urgency_reason="No time.")
    assert error.value.message_dict["urgency_reason"] == [m.URGENCY_NEEDS_WHO_AND_WHY]


def test_an_urgent_decision_takes_effect_on_publication():
    decision, _ = save_decision(
        shares=shares_with_haringey("1"),
        is_urgent=True,
        urgency_reason="The devices contract ends on 2 March.",
        urgency_agreed_by="Chair of Overview and Scrutiny",
    )
    taken = services.officer_decision_take(decision=decision, by=cio(), published_on=date(2018, 3, 1))
    assert taken.takes_effect_on == date(2018, 3, 1)


def test_the_notice_must_name_each_council_for_which_the_decision_is_key():
    entry = forward_plan_entry(published_on=date(2018, 1, 1), decision_due=date(2018, 3, 1))  # names Haringey
    shares = [
        (council("LBC"), D("1000000.00"), 0),
        (council("LBH"), D("500000.00"), 0),
        (council("LBI"), D("0"), 0),
    ]
    _, checks = save_decision(shares=shares, forward_plan_entry=entry)
    result = check(checks, "Forward plan notice")
    assert not result.passed and "does not name London Borough of Camden" in result.message
    entry.councils.add(council("LBC"))
    _, checks = save_decision(shares=shares, forward_plan_entry=entry)
    assert check(checks, "Forward plan notice").passed
