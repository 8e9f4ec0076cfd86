"""Every seat is a person's now (0015 moved them); on PostgreSQL no person holds two overlapping seats of one
kind on one body (an exclusion constraint; clean() says it on every database)."""

import django.db.models.deletion
from django.db import migrations, models

EXCLUSION = (
    "ALTER TABLE governance_bodymember ADD CONSTRAINT body_member_no_overlapping_seats "
    "EXCLUDE USING gist (body_id WITH =, person_id WITH =, kind WITH =, "
    "daterange(start, \"end\", '[]') WITH &&)"
)


def exclusion_on_postgresql(apps, schema_editor):
    """No person holds two overlapping seats of one kind on one body: on PostgreSQL, in the database too (the
    models' clean() says it on every database)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(EXCLUSION)


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE governance_bodymember DROP CONSTRAINT IF EXISTS body_member_no_overlapping_seats"
        )


class Migration(migrations.Migration):
    dependencies = [("governance", "0016_people")]

    operations = [
        migrations.AlterField(
            model_name="bodymember",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="seats", to="governance.person"
            ),
        ),
        migrations.RunPython(exclusion_on_postgresql, drop_exclusion),
    ]
