"""A finance officer sees only their own council's statements; the host's finance officers and the CIO see
all and may issue; others get 404 for a statement that is not theirs."""

import pytest
from django.contrib.auth import get_user_model

from finance.models import RechargeStatement
from finance.tasks import issue_statements
from governance.models import Job


def _login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


@pytest.fixture
def q1(finance_demo):
    return {s.council.code: s for s in RechargeStatement.objects.filter(year=2018, period="Q1")}


def _urls(st):
    base = f"/shared-digital/finance/statements/{st.pk}/"
    return [base, base + "pdf/", base + "csv/"]


def test_a_haringey_finance_officer_sees_haringeys_statement_and_not_islingtons(client, q1):
    _login(client, "finance.haringey")
    for url in _urls(q1["LBH"]):
        assert client.get(url).status_code == 200
    for url in _urls(q1["LBI"]):
        assert client.get(url).status_code == 404
    listing = client.get("/shared-digital/finance/statements/").content.decode()
    assert "SD-2018/19-0001" in listing and "SD-2018/19-0002" not in listing


@pytest.mark.parametrize("username", ["finance.camden", "cio", "auditor"])
def test_the_host_finance_officer_the_cio_and_auditors_see_every_council(client, q1, username):
    _login(client, username)
    listing = client.get("/shared-digital/finance/statements/").content.decode()
    assert "SD-2018/19-0001" in listing and "SD-2018/19-0002" in listing
    assert client.get(_urls(q1["LBI"])[1]).status_code == 200


def test_only_the_host_finance_officer_and_the_cio_may_issue(client, q1, django_capture_on_commit_callbacks):
    data = {"year": "2018/19", "period": "Q2", "action": "issue"}
    _login(client, "finance.haringey")
    assert client.post("/shared-digital/finance/statements/run/", data).status_code == 403
    _login(client, "auditor")
    assert client.post("/shared-digital/finance/statements/run/", data).status_code == 403
    _login(client, "finance.camden")
    response = client.post("/shared-digital/finance/statements/run/", data)
    assert response.status_code == 200 and "Issue the Q2 2018/19 statements?" in response.content.decode()
    assert not RechargeStatement.objects.filter(period="Q2", status="issued").exists()  # asked first
    with django_capture_on_commit_callbacks() as queued:
        response = client.post("/shared-digital/finance/statements/run/", {**data, "confirm": "yes"})
    job = Job.objects.get(kind="finance_statements_issue")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert len(queued) == 1  # the worker issues them (finance.tasks.issue_statements)
    assert issue_statements.run(str(job.pk)) == "succeeded"
    assert RechargeStatement.objects.filter(period="Q2", status="issued").count() == 2


def test_a_finance_officer_of_another_partnership_sees_nothing(client, q1):
    _login(client, "finance.hf")
    assert client.get("/shared-digital/finance/statements/").status_code == 403
    assert client.get(_urls(q1["LBH"])[0]).status_code == 403


def test_finance_officers_and_the_cio_find_finance_from_their_home_page(client, finance_demo):
    _login(client, "finance.haringey")
    page = client.get("/").content.decode()
    assert 'href="/shared-digital/finance/statements/"' in page and "Recharge statements" in page
    _login(client, "cio")
    page = client.get("/").content.decode()
    assert 'href="/shared-digital/finance/"' in page and 'href="/triborough-ict/finance/statements/"' in page
    nav = client.get("/shared-digital/finance/").content.decode()
    assert 'aria-current="page">Finance<' in nav
