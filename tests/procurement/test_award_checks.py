"""An award must cite an authorising decision whose delegation covers it; governance's rules decide who may
decide (the Joint Committee above £2m revenue or £5m capital), which councils see it as key, and when Haringey
takes a parallel decision (£500,000 or above). A failed check keeps the award a draft and says which rule
failed and why."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance.delegations import services as delegation_services
from governance.models import Resolution
from procurement import services
from procurement.models import Contract
from tests.governance.delegation_helpers import save_decision

D = Decimal


def check(checks, name):
    return next(c for c in checks if c.name == name)


def names(checks):
    return [c.name for c in checks]


@pytest.fixture
def taken_decision(demo, cio):
    """The CDIO's award of £900,000 (£300,000 a council) under the mobile devices delegation, taken."""
    decision, checks = save_decision(value=D("900000.00"))
    assert not delegation_services.failures(checks)
    return delegation_services.officer_decision_take(decision=decision, by=cio, published_on=date(2018, 3, 2))


def award(contract, cio, day=date(2018, 3, 5)):
    return services.contract_award(contract=contract, by=cio, awarded_on=day)


def failed_award(contract, cio, day=date(2018, 3, 5)):
    with pytest.raises(ValidationError) as caught:
        award(contract, cio, day)
    assert services.AWARD_FAILS_CHECKS in caught.value.messages
    contract.refresh_from_db()
    assert contract.award == Contract.Award.DRAFT and contract.awarded_on is None
    return caught.value.checks


def test_an_award_citing_no_decision_stays_a_draft_and_says_so(make_contract, cio):
    checks = failed_award(make_contract(), cio)
    assert check(checks, "Authorising decision").passed is False
    assert "No decision is cited" in check(checks, "Authorising decision").message


def test_a_taken_officer_decision_that_covers_the_contract_awards_it(make_contract, taken_decision, cio):
    contract = make_contract(total_value="900000.00", authorising_decision=taken_decision)
    awarded = award(contract, cio)
    assert awarded.award == Contract.Award.AWARDED and awarded.status == Contract.Status.LIVE
    assert awarded.history.first().history_user == cio


def test_a_draft_officer_decision_cannot_authorise_an_award(make_contract, cio):
    draft, _ = save_decision(value=D("900000.00"))
    checks = failed_award(make_contract(total_value="900000.00", authorising_decision=draft), cio)
    assert "still a draft" in check(checks, "Authorising decision").message


def test_above_two_million_revenue_the_joint_committee_decides_not_an_officer(
    make_contract, taken_decision, cio
):
    # The WAN: £5,435,000 over five years, above the £2m revenue bound (seed TC16 g).
    contract = make_contract(
        total_value="5435000.00", annual_value="889000.00", authorising_decision=taken_decision
    )
    checks = failed_award(contract, cio)
    who = check(checks, "Who decides")
    assert who.passed is False
    assert "the Shared Digital Joint Committee decides" in who.message
    assert "an officer cannot authorise this award" in who.message
    assert check(checks, "Decision covers the value").passed is False


def test_exactly_two_million_revenue_is_not_over_the_bound_so_an_officer_may_decide(make_contract, sd, cio):
    contract = make_contract(total_value="2000000.00", annual_value="400000.00")
    checks = services.award_checks(contract)
    assert check(checks, "Who decides").passed is True
    contract = make_contract(total_value="2000000.01", annual_value="400000.00")
    assert check(services.award_checks(contract), "Who decides").passed is False


def test_capital_over_five_million_goes_to_the_committee(make_contract):
    contract = make_contract(total_value="5000001.00", annual_value="1000000.00", capital_value="5000001.00")
    assert check(services.award_checks(contract), "Who decides").passed is False
    contract = make_contract(total_value="4999999.00", annual_value="1000000.00", capital_value="4999999.00")
    assert check(services.award_checks(contract), "Who decides").passed is True


def test_a_committee_resolution_authorises_an_award_above_the_officers_bound(make_contract, sd, cio):
    resolution = Resolution.objects.filter(meeting__body__partnership=sd).order_by("meeting__date").first()
    contract = make_contract(
        total_value="5435000.00",
        annual_value="889000.00",
        authorising_resolution=resolution,
        route="framework",
        framework_name="CCS RM1045 Network Services",
        start_date=date(2018, 4, 1),
        end_date=date(2023, 3, 31),
    )
    checks = services.award_checks(contract)
    assert check(checks, "Who decides").passed is True
    assert "its resolution is cited" in check(checks, "Who decides").message


def test_haringeys_share_of_500000_calls_for_its_parallel_decision(
    make_contract, councils, taken_decision, cio
):
    shares = [(councils["LBC"], D("200000")), (councils["LBH"], D("500000")), (councils["LBI"], D("200000"))]
    contract = make_contract(total_value="900000.00", shares=shares, authorising_decision=taken_decision)
    checks = failed_award(contract, cio)
    parallel = check(checks, "Parallel decision: London Borough of Haringey")
    assert parallel.passed is False
    assert "£500,000 reaches £500,000 or above" in parallel.message
    assert "a Cabinet Member for Haringey must take a parallel decision" in parallel.message


def test_haringeys_share_just_under_500000_needs_no_parallel_decision(
    make_contract, councils, taken_decision
):
    shares = [
        (councils["LBC"], D("200000.01")),
        (councils["LBH"], D("499999.99")),
        (councils["LBI"], D("200000")),
    ]
    contract = make_contract(total_value="900000.00", shares=shares, authorising_decision=taken_decision)
    checks = services.award_checks(contract)
    assert not any(n.startswith("Parallel decision") for n in names(checks))


def test_each_councils_share_is_checked_against_its_own_key_decision_threshold(make_contract, councils):
    shares = [
        (councils["LBC"], D("999999.99")),
        (councils["LBH"], D("500000")),
        (councils["LBI"], D("1000000")),
    ]
    contract = make_contract(total_value="2499999.99", annual_value="500000", shares=shares)
    key = check(services.award_checks(contract), "Key decision").message
    assert "London Borough of Haringey" in key and "London Borough of Islington" in key
    assert "London Borough of Camden" not in key


def test_a_key_decision_needs_a_forward_plan_notice(make_contract, councils, taken_decision, cio):
    shares = [(councils["LBC"], D("200000")), (councils["LBH"], D("500000")), (councils["LBI"], D("200000"))]
    contract = make_contract(total_value="900000.00", shares=shares, authorising_decision=taken_decision)
    notice = check(failed_award(contract, cio), "Forward plan notice")
    assert notice.passed is False and "none is linked" in notice.message


def test_a_contract_worth_more_than_the_decision_authorised_is_refused(make_contract, taken_decision, cio):
    contract = make_contract(total_value="950000.00", authorising_decision=taken_decision)
    covers = check(failed_award(contract, cio), "Decision covers the value")
    assert "£950,000 is more than the £900,000 the decision authorised" in covers.message


def test_a_single_source_award_over_the_threshold_needs_its_grounds(make_contract, taken_decision, cio):
    contract = make_contract(
        total_value="900000.00", route="single_source", authorising_decision=taken_decision
    )
    threshold = check(failed_award(contract, cio), "Procurement threshold")
    assert threshold.passed is False
    assert "£181,302" in threshold.message and "grounds recorded" in threshold.message
    contract.route_justification = "Call-off under the supplier's existing framework agreement."
    contract.save()
    assert award(contract, cio).award == Contract.Award.AWARDED


def test_a_contract_over_the_threshold_is_marked_as_needing_a_regulated_procedure(make_contract):
    assert make_contract(total_value="181302.00").needs_regulated_procedure is True
    assert make_contract(total_value="181301.99").needs_regulated_procedure is False
