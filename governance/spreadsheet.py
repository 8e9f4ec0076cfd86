"""The one CSV writer for every file the site lets people download (the change history, recharge statements,
import errors …). A spreadsheet treats a cell that begins with =, +, -, @, a tab or a carriage return as a
formula, so such a text cell is written with a leading apostrophe: it shows as the text that was typed and
runs nothing. Numbers (int, Decimal) are written as they are, so a credit of -12.50 stays a number."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell as a spreadsheet should see it: text that could start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(text):
    """The value a neutralised cell stood for (what an import reads back from a file this site wrote)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


class SafeWriter:
    """csv.writer that neutralises every text cell it writes."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **kwargs):
    return SafeWriter(out, **kwargs)
