"""The accessibility check every browser test runs (axe-core, WCAG 2.2 AA) finds problems where there are some:
a page that breaks the rules fails it, so a passing page passed a check that can fail. It also runs again on a
page already checked (axe-core is added once per document)."""

import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.e2e

BROKEN = """<!doctype html><html><head><title>Broken</title></head><body><main>
<h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><form><input type="text" name="q"></form>
<p style="color:#777;background:#888">Text nobody can read</p></main></body></html>"""
FINE = """<!doctype html><html lang="en"><head><title>Fine</title></head><body><main>
<h1>Fine</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot">
<form><label for="q">Search</label><input id="q" type="text" name="q"></form></main></body></html>"""


def test_axe_reports_what_a_broken_page_breaks_and_nothing_on_a_sound_one(page):
    page.set_content(BROKEN)
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label", "html-has-lang", "color-contrast"} <= found
    assert {v["id"] for v in axe_violations(page)} == found  # checked again in the same document
    page.set_content(FINE)
    assert axe_violations(page) == []
