import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from governance.demo import DEMO_PASSWORD, demo_logins

# Each app that has demo data offers <app>.demo.load(stdout); they run in dependency order.
DEMO_APPS = ["governance", "staffing", "procurement", "finance"]


class Command(BaseCommand):
    help = "Loads the demo data from the two seed documents. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options):
        with transaction.atomic():
            for app in DEMO_APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.load(stdout=self.stdout)

        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for each: {DEMO_PASSWORD}):")
        for username, roles in demo_logins():
            self.stdout.write(f"  {username:<18} {roles}")
