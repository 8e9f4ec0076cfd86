"""Issued statements never change; numbers are unique per partnership and year and never reused; when
inputs change after issue, the next run drafts an adjusting statement for the difference only."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finance import selectors, services
from finance.models import ERROR_ISSUED_IMMUTABLE, RechargeStatement, StatementLine
from finance.settlement import net_of

HEADER = "partnership,date,line,amount,incurred_by,charged_to,description\n"


def test_an_issued_statement_cannot_be_changed_or_deleted(finance_demo, sd):
    st_ = RechargeStatement.objects.filter(partnership=sd, status="issued").first()
    st_.net = Decimal("1.00")
    with pytest.raises(ValidationError, match=ERROR_ISSUED_IMMUTABLE):
        st_.save()
    with pytest.raises(ValidationError, match=ERROR_ISSUED_IMMUTABLE):
        RechargeStatement.objects.get(pk=st_.pk).delete()
    line = StatementLine.objects.filter(statement=st_).first()
    line.amount = Decimal("0.01")
    with pytest.raises(ValidationError, match=ERROR_ISSUED_IMMUTABLE):
        line.save()
    assert RechargeStatement.objects.get(pk=st_.pk).net == Decimal("3697000.00")


def test_a_change_after_issue_gives_an_adjusting_statement_for_the_difference(finance_demo, sd):
    services.import_actuals(
        text=HEADER + "shared-digital,2018-06-01,evergreening,500.00,LBC,LBH,Haringey kit\n"
    )
    statements, _ = services.statements_draft(partnership=sd, year=2018, period="Q1")
    drafts = [s for s in statements if not s.is_issued]
    assert [(d.council.code, d.sequence, d.net, d.kind) for d in drafts] == [
        ("LBH", 1, Decimal("500.00"), "invoice")
    ]
    lines = [line.amount for line in drafts[0].lines.all()]
    assert sum(lines) == Decimal("500.00") and Decimal("-3697000.00") in lines
    issued = services.statements_issue(partnership=sd, year=2018, period="Q1")
    assert [s.number for s in issued] == ["SD-2018/19-0003"]
    # A correction that takes the cost away again: a credit note for the difference.
    services.import_actuals(text=HEADER + "shared-digital,2018-06-02,evergreening,-500.00,LBC,LBH,Reversal\n")
    statements, _ = services.statements_draft(partnership=sd, year=2018, period="Q1")
    credit = [s for s in statements if not s.is_issued]
    assert [(c.sequence, c.net, c.kind) for c in credit] == [(2, Decimal("-500.00"), "credit_note")]


def test_a_redrafted_statement_is_unchanged_when_nothing_changed(finance_demo, sd):
    first, changed = services.statements_draft(partnership=sd, year=2018, period="Q2")
    assert changed == 2
    history = RechargeStatement.history.count()
    again, changed = services.statements_draft(partnership=sd, year=2018, period="Q2")
    assert changed == 0 and RechargeStatement.history.count() == history
    assert [s.pk for s in again] == [s.pk for s in first]


def test_numbers_are_unique_and_never_reused_even_when_a_draft_is_dropped(finance_demo, sd):
    services.statements_draft(partnership=sd, year=2018, period="Q2")
    services.statements_issue(partnership=sd, year=2018, period="Q2")
    services.statements_draft(partnership=sd, year=2018, period="Q3")
    RechargeStatement.objects.filter(partnership=sd, period="Q3").delete()  # drafts may be thrown away
    services.recharges_run(partnership=sd, year=2018, period="Q3", issue=True)
    numbers = list(
        RechargeStatement.objects.filter(partnership=sd, year=2018).values_list("number", flat=True)
    )
    assert sorted(numbers) == [f"SD-2018/19-{n:04d}" for n in range(1, 7)]


def test_the_database_refuses_a_second_statement_for_the_same_council_period_and_sequence(finance_demo, sd):
    existing = RechargeStatement.objects.filter(partnership=sd).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        RechargeStatement.objects.create(
            partnership=sd,
            year=existing.year,
            period=existing.period,
            council=existing.council,
            sequence=existing.sequence,
            model="hosted",
            kind="invoice",
            net=Decimal("1"),
        )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["draft", "issue", "actual"]),
            st.sampled_from(["Q1", "Q2", "true-up"]),
            st.integers(min_value=-100000, max_value=100000),
        ),
        max_size=6,
    )
)
def test_rerunning_issues_nothing_new(finance_demo, sd, steps):
    for action, period, pence in steps:
        if action == "actual":
            services.import_actuals(
                text=HEADER + f"shared-digital,2018-05-01,bau_staff,{Decimal(pence) / 100},LBC,LBI,Local\n"
            )
        else:
            services.recharges_run(partnership=sd, year=2018, period=period, issue=action == "issue")
    for period in ("Q1", "Q2", "true-up"):
        services.recharges_run(partnership=sd, year=2018, period=period, issue=True)
        before = RechargeStatement.objects.count()
        _, changed, issued = services.recharges_run(partnership=sd, year=2018, period=period, issue=True)
        assert (changed, issued, RechargeStatement.objects.count()) == (0, [], before)
        # What has been issued adds up to what is due now.
        due = selectors.statement_items(sd, 2018, period)
        for code, items in due.items():
            issued_total = sum(
                RechargeStatement.objects.filter(
                    partnership=sd, year=2018, period=period, council__code=code, status="issued"
                ).values_list("net", flat=True),
                Decimal(0),
            )
            assert issued_total == net_of(items)
    numbers = list(RechargeStatement.objects.exclude(number=None).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_drafting_every_partnership_at_once_gives_the_same_statements(finance_demo, sd, tri):
    services.import_actuals(
        text=HEADER
        + "shared-digital,2018-05-01,evergreening,12.34,LBC,LBH,Kit\n"
        + "shared-digital,2018-05-01,bau_staff,1000.00,LBC,,Staff\n"
    )
    for period in ("Q1", "true-up"):
        expected = selectors.statement_items(sd, 2018, period)
        result = services.statements_draft_all(year=2018, period=period, partnerships=[sd])
        statements, _ = result["shared-digital"]
        for st_ in statements:
            if not st_.is_issued:
                assert st_.net == net_of(expected[st_.council.code]) - sum(
                    s.net for s in statements if s.is_issued and s.council_id == st_.council_id
                )
