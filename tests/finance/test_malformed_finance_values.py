"""Financial years and sums of money that cannot be right are refused clearly: an unknown year in an address is
a 404, in a form a 400 with a message; a sum that does not fit the money columns (1e400, 28 or 40 digits, NaN,
Infinity, fractions of a penny) is a form error."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from finance.periods import ERROR_UNKNOWN_YEAR, parse_year
from finance.services import ERROR_BAD_AMOUNT, parse_amount
from governance.parsing import parse_date, parse_decimal, parse_int


@pytest.mark.parametrize(
    "text", ["1e400", "1" * 28, "9" * 40, "NaN", "Infinity", "-inf", "12.345", "1e3", "abc", ""]
)
def test_sums_that_do_not_fit_the_money_columns_are_refused(text):
    with pytest.raises(ValueError) as error:
        parse_amount(text)
    assert str(error.value) == ERROR_BAD_AMOUNT.format(value=text)


@pytest.mark.parametrize(
    "text, amount",
    [
        ("£1,234.50", "1234.50"),
        ("(1,234.50)", "-1234.50"),
        ("-7", "-7.00"),
        ("999999999999.99", "999999999999.99"),
    ],
)
def test_sums_written_as_finance_officers_write_them_are_read(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["0000/01", "9999/00", "1999/00", "2100/01"])
def test_years_outside_the_known_financial_years_are_refused(text):
    with pytest.raises(ValueError, match=ERROR_UNKNOWN_YEAR):
        parse_year(text)


def test_the_shared_parsers_refuse_what_no_column_holds():
    for bad in ("abc", "1.5", "9" * 40, "1e3", ""):
        with pytest.raises(ValueError):
            parse_int(bad)
    for bad in ("2018-02-30", "0001-01-01", "20180101", "x" * 3000):
        with pytest.raises(ValueError):
            parse_date(bad)
    with pytest.raises(ValueError):
        parse_decimal("1" * 13, max_digits=14, decimal_places=2)
    assert parse_decimal("1" * 12) == Decimal("1" * 12)


@pytest.fixture
def camden(client, finance_demo):
    client.force_login(get_user_model().objects.get(username="finance.camden"))
    return client


@pytest.mark.parametrize("year", ["0000-01", "9999-00", "2018-20"])
@pytest.mark.parametrize("view", ["budget", "forecast", "savings"])
def test_an_unknown_year_in_the_address_is_not_found(camden, year, view):
    assert camden.get(f"/shared-digital/finance/{year}/{view}/").status_code == 404


def test_a_statement_run_for_an_unknown_year_is_a_400(camden):
    response = camden.post(
        "/shared-digital/finance/statements/run/", {"year": "9999/00", "period": "Q1", "action": "draft"}
    )
    assert (
        response.status_code == 400 and "Enter the financial year like 2018/19." in response.content.decode()
    )


@pytest.mark.parametrize("amount", ["1e400", "1" * 28, "NaN"])
def test_a_control_total_that_does_not_fit_is_a_form_error(camden, amount):
    response = camden.post(
        "/shared-digital/finance/2018-19/budget/", {"council": "TOTAL", "key": "bau_staff", "amount": amount}
    )
    assert response.status_code in (200, 400)
    assert ERROR_BAD_AMOUNT.format(value=amount) in response.content.decode().replace("&quot;", '"')
