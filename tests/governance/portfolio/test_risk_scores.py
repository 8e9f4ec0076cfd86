"""Risks are rated for likelihood and impact from 1 to 5; the seed's words map to the middle of the scale
(Low 2, Medium 3, High 4); the score is likelihood times impact, banded Low (up to 4), Medium (5–11) and High
(12 and more). The register shows a heat map of open risks and the open risks past their review date."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from governance.audit import versions
from governance.audit.versions import current_version
from governance.portfolio import rules, services
from governance.portfolio.models import Risk


@pytest.mark.parametrize(
    "written, pair, score, band",
    [
        ("Medium/High", (3, 4), 12, "High"),  # the 'takeover' risk of the lean joint committee
        ("Low/Medium", (2, 3), 6, "Medium"),  # pension deficits
        ("Medium", (3, 3), 9, "Medium"),  # a single word rates both
        ("High/High", (4, 4), 16, "High"),  # the company seen as an outside body
        ("Medium/medium", (3, 3), 9, "Medium"),
        ("High/medium", (4, 3), 12, "High"),
    ],
)
def test_the_seeds_ratings_map_to_scores(written, pair, score, band):
    assert rules.parse_rating(written) == pair
    assert rules.risk_score(*pair) == score
    assert rules.risk_band(score) == band


def test_band_edges():
    assert [rules.risk_band(s) for s in (1, 4, 5, 11, 12, 25)] == [
        "Low",
        "Low",
        "Medium",
        "Medium",
        "High",
        "High",
    ]


def test_an_unreadable_rating_is_refused():
    with pytest.raises(ValueError):
        rules.parse_rating("Severe")


def test_likelihood_and_impact_run_from_1_to_5():
    with pytest.raises(ValueError):
        rules.risk_score(0, 3)
    with pytest.raises(ValueError):
        rules.risk_score(3, 6)


def test_the_heat_map_counts_risks_in_their_cells():
    grid = rules.heat_map([(3, 4), (3, 4), (2, 3)])
    assert grid[(3, 4)] == 2 and grid[(2, 3)] == 1
    assert sum(grid.values()) == 3 and len(grid) == 25


def test_a_risk_is_past_review_when_open_and_its_date_has_gone():
    today = date(2026, 1, 10)
    assert rules.is_past_review(date(2026, 1, 9), today=today)
    assert not rules.is_past_review(date(2026, 1, 10), today=today)
    assert not rules.is_past_review(date(2026, 1, 9), today=today, is_open=False)


@pytest.mark.django_db
def test_a_new_risk_needs_an_owner_and_a_programme_risk_its_programme(sd, officer, infrastructure):
    fields = {
        "level": Risk.Level.PROGRAMME,
        "description": "Legacy circuits fail before the new network is in.",
        "likelihood": 3,
        "impact": 5,
        "review_date": date(2030, 1, 1),
    }
    with pytest.raises(ValidationError) as error:
        services.risk_create(partnership=sd, by=officer, programme=infrastructure, **fields)
    assert error.value.message_dict == {"owner": [services.RISK_NEEDS_OWNER]}
    with pytest.raises(ValidationError):
        services.risk_create(partnership=sd, by=officer, owner="CDIO", **fields)
    risk = services.risk_create(partnership=sd, by=officer, owner="CDIO", programme=infrastructure, **fields)
    assert (risk.score, risk.band) == (15, "High")


@pytest.mark.django_db
def test_the_register_page_shows_the_heat_map_table_and_risks_past_review(client, sd, officer):
    client.force_login(officer)
    page = client.get("/shared-digital/portfolio/risks/").content.decode()
    assert '<svg role="img"' in page
    table = page.split('id="heat-table"')[1].split("</table>")[0]
    open_risks = Risk.objects.filter(partnership=sd, status=Risk.Status.OPEN)
    cells = [int(c.split(">")[1].split("<")[0]) for c in table.split('govuk-table__cell--numeric"')[1:]]
    assert sum(cells) == open_risks.count() > 0
    past = page.split("Open risks whose review date has passed")[1].split("</table>")[0]
    # The demo's risks were due for review at the Joint Committees of 2017 and 2018: all past.
    for risk in open_risks:
        assert risk.description[:40] in past.replace("&#x27;", "'")


@pytest.mark.django_db
def test_a_bad_filter_is_a_400_with_a_message(client, officer):
    client.force_login(officer)
    response = client.get("/shared-digital/portfolio/risks/?level=galaxy")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_a_risk_is_edited_with_its_version(client, sd, officer):
    risk = Risk.objects.filter(partnership=sd).first()
    client.force_login(officer)
    url = f"/shared-digital/portfolio/risks/{risk.pk}/"
    data = {
        "level": risk.level,
        "project": risk.project_id or "",
        "programme": risk.programme_id or "",
        "description": risk.description,
        "likelihood": 2,
        "impact": 2,
        "owner": "Chief Digital and Information Officer",
        "mitigation": risk.mitigation,
        "status": "open",
        "review_date": "2030-01-01",
        "version": current_version(risk),
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "likelihood": 5})  # the version read before the first save
    assert response.status_code == 409
    page = response.content.decode()
    # The other person's change is shown beside ours, and the form now carries their version: sent again, it saves.
    assert versions.STALE in page and "Changed by somebody else" in page and officer.get_full_name() in page
    risk.refresh_from_db()
    assert (risk.likelihood, risk.impact, risk.score) == (2, 2, 4)
    resent = response.context["form"].data
    assert resent["version"] == str(current_version(risk)) and resent["likelihood"] == "5"
    assert client.post(url, resent).status_code == 302
    risk.refresh_from_db()
    assert risk.likelihood == 5
