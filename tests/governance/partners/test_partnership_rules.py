"""Councils join and leave partnerships over time; one council hosts at a time, and must be a member."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Council, HostAuthority, Membership, Partnership, RoleAssignment
from governance.roles import Role


def test_shared_digital_has_three_councils_and_camden_hosts_from_2018_19(demo):
    sd = Partnership.objects.get(slug="shared-digital")
    assert [c.code for c in sd.councils_on(date(2017, 10, 30))] == ["LBC", "LBH", "LBI"]
    assert sd.host_on(date(2018, 3, 31)) is None
    assert sd.host_on(date(2018, 4, 1)).code == "LBC"


def test_a_council_that_left_is_not_a_member_afterwards(demo):
    tri = Partnership.objects.get(slug="triborough-ict")
    wcc = Membership.objects.get(partnership=tri, council__code="WCC")
    wcc.left = date(2019, 3, 31)
    wcc.full_clean()
    wcc.save()
    assert [c.code for c in tri.councils_on(date(2019, 4, 1))] == ["LBHF", "RBKC"]
    assert "WCC" in [c.code for c in tri.councils_on(date(2019, 3, 31))]


def test_leaving_before_joining_is_refused_with_a_message(demo):
    m = Membership.objects.first()
    m.left = date(2000, 1, 1)
    with pytest.raises(ValidationError, match="cannot leave before it joined"):
        m.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=m.pk).update(left=date(2000, 1, 1))


def test_overlapping_memberships_of_one_council_are_refused(demo):
    sd = Partnership.objects.get(slug="shared-digital")
    dup = Membership(partnership=sd, council=Council.objects.get(code="LBC"), joined=date(2017, 1, 1))
    with pytest.raises(ValidationError, match="already a member"):
        dup.full_clean()


def test_the_host_must_be_a_member_and_hosts_do_not_overlap(demo):
    sd = Partnership.objects.get(slug="shared-digital")
    outsider = HostAuthority(partnership=sd, council=Council.objects.get(code="WCC"), start=date(2019, 4, 1))
    with pytest.raises(ValidationError, match="must be a member"):
        outsider.full_clean()
    second = HostAuthority(partnership=sd, council=Council.objects.get(code="LBI"), start=date(2019, 4, 1))
    with pytest.raises(ValidationError, match="Another council hosts"):
        second.full_clean()


def test_a_slug_used_by_the_site_is_refused(db):
    p = Partnership(name="Admin", slug="admin", legal_basis="s113", start_date=date(2020, 4, 1))
    with pytest.raises(ValidationError, match="used by the site"):
        p.full_clean()


def test_council_codes_are_short_capitals(db):
    with pytest.raises(ValidationError, match="capital letters"):
        Council(name="Somewhere", code="lb1", kind="district").full_clean()


def test_a_finance_officer_needs_a_council_and_other_roles_a_partnership(demo, make_user):
    user = make_user()
    sd = Partnership.objects.get(slug="shared-digital")
    with pytest.raises(ValidationError, match="choose one"):
        RoleAssignment(user=user, role=Role.FINANCE_OFFICER, partnership=sd).full_clean()
    with pytest.raises(ValidationError, match="Choose the partnership"):
        RoleAssignment(user=user, role=Role.CIO).full_clean()
    with pytest.raises(ValidationError, match="not a member"):
        RoleAssignment(
            user=user, role=Role.FINANCE_OFFICER, partnership=sd, council=Council.objects.get(code="WCC")
        ).full_clean()
    RoleAssignment(user=user, role=Role.AUDITOR).full_clean()


def test_a_role_held_for_every_partnership_is_held_once(demo, make_user):
    user = make_user(Role.AUDITOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.AUDITOR)


def test_every_change_is_in_history(demo):
    council = Council.objects.get(code="LBH")
    council.website = "https://new.haringey.gov.uk"
    council.save()
    assert [h.history_type for h in council.history.order_by("history_id")] == ["+", "~"]
    for model in (Council, Partnership, Membership, HostAuthority, RoleAssignment):
        assert model.history.exists(), model
