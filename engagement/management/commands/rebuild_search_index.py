from django.core.management.base import BaseCommand, CommandError

from engagement.search.index import index_partnership
from governance.partners.public import partnership_rows


class Command(BaseCommand):
    help = (
        "Brings the search index of every partnership (or those named) up to date with what the public may "
        "read, reading the text of PDFs not read before. Safe to run at any time; the worker does the same after "
        "every publication."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Partnership slugs (default: every partnership).")

    def handle(self, *args, slugs=(), **options):
        partnerships = partnership_rows()
        if slugs:
            unknown = set(slugs) - {p.slug for p in partnerships}
            if unknown:
                raise CommandError(f"No such partnership: {', '.join(sorted(unknown))}")
            partnerships = [p for p in partnerships if p.slug in slugs]
        for p in partnerships:
            documents, written, deleted = index_partnership(p, read_files=True)
            self.stdout.write(
                f"{p.name}: {documents} documents indexed ({written} written, {deleted} removed)."
            )
