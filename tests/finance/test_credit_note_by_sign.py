"""A statement is an invoice when the council pays and a credit note when it is refunded. Under a hosted
budget the host is the payee of every invoice and the payer of every credit note."""

from datetime import date
from decimal import Decimal

from finance import services
from finance.models import RechargeStatement

from .invoice_helpers import pdf_text


def _underspend():
    # Shared permanent actuals below the 2018/19 permanent budget of £43,709,000: an underspend.
    services.import_actuals(
        text="partnership,date,line,amount,incurred_by,charged_to,description\n"
        "shared-digital,2018-06-30,bau_staff,43700000.00,LBC,,Shared permanent costs\n"
    )


def test_an_underspend_true_up_is_a_credit_note_paid_by_the_host(finance_demo, sd):
    _underspend()
    services.recharges_run(
        partnership=sd, year=2018, period="true-up", issue=True, issue_date=date(2019, 4, 10)
    )
    lbi = RechargeStatement.objects.get(year=2018, period="true-up", council__code="LBI")
    assert lbi.kind == RechargeStatement.Kind.CREDIT_NOTE and lbi.net < 0
    assert (lbi.payer_name, lbi.payee_name) == ("London Borough of Camden", "London Borough of Islington")
    assert lbi.due_date == date(2019, 5, 10)
    text = pdf_text(lbi)
    assert text.startswith("Credit note ")
    assert f"Amount to be refunded to London Borough of Islington: £{-lbi.net:,}" in text
    assert "London Borough of Camden will pay" in text and "SDRECHARGE " + lbi.number in text
    assert "Share of the shared permanent underspend" in text


def test_a_quarters_contribution_is_an_invoice_paid_to_the_host(finance_demo):
    lbi = RechargeStatement.objects.get(number="SD-2018/19-0002")
    assert lbi.kind == RechargeStatement.Kind.INVOICE and lbi.net == Decimal("3899500.00")
    assert (lbi.payer_name, lbi.payee_name) == ("London Borough of Islington", "London Borough of Camden")
