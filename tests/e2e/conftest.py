import functools
from pathlib import Path

import pytest
from django.conf import settings

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def expect(*args, **kwargs):
    """Playwright's expect, imported when a browser test runs: `pytest -m "not e2e"` collects without
    Playwright installed."""
    from playwright.sync_api import expect as playwright_expect  # lazily, see above

    return playwright_expect(*args, **kwargs)


@functools.cache
def _axe_source():
    return AXE.read_text() + "\n;undefined"


def axe_violations(page):
    """Runs axe-core (from npm) in the page against WCAG 2.2 AA and returns its violations."""
    # Evaluated through the browser's debugging protocol, not added as an inline <script>, which the site's
    # Content-Security-Policy (rightly) blocks; once per document (a page checked twice keeps it), read from
    # disk once per run. Only violations are gathered (axe's resultTypes): what passed is not reported.
    page.wait_for_load_state()  # after a click that navigates, the new page, not a half-parsed one
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))",
        WCAG_TAGS,
    )


def content(page):
    """The page's HTML once it has loaded. Right after a click that navigates, page.content() can read the new
    document before the browser has parsed any of it (an empty page: a flaky failure in CI)."""
    page.wait_for_load_state()
    return page.content()


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"axe-core found problems on {page.url}: {violations}"


@pytest.fixture
def demo_live(committed_demo):
    return committed_demo("governance")  # restored from its snapshot (tests/conftest.py), or loaded once


@pytest.fixture
def sign_in(page, live_server):
    def sign_in_as(username, password="demo-pass-2026"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return sign_in_as


@pytest.fixture(autouse=True)
def no_content_security_policy_violations(request):
    """Every browser test also checks that the pages ran under the Content-Security-Policy without the browser
    blocking anything (an inline script or style, htmx's own styles, a script from elsewhere)."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    yield
    assert not blocked, f"The browser blocked content under the Content-Security-Policy: {blocked}"


def fill_date(page, legend, day):
    """Types a date into the GOV.UK date input whose fieldset legend starts with the given text."""
    group = page.get_by_role("group", name=legend).first
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
