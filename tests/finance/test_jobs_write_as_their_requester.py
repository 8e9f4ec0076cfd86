"""A background job writes in the name of the person who asked for it (building a zip writes nothing); the scheduled drafting writes as the
system (no user)."""

from datetime import date

from finance.models import RechargeStatement
from finance.services import draft_due
from finance.tasks import build_statements_zip, issue_statements
from governance.jobs import services as jobs


def test_a_background_job_writes_in_the_name_of_its_requester(finance_demo, django_user_model):
    cio = django_user_model.objects.get(username="cio")
    partnership = RechargeStatement.objects.get(number="SD-2018/19-0001").partnership
    job = jobs.job_create(
        kind="finance_issue_statements",
        title="Q2",
        by=cio,
        partnership=partnership,
        parameters={"year": 2018, "period": "Q2"},
    )
    assert issue_statements.run(str(job.pk)) == "succeeded"
    issued = RechargeStatement.objects.filter(partnership=partnership, year=2018, period="Q2")
    assert issued and all(s.is_issued for s in issued)
    records = [s.history.latest() for s in issued]
    assert all(r.pdf_checksum and r.history_user == cio for r in records)


def test_building_the_zip_writes_nothing_on_the_statements(finance_demo, django_user_model):
    cio = django_user_model.objects.get(username="cio")
    statement = RechargeStatement.objects.get(number="SD-2018/19-0001")
    assert statement.is_issued and statement.pdf_checksum  # stored when it was issued
    before = statement.history.count()
    job = jobs.job_create(
        kind="finance_statements_zip",
        title="Q1",
        by=cio,
        partnership=statement.partnership,
        parameters={"year": 2018, "period": "Q1"},
    )
    assert build_statements_zip.run(str(job.pk)) == "succeeded"
    assert RechargeStatement.objects.get(pk=statement.pk).history.count() == before


def test_the_scheduled_drafting_writes_as_the_system(finance_demo):
    drafted = draft_due(date(2018, 10, 10))  # Q2 2018/19 ended ten days before
    assert drafted
    statements = RechargeStatement.objects.filter(year=2018, period="Q2")
    assert statements and all(s.history.earliest().history_user is None for s in statements)
