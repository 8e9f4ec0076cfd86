"""Issuing a period's statements asks for confirmation on a page that says what will happen, with the warnings
(an old period, a period not yet over, nothing drafted); what would be refused is refused at once (issue 21 §4)."""

from html import unescape

from django.contrib.auth import get_user_model
from django.utils import timezone

from finance.models import RechargeStatement
from finance.periods import quarter_of, year_label, year_of

RUN = "/shared-digital/finance/statements/run/"


def test_an_old_period_is_warned_of_and_nothing_is_issued_until_confirmed(client, finance_demo):
    client.force_login(get_user_model().objects.get(username="finance.camden"))
    data = {"year": "2018/19", "period": "Q2", "action": "issue"}
    page = unescape(client.post(RUN, data).content.decode())
    assert "Issue the Q2 2018/19 statements?" in page and "What will happen" in page
    assert "Q2 2018/19 ended on 30 September 2018, more than six months ago" in page
    assert "never used again" in page
    assert 'name="confirm" value="yes"' in page
    assert not RechargeStatement.objects.filter(period="Q2", status="issued").exists()


def test_a_period_not_yet_over_with_nothing_drafted_is_warned_of(client, finance_demo):
    client.force_login(get_user_model().objects.get(username="cio"))
    today = timezone.localdate()
    year, period = year_label(year_of(today)), quarter_of(today)
    page = unescape(client.post(RUN, {"year": year, "period": period, "action": "issue"}).content.decode())
    assert f"{period} {year} has not ended: it ends on" in page
    assert f"Nothing has been drafted for {period} {year} yet" in page
    assert not RechargeStatement.objects.filter(status="issued", period=period, year=year_of(today)).exists()
