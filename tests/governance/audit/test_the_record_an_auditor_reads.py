"""The change history reads as a record (issue 21 §7): an empty "before" value reads as "(blank)", not "a deleted
user (None)"; people are named in full; a "Created" row shows the values it was created with (an invoice's amount);
a row that says "Changed" names what changed; a statement's whole history includes its payments and their
reversals; the CSV export gives absolute links and local times to the second."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from governance.audit import history
from governance.audit.filters import ChangeFilter
from governance.audit.tasks import export_change_history
from governance.jobs import services as jobs
from governance.papers import services as report_services

from ..conftest import add_business
from ..paper_helpers import COMPLETE


@pytest.fixture
def auditor(demo):
    return get_user_model().objects.get(username="auditor")


def record_history(kind, record):
    f = ChangeFilter({"kind": kind, "record": str(record)})
    assert f.is_valid(), f.form.errors
    return history.details(list(history.change_rows(f)))


def test_an_empty_before_reads_as_empty_and_people_by_their_full_name(future_meeting, officer):
    item = add_business(future_meeting, officer, "Network Services Transformation")
    report = report_services.report_save(item=item, by=officer, title="Network", report_of="CDIO", **COMPLETE)
    report_services.report_sign_off(report=report, by=officer)
    signed = record_history("governance.report", report.pk)[0]
    assert signed.change == "Changed" and signed.who == "Carla Officer"
    fields = {name: (old, new) for name, old, new in signed.fields}
    assert fields["Signed by user"] == ("(blank)", "Carla Officer")  # not "a deleted user (None)", not "officer"
    assert fields["Signed off by"] == ("(blank)", "Carla Officer")
    assert "deleted" not in signed.fields_text and "None" not in signed.fields_text

    report_services.report_save(item=item, by=officer, summary="Changed.")
    withdrawn = record_history("governance.report", report.pk)[0]
    fields = {name: (old, new) for name, old, new in withdrawn.fields}
    assert fields["Signed off by"] == ("Carla Officer", "(blank)")


def test_a_created_row_shows_the_values_it_was_created_with(future_meeting, officer):
    item = add_business(future_meeting, officer, "Network Services Transformation")
    report = report_services.report_save(item=item, by=officer, title="Network", report_of="CDIO", **COMPLETE)
    created = record_history("governance.report", report.pk)[-1]
    assert created.change == "Created"
    fields = {name: new for name, old, new in created.fields}
    assert fields["Report title"] == "Network" and fields["Report of"] == "CDIO"
    assert fields["For submission to"] == "Shared Digital Joint Committee"
    assert "Signed off by" not in fields  # empty values are left out


def test_a_row_saved_with_nothing_changed_does_not_say_changed(demo):
    from governance.models import Office

    office = Office.objects.order_by("pk").first()
    office.save()  # nothing different from the version before
    office.short_name = "CDIO2"
    office.save()
    newest, unchanged = record_history("governance.office", office.pk)[:2]
    assert unchanged.change == history.SAVED_UNCHANGED and unchanged.fields == []
    assert newest.change == "Changed" and newest.fields[0][0] == "Short name"


def test_a_statements_history_includes_its_payments_and_reversals(finance_demo):
    from finance import services
    from finance.models import RechargeStatement

    camden = get_user_model().objects.get(username="finance.camden")
    invoice = RechargeStatement.objects.get(number="SD-2018/19-0001")
    payment = services.payment_record(
        statement=invoice,
        paid_on=date(2018, 8, 1),
        amount=Decimal("1000000.00"),
        reference="BACS 1",
        by=camden,
        today=date(2018, 9, 1),
    )
    services.payment_reverse(payment=payment, reason="Recorded against the wrong invoice.", by=camden)
    rows = record_history("finance.rechargestatement", invoice.pk)
    kinds = [(r.kind, r.change) for r in rows]
    assert ("Payment", "Created") in kinds and ("Payment", "Changed") in kinds
    created_invoice = next(r for r in rows if r.kind == "Recharge statement" and r.change == "Created")
    assert "Net: 3,697,000.00" in created_invoice.fields_text  # the amount it was created with
    reversal = next(r for r in rows if r.kind == "Payment" and r.change == "Changed")
    assert "Recorded against the wrong invoice." in reversal.fields_text + reversal.reason
    paid = next(r for r in rows if r.kind == "Payment" and r.change == "Created")
    assert "Amount: 1,000,000.00" in paid.fields_text and "Date paid: 1 August 2018" in paid.fields_text
    # Another statement's history does not include this payment.
    other = RechargeStatement.objects.exclude(pk=invoice.pk).first()
    assert all(r.kind != "Payment" for r in record_history("finance.rechargestatement", other.pk))


def test_the_export_gives_absolute_links_and_local_times_to_the_second(future_meeting, officer, auditor):
    add_business(future_meeting, officer, "Network Services Transformation")
    job = jobs.job_create(kind="change_history_export", title="Export", by=auditor, parameters={})
    export_change_history(str(job.pk), base="https://committees.example.gov.uk")
    job.refresh_from_db()
    rows = list(csv.reader(io.StringIO(job.file.read().decode("utf-8"))))
    header, first = rows[0], rows[1]
    when, link = first[header.index("When")], first[header.index("Link")]
    assert len(when) == 19 and when[10] == " " and when.count(":") == 2  # 2026-12-05 23:10:07
    linked = [r[header.index("Link")] for r in rows[1:] if r[header.index("Link")]]
    assert linked and all(u.startswith("https://committees.example.gov.uk/") for u in linked)
    assert link == "" or link.startswith("https://")


def test_the_export_page_passes_the_sites_address_to_the_worker(client, auditor, demo, monkeypatch):
    from governance.audit import views

    sent = []
    monkeypatch.setattr(views.export_change_history, "delay_on_commit", lambda *a, **k: sent.append((a, k)))
    client.force_login(auditor)
    response = client.post("/changes/export/", {"kind": "governance.council"})
    assert response.status_code == 302
    assert sent[0][1] == {"base": "http://testserver"}
