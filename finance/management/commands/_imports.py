"""Shared body of the three import commands."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from finance.services import ImportRejected


class ImportCommand(BaseCommand):
    what = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file with a header row; amounts in pounds.")

    def run_import(self, text, **options):
        raise NotImplementedError

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        try:
            result = self.run_import(path.read_text(encoding="utf-8-sig"), **options)
        except ImportRejected as exc:
            for number, reason in exc.errors:
                self.stderr.write(f"Row {number}: {reason}")
            raise CommandError(f"Nothing imported: {len(exc.errors)} bad row(s) in {path.name}.") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {self.what} from {path.name}: {result.summary()}."))
