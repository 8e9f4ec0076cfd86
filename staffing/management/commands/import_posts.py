from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from governance.models import Partnership
from staffing.services import IMPORT_COLUMNS, ImportRejected, import_posts


class Command(BaseCommand):
    help = (
        f"Imports posts into a partnership's establishment from CSV ({','.join(IMPORT_COLUMNS)}). Every row is "
        "checked first: any bad row and nothing is imported, every bad row reported by its number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file with a header row.")
        parser.add_argument(
            "--partnership", required=True, help="The partnership's slug, like shared-digital."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"There is no partnership “{options['partnership']}”.")
        try:
            made = import_posts(partnership=partnership, text=path.read_text(encoding="utf-8-sig"), by=None)
        except ImportRejected as exc:
            for number, reason in exc.errors:
                self.stderr.write(f"Row {number}: {reason}")
            raise CommandError(f"Nothing imported: {len(exc.errors)} bad row(s) in {path.name}.") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {len(made)} posts from {path.name}."))
