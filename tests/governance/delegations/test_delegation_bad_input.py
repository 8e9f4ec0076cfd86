"""Bad input is refused with a clear message and nothing is saved: a delegation ending before it starts, a
limit below zero, a decision dated before its delegation, contributions that do not add up to the value.
The database refuses the same rows even when the model's checks are bypassed."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.delegations import models as m
from governance.delegations import services
from governance.models import DecisionRule, Delegation, Office

from ..delegation_helpers import (
    cio,
    council,
    no_decision_but_the_demos,
    save_decision,
    sd,
    shares_with_haringey,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo):
    return demo


def delegation_fields(**overrides):
    fields = {
        "title": "Budget virements up to £100,000",
        "to_office": Office.objects.get(partnership=sd(), short_name="CDIO"),
        "subjects": ["budget_virement"],
        "financial_limit": D("100000.00"),
        "effective_from": date(2018, 4, 1),
        "granted_by_text": "Joint Committee, 20 February 2018",
    }
    fields.update(overrides)
    return fields


def test_a_delegation_cannot_end_before_it_starts():
    with pytest.raises(ValidationError) as error:
        services.delegation_create(
            partnership=sd(), by=cio(), **delegation_fields(effective_to=date(2018, 3, 31))
        )
    assert error.value.message_dict["effective_to"] == [m.END_BEFORE_START]
    assert not Delegation.objects.filter(title="Budget virements up to £100,000").exists()


def test_a_delegation_limit_cannot_be_below_zero():
    with pytest.raises(ValidationError) as error:
        services.delegation_create(
            partnership=sd(), by=cio(), **delegation_fields(financial_limit=D("-0.01"))
        )
    assert error.value.message_dict["financial_limit"] == [m.LIMIT_BELOW_ZERO]
    assert not Delegation.objects.filter(title="Budget virements up to £100,000").exists()


def test_a_delegation_goes_to_an_office_or_a_body_and_covers_a_subject():
    with pytest.raises(ValidationError) as error:
        services.delegation_create(
            partnership=sd(), by=cio(), **delegation_fields(to_office=None, subjects=[])
        )
    assert error.value.message_dict["to_office"] == [m.OFFICE_OR_BODY]
    assert "subjects" in error.value.message_dict


@pytest.mark.parametrize(
    "overrides",
    [
        {"effective_to": date(2018, 3, 31)},
        {"financial_limit": D("-1.00")},
        {"revoked_on": date(2018, 3, 1)},
        {"to_office": None},
    ],
)
def test_the_database_refuses_what_the_model_refuses(overrides):
    with pytest.raises(IntegrityError), transaction.atomic():
        Delegation.objects.create(partnership=sd(), **delegation_fields(**overrides))


def test_the_database_refuses_a_rule_ending_before_it_starts_or_below_zero():
    base = {"partnership": sd(), "kind": "key_decision", "council": council("LBC"), "source": "Test"}
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionRule.objects.create(
            **base, amount=D("1"), effective_from=date(2018, 4, 1), effective_to=date(2018, 3, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionRule.objects.create(**base, amount=D("-1"), effective_from=date(2018, 4, 1))
    rule = DecisionRule(
        **base, amount=D("-1"), effective_from=date(2018, 4, 1), effective_to=date(2018, 3, 1)
    )
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert error.value.message_dict["effective_to"] == [m.END_BEFORE_START]
    assert error.value.message_dict["amount"] == [m.AMOUNT_BELOW_ZERO]


def test_a_decision_dated_before_its_delegation_is_refused_and_nothing_saved():
    with pytest.raises(ValidationError) as error:
        save_decision(shares=shares_with_haringey("1"), decided_on=date(2017, 6, 18))
    assert error.value.message_dict["decided_on"] == [services.DATED_BEFORE_DELEGATION]
    assert no_decision_but_the_demos()


@pytest.mark.parametrize("haringey_share", ["500000.00"])
def test_contributions_that_do_not_add_up_are_refused_and_nothing_saved(haringey_share):
    shares = [
        (council("LBC"), D("500000.00"), 0),
        (council("LBH"), D(haringey_share), 0),
        (council("LBI"), D("499999.99"), 0),
    ]
    with pytest.raises(ValidationError) as error:
        save_decision(shares=shares)
    assert error.value.message_dict["value"] == [services.SHARES_DO_NOT_ADD_UP]
    assert no_decision_but_the_demos()


def test_a_contribution_must_come_from_a_partner_council():
    shares = [(council("WCC"), D("1500000.00"), 0)]
    with pytest.raises(ValidationError) as error:
        save_decision(shares=shares)
    assert error.value.message_dict["value"] == [services.SHARE_COUNCIL_NOT_MEMBER]


def test_an_exempt_decision_needs_its_paragraph_and_public_summary():
    with pytest.raises(ValidationError) as error:
        save_decision(shares=shares_with_haringey("1"), is_exempt=True)
    assert error.value.message_dict["public_summary"] == [m.EXEMPT_NEEDS_PARAGRAPH]
