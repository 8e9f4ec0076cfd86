"""The CIO dashboard: every section for a partnership and year, filterable by council, refused with a 400 for
bad filters, read by the CIO, members and auditors, and the CIO's home page."""

import ast
from pathlib import Path

import pytest

URL = "/shared-digital/dashboard/"


def text(response):
    return response.content.decode()


def test_the_cio_sees_every_section_for_shared_digital_2017_18(as_user):
    page = text(as_user("cio").get(URL, {"year": "2017-18"}))
    for heading in ("Money", "Contracts", "People", "Decisions", "Portfolio"):
        assert f'id="{heading.lower()}">{heading}</h2>' in page
    assert "Figures as at 31 March 2018" in page
    # Money as the seed's finance update presents it: revenue and one-off apart, never added together, with
    # the month 5 forecast named by its month (August), each figure linking to its page.
    assert "with the Month 5 (August 2017) forecast" in page
    assert 'href="/shared-digital/finance/2017-18/budget/">£43,710,000.00</a>' in page
    assert 'href="/shared-digital/finance/2017-18/forecast/?month=5">£43,755,000.00</a>' in page
    assert '<span class="app-money">£45,000.00</span> over budget' in page
    assert 'href="/shared-digital/finance/2017-18/budget/">£16,121,000.00</a>' in page
    assert 'href="/shared-digital/finance/2017-18/forecast/?month=5">£10,878,000.00</a>' in page
    assert '<span class="app-money">£5,243,000.00</span> under, which stays with each council' in page
    assert "month 5 (August)" in page and "(May)" not in page
    assert "59,830,000" not in page and "54,633,000" not in page  # revenue and one-off never added
    # The Tri-borough-style plan: savings a year against the one-off costs of getting there (Shared Digital:
    # £6m a year from 2019/20 against £7.5m of investment and one-off costs).
    assert "Savings of <span class=\"app-money\">£6,000,000.00</span> a year from 2019/20" in page
    assert "£7,500,000.00</span>: repaid in 15.0 months of savings" in page
    # Contracts: what falls due within 6, 12 and 18 months, and the co-terminus gaps.
    assert "6 months: 2" in page and "12 months: 1" in page and "18 months: 2" in page
    assert "Re-let, or extend beyond the options after a legal risk review" in page
    # People: the establishment, vacancies and what it costs against the BAU staff budget.
    assert "413 posts, 459.00 FTE" in page and "54 posts, 54.00 FTE" in page
    assert "£24,045,727.60</a> on every line" in page
    assert "£18,283,413.57</a> against a budget of" in page and "£19,744,000.00</a>" in page
    # Portfolio: projects left out for missing facts, and risks past review.
    assert "Projects left out of the shared portfolio: 6" in page
    assert ".;" not in page  # each reason is a sentence of its own
    assert "13 past their review date" in page
    # Charts are SVG drawn on the server, as images beside their tables.
    assert page.count('src="data:image/svg+xml;base64,') == 4


def test_filtered_to_haringey_it_shows_haringey_alone(as_user):
    page = text(as_user("cio").get(URL, {"year": "2017/18", "council": "LBH"}))
    assert "London Borough of Haringey" in page
    assert "£14,788,000.00" in page  # Haringey's revenue budget
    assert "£6,636,000.00" in page  # and its one-off provisions, after the capital review, never added to it
    assert "£3,556,000.00" in page  # the one-off underspend Haringey keeps
    assert "13,323,000.00" not in page  # Camden's revenue budget
    assert "LBH-CM" in page and "LBI-CM-SM" not in page


@pytest.mark.parametrize(
    "query",
    [
        {"council": "XXX"},
        {"year": "abc"},
        {"year": "9999-00"},
        {"on": "2018-02-30"},
        {"on": "9999-12-31"},
        {"colour": "red"},
        {"year": "x" * 3000},
    ],
)
def test_bad_filters_are_refused_with_a_400(as_user, query):
    response = as_user("cio").get(URL, query)
    assert response.status_code == 400
    assert "There is a problem with the dashboard" in text(response)


@pytest.mark.parametrize("username", ["cio", "member", "auditor"])
def test_the_cio_members_and_auditors_read_it(as_user, username):
    assert as_user(username).get(URL, {"year": "2017-18"}).status_code == 200


@pytest.mark.parametrize("username", ["officer", "finance.haringey"])
def test_other_roles_do_not(as_user, username):
    assert as_user(username).get(URL).status_code == 403


def test_the_public_is_sent_to_sign_in(client, full_demo):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_cios_home_page_is_the_dashboard(as_user):
    page = text(as_user("cio").get("/"))
    assert "The shared service at a glance" in page
    assert 'data-role="cio"' in page and ">Chief information officer" in page
    assert "Download for the board" in page


DASHBOARD = Path(__file__).resolve().parents[2] / "sharedservice" / "dashboard"


def test_the_dashboard_queries_no_model_and_imports_only_selectors():
    """It composes the apps' selectors: no module of the dashboard imports a models module or the ORM."""
    for path in DASHBOARD.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                assert "models" not in name.split("."), f"{path.name} imports {name}"
                assert not name.startswith("django.db.models"), f"{path.name} imports {name}"


def test_every_link_of_the_dashboard_opens_its_page_for_the_cio(as_user):
    import re
    from html import unescape

    client = as_user("cio")
    page = text(client.get(URL, {"year": "2017-18", "on": "2018-01-15"}))
    links = sorted(
        {unescape(h) for h in re.findall(r'href="(/[^"#]*)"', page) if not h.startswith("/static/")}
        - {"/accounts/logout/"}
    )
    assert len(links) > 20
    broken = [(link, client.get(link).status_code) for link in links]
    assert [b for b in broken if b[1] != 200] == []


def test_the_triborough_dashboard_sets_the_reports_savings_against_its_implementation_cost(as_user):
    page = text(as_user("auditor").get("/triborough-ict/dashboard/"))
    # D0 Table 2: £6.55m a year from 2017/18; Table 3: £143,100 to implement.
    plan = page[page.index('id="money-plan"') : page.index("</p>", page.index('id="money-plan"'))]
    assert "£6,550,000.00</span> a year from 2017/18" in plan and "£143,100.00" in plan
    assert "Salary savings (third phase)" in page and "Change management" in page


def test_it_opens_on_the_latest_year_with_a_forecast_and_a_year_without_a_budget_says_so(as_user):
    client = as_user("cio")
    page = text(client.get(URL))
    assert "The shared service at a glance, 2017/18" in page  # not today's year, which has no figures
    empty = text(client.get(URL, {"year": "2019-20"}))
    assert "No budget has been set for 2019/20." in empty
    assert '<a class="govuk-link" href="?year=2018-19">2018/19</a>' in empty


def test_the_triborough_dashboard_opens_on_its_budget_without_a_missing_rate_warning(as_user):
    client = as_user("cio")
    page = text(client.get("/triborough-ict/dashboard/"))
    assert "The shared service at a glance, 2014/15" in page and "£34,281,000.00" in page
    assert "govuk-warning-text" not in page
    # The year the savings start has no budget: the page says so, and a rate not set for it is no warning.
    later = text(client.get("/triborough-ict/dashboard/", {"year": "2017-18"}))
    assert "No budget has been set for 2017/18." in later
    assert "govuk-warning-text__text" not in later
