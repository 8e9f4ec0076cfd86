"""The host's finance officers chase what is owed: the statements list shows each statement's due date, what
has been paid, what is outstanding and whether it is overdue; the aged debt list shows what each council owes
by days since issue (current up to 30, then 31–60, 61–90, over 90), with links to the invoices."""

from datetime import date

import pytest

from finance import ageing

URL = "/shared-digital/finance/aged-debt/"


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(0, "current"), (30, "current"), (31, "30"), (60, "30"), (61, "60"), (90, "60"), (91, "90+"), (400, "90+")],
)
def test_each_bucket_at_its_bounds(days, bucket):
    issued = date(2018, 7, 10)
    assert ageing.age_bucket(issued, date.fromordinal(issued.toordinal() + days)) == bucket


@pytest.fixture
def host_officer(client, finance_demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="finance.camden"))
    return client


def _owed(page, code):
    start = page.index(f'data-council="{code}"')
    return page[start : page.index("</tr>", start)]


def test_the_demos_q1_invoices_age_from_current_to_over_90_days(host_officer):
    from finance.models import RechargeStatement

    owed = {
        st.council.code: st.net
        for st in RechargeStatement.objects.filter(
            partnership__slug="shared-digital", status="issued", kind="invoice"
        ).exclude(council__code="LBC")
    }
    assert set(owed) == {"LBH", "LBI"}  # Camden hosts: its own share is not a debt
    haringey = f"{owed['LBH']:,.2f}"
    # Issued 10 July 2018: current for 30 days, then each bucket in turn.
    for on, column in (("2018-08-09", 0), ("2018-08-10", 1), ("2018-09-08", 1), ("2018-09-09", 2), ("2018-10-08", 2), ("2018-10-09", 3)):
        page = host_officer.get(URL, {"on": on}).content.decode()
        cells = _owed(page, "LBH").split('<td class="govuk-table__cell app-money">')[1:5]
        assert [haringey in c for c in cells] == [i == column for i in range(4)], (on, cells)
    assert 'href="/shared-digital/finance/statements/' in page  # each invoice links to its page


def test_a_payment_moves_the_debt_and_the_statements_list_shows_it(host_officer):
    from django.contrib.auth import get_user_model

    from finance import services
    from finance.models import RechargeStatement

    st = RechargeStatement.objects.get(
        partnership__slug="shared-digital", status="issued", kind="invoice", council__code="LBI"
    )
    services.payment_record(
        statement=st,
        paid_on=date(2018, 8, 1),
        amount=st.net - 100,
        reference="REMIT-1",
        by=get_user_model().objects.get(username="finance.camden"),
    )
    page = host_officer.get(URL, {"on": "2018-12-31"}).content.decode()
    assert "100.00" in _owed(page, "LBI")
    listing = host_officer.get("/shared-digital/finance/statements/").content.decode()
    row = listing[listing.index('data-council="LBI"') :]
    row = row[: row.index("</tr>")]
    assert f"{st.net - 100:,.2f}" in row and "100.00" in row and "Overdue" in row
    assert st.due_date.strftime("%-d %b %Y") in row


@pytest.mark.parametrize("query", [{"on": "x"}, {"on": "3000-01-01"}, {"colour": "red"}])
def test_bad_parameters_are_a_400(host_officer, query):
    assert host_officer.get(URL, query).status_code == 400
