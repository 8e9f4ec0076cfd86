"""A role is held for a partnership and, for finance officers, a council."""

from governance.models import Council, Partnership
from governance.partners.selectors import finance_council_ids, partnerships_for, roles_for
from governance.roles import Role


def test_a_role_counts_only_in_its_own_partnership(demo, make_user):
    sd = Partnership.objects.get(slug="shared-digital")
    tri = Partnership.objects.get(slug="triborough-ict")
    officer = make_user(Role.COMMITTEE_OFFICER, sd)
    assert roles_for(officer, sd) == {Role.COMMITTEE_OFFICER}
    assert roles_for(officer, tri) == set()
    assert partnerships_for(officer) == [sd]


def test_auditors_for_every_partnership_and_superusers(demo, make_user):
    tri = Partnership.objects.get(slug="triborough-ict")
    auditor = make_user(Role.AUDITOR)
    superuser = make_user(is_superuser=True)
    assert roles_for(auditor, tri) == {Role.AUDITOR}
    assert roles_for(superuser, tri) == {Role.ADMINISTRATOR}
    assert len(partnerships_for(auditor)) == 2


def test_a_haringey_finance_officer_sees_haringey_only_and_the_cio_sees_all(demo, make_user):
    sd = Partnership.objects.get(slug="shared-digital")
    lbh = Council.objects.get(code="LBH")
    finance = make_user(Role.FINANCE_OFFICER, sd, lbh)
    cio = make_user(Role.CIO, sd)
    assert finance_council_ids(finance, sd) == {lbh.pk}
    assert finance_council_ids(cio, sd) is None
