"""Template filters shared by every app's pages: text written for officers made fit for a reader."""

import re

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# Where a fact came from in the source documents, as the demo data notes it: "(D1 L782)",
# "(D1 L771-796, footnote 3)", "(D1 L796–800)". Useful to whoever loaded the data, noise to a reader.
SOURCE_REF = re.compile(r"\s*\(D\d+\s+L\d[^)]*\)")


@register.filter
@stringfilter
def without_source_refs(text):
    """The text without the source-document references the demo data carries."""
    return SOURCE_REF.sub("", text)


@register.filter(needs_autoescape=True)
@stringfilter
def paragraphs(text, autoescape=True):
    """One GOV.UK body paragraph per line of the text (blank lines dropped)."""
    escape = conditional_escape if autoescape else (lambda s: s)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return format_html_join(
        "\n", '<p class="govuk-body">{}</p>', ((mark_safe(escape(line)),) for line in lines)
    )


@register.filter
def due_from_today(entries):
    """Entries whose decision_due is today or later (the forward plan's "coming up")."""
    from django.utils import timezone

    today = timezone.localdate()
    return [e for e in entries if e.decision_due >= today]


@register.filter
def due_before_today(entries):
    """Entries whose decision_due is before today, latest first (the forward plan's "fell due")."""
    from django.utils import timezone

    today = timezone.localdate()
    return sorted((e for e in entries if e.decision_due < today), key=lambda e: e.decision_due, reverse=True)
