"""Each partnership's statement-number prefix, unique (initials of the slug could collide: shared-digital-south and
south-digital-services both gave SDS), filled for existing partnerships in order of creation so the first keeps
its initials and numbers already issued keep their meaning; and the version its cached public pages are keyed by."""

from django.core.validators import RegexValidator
from django.db import migrations, models


def fill_prefixes(apps, schema_editor):
    from governance.partners.models import statement_prefix_for

    Partnership = apps.get_model("governance", "Partnership")
    taken = []
    for p in Partnership.objects.order_by("pk"):
        p.statement_prefix = statement_prefix_for(p.slug, taken)
        taken.append(p.statement_prefix)
        p.save(update_fields=["statement_prefix"])


VALIDATORS = [RegexValidator(r"^[A-Z][A-Z0-9]{0,11}$", "Use 1 to 12 capital letters or digits, such as SDS.")]
HELP = (
    "Starts the numbers of its recharge statements (SDS-2025/26-0001). Unique to the partnership; left blank, it "
    "is made from the initials of the slug."
)


class Migration(migrations.Migration):
    dependencies = [("governance", "0007_agenda_item_any_other_business")]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="statement_prefix",
            field=models.CharField("statement number prefix", max_length=12, null=True, blank=True),
        ),
        migrations.RunPython(fill_prefixes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="partnership",
            name="statement_prefix",
            field=models.CharField(
                "statement number prefix",
                max_length=12,
                unique=True,
                blank=True,
                validators=VALIDATORS,
                help_text=HELP,
            ),
        ),
        migrations.AddField(
            model_name="historicalpartnership",
            name="statement_prefix",
            field=models.CharField(
                "statement number prefix",
                max_length=12,
                db_index=True,
                blank=True,
                default="",
                validators=VALIDATORS,
                help_text=HELP,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="partnership",
            name="public_version",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
    ]
