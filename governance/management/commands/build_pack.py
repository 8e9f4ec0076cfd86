"""python manage.py build_pack --committee SLUG --date YYYY-MM-DD --audience public|members --output FILE.pdf

The same build as the "Build the pack" button, run here rather than in a worker."""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from governance.committees.models import Meeting
from governance.papers.models import AgendaPack
from governance.papers.services import pack_build


class Command(BaseCommand):
    help = "Builds a meeting's agenda pack (public or members') and writes the PDF to a file."

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="The body's slug.")
        parser.add_argument("--date", required=True, help="The meeting date, YYYY-MM-DD.")
        parser.add_argument("--audience", choices=AgendaPack.Audience.values, default="public")
        parser.add_argument("--output", required=True, help="Where to write the PDF.")

    def handle(self, *args, committee, date: str, audience, output, **options):
        self.verbosity = options.get("verbosity", 1)
        try:
            day = _parse(date)
        except ValueError as error:
            raise CommandError(f"--date: {error}") from None
        meetings = Meeting.objects.filter(body__slug=committee, date=day)
        if not meetings.exists():
            raise CommandError(f"No meeting of {committee} on {day:%-d %B %Y}.")
        if meetings.count() > 1:
            raise CommandError("More than one body has that slug; the partnership is ambiguous.")
        meeting = meetings.get()

        def progress(stage, done, total):
            if self.verbosity > 1:
                self.stdout.write(f"{stage}" + (f" ({done} of {total})" if total else ""))

        try:
            pack = pack_build(meeting=meeting, audience=audience, by=None, progress=progress)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        try:
            with pack.file.open("rb") as f:
                Path(output).write_bytes(f.read())
        except OSError as error:
            raise CommandError(f"--output: {output} cannot be written ({error.strerror}).") from None
        self.stdout.write(f"{pack}: {pack.page_count} pages, SHA-256 {pack.checksum}, written to {output}.")


def _parse(text):
    return date.fromisoformat(text)
