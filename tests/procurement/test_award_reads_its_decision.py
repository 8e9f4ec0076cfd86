"""One record of an award: the officer decision (or committee resolution) that awards a contract is the
record, and the awarded contract reads its date, value, shares and maker from it, so the contract's page and
the public decision say the same thing. A draft keeps its planned figures, which the checks hold against the
decision."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance.audit.versions import current_version
from governance.delegations import services as delegation_services
from governance.models import OfficerDecision
from procurement import services
from procurement.models import Contract
from tests.governance.delegation_helpers import save_decision

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def taken_decision(demo, cio):
    """The CDIO's award of £900,000 (£300,000 a council), taken on 1 March 2018."""
    decision, checks = save_decision(value=D("900000.00"))
    assert not delegation_services.failures(checks)
    return delegation_services.officer_decision_take(decision=decision, by=cio, published_on=date(2018, 3, 2))


def test_the_demo_contracts_say_what_their_public_decisions_say(procurement_demo, client, cio):
    client.force_login(cio)
    for reference, title, day, value, page_value in [
        ("SD-MOB-2018", "mobile devices, calls and data", date(2017, 9, 18), D("1350000.00"), "£1,350,000"),
        ("SD-MFD-2018", "multi-functional devices", date(2017, 10, 2), D("1200000.00"), "£1,200,000"),
    ]:
        contract = Contract.objects.get(reference=reference)
        decision = OfficerDecision.objects.get(title__contains=title)
        assert contract.authorising_decision == decision and contract.award == Contract.Award.AWARDED
        assert (
            (contract.awarded_on, contract.total_value)
            == (day, value)
            == (decision.decided_on, decision.value)
        )
        assert {(s.council_id, s.amount) for s in contract.shares.all()} == {
            (s.council_id, s.amount) for s in decision.shares.all()
        }
        assert all(c.passed for c in services.award_checks(contract))
        page = client.get(contract.get_absolute_url()).content.decode()
        assert f"{day:%-d %B %Y} by Ed Garcez, Chief Digital and Information Officer: {page_value}" in page
        assert "not a key decision" in page and "Not yet awarded" not in page
        public = client.get(decision.get_absolute_url()).content.decode()
        assert page_value in public


def test_the_award_takes_the_decisions_date_value_and_shares(make_contract, councils, taken_decision, cio):
    planned = [(councils["LBC"], D("400000")), (councils["LBH"], D("250000")), (councils["LBI"], D("250000"))]
    contract = make_contract(total_value="900000.00", shares=planned, authorising_decision=taken_decision)
    awarded = services.contract_award(contract=contract, by=cio)  # no date asked for: the decision's
    assert awarded.awarded_on == date(2018, 3, 1) == taken_decision.decided_on
    assert sorted(s.amount for s in awarded.shares.all()) == [D("300000.00")] * 3
    # A later edit of the awarded contract cannot make it disagree with its decision.
    services.contract_save(
        partnership=contract.partnership,
        by=cio,
        shares=planned,
        existing=awarded,
        version=current_version(awarded),
        total_value=D("950000.00"),
    )
    awarded.refresh_from_db()
    assert awarded.total_value == D("900000.00") and awarded.award == Contract.Award.AWARDED
    assert sorted(s.amount for s in awarded.shares.all()) == [D("300000.00")] * 3


def test_an_award_date_given_after_the_decision_gives_way_to_the_decisions(
    make_contract, taken_decision, cio
):
    contract = make_contract(total_value="900000.00", authorising_decision=taken_decision)
    awarded = services.contract_award(contract=contract, by=cio, awarded_on=date(2018, 4, 20))
    assert awarded.awarded_on == taken_decision.decided_on


def test_without_a_decision_cited_the_award_date_is_needed(make_contract, cio):
    contract = make_contract()
    with pytest.raises(ValidationError) as caught:
        services.contract_award(contract=contract, by=cio)
    assert caught.value.message_dict == {"awarded_on": [services.AWARD_NEEDS_DATE]}
    contract.refresh_from_db()
    assert contract.award == Contract.Award.DRAFT


def test_the_award_form_does_not_ask_the_date_of_a_contract_citing_its_decision(
    make_contract, taken_decision, cio, client
):
    client.force_login(cio)
    contract = make_contract(total_value="900000.00", authorising_decision=taken_decision)
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "The award is the decision cited" in page and 'name="awarded_on_day"' not in page
    url = f"/shared-digital/procurement/{contract.pk}/award/"
    assert client.post(url, {}).status_code == 302
    contract.refresh_from_db()
    assert contract.award == Contract.Award.AWARDED and contract.awarded_on == date(2018, 3, 1)


def test_who_decides_reads_as_a_sentence(make_contract, demo):
    contract = make_contract(total_value="900000.00")  # from 1 April 2018, under the routing rule
    who = next(c for c in services.award_checks(contract) if c.name == "Who decides")
    assert who.passed and who.message == (
        "The award, £900,000 revenue and £0 capital, is within £2,000,000 revenue or £5,000,000 capital, "
        "above which the Shared Digital Joint Committee decides, so an officer may decide under a delegation."
    )
    over = make_contract(total_value="2000000.01", annual_value="400000.00")
    who = next(c for c in services.award_checks(over) if c.name == "Who decides")
    assert who.message == (
        "The award, £2,000,000.01 revenue and £0 capital, is over £2,000,000 revenue or £5,000,000 capital, "
        "so the Shared Digital Joint Committee decides: an officer cannot authorise this award."
    )


def test_the_coterminus_plan_opens_on_the_recorded_target_and_the_categories_that_share_it(
    procurement_demo, client, cio
):
    client.force_login(cio)
    page = client.get("/shared-digital/procurement/co-terminus/").content.decode()
    assert "Plan for July 2020 (target 31 July 2020)" in page
    assert (
        "Contracts of Social care case management: the categories whose contracts share this target." in page
    )
    assert 'data-reference="LBC-CM"' in page and 'data-reference="SD-WAN-2018"' not in page
    # The target from the query string, with the categories that share it; a category chosen narrows to it.
    page = client.get("/shared-digital/procurement/co-terminus/", {"target": "2020-07-31"}).content.decode()
    assert 'data-reference="LBH-CM"' in page and 'data-reference="SD-MOB-2018"' not in page
    page = client.get(
        "/shared-digital/procurement/co-terminus/", {"target": "2023-03-31", "category": "wan"}
    ).content.decode()
    assert 'data-reference="SD-WAN-2018"' in page and "Contracts of Wide area network." in page


def test_a_contracts_state_follows_its_dates():
    from procurement.dates import Period, contract_state

    start, end = date(2018, 4, 1), date(2021, 3, 31)
    taken = [Period(date(2021, 4, 1), date(2022, 3, 31))]

    def state(day, **kw):
        return contract_state(day, **{"awarded": True, "start": start, "end": end, **kw})

    assert state(date(2018, 3, 31)) == ("starts", start)
    assert state(start) == ("live", end) == state(end)
    assert state(date(2021, 4, 1)) == ("ended", end)  # an option not taken does not extend it
    assert state(date(2021, 4, 1), taken_extensions=taken) == ("extended", date(2022, 3, 31))
    assert state(date(2022, 4, 1), taken_extensions=taken) == ("ended", date(2022, 3, 31))
    assert state(start, awarded=False) == ("not yet awarded", None)
    assert state(start, terminated=True) == ("terminated", None)


def test_the_contract_page_says_what_the_contract_is_today(procurement_demo, client, cio):
    client.force_login(cio)
    contract = Contract.objects.get(reference="SD-MOB-2018")  # 1 April 2018 to 31 March 2021
    page = client.get(contract.get_absolute_url()).content.decode()
    assert (
        '<strong class="govuk-tag govuk-tag--grey" id="contract-state">Ended 31 March 2021</strong>' in page
    )
    assert contract.state_on(date(2019, 1, 1)) == "Live until 31 March 2021"


def test_the_data_migration_makes_awarded_contracts_agree_with_their_decisions(
    make_contract, taken_decision, cio, councils
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("procurement.migrations.0003_contracts_read_their_award_decisions")
    awarded = services.contract_award(
        contract=make_contract(total_value="900000.00", authorising_decision=taken_decision), by=cio
    )
    draft = make_contract(total_value="800000.00", authorising_decision=taken_decision)
    # As the register held them before: the awarded contract's own copies disagree with its decision.
    Contract.objects.filter(pk=awarded.pk).update(total_value=D("1500000.00"), awarded_on=date(2018, 5, 1))
    awarded.shares.filter(council=councils["LBH"]).delete()
    migration.read_award_records(apps, None)
    awarded.refresh_from_db()
    assert (awarded.total_value, awarded.awarded_on) == (D("900000.00"), date(2018, 3, 1))
    assert sorted((s.council.code, s.amount) for s in awarded.shares.all()) == [
        ("LBC", D("300000.00")),
        ("LBH", D("300000.00")),
        ("LBI", D("300000.00")),
    ]
    draft.refresh_from_db()
    assert draft.total_value == D("800000.00")  # a draft keeps its planned figures
