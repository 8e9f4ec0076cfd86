"""The GOV.UK date input (day, month and year boxes), the one widget every date field of a form uses.

It reads the three boxes (<name>_day, <name>_month, <name>_year) into the ISO date a DateField parses, so a
date that does not exist (31 February) or a box left empty is the field's own "Enter a valid date." error;
and a plain ISO date under the field's own name (a link such as ?decided_after=2018-01-01, or a script) is
still read. See https://design-system.service.gov.uk/components/date-input/."""

import datetime
import re

from django import forms

from governance.parsing import is_digits

PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))
_ISO = re.compile(r"^\s*(\d{1,4})-(\d{1,2})-(\d{1,2})\s*$")
_TYPED = re.compile(r"^([^/]*)/([^/]*)/([^/]*)/$")  # what was typed, when it is no date (no format parses it)


class GovukDateInput(forms.Widget):
    template_name = "governance/widgets/date_input.html"
    is_govuk_date = True  # field templates put it in a fieldset whose legend is the field's label

    def __init__(self, attrs=None, format=None):  # noqa: A002 - the signature of forms.DateInput
        super().__init__(attrs)

    @staticmethod
    def parts(value):
        """{"day": "30", "month": "10", "year": "2017"} from a date, an ISO string or what was typed."""
        if isinstance(value, datetime.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, str):
            if match := _ISO.match(value):
                year, month, day = match.groups()
                return {"day": day.lstrip("0") or "0", "month": month.lstrip("0") or "0", "year": year}
            if match := _TYPED.match(value):
                day, month, year = (g.strip() for g in match.groups())
                return {"day": day, "month": month, "year": year}
        return {"day": "", "month": "", "year": ""}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        id_ = widget["attrs"].get("id") or f"id_{name}"
        typed = self.parts(value)
        widget["id"] = id_
        widget["parts"] = [
            {
                "name": f"{name}_{key}",
                "id": f"{id_}_{key}",
                "label": label,
                "width": width,
                "value": typed[key],
            }
            for key, label, width in PARTS
        ]
        widget["described_by"] = widget["attrs"].get("aria-describedby", "")
        return context

    def value_from_datadict(self, data, files, name):
        typed = [str(data.get(f"{name}_{key}") or "").strip() for key, _label, _width in PARTS]
        if not any(typed):
            return data.get(name) or ""
        day, month, year = typed
        if (
            is_digits(day)
            and is_digits(month)
            and is_digits(year)
            and len(day) <= 2
            and len(month) <= 2
            and len(year) == 4
        ):
            return f"{year}-{month.zfill(2)}-{day.zfill(2)}"
        return (
            f"{day}/{month}/{year}/"  # not a date: the DateField says so, and the boxes keep what was typed
        )

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(f"{name}_{key}" not in data for key, _label, _width in PARTS)

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_
