from finance.services import import_forecast

from ._imports import ImportCommand


class Command(ImportCommand):
    help = "Imports forecasts: partnership,year,month,line,amount[,council] (pounds; month 1 = April)."
    what = "forecasts"

    def run_import(self, text, **options):
        return import_forecast(text=text)
