"""Report text: a safe subset of Markdown (headings, paragraphs, numbered and bulleted lists, tables,
emphasis, links), rendered by markdown-it-py in CommonMark mode with raw HTML off, then sanitised by nh3
with an allow-list of tags, so that script, raw HTML, images and file: or javascript: links never reach a
page or a PDF. Reports store the Markdown; this renders it on display and on print."""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

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


OWN_NUMBER = re.compile(r"<p>(?=\d+(?:\.\d+)+\.?\s)")
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _link_emails(tokens):
    """E-mail addresses link with mailto: a bare address in the text becomes a mailto: link, and a link whose
    target is an address without a scheme (which a browser would read as a page of this site) gets mailto:."""
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        children, inside_link = [], 0
        for token in block.children:
            if token.type == "link_open":
                inside_link += 1
                href = (token.attrGet("href") or "").lstrip("/")
                if EMAIL.fullmatch(href):
                    token.attrSet("href", f"mailto:{href}")
            elif token.type == "link_close":
                inside_link -= 1
            if token.type != "text" or inside_link or not EMAIL.search(token.content):
                children.append(token)
                continue
            at = 0
            for match in EMAIL.finditer(token.content):
                if match.start() > at:
                    children.append(_text(token.content[at : match.start()]))
                link = Token("link_open", "a", 1)
                link.attrSet("href", f"mailto:{match.group()}")
                children += [link, _text(match.group()), Token("link_close", "a", -1)]
                at = match.end()
            if at < len(token.content):
                children.append(_text(token.content[at:]))
        block.children = children
    return tokens


def _text(content):
    token = Token("text", "", 0)
    token.content = content
    return token


def _demote_headings(html: str) -> str:
    """Headings in report text sit under the report's own numbered section headings (h2)."""
    for level, new in (("h6", "h5"), ("h5", "h5"), ("h4", "h5"), ("h3", "h4"), ("h2", "h4"), ("h1", "h3")):
        html = html.replace(f"<{level}>", f"<{new}>").replace(f"</{level}>", f"</{new}>")
    return html


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML, safe to put into a template."""
    if not text or not text.strip():
        return mark_safe("")
    tokens = _link_emails(_md.parse(text))
    html = _demote_headings(_md.renderer.render(tokens, _md.options, {}))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
    # A paragraph that carries its own number, as the seed's do ("3.2 The forecast …"), is not numbered again
    # when printed (templates/print/report.html numbers the others).
    clean = OWN_NUMBER.sub('<p class="own-number">', clean)
    return mark_safe(clean)  # sanitised by nh3 just above; the class added is constant text
