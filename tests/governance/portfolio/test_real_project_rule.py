"""Only real projects are part of the shared technology portfolio (D0 2.1–2.4, TC21): an in-flight project
needs a project manager, a sponsor, a defined scope, an allocated budget and timelines and a single ICT Lead,
and must not duplicate another council's project; a project left out shows what it is missing."""

from datetime import date
from decimal import Decimal

import pytest

from governance.audit import versions
from governance.audit.versions import current_version
from governance.portfolio import rules, selectors, services
from governance.portfolio.models import Project

from .conftest import real_fields

FULL = {
    "project_manager": "Pat",
    "sponsor": "Ed",
    "scope": "A network",
    "budget": Decimal("1"),
    "start": date(2018, 1, 1),
    "end": date(2018, 12, 31),
    "ict_lead": "Michael",
}


def test_a_project_with_all_five_facts_misses_nothing():
    assert rules.missing_facts(**FULL) == []


@pytest.mark.parametrize(
    "blank, fact",
    [
        ({"project_manager": ""}, rules.PROJECT_MANAGER),
        ({"sponsor": "  "}, rules.SPONSOR),
        ({"scope": ""}, rules.SCOPE),
        ({"budget": None}, rules.BUDGET_AND_TIMELINES),
        ({"budget": Decimal("0")}, rules.BUDGET_AND_TIMELINES),
        ({"start": None}, rules.BUDGET_AND_TIMELINES),
        ({"end": None}, rules.BUDGET_AND_TIMELINES),
        ({"ict_lead": ""}, rules.ICT_LEAD),
    ],
)
def test_each_missing_fact_is_named(blank, fact):
    assert rules.missing_facts(**{**FULL, **blank}) == [fact]


def test_tc21_no_allocated_budget_is_the_reason_given():
    missing = rules.missing_facts(**{**FULL, "budget": None})
    assert rules.exclusion_reasons(missing) == ["It has no allocated budget and timelines."]


def test_a_duplicate_of_another_councils_project_is_flagged_for_convergence():
    reasons = rules.exclusion_reasons([], duplicate_of_title="Camden telephony")
    assert reasons == ["It duplicates “Camden telephony” at another council: the two should converge."]


@pytest.mark.django_db
def test_the_portfolio_lists_real_projects_and_leaves_out_the_rest_with_reasons(sd, officer, councils):
    real = services.project_create(partnership=sd, councils=[councils["LBC"]], by=officer, **real_fields())
    no_budget = services.project_create(
        partnership=sd,
        councils=[councils["LBH"]],
        by=officer,
        **real_fields(title="Haringey telephony", allocated_budget=None),
    )
    duplicate = services.project_create(
        partnership=sd,
        councils=[councils["LBI"]],
        by=officer,
        **real_fields(title="Islington telephony", duplicate_of=real),
    )
    portfolio = selectors.portfolio_for(sd)
    shown = {p.pk for row in portfolio.programmes for p in row.projects}
    left_out = {p.pk: p.exclusion_reasons for row in portfolio.programmes for p in row.excluded}
    assert real.pk in shown
    assert left_out[no_budget.pk] == ["It has no allocated budget and timelines."]
    assert left_out[duplicate.pk] == [
        "It duplicates “Cloud-hosted telephony” at another council: the two should converge."
    ]


@pytest.mark.django_db
def test_a_duplicate_must_be_another_councils_project(sd, officer, councils):
    camden = services.project_create(partnership=sd, councils=[councils["LBC"]], by=officer, **real_fields())
    with pytest.raises(services.ValidationError) as error:
        services.project_create(
            partnership=sd,
            councils=[councils["LBC"]],
            by=officer,
            **real_fields(title="Again", duplicate_of=camden),
        )
    assert services.DUPLICATE_SAME_COUNCIL in str(error.value)


@pytest.mark.django_db
def test_the_portfolio_page_shows_what_an_excluded_project_is_missing(client, sd, officer, councils):
    services.project_create(
        partnership=sd,
        councils=[councils["LBC"]],
        by=officer,
        **real_fields(title="Camden kiosks", project_manager="", allocated_budget=None),
    )
    client.force_login(officer)
    page = client.get("/shared-digital/portfolio/").content.decode()
    assert "Camden kiosks" in page
    assert "It has no assigned project manager. It has no allocated budget and timelines." in page


@pytest.mark.django_db
def test_a_sovereign_project_serves_one_council(client, sd, officer, councils):
    project = services.project_create(partnership=sd, councils=[councils["LBI"]], by=officer, **real_fields())
    client.force_login(officer)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "(a sovereign project)" in page
    assert project.stage == Project.Stage.IN_FLIGHT


@pytest.mark.django_db
def test_a_project_edit_carries_its_version(client, sd, officer, councils):
    project = services.project_create(partnership=sd, councils=[councils["LBC"]], by=officer, **real_fields())
    client.force_login(officer)
    url = f"/shared-digital/portfolio/projects/{project.pk}/edit/"
    data = {
        **{k: v for k, v in real_fields().items() if v is not None},
        "councils": [councils["LBC"].pk],
        "version": current_version(project),
        "sponsor": "",
    }
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert project.missing_facts == [rules.SPONSOR]
    stale = client.post(url, {**data, "sponsor": "Someone"})
    assert stale.status_code == 409
    assert versions.STALE in stale.content.decode() and "Changed by somebody else" in stale.content.decode()
    project.refresh_from_db()
    assert project.sponsor == ""
