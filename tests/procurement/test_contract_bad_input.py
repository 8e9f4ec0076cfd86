"""Bad input is refused with a clear message, and nothing is saved."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance.audit import versions
from governance.audit.versions import current_version
from governance.models import Delegation, Office, OfficerDecision
from procurement import services
from procurement.models import Contract, ContractShare, ExtensionOption
from tests.governance.delegation_helpers import save_decision

D = Decimal


def refused(make_contract, field, message, **fields):
    before = (Contract.objects.count(), ContractShare.objects.count(), ExtensionOption.objects.count())
    with pytest.raises(ValidationError) as caught:
        make_contract(**fields)
    assert message in caught.value.message_dict[field]
    assert (
        Contract.objects.count(),
        ContractShare.objects.count(),
        ExtensionOption.objects.count(),
    ) == before


def test_an_end_before_the_start_is_refused(make_contract):
    refused(
        make_contract,
        "end_date",
        "The end date cannot be before the start date.",
        start_date=date(2018, 4, 1),
        end_date=date(2018, 3, 31),
    )


def test_shares_that_do_not_add_up_to_the_value_are_refused(make_contract, councils):
    shares = [(councils["LBC"], D("30000")), (councils["LBH"], D("30000")), (councils["LBI"], D("29999.99"))]
    refused(make_contract, "shares", services.SHARES_DO_NOT_ADD_UP, shares=shares)


def test_a_share_for_a_council_outside_the_partnership_is_refused(make_contract, councils):
    shares = [(councils["LBC"], D("45000")), (councils["WCC"], D("45000"))]
    refused(make_contract, "shares", services.SHARE_COUNCIL_NOT_MEMBER, shares=shares)


def test_an_extension_that_overlaps_another_is_refused(make_contract):
    extensions = [(date(2021, 4, 1), 12, date(2020, 12, 31)), (date(2022, 3, 1), 12, date(2021, 12, 31))]
    refused(make_contract, "extensions", services.EXTENSION_OVERLAPS, extensions=extensions)


def test_an_extension_starting_before_the_contract_ends_is_refused(make_contract):
    refused(
        make_contract,
        "extensions",
        services.EXTENSION_BEFORE_END,
        extensions=[(date(2021, 3, 1), 12, date(2020, 12, 31))],
    )


def test_an_extension_to_be_taken_after_it_starts_is_refused(make_contract):
    refused(
        make_contract,
        "extensions",
        "An extension must be taken on or before the day it starts.",
        extensions=[(date(2021, 4, 1), 12, date(2021, 5, 1))],
    )


def test_an_award_citing_another_partnerships_decision_is_refused(make_contract, tri):
    office = Office.objects.create(partnership=tri, name="Director for Procurement and IT Strategy")
    delegation = Delegation.objects.create(
        partnership=tri,
        title="Tri-borough awards",
        to_office=office,
        subjects=["contract_award"],
        effective_from=date(2015, 4, 1),
    )
    other = OfficerDecision.objects.create(
        partnership=tri,
        title="Award",
        office=office,
        decision_maker_name="A Director",
        decided_on=date(2018, 1, 5),
        subject="contract_award",
        delegation=delegation,
        value=D("90000"),
        decision="Award.",
        reasons="Best value.",
    )
    refused(
        make_contract,
        "authorising_decision",
        services.DECISION_OF_ANOTHER_PARTNERSHIP,
        authorising_decision=other,
    )


def test_an_award_dated_before_the_decision_that_authorises_it_is_refused(make_contract, demo):
    decision, _ = save_decision(value=D("90000.00"), decided_on=date(2018, 3, 1))
    refused(
        make_contract,
        "awarded_on",
        services.DECISION_AFTER_AWARD,
        authorising_decision=decision,
        awarded_on=date(2018, 2, 28),
    )


def test_awarding_on_a_date_before_the_decision_is_refused(make_contract, demo, cio):
    decision, _ = save_decision(value=D("90000.00"), decided_on=date(2018, 3, 1))
    contract = make_contract(authorising_decision=decision)
    with pytest.raises(ValidationError) as caught:
        services.contract_award(contract=contract, by=cio, awarded_on=date(2018, 2, 1))
    assert caught.value.message_dict["awarded_on"] == [services.DECISION_AFTER_AWARD]
    contract.refresh_from_db()
    assert contract.award == Contract.Award.DRAFT and contract.awarded_on is None


def test_citing_both_a_resolution_and_an_officer_decision_is_refused(make_contract, sd, demo):
    from governance.models import Resolution

    decision, _ = save_decision(value=D("90000.00"))
    resolution = Resolution.objects.filter(meeting__body__partnership=sd).first()
    refused(
        make_contract,
        "authorising_decision",
        "Cite either a committee resolution or an officer decision, not both.",
        authorising_decision=decision,
        authorising_resolution=resolution,
    )


def test_a_stale_version_is_refused_and_nothing_changes(make_contract, sd, cio, councils):
    contract = make_contract()
    with pytest.raises(ValidationError) as caught:
        services.contract_save(
            partnership=sd,
            by=cio,
            existing=contract,
            version=current_version(contract) - 1,
            shares=[(s.council, s.amount) for s in contract.shares.all()],
            title="Changed",
        )
    assert caught.value.messages == [versions.STALE]
    contract.refresh_from_db()
    assert contract.title.startswith("Test contract")
