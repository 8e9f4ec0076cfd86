"""Settlement settings per partnership and year: editable on a page by the host's finance officers and the
CIO, and in force from their year until a later setting."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from finance import selectors, services
from finance.models import Settlement


def _login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def test_the_setting_in_force_is_the_latest_from_that_year_or_before(finance_demo, sd):
    assert selectors.settlement_for(sd, 2017) is None
    assert selectors.settlement_for(sd, 2025).model == "hosted"
    services.settlement_set(
        partnership=sd, year=2020, model="pooled", weights="equal", host=sd.host_on(date(2020, 4, 1))
    )
    assert selectors.settlement_for(sd, 2019).model == "hosted"
    assert selectors.settlement_for(sd, 2021).model == "pooled"


def test_the_host_sets_a_year_on_the_page_and_errors_are_shown(finance_demo, client):
    _login(client, "finance.camden")
    url = "/shared-digital/finance/settlement/"
    data = {
        "year": "2019/20",
        "model": "pooled",
        "weights": "fixed",
        "fixed": "LBC=40,LBH=30,LBI=30",
        "host": "LBC",
    }
    assert client.post(url, data).status_code == 302
    assert Settlement.objects.get(partnership__slug="shared-digital", year=2019).fixed == {
        "LBC": "40",
        "LBH": "30",
        "LBI": "30",
    }
    response = client.post(url, {**data, "year": "2020/21", "fixed": "LBC=50"})
    assert (
        response.status_code == 400 and "Fixed percentages must add up to 100." in response.content.decode()
    )
    response = client.post(url, {**data, "year": "2020"})
    assert "Enter the financial year like 2018/19." in response.content.decode()


@pytest.mark.parametrize("username", ["finance.haringey", "auditor"])
def test_others_cannot_change_settings_or_control_totals(finance_demo, client, username):
    _login(client, username)
    data = {"year": "2019/20", "model": "pooled", "weights": "equal", "host": "LBC"}
    assert client.post("/shared-digital/finance/settlement/", data).status_code == 403
    control = {"council": "TOTAL", "key": "bau_staff", "amount": "1"}
    # 2018/19 is hosted by Camden (2017/18 had no host, so each council's finance officers managed it).
    assert client.post("/shared-digital/finance/2018-19/budget/", control).status_code == 403
