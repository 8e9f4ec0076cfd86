"""A result's snippet is cut from the best-matching passage of its document (about 1,000 characters, stored
with the document by the index), so a snippet costs the same for a long report as for a short one, and shows
the place that matched however far into the text it is."""

from datetime import date

import pytest

from engagement.models import SearchDocument, SearchPassage
from engagement.search import search_documents
from engagement.search.index import PASSAGE_CHARS, Doc, write

from .conftest import postgres_only

FILLER = "The councils reviewed the shared service desk and its telephony contract in detail. "


def long_doc(key, needles, paragraphs=60):
    """A report section of `paragraphs` paragraphs (about 260 characters each); needles: {paragraph: word},
    each word in a sentence of its own in that paragraph."""
    body = "\n\n".join(
        FILLER * 3 + (f"The {needles[n]} survey found the ditch lined and dry." if n in needles else "")
        for n in range(paragraphs)
    )
    return Doc(
        key=key,
        kind=SearchDocument.Kind.REPORT_SECTION,
        title=f"Wide area network: {key}",
        summary="Options for the network.",
        body=body,
        date=date(2031, 2, 1),
        url="/x/",
    )


def test_passages_are_written_with_the_document_replaced_when_it_changes_and_deleted_with_it(sd):
    write(sd, [long_doc("section:1:3", {40: "Quillwort"})])
    doc = SearchDocument.objects.get(partnership=sd, key="section:1:3")
    first = list(doc.passages.order_by("ordinal").values_list("ordinal", "text"))
    assert len(first) > 10
    assert [n for n, _ in first] == list(range(1, len(first) + 1))
    assert all(len(text) <= PASSAGE_CHARS for _, text in first)
    assert first[0][1].startswith("Options for the network.")  # summary, then body, in order
    assert sum("Quillwort" in text for _, text in first) == 1
    write(sd, [long_doc("section:1:3", {5: "Quetzal"})])
    again = list(doc.passages.values_list("text", flat=True))
    assert sum("Quetzal" in text for text in again) == 1 and not any("Quillwort" in text for text in again)
    write(sd, [])
    assert not SearchPassage.objects.filter(document_id=doc.pk).exists()


@postgres_only
@pytest.mark.postgres
def test_the_snippet_shows_the_passage_that_matched_deep_in_a_long_text(sd):
    write(
        sd,
        [
            long_doc("section:1:3", {50: "Quillwort"}),
            long_doc("section:2:3", {2: "Quetzal", 57: "Marram"}),
        ],
    )
    (result,) = search_documents(sd, query="quillwort", order="relevance")
    assert "<mark>Quillwort</mark> survey" in result.snippet
    assert len(result.snippet) < 600
    (result,) = search_documents(sd, query='"quillwort survey"', order="relevance")
    assert "<mark>Quillwort</mark> <mark>survey</mark>" in result.snippet
    # Words in different passages of one document (none holds both): the snippet marks one of them.
    (result,) = search_documents(sd, query="marram quetzal", order="relevance")
    assert "<mark>Marram</mark>" in result.snippet or "<mark>Quetzal</mark>" in result.snippet
    # Only the title matches: the snippet is the start of the text, nothing marked.
    (result,) = search_documents(sd, query="section:2:3", order="relevance")
    assert result.snippet.startswith("Options for the network.") and "<mark>" not in result.snippet
