"""A statement's PDF and CSV are made and stored when it is issued; reading an issued statement (its page, PDF
or CSV) changes nothing: no write, no history record, no checksum filled in by a reader."""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance import services
from finance.models import RechargeStatement
from finance.periods import parse_year
from governance.models import Partnership
from tests.test_get_never_writes import writes_in


@pytest.fixture
def issued_q2(finance_demo):
    """Shared Digital's Q2 2018/19 statements, drafted and issued by the host's finance officer."""
    sd = Partnership.objects.get(slug="shared-digital")
    issuer = get_user_model().objects.get(username="finance.camden")
    _, _, issued = services.recharges_run(
        partnership=sd, year=parse_year("2018/19"), period="Q2", issue=True, by=issuer
    )
    assert issued
    return issuer, issued


def test_issuing_stores_the_pdf_with_its_checksum_and_the_csv(issued_q2):
    issuer, issued = issued_q2
    for st in issued:
        stored = RechargeStatement.objects.get(pk=st.pk)
        assert bytes(stored.pdf).startswith(b"%PDF")
        assert stored.pdf_checksum == hashlib.sha256(bytes(stored.pdf)).hexdigest()
        assert stored.number.encode() in bytes(stored.csv)
        # One history record, the issue itself, by the issuer.
        issue_records = stored.history.filter(status="issued")
        assert [h.history_user for h in issue_records] == [issuer]


def test_downloading_an_issued_statement_writes_nothing_and_leaves_no_trail(client, issued_q2):
    _issuer, issued = issued_q2
    haringey = get_user_model().objects.get(username="finance.haringey")
    st = next(s for s in issued if s.council.code == "LBH")
    before = RechargeStatement.objects.get(pk=st.pk)
    histories = st.history.count()
    client.force_login(haringey)
    for name in ("finance:statement", "finance:statement_pdf", "finance:statement_csv"):
        url = reverse(name, kwargs={"partnership": "shared-digital", "statement_id": st.pk})
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert not writes_in(ctx.captured_queries), name
    after = RechargeStatement.objects.get(pk=st.pk)
    assert after.history.count() == histories
    assert (after.pdf_checksum, bytes(after.pdf), after.issued_by_id) == (
        before.pdf_checksum,
        bytes(before.pdf),
        before.issued_by_id,
    )
    pdf = client.get(
        reverse("finance:statement_pdf", kwargs={"partnership": "shared-digital", "statement_id": st.pk})
    )
    assert hashlib.sha256(pdf.content).hexdigest() == after.pdf_checksum
