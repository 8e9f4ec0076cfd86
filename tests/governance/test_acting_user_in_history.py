"""Every write a service makes names who made it: the user it is called for, or the system when it is called
for no one; a service that takes a reason records it too."""

from datetime import date

import pytest

from governance.committees import services as committees
from governance.delegations import services as delegations
from tests.factories import BodyFactory, DelegationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_service_called_for_a_user_names_that_user_in_history():
    officer = UserFactory(username="history.officer")
    body = BodyFactory()
    member = committees.body_member_add(
        body=body,
        name="Councillor Ada Lovelace",
        council=_member_council(body),
        kind="member",
        start=date(2020, 1, 1),
        by=officer,
    )
    assert member.history.latest().history_user == officer


def test_a_reason_given_to_a_service_is_the_change_reason():
    officer = UserFactory(username="history.revoker")
    delegation = DelegationFactory()
    delegations.delegation_revoke(
        delegation=delegation, on=date(2020, 3, 31), reason="Replaced by the new scheme", by=officer
    )
    record = delegation.history.latest()
    assert (record.history_user, record.history_change_reason) == (officer, "Replaced by the new scheme")


def test_a_service_called_for_no_one_is_written_as_the_system():
    officer = UserFactory(username="history.first")
    body = BodyFactory()
    council = _member_council(body)
    seat = committees.body_member_add(
        body=body,
        name="Councillor Grace Hopper",
        council=council,
        kind="member",
        start=date(2020, 1, 1),
        by=officer,
    )
    committees.body_member_end(member=seat, end=date(2020, 12, 31), by=None)
    assert seat.history.latest().history_user is None


def _member_council(body):
    return MembershipFactory(partnership=body.partnership).council
