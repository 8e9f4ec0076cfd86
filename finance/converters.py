from .periods import parse_year, year_slug


class FinancialYearConverter:
    """A financial year in a URL: 2017-18 (the slash of 2017/18 cannot be in a path)."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value):
        # A ValueError means "this pattern does not match": an ill-formed or unknown year is a 404, not a 500.
        return parse_year(value)

    def to_url(self, value):
        if isinstance(value, str) and not value.isdigit():
            value = parse_year(value)
        return year_slug(int(value))
