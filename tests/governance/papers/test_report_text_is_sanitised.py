"""Report text is Markdown: script and raw HTML are shown as text, images and file: or javascript: links are
dropped, tables and lists work; and a report that points at file:///etc/passwd or another site renders
without it, because the renderer reads only the project's own static files."""

import pytest

from governance.papers import documents
from governance.papers import services as report_services
from governance.papers.markdown import render_markdown
from governance.papers.pdf import render_pdf

from ..conftest import add_business
from ..paper_helpers import COMPLETE, pages_text


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def test_script_and_raw_html_are_neutralised():
    html = str(
        render_markdown(
            "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
            "[click](javascript:alert(1)) [file](file:///etc/passwd) ![pic](https://tracker.example/p.png)"
        )
    )
    assert (
        "<script" not in html and "<img" not in html and "onerror=" not in html.replace("onerror=alert", "")
    )
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html.split("[click]")[0] and 'href="javascript' not in html
    assert 'href="file:' not in html


def test_headings_lists_and_tables_survive():
    html = str(
        render_markdown("## Options\n\n1. First\n2. Second\n\n| Option | Cost |\n|---|--:|\n| A | £1 |")
    )
    assert "<h4>Options</h4>" in html
    assert "<ol>" in html and "<li>First</li>" in html
    assert "<table>" in html and '<td style="text-align:right">£1</td>' in html


def test_a_report_linking_local_files_or_other_sites_renders_without_them(
    future_meeting, officer, monkeypatch
):
    item = add_business(future_meeting, officer, "Network")
    text = dict(
        COMPLETE,
        about="See ![passwd](file:///etc/passwd) and ![remote](https://example.com/logo.png) "
        "[and this](file:///etc/shadow).",
    )
    report = report_services.report_save(item=item, by=officer, title="Network", report_of="CDIO", **text)
    html = documents.report_html(report)
    assert "<img" not in html and 'href="file:' not in html and "example.com/logo" not in html
    # Even print HTML that did carry such references (a template mistake) cannot fetch them.
    hostile = html.replace(
        "</body>",
        '<img src="file:///etc/passwd" alt=""><img src="https://example.com/x.png" alt="">'
        '<link rel="stylesheet" href="file:///etc/passwd"></body>',
    )
    import urllib.request

    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: pytest.fail("network reached"))
    pdf = render_pdf(hostile)
    text = "\n".join(pages_text(pdf))
    assert "root:" not in text
    assert "Network" in text
