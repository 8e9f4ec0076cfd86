"""An id no database column can hold (forty digits, one past the largest bigint) names no record: a form's
multiple choice says it is not one of the choices (a 400), never an overflow in the query (SQLite raised
OverflowError, a 500). One place does it for every query: `__in` on an integer column (governance.parsing)."""

import pytest
from django import forms
from django.contrib.auth import get_user_model

from governance.models import Council

TOO_LARGE = ["9" * 40, str(2**63), str(-(2**63) - 1)]


@pytest.mark.django_db
@pytest.mark.parametrize("value", TOO_LARGE)
def test_an_in_lookup_with_an_id_no_column_holds_matches_nothing_else_is_unchanged(demo, value):
    council = Council.objects.order_by("pk").first()
    assert list(Council.objects.filter(pk__in=[int(value)])) == []
    assert list(Council.objects.filter(pk__in=[int(value), council.pk])) == [council]
    assert Council.objects.exclude(pk__in=[int(value)]).count() == Council.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("value", TOO_LARGE)
def test_a_multiple_choice_of_an_id_no_column_holds_is_a_field_error(demo, value):
    field = forms.ModelMultipleChoiceField(queryset=Council.objects.all())
    with pytest.raises(forms.ValidationError) as error:
        field.clean([value])
    assert error.value.code == "invalid_choice"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, field",
    [
        ("/shared-digital/portfolio/gateway/new/", "councils"),
        ("/shared-digital/staffing/posts/new/", "works_for"),
    ],
)
def test_posting_a_forty_digit_id_in_a_form_is_a_400(demo, client, path, field):
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.post(path, {field: "9" * 40})
    assert response.status_code == 400
    assert "is not one of the available choices" in response.content.decode()
