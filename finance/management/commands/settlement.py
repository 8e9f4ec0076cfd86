from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from finance.models import Settlement
from finance.periods import parse_year, year_label
from finance.selectors import host_for
from finance.services import parse_percentage, settlement_set
from governance.models import Council, Partnership


def parse_fixed(text):
    result = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        code, _, value = part.partition("=")
        try:
            result[code.strip().upper()] = str(parse_percentage(value))
        except ValueError:
            raise CommandError(f"“{part[:40]}” is not CODE=percentage.") from None
    return result


class Command(BaseCommand):
    help = (
        "Sets how a partnership settles its costs from a financial year: hosted or pooled, and the weights."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True)
        parser.add_argument("--year", required=True, help="2019/20")
        parser.add_argument("--model", required=True, choices=Settlement.Model.values)
        parser.add_argument("--weights", default="budget", choices=Settlement.Weights.values)
        parser.add_argument("--fixed", default="", help="LBC=40,LBH=30,LBI=30 (with --weights fixed)")
        parser.add_argument("--host", default=None, help="Council code (default: the current setting's host)")

    def handle(self, *args, **options):
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"There is no partnership “{options['partnership']}”.")
        try:
            year = parse_year(options["year"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None

        host = (
            Council.objects.filter(code=options["host"].upper()).first()
            if options["host"]
            else host_for(partnership, year)
        )
        if host is None:
            raise CommandError("Name the host authority with --host CODE.")
        try:
            s, changed = settlement_set(
                partnership=partnership,
                year=year,
                model=options["model"],
                weights=options["weights"],
                host=host,
                fixed=parse_fixed(options["fixed"]),
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        word = "Set" if changed else "Unchanged"
        self.stdout.write(
            self.style.SUCCESS(
                f"{word}: {partnership.slug} from {year_label(year)} is {s.model} with {s.weights} weights, "
                f"hosted by {s.host.code}."
            )
        )
