import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from finance.periods import parse_period, parse_year, year_label
from finance.services import recharges_run
from governance.models import Partnership


def statement_json(st):
    return {
        "council": st.council.code,
        "kind": st.kind,
        "net": str(st.net),
        "number": st.number,
        "status": st.status,
        "sequence": st.sequence,
        "lines": [{"description": line.description, "amount": str(line.amount)} for line in st.lines.all()],
    }


class Command(BaseCommand):
    help = "Drafts (or with --issue, issues) a period's recharge statements. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True)
        parser.add_argument("--year", required=True, help="2018/19")
        parser.add_argument("--period", required=True, help="Q1, Q2, Q3, Q4 or true-up")
        parser.add_argument("--issue", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"There is no partnership “{options['partnership']}”.")
        try:
            year = parse_year(options["year"])
            period = parse_period(options["period"])
            statements, changed, issued = recharges_run(
                partnership=partnership, year=year, period=period, issue=options["issue"]
            )
        except ValueError as exc:  # the year or period as typed
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        if options["json"]:
            payload = {
                "partnership": partnership.slug,
                "year": year_label(year),
                "period": period,
                "statements": [statement_json(st) for st in statements],
            }
            self.stdout.write(json.dumps(payload, indent=2))
            return
        for st in statements:
            self.stdout.write(
                f"{st.council.code:<6} {st.get_status_display():<7} {str(st.number or '-'):<20} "
                f"{st.get_kind_display():<12} {st.net:>16,}"
            )
        self.stdout.write(self.style.SUCCESS(f"{changed} drafted or redrafted, {len(issued)} issued."))
