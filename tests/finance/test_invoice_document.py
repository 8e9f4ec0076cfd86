"""An issued invoice is a document an accounts-payable team can pay: who pays whom and where, the number, the
date of issue (the tax point) and due date, the payer's purchase order, the contact, the VAT treatment, the
payee's bank details and reference, line items as a table, how the amount was calculated, and the rounding
rule as one plain footnote."""

from datetime import date

import pytest

from finance.models import RechargeStatement

from .invoice_helpers import pdf_text


@pytest.fixture
def lbh_q1(finance_demo):
    return RechargeStatement.objects.select_related("council", "partnership").get(number="SD-2018/19-0001")


def test_the_demo_issues_q1_on_the_day_it_would_have_been_issued(lbh_q1):
    # Q1 2018/19 ended on 30 June 2018: issued ten days later, due 30 days after that.
    assert lbh_q1.issue_date == date(2018, 7, 10)
    assert lbh_q1.due_date == date(2018, 8, 9)


def test_haringeys_invoice_names_payee_and_payer_with_their_addresses(lbh_q1):
    text = pdf_text(lbh_q1)
    assert text.startswith("Invoice ")
    payee, payer = text.index("PAYEE"), text.index("PAYER")
    assert "London Borough of Camden" in text[payee:payer] and "N1C 4AG" in text[payee:payer]
    assert "London Borough of Haringey" in text[payer:] and "N22 8LE" in text[payer:]


def test_the_invoice_shows_number_dates_terms_purchase_order_contact_and_vat(lbh_q1):
    text = pdf_text(lbh_q1)
    assert "Invoice number SD-2018/19-0001" in text
    assert "Date of issue (tax point) 10 July 2018" in text
    assert "Payment terms 30 days from the date of issue" in text
    assert "Due date 9 August 2018" in text
    assert "Your purchase order DEMO-PO-LBH-18019" in text
    assert "shared-digital.finance@camden.example" in text
    assert "Outside the scope of VAT: a recharge between local authorities under a joint arrangement." in text
    assert "Amount due from London Borough of Haringey: £3,697,000.00 by 9 August 2018" in text


def test_the_invoice_shows_the_payees_bank_details_and_payment_reference(lbh_q1):
    text = pdf_text(lbh_q1)
    remittance = text[text.index("Remittance") :]
    assert "Sort code 00-00-00" in remittance and "Account number 00000000" in remittance
    assert "Payment reference SDRECHARGE SD-2018/19-0001" in remittance


def test_line_items_are_a_table_then_how_the_amount_was_calculated_then_one_rounding_footnote(lbh_q1):
    text = pdf_text(lbh_q1)
    items = text.index("Line items Description Basis Ledger code Amount (£)")
    calculated = text.index("How this amount was calculated")
    assert items < text.index("Remittance") < calculated
    table = text[items:calculated]
    # Each line carries its ledger code, as on the screen and in the CSV.
    assert (
        "Contribution to the hosted budget: BAU staff A quarter of the year's budget DEMO-SD-1100 1,314,750.00"
        in table
    )
    assert "Total due 3,697,000.00" in table
    working = text[calculated:]
    assert "London Borough of Camden holds the shared service budget for 2018/19" in working
    assert "BAU non-staff costs: budget for the year £8,551,000.00 ÷ 4 = £2,137,750.00" in working
    assert "the fourth quarter takes any pence left over" in working
    # No developer's note about remainders and tie-breaks by council code.
    assert "largest remainders" not in text and "ties by council code" not in text


def test_a_draft_says_it_is_not_issued_and_has_no_date_of_issue(finance_demo, sd):
    from finance import services

    statements, _ = services.statements_draft(partnership=sd, year=2018, period="Q2")
    draft = next(s for s in statements if s.council.code == "LBH")
    text = pdf_text(draft)
    assert "DRAFT: not issued" in text and "Do not pay" in text
    assert "Date of issue (tax point) Not yet issued" in text
    assert "DEMO-PO-LBH-18019" in text  # the settings as they stand: the purchase order it would carry
