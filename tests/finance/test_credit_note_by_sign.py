"""A statement is an invoice when the council pays and a credit note when it is refunded. Under a hosted
budget the host is the payee of every invoice and the payer of every credit note."""

import re
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


def test_pooled_statements_are_between_the_host_and_each_council(finance_demo, tri):
    from governance.models import Council

    services.settlement_set(
        partnership=tri, year=2015, model="pooled", weights="equal", host=Council.objects.get(code="LBHF")
    )
    services.import_actuals(
        text="partnership,date,line,amount,incurred_by,charged_to,description\n"
        "triborough-ict,2015-05-01,bau_non_staff,300000.00,RBKC,,Shared network contract\n"
    )
    issued = services.recharges_run(
        partnership=tri, year=2015, period="Q1", issue=True, issue_date=date(2015, 7, 10)
    )[2]
    by_code = {s.council.code: s for s in issued}
    hf = "London Borough of Hammersmith & Fulham"
    rbkc, wcc, lbhf = by_code["RBKC"], by_code["WCC"], by_code["LBHF"]
    # RBKC paid the whole shared cost: refunded two thirds by the host. WCC pays the host its third.
    assert (rbkc.kind, rbkc.net, rbkc.payer_name, rbkc.payee_name) == (
        "credit_note",
        Decimal("-200000.00"),
        hf,
        "Royal Borough of Kensington and Chelsea",
    )
    assert (wcc.kind, wcc.payer_name, wcc.payee_name) == ("invoice", "Westminster City Council", hf)
    assert wcc.payment_reference == f"TBICT {wcc.number}" and wcc.bank_sort_code == "00-00-00"
    # The host's own share is settled in its own accounts: nothing to pay.
    assert lbhf.payer_name == lbhf.payee_name == hf
    assert "nothing to pay" in pdf_text(lbhf)
    # Description, basis, ledger code, amount.
    assert re.search(r"Fair share of the shared costs Shared costs split by equal shares \S+ 100,000\.00", pdf_text(wcc))
