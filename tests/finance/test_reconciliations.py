"""Finance reads staffing's cost of the establishment and procurement's contract costs through their selectors
and sets them against the budget lines they fall on: a page of rows each, linked from the dashboard, that add
up, with agency cover counted from the same records as its cost."""

import pytest

from procurement.models import Contract

STAFF = "/shared-digital/finance/2017-18/reconciliation/staff/"
CONTRACTS = "/shared-digital/finance/2017-18/reconciliation/contracts/"


@pytest.fixture
def everything(full_demo):
    """Governance, finance, staffing and procurement demos, loaded in that order (committed for the worker)."""
    return full_demo


@pytest.fixture
def cio(client, everything):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="cio"))
    return client


def _row(page, key):
    start = page.index(f'data-row="{key}"')
    return page[start : page.index("</tr>", start)]


def test_the_staff_lines_are_set_against_the_establishments_cost_for_the_demo(cio):
    page = cio.get(STAFF, {"on": "2018-03-31"}).content.decode()
    # Camden's BAU staff: budget £6,524k against 130.20 FTE-years costing £6,576,451.82, six posts with agency
    # cover (£351,000, £213,290.22 of it beyond the salaried cost it replaced), 16 posts vacant on the day.
    camden = _row(page, "LBC-bau_staff")
    for figure in ("6,524,000.00", "130.20", "6,225,451.82", "351,000.00 (6)", "213,290.22", "6,576,451.82"):
        assert figure in camden
    assert "−52,451.82" in camden and "690,355.20" in camden
    haringey_ci = _row(page, "LBH-continuous_improvement")
    assert "978,000.00" in haringey_ci and "+978,000.00" in haringey_ci  # a budget with no posts on it
    total = _row(page, "total")
    # The rows add up: budget £24,239k (the cells: the seed's printed BAU staff total is £1k more), the
    # establishment £24,045,727.60 of which £1,170,000 agency cover in 20 posts, a difference of £193,272.40.
    for figure in ("24,239,000.00", "459.00", "22,875,727.60", "1,170,000.00 (20)", "675,264.88"):
        assert figure in total
    assert "24,045,727.60" in total and "+193,272.40" in total and "2,594,649.60" in total
    assert "54 posts (54.00 FTE) vacant on 31 March 2018" in page


def test_the_non_staff_line_is_set_against_the_contracts_for_the_demo(cio):
    page = cio.get(CONTRACTS).content.decode()
    expected = {
        "LBC-bau_non_staff": ("4,782,000.00", "150,000.00", "+4,632,000.00"),
        "LBH-bau_non_staff": ("8,551,000.00", "120,000.00", "+8,431,000.00"),
        "LBI-bau_non_staff": ("6,137,000.00", "110,000.00", "+6,027,000.00"),
        "total": ("19,470,000.00", "380,000.00", "+19,090,000.00"),
    }
    for key, figures in expected.items():
        row = _row(page, key)
        assert all(f in row for f in figures), (key, row)
    assert "None: every contract's cost falls on a budget line." in page
    assert "None: every council's non-staff line has a contract on it." in page


def test_a_contract_with_no_budget_line_and_a_line_with_no_contract_are_listed(cio):
    # 2018/19 has permanent lines only: a contract costed to evergreening has no budget line, and Haringey's
    # non-staff line is left with no contract.
    # Every contract Haringey shares on the non-staff line moves (the case management contract among them; the
    # awarded mobile devices and MFD contracts run into 2018/19 too).
    haringeys = Contract.objects.filter(
        partnership__slug="shared-digital", funding_line="bau_non_staff", shares__council__code="LBH"
    ).distinct()
    references = list(haringeys.values_list("reference", flat=True))
    assert "LBH-CM" in references
    Contract.objects.filter(reference__in=references).update(funding_line="evergreening")
    page = cio.get("/shared-digital/finance/2018-19/reconciliation/contracts/").content.decode()
    unbudgeted = page[page.index('id="contracts-unbudgeted"') : page.index("Budget lines with no contract")]
    assert "LBH-CM" in unbudgeted and "£120,000.00" in unbudgeted
    without = page[page.index('id="lines-without-contract"') :]
    assert (
        'London Borough of Haringey, BAU non-staff costs: <span class="app-money">£8,551,000.00</span>'
        in without
    )


def test_the_dashboard_links_each_reconciliation_from_its_figure(client, everything):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="cio"))
    page = client.get("/shared-digital/dashboard/", {"year": "2017-18"}).content.decode()
    agency = page[page.index('id="people-agency"') : page.index("</dd>", page.index('id="people-agency"'))]
    # Agency cover is counted from the records its cost comes from: no "0 posts" beside £1,170,000.
    assert f'href="{STAFF}">20 posts covered by agency staff' in agency and "£1,170,000.00" in agency
    assert f'href="{CONTRACTS}">Contracts cost <span class="app-money">£380,000.00</span>' in page


@pytest.mark.parametrize("query", [{"on": "2019-01-01"}, {"on": "x"}, {"colour": "red"}])
def test_bad_parameters_are_a_400(cio, query):
    assert cio.get(STAFF, query).status_code == 400


def test_finance_officers_read_them_and_members_do_not(client, everything):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    client.force_login(users.get(username="finance.haringey"))
    assert client.get(CONTRACTS).status_code == 200
    client.force_login(users.get(username="member"))
    assert client.get(STAFF).status_code == 403


def test_the_forecast_page_names_month_5_august(cio):
    page = cio.get("/shared-digital/finance/2017-18/forecast/").content.decode()
    assert "Month 5 (August) forecast (month 1 is April)." in page
