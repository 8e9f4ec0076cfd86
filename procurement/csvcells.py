"""Cells for CSV files people open in spreadsheets. No Django here.

A cell that starts with = + - @, a tab or a carriage return can be read as a formula (CSV injection,
OWASP); such a cell is written with a leading apostrophe so the spreadsheet shows it as text."""

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS_FIRST) else text


def safe_row(values) -> list[str]:
    return [safe_cell(v) for v in values]
