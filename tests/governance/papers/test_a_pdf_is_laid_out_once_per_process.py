"""A PDF downloaded again (a GET stores nothing) is laid out once per process: the process keeps what it rendered
last by the checksum of its HTML, within a size limit, the least recently used going first."""

import pytest

from governance.papers import documents

HTML = '<html lang="en"><head><title>{t}</title><meta name="author" content="Test"></head><body><p>{t}</p></body></html>'


@pytest.fixture
def laid_out(monkeypatch, db):
    calls = []
    real = documents.render_pdf_with_pages

    def render(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(documents, "render_pdf_with_pages", render)
    monkeypatch.setattr(documents, "_recent", documents._Recent())
    return calls


def test_the_same_html_is_laid_out_once_and_other_html_again(laid_out):
    first, pages, cached = documents.rendered(HTML.format(t="Budget"), store=False)
    again, pages_again, cached_again = documents.rendered(HTML.format(t="Budget"), store=False)
    assert first.startswith(b"%PDF") and again == first and pages == pages_again == 1
    assert (cached, cached_again) == (False, True)
    documents.rendered(HTML.format(t="Minutes"), store=False)
    assert len(laid_out) == 2


def test_the_least_recently_used_go_first_past_the_limit(laid_out, monkeypatch):
    monkeypatch.setattr(documents._Recent, "LIMIT", 90)
    recent = documents._Recent()
    recent.put("a", b"x" * 20, 1)
    recent.put("b", b"x" * 20, 1)
    assert recent.get("a") == (b"x" * 20, 1)  # a is now the most recently used
    recent.put("c", b"x" * 20, 1)
    recent.put("d", b"x" * 20, 1)
    recent.put("e", b"x" * 20, 1)  # 100 bytes would be over 90: the least recently used, b, goes
    assert recent.get("b") is None and recent.get("a") is not None and recent.size <= 90
    recent.put("big", b"x" * 26, 1)  # over a quarter of the limit: never kept
    assert recent.get("big") is None
