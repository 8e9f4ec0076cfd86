"""Drafting writes statements, their lines and their history rows in bulk: through COPY on PostgreSQL and
through Django's bulk_create elsewhere (finance/bulk.py). Both paths write the same rows, every statement has
its history row naming who drafted it and why, and a failure part-way leaves nothing written. These run on
SQLite (the portable path) and on PostgreSQL (COPY, compared with the portable path on the same database)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from finance import bulk, services
from finance.models import RechargeStatement, StatementLine

HEADER = "partnership,date,line,amount,incurred_by,charged_to,description\n"
STATEMENT_SKIP = {"id", "drafted_at"}
HISTORY_SKIP = {"history_id", "history_date", "id", "drafted_at"}


def _snapshot(year, period):
    """Every row drafting wrote for the period, without the ids and times that differ between two runs."""
    statements = list(
        RechargeStatement.objects.filter(year=year, period=period, status="draft")
        .order_by("partnership__slug", "council__code", "sequence")
        .values()
    )
    ids = [s["id"] for s in statements]
    lines = {
        (line["statement_id"], line["position"]): line
        for line in StatementLine.objects.filter(statement_id__in=ids).values()
    }
    history = {h["id"]: h for h in RechargeStatement.history.filter(id__in=ids).values()}
    assert len(history) == len(ids) == len(RechargeStatement.history.filter(id__in=ids))  # one row each
    return [
        (
            {k: v for k, v in s.items() if k not in STATEMENT_SKIP},
            [
                {k: v for k, v in line.items() if k not in {"id", "statement_id"}}
                for (sid, _), line in sorted(lines.items())
                if sid == s["id"]
            ],
            {k: v for k, v in history[s["id"]].items() if k not in HISTORY_SKIP},
        )
        for s in statements
    ]


def _draft_with_an_adjustment(by):
    """Q1 (issued by the demo) gains a cost after issue, so Q1 drafts an adjusting statement (with its reason);
    Q2 is drafted whole for the first time."""
    services.import_actuals(
        text=HEADER + "shared-digital,2018-06-01,evergreening,500.00,LBC,LBH,Haringey kit\n"
        "triborough-ict,2018-07-03,bau_staff,1234.56,RBKC,,Staff\n"
    )
    services.statements_draft_all(year=2018, period="Q1", by=by)
    services.statements_draft_all(year=2018, period="Q2", by=by)
    return _snapshot(2018, "Q1"), _snapshot(2018, "Q2")


def test_every_drafted_statement_has_its_history_row_with_who_and_why(finance_demo, make_user):
    cio = make_user(username="drafting.cio")
    q1, q2 = _draft_with_an_adjustment(cio)
    assert q1 and q2
    for statement, lines, history in q1 + q2:
        assert history["history_type"] == "+" and history["history_user_id"] == cio.pk
        adjusting = statement["sequence"] > 0
        assert history["history_change_reason"] == (services.ADJUSTING_REASON if adjusting else None)
        # The history row holds the statement as written.
        assert all(history[k] == v for k, v in statement.items() if k not in {"pdf", "csv", "ubl"})
        # Lines in order from 1, summing exactly to the statement's net.
        assert [line["position"] for line in lines] == list(range(1, len(lines) + 1))
        assert sum((line["amount"] for line in lines), Decimal(0)) == statement["net"]
    adjusting = [s for s, _, _ in q1 if s["sequence"] > 0]
    assert [(s["sequence"], s["net"]) for s in adjusting] == [(1, Decimal("500.00"))]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_writes_the_same_rows_as_the_portable_path(finance_demo, make_user, monkeypatch):
    cio = make_user(username="drafting.cio")
    written = {}
    for use_copy in (True, False):
        monkeypatch.setattr(bulk, "COPY_ON_POSTGRESQL", use_copy)
        with transaction.atomic():
            written[use_copy] = _draft_with_an_adjustment(cio)
            transaction.set_rollback(True)
    assert written[True] == written[False]
    assert all(written[True])


def test_a_failure_part_way_leaves_nothing_written(finance_demo, sd, monkeypatch):
    """The lines are written after the statements and their history rows: two lines at the same position
    break the statement_line_unique constraint, and the whole drafting is undone (on PostgreSQL the
    COPY's error arrives as Django's IntegrityError, which recharges_run relies on)."""
    real = services._statement_lines

    def twice_the_first_line(statement, items):
        lines = real(statement, items)
        return lines + lines[:1]

    monkeypatch.setattr(services, "_statement_lines", twice_the_first_line)
    before = (
        RechargeStatement.objects.count(),
        RechargeStatement.history.count(),
        StatementLine.objects.count(),
    )
    with pytest.raises(IntegrityError):
        services.statements_draft_all(year=2018, period="Q2")
    after = (
        RechargeStatement.objects.count(),
        RechargeStatement.history.count(),
        StatementLine.objects.count(),
    )
    assert after == before
    monkeypatch.setattr(services, "_statement_lines", real)
    result = services.statements_draft_all(year=2018, period="Q2")
    assert result["shared-digital"][1] > 0  # and drafting afterwards works
