"""Risks and projects are owned by offices, which staffing's posts hold: the owner shows as the post that
holds the office on the day, and as "vacant: <post>" while nobody fills it (issue 22 §4). Governance imports
nothing of staffing: staffing registers how to name an office's holder (governance.delegations.offices)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance.delegations.models import Office
from governance.models import Partnership
from governance.portfolio import services
from governance.portfolio.models import Project, Risk
from staffing import services as staffing
from staffing.models import Grade

RISKS = "/shared-digital/portfolio/risks/"


@pytest.fixture
def office(full_demo):
    sd = Partnership.objects.get(slug="shared-digital")
    return Office.objects.create(partnership=sd, name="Head of Technology Operations (owner of risks)")


@pytest.fixture
def post(office, full_demo):
    sd = office.partnership
    return staffing.post_create(
        partnership=sd,
        by=None,
        reference="OWN-1",
        title="Head of Technology Operations",
        grade=Grade.objects.filter(partnership=sd).first(),
        fte=Decimal("1"),
        team="Technology operations",
        employing_council=sd.councils_on(date.today())[0],
        funding_line="bau_staff",
        effective_from=date.today() - timedelta(days=30),
        office=office,
    )


def test_a_risk_owned_by_an_office_shows_the_post_vacant_then_filled(office, post, client, django_user_model):
    sd, cio = office.partnership, django_user_model.objects.get(username="cio")
    services.risk_create(
        partnership=sd,
        by=cio,
        level=Risk.Level.PARTNERSHIP,
        description="Key staff leave during the transition",
        likelihood=4,
        impact=4,
        owner_office=office,
        review_date=date.today() + timedelta(days=30),
    )
    client.force_login(cio)
    assert "vacant: Head of Technology Operations" in client.get(RISKS).content.decode()
    staffing.holder_add(
        post=post,
        by=None,
        person="A. Person",
        start=date.today() - timedelta(days=1),
        terms_council=post.employing_council,
    )
    page = client.get(RISKS).content.decode()
    assert "vacant: Head of Technology Operations" not in page and "Head of Technology Operations" in page
    assert "A. Person" not in page  # a post, not its holder's name
    dashboard = client.get("/shared-digital/dashboard/").content.decode()
    assert "Head of Technology Operations" in dashboard  # the top risks read the same owner


def test_the_demo_projects_the_cdio_sponsors_are_owned_by_the_cdio_office(
    full_demo, client, django_user_model
):
    project = Project.objects.get(title="Network transformation (shared WAN)")
    assert project.owner_office.name == "Chief Digital and Information Officer"
    client.force_login(django_user_model.objects.get(username="cio"))
    page = client.get(f"/shared-digital/portfolio/projects/{project.pk}/").content.decode()
    assert "Owner</dt>" in page and "Chief Digital and Information Officer" in page


def test_an_office_of_another_partnership_or_no_owner_at_all_is_refused(full_demo, django_user_model):
    sd = Partnership.objects.get(slug="shared-digital")
    tri = Partnership.objects.get(slug="triborough-ict")
    theirs = Office.objects.create(partnership=tri, name="Tri-borough Chief Information Officer")
    cio = django_user_model.objects.get(username="cio")
    fields = {
        "partnership": sd,
        "by": cio,
        "level": Risk.Level.PARTNERSHIP,
        "description": "A risk",
        "likelihood": 2,
        "impact": 2,
        "review_date": date.today(),
    }
    with pytest.raises(ValidationError, match="another partnership"):
        services.risk_create(**fields, owner_office=theirs)
    with pytest.raises(ValidationError, match="Choose the office that owns the risk"):
        services.risk_create(**fields)
    assert not Risk.objects.filter(description="A risk").exists()


def test_a_contracts_owner_is_the_post_holding_its_office(office, post, client, django_user_model):
    from procurement.models import Contract

    contract = Contract.objects.filter(partnership=office.partnership).first()
    Contract.objects.filter(pk=contract.pk).update(owner_office=office)
    client.force_login(django_user_model.objects.get(username="cio"))
    url = f"/shared-digital/procurement/{contract.pk}/"
    page = client.get(url).content.decode()
    office_name = "the post holding the office of Head of Technology Operations (owner of risks)"
    assert f"vacant: Head of Technology Operations ({office_name})" in page
    staffing.holder_add(
        post=post,
        by=None,
        person="A. Person",
        start=date.today() - timedelta(days=1),
        terms_council=post.employing_council,
    )
    page = client.get(url).content.decode()
    assert f">Head of Technology Operations ({office_name})" in page
