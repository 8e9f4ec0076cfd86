from finance.services import import_actuals

from ._imports import ImportCommand


class Command(ImportCommand):
    help = (
        "Imports ledger lines: partnership,date,line,amount,incurred_by,charged_to,description (pounds; "
        "charged_to blank = shared)."
    )
    what = "actuals"

    def run_import(self, text, **options):
        return import_actuals(text=text)
