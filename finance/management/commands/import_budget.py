from django.core.management.base import CommandError

from finance.services import import_budget
from governance.parsing import parse_date

from ._imports import ImportCommand


class Command(ImportCommand):
    help = (
        "Imports budget lines: partnership,year,council,line,amount (pounds). Rows whose council is TOTAL, or "
        "whose line is a subtotal (bau, permanent, one_off), are control totals. A row for a line that already "
        "has a budget is refused unless --revise, which records a dated revision."
    )
    what = "budget lines"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--revise", action="store_true", help="Record rows for existing lines as revisions."
        )
        parser.add_argument("--reason", default="", help="The reason for the revisions.")
        parser.add_argument("--decision", default="", help="The decision that approved the revisions.")
        parser.add_argument(
            "--date", default=None, help="The date of the revisions (default today), 2018-04-30."
        )

    def run_import(self, text, **options):
        try:
            effective = parse_date(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from None
        return import_budget(
            text=text,
            revise=options["revise"],
            reason=options["reason"],
            decision=options["decision"],
            effective=effective,
        )
