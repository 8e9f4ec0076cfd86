"""Under test, a variable in one of the project's templates that does not resolve fails the test (issue 21): a
misspelt name or a field the context never had would otherwise print nothing. Django's own templates (the
admin relies on silent variables) keep Django's default. tests/environment.py sets it up."""

import pytest
from django.conf import settings
from django.template import engines
from django.template.loader import get_template

from tests.environment import UnresolvedTemplateVariable


def test_the_test_settings_make_an_unresolved_variable_raise():
    assert settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] % "x" == ""  # outside any template


def test_an_unresolved_variable_in_a_project_template_fails():
    template = get_template("governance/_error_summary.html")
    # With what it needs, it renders; with a form missing a field's attribute, it fails.
    assert template.render({"errors": ["Something"]}).count("Something") == 1

    class Field:  # a field with an error but no id_for_label
        errors = ["Bad"]

    class BrokenForm:
        errors = True
        non_field_errors = ()

        def __iter__(self):
            return iter([Field()])

    with pytest.raises(UnresolvedTemplateVariable, match="field.id_for_label"):
        template.render({"form": BrokenForm()})


def test_a_template_from_a_string_or_from_django_keeps_the_default():
    assert engines["django"].from_string("[{{ missing }}]").render({}) == "[]"
    # The admin's own list filter, with none of its variables: Django's default, an empty string each.
    html = get_template("admin/filter.html").render({})
    assert '<details data-filter-title="" open>' in html
