"""Report text: a safe subset of Markdown (headings, paragraphs, numbered and bulleted lists, tables,
emphasis, links), rendered by markdown-it-py in CommonMark mode with raw HTML off, then sanitised by nh3
with an allow-list of tags, so that script, raw HTML, images and file: or javascript: links never reach a
page or a PDF. Reports store the Markdown; this renders it on display and on print."""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "h3",
    "h4",
    "h5",
    "ol",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "br",
    "hr",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"https", "http", "mailto"}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _demote_headings(html: str) -> str:
    """Headings in report text sit under the report's own numbered section headings (h2)."""
    for level, new in (("h6", "h5"), ("h5", "h5"), ("h4", "h5"), ("h3", "h4"), ("h2", "h4"), ("h1", "h3")):
        html = html.replace(f"<{level}>", f"<{new}>").replace(f"</{level}>", f"</{new}>")
    return html


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML, safe to put into a template."""
    if not text or not text.strip():
        return mark_safe("")
    html = _demote_headings(_md.render(text))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
    return mark_safe(clean)  # sanitised by nh3 just above
