"""The pure invoicing rules: who pays whom, when it is due, and the reference to quote."""

from datetime import date
from decimal import Decimal

from finance.invoicing import due_date, parties, payment_reference


def test_the_council_pays_the_host_an_invoice_and_the_host_pays_a_credit_note():
    assert parties(net=Decimal("10.00"), council="LBH", host="LBC") == ("LBH", "LBC")
    assert parties(net=Decimal("0.00"), council="LBH", host="LBC") == ("LBH", "LBC")
    assert parties(net=Decimal("-0.01"), council="LBH", host="LBC") == ("LBC", "LBH")


def test_the_due_date_is_the_terms_after_the_date_of_issue():
    assert due_date(date(2018, 7, 10), 30) == date(2018, 8, 9)
    assert due_date(date(2019, 1, 10), 30) == date(2019, 2, 9)
    assert due_date(date(2020, 2, 10), 30) == date(2020, 3, 11)  # a leap year


def test_the_payment_reference_is_the_prefix_and_the_number():
    assert payment_reference("SDRECHARGE", "SD-2018/19-0001") == "SDRECHARGE SD-2018/19-0001"
    assert payment_reference("", "SD-2018/19-0001") == "SD-2018/19-0001"
    assert payment_reference("SDRECHARGE", "") == ""
