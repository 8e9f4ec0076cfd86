"""Who reaches the portfolio: members and auditors read it; committee officers, the CIO and administrators
keep it; finance officers, people without a role, roles held for another partnership and the public see none
of it (the access table and its test cover every URL; this names each role's answer on the main pages)."""

import pytest

from governance.audit.versions import current_version
from governance.models import Council, Partnership
from governance.portfolio.models import Project, Risk
from governance.roles import Role

READ = [
    "/shared-digital/portfolio/",
    "/shared-digital/portfolio/gateway/",
    "/shared-digital/portfolio/risks/",
    "/shared-digital/portfolio/highlights/",
    "/shared-digital/portfolio/programmes/using-data-better/",
]
EDIT_FORMS = ["/shared-digital/portfolio/gateway/new/", "/shared-digital/portfolio/risks/new/"]

READERS = {Role.MEMBER, Role.AUDITOR, Role.COMMITTEE_OFFICER, Role.CIO, Role.ADMINISTRATOR}
EDITORS = {Role.COMMITTEE_OFFICER, Role.CIO, Role.ADMINISTRATOR}


@pytest.fixture
def sd(demo):
    return Partnership.objects.get(slug="shared-digital")


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_each_role_reads_and_edits_as_the_table_says(client, make_user, sd, role):
    council = Council.objects.get(code="LBH") if role == Role.FINANCE_OFFICER else None
    client.force_login(make_user(role, sd, council))
    project = Project.objects.filter(partnership=sd).first()
    for url in [*READ, project.get_absolute_url()]:
        assert client.get(url).status_code == (200 if role in READERS else 403), url
    for url in [*EDIT_FORMS, f"/shared-digital/portfolio/projects/{project.pk}/edit/"]:
        assert client.get(url).status_code == (200 if role in EDITORS else 403), url
    risk = Risk.objects.filter(partnership=sd).first()
    response = client.post(f"/shared-digital/portfolio/risks/{risk.pk}/", {"version": current_version(risk)})
    assert response.status_code == (400 if role in EDITORS else 403)  # editors: an incomplete form


@pytest.mark.django_db
def test_the_public_sees_nothing_of_the_portfolio(client, demo):
    for url in READ:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COMMITTEE_OFFICER, Role.MEMBER])
def test_a_role_held_for_another_partnership_gives_nothing_here(client, make_user, demo, role):
    client.force_login(make_user(role, Partnership.objects.get(slug="triborough-ict")))
    assert client.get("/shared-digital/portfolio/").status_code == 403


@pytest.mark.django_db
def test_readers_see_no_edit_buttons(client, make_user, sd):
    client.force_login(make_user(Role.MEMBER, sd))
    page = client.get("/shared-digital/portfolio/").content.decode()
    assert "Submit a proposal" not in page
    client.force_login(make_user(Role.CIO, sd))
    assert "Submit a proposal" in client.get("/shared-digital/portfolio/").content.decode()
