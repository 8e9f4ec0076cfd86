import importlib
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from engagement import demo as engagement_demo
from finance.demo import load_year_end
from governance.demo import DEMO_PASSWORD, demo_logins, load_live_meeting, pack_2017

# Each app that has demo data offers <app>.demo.load(stdout); they run in dependency order.
DEMO_APPS = ["governance", "staffing", "procurement", "finance"]


class Command(BaseCommand):
    help = "Loads the demo data from the two seed documents. Safe to run again: it changes nothing twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-pack",
            action="store_true",
            help="Skip building the agenda pack of 30 October 2017 (139 pages; tests use this to stay fast).",
        )

    def handle(self, *args, no_pack=False, **options):
        with transaction.atomic():
            for app in DEMO_APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.load(stdout=self.stdout)
            # Dated from today, so not in the seed's data that tests load (governance.demo.load).
            load_live_meeting(self.stdout)
            # 2018/19's remaining quarters and true-up: the tests' finance demo stops at Q1 and goes on from it.
            load_year_end(self.stdout)
            # Last: the search index of everything the public may now read.
            engagement_demo.load(self.stdout)

        if not no_pack:
            self.build_pack()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for each: {DEMO_PASSWORD}):")
        for username, roles in demo_logins():
            self.stdout.write(f"  {username:<18} {roles}")

    def build_pack(self):
        """The public pack of 30 October 2017, built from the seed's reports (outside the load's transaction:
        a build renders first and saves after). Built once: the same content returns the pack already built."""
        started = time.monotonic()
        pack = pack_2017()
        if pack is not None:
            self.stdout.write(
                f"Agenda pack of 30 October 2017: {pack.page_count} pages "
                f"({time.monotonic() - started:.0f} s; the seed's pack has 200)."
            )
