"""Whole numbers typed into forms are bounded by what a database integer column holds, so a forty-digit
number is a field error rather than an overflow in the query that uses it (seen as a 500 from version fields
and filters). Every form in the project uses governance.formfields.IntegerField, never Django's unbounded one."""

import ast
from pathlib import Path

from governance import formfields
from governance.parsing import MAX_INT

ROOT = Path(__file__).resolve().parent.parent
APPS = ["governance", "staffing", "procurement", "finance", "sharedservice"]


def test_a_forty_digit_number_is_a_field_error():
    class Form(formfields.forms.Form):
        version = formfields.IntegerField()

    assert Form({"version": "9" * 40}).errors["version"]
    assert Form({"version": "-1"}).errors["version"]
    assert Form({"version": str(MAX_INT)}).is_valid()


def test_no_form_uses_an_unbounded_integer_field():
    unbounded = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "formfields.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr == "IntegerField"
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "forms"
                ):
                    unbounded.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not unbounded, "use governance.formfields.IntegerField: " + ", ".join(unbounded)
