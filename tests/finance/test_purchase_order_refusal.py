"""A council that pays only against a purchase order must have one for the year before its statements are
issued: otherwise issuing is refused, nothing is issued and no number is used, and the statements page says
why before the Issue button."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from finance import selectors, services
from finance.models import RechargeStatement

from .invoice_helpers import login


@pytest.fixture
def haringey_without_po_for_2019(finance_demo, sd):
    services.settlement_set(
        partnership=sd, year=2019, model="hosted", weights="budget", host=sd.host_on(date(2019, 4, 1))
    )
    services.import_budget(
        text="partnership,year,council,line,amount\n"
        + "".join(f"shared-digital,2019/20,{c},bau_staff,1000\n" for c in ("LBC", "LBH", "LBI"))
    )
    services.statements_draft(partnership=sd, year=2019, period="Q1")
    return sd


def test_issuing_is_refused_while_the_payer_has_no_purchase_order(haringey_without_po_for_2019):
    sd = haringey_without_po_for_2019
    with pytest.raises(ValidationError) as refused:
        services.statements_issue(partnership=sd, year=2019, period="Q1")
    assert refused.value.messages == [
        "London Borough of Haringey pays only against a purchase order: enter its purchase order number "
        "for 2019/20 before issuing."
    ]
    assert refused.value.error_list[0].code == "po_required"
    assert not RechargeStatement.objects.filter(year=2019, status="issued").exists()


def test_with_the_purchase_order_entered_the_statements_issue_and_print_it(haringey_without_po_for_2019):
    sd = haringey_without_po_for_2019
    from governance.models import Council

    services.purchase_order_set(
        partnership=sd, council=Council.objects.get(code="LBH"), year=2019, number="PO-2019-77"
    )
    issued = services.statements_issue(partnership=sd, year=2019, period="Q1")
    assert [s.number for s in issued] == ["SD-2019/20-0001", "SD-2019/20-0002"]
    assert {s.council.code: s.purchase_order for s in issued} == {"LBH": "PO-2019-77", "LBI": ""}


def test_the_statements_page_says_why_issuing_would_fail_before_the_button(
    haringey_without_po_for_2019, client
):
    login(client, "finance.camden")
    page = client.get("/shared-digital/finance/statements/?year=2019/20").content.decode()
    assert page.index("pays only against a purchase order") < page.index("Issue the drafts")
    assert selectors.issue_problems(haringey_without_po_for_2019, 2019, "Q1")


def test_the_issue_button_answers_400_with_the_reason(haringey_without_po_for_2019, client):
    login(client, "finance.camden")
    response = client.post(
        "/shared-digital/finance/statements/run/", {"year": "2019/20", "period": "Q1", "action": "issue"}
    )
    assert response.status_code == 400
    assert "pays only against a purchase order" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_issuing_is_refused_without_the_partnerships_invoicing_settings(finance_demo, sd):
    from finance.models import InvoicingSettings

    InvoicingSettings.objects.filter(partnership=sd).delete()
    services.statements_draft(partnership=sd, year=2018, period="Q2")
    with pytest.raises(ValidationError, match="Set the invoicing settings of Shared Digital"):
        services.statements_issue(partnership=sd, year=2018, period="Q2")
