"""Every date field of a form is a GOV.UK date input (day, month, year), not the browser's mm/dd/yyyy box;
a date that does not exist is the field's error, and a plain ISO date in a link still reads."""

from datetime import date

import pytest
from django import forms

from governance.committees.forms import MeetingDetailsForm, MeetingForm
from governance.widgets import GovukDateInput
from procurement.forms import ContractForm
from staffing.forms import PostForm


class DateForm(forms.Form):
    day = forms.DateField(widget=GovukDateInput, required=False)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"day_day": "30", "day_month": "10", "day_year": "2017"}, date(2017, 10, 30)),
        ({"day_day": "1", "day_month": "2", "day_year": "2018"}, date(2018, 2, 1)),
        ({"day": "2018-02-20"}, date(2018, 2, 20)),  # a link such as ?date_from=2018-02-20
        ({}, None),
    ],
)
def test_the_three_boxes_read_as_one_date(data, expected):
    form = DateForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == expected


@pytest.mark.parametrize(
    "data",
    [
        {"day_day": "31", "day_month": "2", "day_year": "2018"},
        {"day_day": "30", "day_month": "", "day_year": "2017"},
        {"day_day": "30", "day_month": "10", "day_year": "17"},
        {"day_day": "x", "day_month": "10", "day_year": "2017"},
        {"day_day": "99999999999", "day_month": "1", "day_year": "2017"},
    ],
)
def test_a_date_that_does_not_exist_is_the_fields_error_and_what_was_typed_stays(data):
    form = DateForm(data)
    assert not form.is_valid()
    assert form.errors["day"] == ["Enter a valid date."]
    html = str(form["day"])
    assert f'value="{data["day_day"]}"' in html


def test_the_widget_renders_labelled_day_month_and_year_boxes():
    html = str(DateForm(initial={"day": date(2017, 10, 30)})["day"])
    for part, label, value in (("day", "Day", "30"), ("month", "Month", "10"), ("year", "Year", "2017")):
        assert (
            f'<label class="govuk-label govuk-date-input__label" for="id_day_{part}">{label}</label>' in html
        )
        assert f'name="day_{part}" type="text" inputmode="numeric" value="{value}"' in html
    assert 'type="date"' not in html


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (MeetingForm, "date"),
        (MeetingDetailsForm, "date"),
        (ContractForm, "end_date"),
        (PostForm, "effective_from"),
    ],
)
def test_the_forms_date_fields_use_it(form_class, field):
    assert isinstance(form_class.base_fields[field].widget, GovukDateInput)
