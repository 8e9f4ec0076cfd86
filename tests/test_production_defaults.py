"""Production defaults: DEBUG is off unless DEBUG=1; every page carries a strict Content-Security-Policy and no
template has inline script or style; the site's own error pages are shown; WeasyPrint's progress lines and
pikepdf's logger line stay out of command output."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.test_settings_and_deployment import run_manage

ROOT = Path(settings.BASE_DIR)
SECRET = "k" * 20 + "x7Qp!zR2vN9wL4mT8sY1cB6dF3gH5jK0"


def test_debug_is_off_unless_debug_1_is_set():
    probe = "from django.conf import settings; print('DEBUG', settings.DEBUG)"
    off = run_manage("shell", "-c", probe, SECRET_KEY=SECRET)
    assert "DEBUG False" in off.stdout, off.stdout + off.stderr
    on = run_manage("shell", "-c", probe, DEBUG="1")
    assert "DEBUG True" in on.stdout, on.stdout + on.stderr


def test_weasyprint_progress_lines_stay_out_of_command_output():
    result = run_manage(
        "shell", "-c", "from governance.papers.pdf import render_pdf; print(len(render_pdf('<p>Hello</p>')) > 0)",
        DEBUG="0", SECRET_KEY=SECRET,
    )  # fmt: skip
    assert result.returncode == 0 and "True" in result.stdout, result.stderr
    assert "Step" not in result.stdout + result.stderr


def test_pikepdf_logger_line_stays_out_of_command_output():
    """pikepdf says "pikepdf C++ to Python logger bridge initialized" at INFO when it is imported."""
    result = run_manage(
        "shell", "-c", "import pikepdf; from governance.papers import sanitise; print('imported', pikepdf.__version__)",
        DEBUG="0", SECRET_KEY=SECRET,
    )  # fmt: skip
    assert result.returncode == 0 and "imported" in result.stdout, result.stderr
    assert "logger bridge" not in result.stdout + result.stderr


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client, demo):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script on the home page"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE), "inline <script>"),
    (re.compile(r"<style\b", re.IGNORECASE), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "event handler attribute"),
    (re.compile(r"\bhx-on\b|javascript:", re.IGNORECASE), "script in an attribute"),
]


def test_no_page_template_has_inline_script_or_style():
    """Templates under templates/print/ are for WeasyPrint (PDFs), and those under a mail/ folder for e-mail
    clients (which read only inline styles): no page of the site, so no browser policy applies to them."""
    found = []
    for path in sorted(ROOT.glob("*/templates/**/*.html")) + sorted((ROOT / "templates").glob("**/*.html")):
        parts = path.relative_to(ROOT).parts
        if "print" in parts or "node_modules" in parts or (parts[0] == "engagement" and "mail" in parts):
            continue
        text = path.read_text()
        for pattern, what in INLINE:
            if pattern.search(text):
                found.append(f"{path.relative_to(ROOT)}: {what}")
    assert not found, found


@pytest.mark.django_db
def test_the_site_shows_its_own_error_pages(client, demo, make_user):
    missing = client.get("/no-such-partnership/meetings/")
    assert missing.status_code == 404 and "Page not found" in missing.content.decode()
    client.force_login(make_user())
    forbidden = client.get("/changes/")
    assert forbidden.status_code == 403 and "You cannot see this page" in forbidden.content.decode()
    error = server_error(RequestFactory().get("/"))
    assert error.status_code == 500 and "Sorry, there is a problem with the service" in error.content.decode()
