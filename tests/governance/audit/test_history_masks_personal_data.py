"""The change history and its CSV follow the pages' rule for personal data: a post holder's name, which every
staffing page withholds from an auditor, is not in the auditor's trail or export either; the administrator,
who sees names on the staffing pages, sees them in the trail. Checked for every history model that holds
personal data (and a model field that looks like a person's name but is not registered fails the test)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import models

from governance.audit.history import PERSONAL_DATA, WITHHELD, change_history_csv, tracked_history_models
from governance.audit.tasks import export_change_history
from governance.jobs import services as jobs
from governance.jobs.models import Job
from governance.models import Council, Partnership
from governance.roles import Role

pytestmark = pytest.mark.django_db
MARKER = "Zed Quorblewick"

# Fields that hold a person's name but are public or work contacts shown on every page that shows the record
# (officers' names on decisions and reports, invoice contacts, councillors): not withheld anywhere.
NOT_PERSONAL = {
    "governance.officerdecision": {"decision_maker_name"},
}


def holder_change(admin):
    from staffing.models import Grade, Post, PostHolder

    sd = Partnership.objects.get(slug="shared-digital")
    grade = Grade.objects.create(partnership=sd, code="QZ1", rank=1)
    post = Post.objects.create(
        partnership=sd,
        reference="QZ-1",
        title="Probe analyst",
        team="Probes",
        funding_line="bau_staff",
        grade=grade,
        fte=Decimal("1.00"),
        employing_council=Council.objects.get(code="LBC"),
        effective_from="2016-04-01",
    )
    holder = PostHolder.objects.create(
        post=post, person="Carla Camden", start="2016-04-01", terms_council=Council.objects.get(code="LBC")
    )
    # No page renames a holder (holders are added, extended and ended by restructures), so the change is a
    # plain tracked save, as a data fix in the shell would make it.
    holder.person, holder._history_user = MARKER, admin
    holder.save()
    return "staffing.postholder", holder.pk


# For every model with personal data: how to change each of its personal fields to MARKER.
CHANGES = {"staffing.postholder": holder_change}


def looks_personal(field):
    return field.name == "person" or field.name.endswith("_person")


def test_every_personal_field_of_every_history_model_is_registered():
    registered = {m._meta.label_lower: fields for m, (fields, _) in PERSONAL_DATA.items()}
    assert "person" in registered["staffing.postholder"]
    for model, _ in tracked_history_models():
        key = model._meta.label_lower
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and looks_personal(field):
                assert field.name in registered.get(key, ()) or field.name in NOT_PERSONAL.get(key, ()), (
                    f"{key}.{field.name} looks like personal data: register it with personal_data()"
                )
    assert set(registered) == set(CHANGES), "give the test a way to change each model's personal fields"


@pytest.mark.parametrize("kind", sorted(CHANGES))
def test_the_trail_and_its_export_show_personal_data_only_to_whom_the_pages_do(client, demo, make_user, kind):
    auditor = make_user(Role.AUDITOR, username="probe.auditor")
    admin = make_user(Role.ADMINISTRATOR, username="probe.admin")
    kind, pk = CHANGES[kind](admin)
    query = {"kind": kind, "record": pk}

    client.force_login(auditor)
    page = client.get("/changes/", query).content.decode()
    assert MARKER not in page and "Carla Camden" not in page
    assert WITHHELD in page
    client.force_login(admin)
    page = re.sub(r"\s+", " ", client.get("/changes/", query).content.decode())
    assert MARKER in page and "Carla Camden" in page

    from governance.audit.filters import ChangeFilter

    def export(reader):
        f = ChangeFilter(query)
        assert f.is_valid()
        return change_history_csv(f, reader=reader)

    assert MARKER not in export(auditor) and WITHHELD in export(auditor)
    assert MARKER not in export(None)
    assert MARKER in export(admin)
    # Through the worker, as the person who asked for the export.
    for reader, shown in ((auditor, False), (admin, True)):
        job = jobs.job_create(kind="change_history_export", title="Export", by=reader, parameters=query)
        export_change_history(str(job.pk))
        job = Job.objects.get(pk=job.pk)
        rows = list(csv.reader(io.StringIO(job.file.read().decode())))
        assert (MARKER in str(rows)) is shown
