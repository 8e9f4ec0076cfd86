"""Shared body of the three import commands."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from finance.services import ERROR_NOT_UTF8, ImportRejected


class ImportCommand(BaseCommand):
    what = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file with a header row; amounts in pounds.")

    def run_import(self, text, **options):
        raise NotImplementedError

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(f"{path.name}: {ERROR_NOT_UTF8}") from None
        except OSError as exc:
            raise CommandError(f"{path.name} cannot be read: {exc.strerror}.") from None
        try:
            result = self.run_import(text, **options)
        except ImportRejected as exc:
            for number, reason in exc.errors:
                self.stderr.write(f"Row {number}: {reason}")
            raise CommandError(f"Nothing imported: {len(exc.errors)} bad row(s) in {path.name}.") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {self.what} from {path.name}: {result.summary()}."))
