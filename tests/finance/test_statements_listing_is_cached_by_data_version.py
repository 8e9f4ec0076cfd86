"""The statements page keeps its listing in the cache under the partnership's data version, the reader, the day
and the query: read again unchanged it is not read from the database again; any change to the partnership's
records (a statement issued, a payment recorded) shows at once, and each reader sees only their own scope."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import services
from finance.models import RechargeStatement

LIST = "/shared-digital/finance/statements/"


def _login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def _table(page):
    return page[page.index('<table class="govuk-table" id="statements">') : page.index("</table>")]


def _get(client, url=LIST):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(ctx)


def test_the_listing_read_again_is_served_from_the_cache_until_the_partnership_changes(
    client, finance_demo, sd
):
    _login(client, "cio")
    client.get(LIST)  # the session's first request may write it
    cache.clear()
    first, fresh = _get(client)
    again, cached = _get(client)
    assert _table(again) == _table(first) and cached < fresh
    assert again.count('name="csrfmiddlewaretoken"') == 3  # the posting forms are rendered afresh
    assert "SD-2018/19-0003" not in first
    services.recharges_run(partnership=sd, year=2018, period="Q2", issue=True)
    after, _ = _get(client)
    assert "SD-2018/19-0003" in after and "SD-2018/19-0004" in after


def test_a_payment_shows_at_once(client, finance_demo, sd, django_user_model):
    _login(client, "finance.camden")
    statement = RechargeStatement.objects.get(number="SD-2018/19-0001")
    page, _ = _get(client)
    assert "1,000.00" not in page
    services.payment_record(
        statement=statement,
        paid_on=statement.issue_date,
        amount=Decimal("1000.00"),
        by=django_user_model.objects.get(username="finance.camden"),
        today=date(2026, 1, 1),
    )
    page, _ = _get(client)
    assert "1,000.00" in page


def test_each_reader_sees_their_own_scope_from_the_cache(client, finance_demo):
    _login(client, "cio")
    everyone, _ = _get(client)
    assert "SD-2018/19-0001" in everyone and "SD-2018/19-0002" in everyone
    _login(client, "finance.haringey")
    haringey, _ = _get(client)
    assert "SD-2018/19-0001" in haringey and "SD-2018/19-0002" not in haringey
