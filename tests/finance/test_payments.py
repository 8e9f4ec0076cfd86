"""Payments on issued statements: recorded by the host's finance officers (or the CIO, or an administrator),
never more than is owed, never edited, reversed with a reason; the dashboard counts an invoice at what is still
owed on it."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import selectors, services
from finance.models import Payment, RechargeStatement

from .invoice_helpers import login

TODAY = date(2018, 9, 1)


@pytest.fixture
def lbh_q1(finance_demo):
    """Haringey's Q1 2018/19 invoice: £3,697,000.00, issued 10 July 2018, due 9 August 2018."""
    return RechargeStatement.objects.get(number="SD-2018/19-0001")


@pytest.fixture
def camden(finance_demo):
    return get_user_model().objects.get(username="finance.camden")


def url(st, rest=""):
    return f"/shared-digital/finance/statements/{st.pk}/{rest}"


def test_part_and_full_payment_settle_an_invoice_and_leave_history(lbh_q1, camden):
    assert selectors.statement_balance(lbh_q1) == {"paid": Decimal("0"), "balance": Decimal("3697000.00")}
    services.payment_record(
        statement=lbh_q1,
        paid_on=date(2018, 8, 1),
        amount=Decimal("1000000.00"),
        reference="BACS 1",
        by=camden,
        today=TODAY,
    )
    assert selectors.statement_balance(lbh_q1)["balance"] == Decimal("2697000.00")
    with pytest.raises(ValidationError) as error:
        services.payment_record(
            statement=lbh_q1, paid_on=date(2018, 8, 2), amount=Decimal("2697000.01"), by=camden, today=TODAY
        )
    assert "£2,697,000.00 still owed" in error.value.message_dict["amount"][0]
    services.payment_record(
        statement=lbh_q1, paid_on=date(2018, 8, 9), amount=Decimal("2697000.00"), by=camden, today=TODAY
    )
    assert selectors.statement_balance(lbh_q1) == {"paid": Decimal("3697000.00"), "balance": Decimal("0.00")}
    with pytest.raises(ValidationError) as error:
        services.payment_record(
            statement=lbh_q1, paid_on=date(2018, 8, 9), amount=Decimal("1.00"), by=camden, today=TODAY
        )
    assert error.value.messages == [services.PAYMENT_NOTHING_OWED]
    first = Payment.objects.get(reference="BACS 1")
    assert first.history.get().history_user == camden
    assert [p.recorded_by for p in selectors.payments_of(lbh_q1)] == [camden, camden]


def test_a_payment_is_dated_between_issue_and_today_and_only_on_an_issued_statement(lbh_q1, camden):
    for paid_on in (date(2018, 7, 9), date(2018, 9, 2)):
        with pytest.raises(ValidationError) as error:
            services.payment_record(
                statement=lbh_q1, paid_on=paid_on, amount=Decimal("10.00"), by=camden, today=TODAY
            )
        assert set(error.value.message_dict) == {"paid_on"}
    draft = RechargeStatement.objects.filter(status=RechargeStatement.Status.DRAFT).first()
    if draft is not None:
        with pytest.raises(ValidationError) as error:
            services.payment_record(
                statement=draft, paid_on=TODAY, amount=Decimal("10.00"), by=camden, today=TODAY
            )
        assert error.value.messages == [services.PAYMENT_NOT_ISSUED]
    assert not Payment.objects.exists()


def test_a_reversed_payment_stays_on_record_and_is_owed_again(lbh_q1, camden):
    p = services.payment_record(
        statement=lbh_q1, paid_on=date(2018, 8, 9), amount=Decimal("3697000.00"), by=camden, today=TODAY
    )
    with pytest.raises(ValidationError):
        services.payment_reverse(payment=p, reason="  ", by=camden)
    services.payment_reverse(payment=p, reason="The payment bounced.", by=camden, today=TODAY)
    p.refresh_from_db()
    assert (p.reversed_on, p.reversal_reason) == (TODAY, "The payment bounced.")
    assert p.history.latest().history_change_reason == "The payment bounced."
    assert selectors.statement_balance(lbh_q1)["balance"] == Decimal("3697000.00")
    with pytest.raises(ValidationError) as error:
        services.payment_reverse(payment=p, reason="Again.", by=camden)
    assert error.value.messages == [services.ALREADY_REVERSED]


def test_the_dashboard_summary_counts_what_is_still_owed_in_one_query(lbh_q1, camden, sd):
    before = selectors.recharges_summary(sd, 2018, TODAY)
    assert lbh_q1 in before["overdue"]
    services.payment_record(
        statement=lbh_q1, paid_on=date(2018, 8, 20), amount=Decimal("697000.00"), by=camden, today=TODAY
    )
    with CaptureQueriesContext(connection) as ctx:
        part = selectors.recharges_summary(sd, 2018, TODAY)
    assert len(ctx) == 1
    assert part["overdue_total"] == before["overdue_total"] - Decimal("697000.00")
    services.payment_record(
        statement=lbh_q1, paid_on=date(2018, 8, 21), amount=Decimal("3000000.00"), by=camden, today=TODAY
    )
    paid = selectors.recharges_summary(sd, 2018, TODAY)
    assert lbh_q1.pk not in {s.pk for s in paid["overdue"]}
    assert paid["overdue_total"] == before["overdue_total"] - Decimal("3697000.00")


def test_the_host_records_a_payment_on_the_statement_page(client, lbh_q1):
    login(client, "finance.camden")
    page = client.get(url(lbh_q1)).content.decode()
    assert "Record a payment" in page and "No payment has been recorded yet." in page
    bad = client.post(
        url(lbh_q1, "payments/"),
        {"paid_on_day": "1", "paid_on_month": "8", "paid_on_year": "2018", "amount": "ten pounds"},
    )
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    too_much = client.post(
        url(lbh_q1, "payments/"),
        {"paid_on_day": "1", "paid_on_month": "8", "paid_on_year": "2018", "amount": "3,697,000.01"},
    )
    assert too_much.status_code == 400 and "still owed" in too_much.content.decode()
    assert not Payment.objects.exists()
    ok = client.post(
        url(lbh_q1, "payments/"),
        {
            "paid_on_day": "1",
            "paid_on_month": "8",
            "paid_on_year": "2018",
            "amount": "£3,697,000.00",
            "reference": "BACS 0001",
        },
    )
    assert ok.status_code == 302
    page = client.get(url(lbh_q1)).content.decode()
    assert "Paid in full" in page and "BACS 0001" in page and "Record a payment" not in page
    payment = Payment.objects.get()
    reverse = client.get(url(lbh_q1, f"payments/{payment.pk}/reverse/"))
    assert reverse.status_code == 200
    assert client.post(url(lbh_q1, f"payments/{payment.pk}/reverse/"), {"reason": ""}).status_code == 400
    done = client.post(url(lbh_q1, f"payments/{payment.pk}/reverse/"), {"reason": "Recorded twice."})
    assert done.status_code == 302
    assert "Reversed" in client.get(url(lbh_q1)).content.decode()


@pytest.mark.parametrize("username", ["finance.haringey", "auditor"])
def test_only_those_who_manage_the_finance_record_payments(client, lbh_q1, username):
    login(client, username)
    assert "Record a payment" not in client.get(url(lbh_q1)).content.decode()
    response = client.post(
        url(lbh_q1, "payments/"),
        {"paid_on_day": "1", "paid_on_month": "8", "paid_on_year": "2018", "amount": "10.00"},
    )
    assert response.status_code == 403
    assert not Payment.objects.exists()
