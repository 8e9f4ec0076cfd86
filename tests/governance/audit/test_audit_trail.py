"""The change history is an audit trail an auditor can use: filtered by partnership, kind of record, person, date
range or one record's whole history, paged, each change naming the person in full, what changed from what to
what (field labels, related records by name), the reason where a rule asked for one, and a link to the record.
Bad filters are a 400. The CSV export carries the same columns. It is for auditors and administrators only."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from governance.acting import records_user
from governance.audit.filters import ChangeFilter
from governance.audit.history import change_history_csv, shorten
from governance.models import Council, Partnership
from governance.roles import Role

HEADER = "partnership,date,line,amount,incurred_by,charged_to,description\n"


@pytest.fixture
def auditor(make_user):
    return make_user(Role.AUDITOR, first_name="Ada", last_name="Lovelace", username="ada")


@pytest.fixture
def finance_officer(make_user):
    sd = Partnership.objects.get(slug="shared-digital")
    return make_user(
        Role.FINANCE_OFFICER, sd, Council.objects.get(code="LBC"), first_name="Grace", last_name="Hopper"
    )


def text_of(response):
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_statement_s_whole_history_shows_each_field_change_by_name_and_links_to_it(
    client, finance_demo, auditor
):
    from finance.models import RechargeStatement

    st = RechargeStatement.objects.get(number="SD-2018/19-0001")
    client.force_login(auditor)
    response = client.get("/changes/", {"kind": "finance.rechargestatement", "record": st.pk})
    assert response.status_code == 200
    page = text_of(response)
    assert "History of recharge statement SD-2018/19-0001" in page
    assert "Status : Draft → Issued" in page
    assert "Number : (blank) → SD-2018/19-0001" in page
    assert "Payer name : (blank) → London Borough of Haringey" in page
    assert f'href="/shared-digital/finance/statements/{st.pk}/"' in response.content.decode()
    # Bank details are for finance officers' screens: the trail says they changed, not what to.
    assert "Sort code : changed (not shown in the audit trail)" in page
    changes = response.context["changes"]
    assert [c.change for c in changes] == ["Changed", "Created"]
    assert {c.object_id for c in changes} == {str(st.pk)}


def test_a_budget_revision_names_the_person_in_full_the_fields_and_the_whole_reason(
    client, finance_demo, auditor, finance_officer
):
    from finance import services
    from finance.models import BudgetLine

    line = BudgetLine.objects.filter(partnership__slug="shared-digital", council__code="LBC").first()
    reason = "Extra network capacity for the new data centre, agreed by the Joint Committee " * 3
    services.budget_revise(
        budget_line=line,
        amount=line.amount + Decimal("1000.00"),
        effective=date(2018, 9, 1),
        reason=reason.strip(),
        by=finance_officer,
    )
    client.force_login(auditor)
    response = client.get("/changes/", {"kind": "finance.budgetline", "person": finance_officer.pk})
    assert response.status_code == 200
    [change] = response.context["changes"]
    assert change.who == "Grace Hopper"
    assert change.reason == reason.strip()[:100]  # history's own reason column holds 100 characters
    assert [(label, old, new) for label, old, new in change.fields] == [
        ("Current budget", f"{line.amount:,}", f"{line.amount + Decimal('1000.00'):,}")
    ]
    revisions = client.get("/changes/", {"kind": "finance.budgetrevision", "person": finance_officer.pk})
    [created] = revisions.context["changes"]
    assert created.reason == reason.strip()  # kept whole on the revision, and shown whole
    assert created.record.startswith("LBC ")  # named by its model, not "Budget revision 12"


def test_an_adjusting_statement_says_why_it_exists(client, finance_demo, auditor):
    from finance import services

    sd = Partnership.objects.get(slug="shared-digital")
    services.import_actuals(
        text=HEADER + "shared-digital,2018-06-01,evergreening,500.00,LBC,LBH,Haringey kit\n"
    )
    services.statements_draft(partnership=sd, year=2018, period="Q1")
    client.force_login(auditor)
    response = client.get("/changes/", {"kind": "finance.rechargestatement", "partnership": "shared-digital"})
    adjusting = [c for c in response.context["changes"] if c.change == "Created" and c.reason]
    assert [c.reason for c in adjusting] == [services.ADJUSTING_REASON]


def test_a_reason_for_urgency_is_recorded_as_the_change_s_reason(db, finance_officer):
    @records_user
    def publish_late(*, council, by, urgency_reason=""):
        council.name = council.name + " (renamed)"
        council.save()

    council = Council.objects.get(code="LBC")
    publish_late(
        council=council, by=finance_officer, urgency_reason="The contract ends before the next meeting"
    )
    latest = council.history.order_by("-history_id").first()
    assert latest.history_change_reason == "The contract ends before the next meeting"
    assert latest.history_user == finance_officer


def test_filters_narrow_by_partnership_kind_and_dates(client, finance_demo, auditor):
    client.force_login(auditor)
    tri = client.get("/changes/", {"partnership": "triborough-ict"})
    assert tri.status_code == 200
    assert tri.context["changes"] and {c.partnership for c in tri.context["changes"]} == {
        "Tri-borough shared ICT service"
    }
    councils = client.get("/changes/", {"kind": "governance.council"})
    assert {c.kind for c in councils.context["changes"]} == {"Council"}
    # Councils belong to no partnership: filtering by one leaves them out.
    none = client.get("/changes/", {"kind": "governance.council", "partnership": "shared-digital"})
    assert none.status_code == 200 and none.context["changes"] == []
    future = client.get("/changes/", {"date_from": "1/1/2100"})
    assert future.status_code == 200 and future.context["page"].paginator.count == 0
    past = client.get("/changes/", {"date_to": "31/12/2000"})
    assert past.context["page"].paginator.count == 0


def test_the_trail_is_paged(client, finance_demo, auditor):
    client.force_login(auditor)
    first = client.get("/changes/")
    assert len(first.context["changes"]) == 50
    assert first.context["page"].paginator.count > 50
    second = client.get("/changes/", {"page": 2})
    assert second.status_code == 200
    assert {(c.kind_key, c.object_id, c.when) for c in first.context["changes"]}.isdisjoint(
        {(c.kind_key, c.object_id, c.when) for c in second.context["changes"]}
    )


@pytest.mark.parametrize(
    "query",
    [
        {"colour": "red"},
        {"date_from": "2018-02-30"},
        {"date_from": "2019-01-01", "date_to": "2018-01-01"},
        {"record": "5"},
        {"kind": "finance.rechargestatement", "record": "9" * 40},
        {"kind": "no.such"},
        {"partnership": "no-such-partnership"},
        {"person": "999999"},
        {"person": "abc"},
        {"page": "999"},
        {"page": "abc"},
    ],
)
def test_bad_filters_are_a_400_with_a_message(client, demo, auditor, query):
    client.force_login(auditor)
    response = client.get("/changes/", query)
    assert response.status_code == 400
    assert "There is a problem with the filters" in response.content.decode()


def test_the_export_carries_the_same_columns_with_names_and_neutralises_formulas(
    client, finance_demo, auditor
):
    from finance.models import RechargeStatement

    Council.objects.create(code="EVIL", name='=HYPERLINK("http://evil.example/","x")', kind="district")
    st = RechargeStatement.objects.get(number="SD-2018/19-0001")
    f = ChangeFilter({"kind": "finance.rechargestatement", "record": str(st.pk)})
    assert f.is_valid()
    rows = list(csv.reader(io.StringIO(change_history_csv(f))))
    assert rows[0] == [
        "When",
        "Who",
        "Partnership",
        "Kind of record",
        "Record",
        "Record id",
        "Change",
        "Field changes",
        "Reason",
        "Link",
    ]
    changed = rows[1]
    assert changed[2:7] == ["Shared Digital", "Recharge statement", "SD-2018/19-0001", str(st.pk), "Changed"]
    assert "Status: Draft → Issued" in changed[7]
    assert changed[9] == f"/shared-digital/finance/statements/{st.pk}/"
    whole = change_history_csv()
    assert "'=HYPERLINK" in whole and "\n=HYPERLINK" not in whole and ",=HYPERLINK" not in whole


def test_the_export_job_keeps_the_filters(client, demo, auditor):
    from governance.jobs.models import Job

    client.force_login(auditor)
    response = client.post("/changes/export/", {"kind": "governance.council", "date_from": "1/1/2000"})
    assert response.status_code == 302
    job = Job.objects.get(kind="change_history_export", requested_by=auditor)
    assert job.parameters == {"kind": "governance.council", "date_from": "1/1/2000"}
    assert client.post("/changes/export/", {"kind": "nonsense"}).status_code == 400


def test_titles_are_cut_at_a_word_never_inside_one():
    title = "Shared Digital governance model review and the options for a joint committee " * 5
    short = shorten(title)
    assert short.endswith(" …")
    assert title.startswith(short[:-2])
    assert short[:-2].split(" ")[-1] in title.split(" ")


def test_the_trail_is_for_auditors_and_administrators_not_the_public_or_other_roles(
    client, demo, auditor, finance_officer
):
    assert client.get("/changes/").status_code == 302
    client.force_login(finance_officer)
    assert client.get("/changes/").status_code == 403
    client.force_login(auditor)
    assert client.get("/changes/").status_code == 200
