"""Spreadsheet-safe CSV cells. Pure: no Django here.

A cell that starts with = + - @, a tab or a carriage return can be run as a formula when the file is opened
in a spreadsheet (CSV injection). Such a cell is written with a leading apostrophe, which spreadsheets show as
text and which the import strips again.
"""

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS) else text


def restore(text: str) -> str:
    """The value a neutralised cell stood for."""
    return text[1:] if text.startswith("'") and text[1:].startswith(DANGEROUS) else text
