"""The search index, made from the rooms' public projections and nothing else: what a public page shows is
what the search finds. One SearchDocument per agenda item, report, report section, appendix (or part of
one), item of minutes, resolution, officer decision and forward plan entry; nothing exempt, draft or withdrawn.

Kept up to date by `index_partnership` (the worker runs it after every commit that changes what the public
sees: engagement.apps connects it to governance's public_pages_changed; `manage.py rebuild_search_index` and
the demo loader run it directly). It writes only the rows whose text changed and deletes those no longer
public; on PostgreSQL each changed row's tsvector is computed once, as it is written (title weighted A,
summary B, body C, English stemming), never per query. A withdrawal leaves the results at once without it: the
query leaves out what the withdrawals name (query.py)."""

import contextvars
import hashlib
import re
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from engagement.models import SearchDocument, SearchPassage
from governance.committees import public as committees
from governance.delegations import public as delegations
from governance.papers import public as papers
from governance.partners.public_cache import public_changed

from . import pdf

Kind = SearchDocument.Kind

# A tsvector holds at most 1 MB and positions up to 16,383: a longer text is indexed in parts of this many
# characters, cut at a paragraph where one falls near the limit.
PART_CHARS = 100_000
# A document's summary and body are also kept as passages of at most this many characters (SearchPassage): a
# snippet is cut from the best-matching one, so ts_headline parses a short text however long the document. About
# a paragraph, and about what a snippet shows (two fragments of up to 30 words): ts_headline's cost grows with
# the text it parses (on the bench, 600 characters cost about 40% less than 1,000).
PASSAGE_CHARS = 600

FIELDS = [
    "kind",
    "title",
    "summary",
    "body",
    "date",
    "url",
    "meeting_id",
    "meeting_label",
    "body_slug",
    "body_name",
    "item_id",
    "appendix_id",
    "part",
]


@dataclass
class Doc:
    key: str
    kind: str
    title: str
    date: date
    url: str
    summary: str = ""
    body: str = ""
    meeting_id: int | None = None
    meeting_label: str = ""
    body_slug: str = ""
    body_name: str = ""
    item_id: int | None = None
    appendix_id: int | None = None
    part: int = 1

    @property
    def checksum(self):
        text = "\x1f".join(str(getattr(self, f)) for f in FIELDS)
        return hashlib.sha256(text.encode()).hexdigest()


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"(^|\s)[#>]+\s|[*_`|]+|^\s*[-:| ]{3,}\s*$", re.MULTILINE)


def plain(markdown):
    """Markdown as words: links by their text, no emphasis, heading or table marks (snippets read cleanly)."""
    text = _LINK.sub(r"\1", markdown or "")
    text = _MARKUP.sub(" ", text)
    return re.sub(r"[ \t]+", " ", text).replace("\x00", "").strip()


def parts(text, size=PART_CHARS):
    """The text cut into parts of at most `size` characters, at a paragraph break where one falls in the second
    half of the part, else at the end of a sentence, else between words."""
    if len(text) <= size:
        return [text] if text else []
    out = []
    while len(text) > size:
        cut = text.rfind("\n\n", size // 2, size)
        if cut <= 0:
            cut = text.rfind(". ", size // 2, size - 1)
            cut = cut + 1 if cut > 0 else text.rfind(" ", size // 2, size)
        cut = cut if cut > 0 else size
        out.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        out.append(text)
    return out


def passages(doc):
    """The passages of a document's summary and body, in order (its title is shown with every result)."""
    return parts("\n\n".join(t for t in (doc.summary, doc.body) if t), PASSAGE_CHARS)


def _parted(doc):
    chunks = parts(doc.body)
    if len(chunks) <= 1:
        return [doc]
    return [
        Doc(**{**doc.__dict__, "key": f"{doc.key}:{n}", "body": chunk, "part": n})
        for n, chunk in enumerate(chunks, start=1)
    ]


def _meeting_fields(meeting):
    return {
        "date": meeting.date,
        "meeting_id": meeting.pk,
        "meeting_label": str(meeting),
        "body_slug": meeting.body.slug,
        "body_name": meeting.body.name,
    }


def _meeting_documents(row, *, read_files):
    """The public documents of one published meeting (row: from public_meeting_queryset)."""
    meeting = committees.meeting_view(row, with_next=False)
    fields = _meeting_fields(meeting)
    slug = row.body.partnership.slug
    docs = []
    documents = papers.public_documents(row)
    with_report = {paper.item_id for paper in documents.papers}
    for item in papers.public_agenda_items(row):
        if item.withdrawn or item.is_exempt or not item.item_id:
            continue
        url = f"{meeting.get_absolute_url}#item-{item.item_id}"
        docs.append(
            Doc(
                key=f"item:{item.item_id}",
                kind=Kind.AGENDA_ITEM,
                title=item.title,
                summary=plain(item.description),
                body=item.wards,
                url=url,
                item_id=item.item_id,
                **fields,
            )
        )
        if item.report_title and item.item_id not in with_report:
            # A report the agenda names whose text is not here (or not yet signed off): found by its title.
            docs.append(
                Doc(
                    key=f"report_title:{item.item_id}",
                    kind=Kind.REPORT,
                    title=item.report_title,
                    body=f"Report of the {item.report_of}" if item.report_of else "",
                    url=url,
                    item_id=item.item_id,
                    **fields,
                )
            )
    _, _, withdrawn_appendices, _ = papers.withdrawn_papers(row)
    for paper in documents.papers:
        try:
            report = papers.report_view(papers.public_report(row, paper.item_id), number=paper.number)
        except (Http404, committees.Withdrawn):
            continue
        kw = {"partnership": slug, "meeting": meeting.pk, "item": paper.item_id}
        url = reverse("governance:report_detail", kwargs=kw)
        common = {"item_id": paper.item_id, **fields}
        docs.append(
            Doc(
                key=f"report:{report.pk}",
                kind=Kind.REPORT,
                title=report.title,
                summary=plain(report.summary),
                body="\n".join(
                    [
                        f"Report of {report.report_of}",
                        *report.recommendation_list,
                        plain(report.background_papers),
                    ]
                ),
                url=url,
                **common,
            )
        )
        for number, heading, text in report.sections:
            docs += _parted(
                Doc(
                    key=f"section:{report.pk}:{number}",
                    kind=Kind.REPORT_SECTION,
                    title=f"{report.title}: {number}. {heading}",
                    body=plain(text),
                    url=url,
                    **common,
                )
            )
        appendices = [a for a in report.appendices if a.pk not in withdrawn_appendices]
        files = papers.appendix_files(appendices)
        texts = (pdf.extract if read_files else pdf.stored_texts)(list(files.values()))
        for a in appendices:
            text = plain(a.body)
            if a.pk in files:
                text = texts.get(files[a.pk].checksum, "")
            docs += _parted(
                Doc(
                    key=f"appendix:{a.pk}",
                    kind=Kind.APPENDIX,
                    title=f"{report.title}: {a}",
                    body=text,
                    url=reverse("governance:appendix_file", kwargs={**kw, "appendix": a.pk}),
                    appendix_id=a.pk,
                    **common,
                )
            )
    minutes = committees.public_minutes(row)
    if minutes is not None:
        url = reverse("governance:minutes", kwargs={"partnership": slug, "meeting": meeting.pk})
        for item in minutes.items:
            if item.withheld or item.minute is None:
                continue
            m = item.minute
            text = "\n".join(plain(t) for t in (m.members_commented, m.officer_responses, m.discussion) if t)
            if not text:
                continue
            docs.append(
                Doc(
                    key=f"minutes:{item.pk}",
                    kind=Kind.MINUTES,
                    title=f"Minutes: {item.title}" + (" (draft)" if minutes.is_draft else ""),
                    body=text,
                    url=f"{url}#item-{item.pk}",
                    item_id=item.pk,
                    **fields,
                )
            )
    return docs


def collect(partnership, *, read_files=False):
    """Every public document of the partnership as Docs (read_files: read the text of PDFs not read before;
    otherwise a PDF is indexed with the text the worker stored for it)."""
    docs = []
    for row in committees.public_meeting_queryset(partnership):
        docs += _meeting_documents(row, read_files=read_files)
    for r in committees.public_resolutions(partnership):
        meeting = r.meeting
        docs.append(
            Doc(
                key=f"resolution:{r.pk}",
                kind=Kind.RESOLUTION,
                title=f"Resolved: {r.item_title}",
                summary=r.text,
                body=plain(r.reasons),
                url=f"{meeting.get_absolute_url}#item-{r.item_id}",
                item_id=r.item_id,
                **_meeting_fields(meeting),
            )
        )
    for d in delegations.public_officer_decisions(partnership):
        if d.is_exempt:
            continue
        docs.append(
            Doc(
                key=f"officer_decision:{d.pk}",
                kind=Kind.OFFICER_DECISION,
                title=d.title,
                summary=plain(d.decision),
                body="\n".join(
                    plain(t)
                    for t in (d.office, d.decision_maker_name, d.reasons, d.alternatives, d.background_papers)
                    if t
                ),
                date=d.decided_on or d.published_on,
                url=d.get_absolute_url,
            )
        )
    plan = reverse("governance:forward_plan", kwargs={"partnership": partnership.slug}) + "?all=1"
    for e in delegations.forward_plan_view(
        delegations.public_forward_plan_queryset(partnership, everything=True)
    ):
        if e.is_exempt:
            continue
        docs.append(
            Doc(
                key=f"forward_plan:{e.pk}",
                kind=Kind.FORWARD_PLAN,
                title=f"{e.reference}: {e.title}",
                summary=plain(e.documents),
                body=e.decision_maker,
                date=e.decision_due,
                url=plan,
            )
        )
    return docs


def vector():
    """The stored tsvector of a row: title A, summary B, body C, English stemming."""
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )


def write(partnership, docs):
    """Brings the partnership's rows into line with docs: writes the new and changed (and their passages),
    deletes the rest. Returns (written, deleted)."""
    now = timezone.now()
    token = _INDEXING.set(True)
    try:
        with transaction.atomic():
            existing = dict(
                SearchDocument.objects.filter(partnership=partnership).values_list("key", "checksum")
            )
            wanted = {d.key: d for d in docs}
            changed = [d for d in wanted.values() if existing.get(d.key) != d.checksum]
            gone = set(existing) - set(wanted)
            if gone:
                SearchDocument.objects.filter(partnership=partnership, key__in=gone).delete()
            for start in range(0, len(changed), BATCH):
                _write_batch(partnership, changed[start : start + BATCH], now)
            if changed or gone:
                # The search page and its feed are cached public pages (keyed by the public version): what
                # they find changed, so their copies go, as the index's rows commit.
                public_changed(partnership)
    finally:
        _INDEXING.reset(token)
    return len(changed), len(gone)


# Set while the index writes: the public version it moves is its own doing, and is no reason to index again
# (engagement.signals reads it when the commit announces the change).
_INDEXING = contextvars.ContextVar("search_indexing", default=False)


def indexing():
    """Whether this thread is writing the search index (its commit's announcement is its own)."""
    return _INDEXING.get()


BATCH = 500


def _write_batch(partnership, batch, now):
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                partnership=partnership,
                key=d.key,
                checksum=d.checksum,
                updated_at=now,
                **{f: getattr(d, f) for f in FIELDS},
            )
            for d in batch
        ],
        update_conflicts=True,
        unique_fields=["partnership", "key"],
        update_fields=[*FIELDS, "checksum", "updated_at"],
    )
    keys = [d.key for d in batch]
    rows = SearchDocument.objects.filter(partnership=partnership, key__in=keys)
    pks = dict(rows.values_list("key", "pk"))
    SearchPassage.objects.filter(document_id__in=pks.values()).delete()
    texts = [(pks[d.key], n, text) for d in batch for n, text in enumerate(passages(d), start=1)]
    if connection.vendor != "postgresql":
        SearchPassage.objects.bulk_create(
            [SearchPassage(document_id=pk, ordinal=n, text=text) for pk, n, text in texts], batch_size=BATCH
        )
        return
    rows.update(vector=vector())
    with connection.cursor() as cursor:
        for start in range(0, len(texts), 5 * BATCH):
            chunk = texts[start : start + 5 * BATCH]
            # Each passage's tsvector is computed once, as it is written.
            cursor.execute(
                "INSERT INTO engagement_searchpassage (document_id, ordinal, text, vector) "
                "SELECT d, n, t, to_tsvector('english', t) "
                "FROM unnest(%s::bigint[], %s::integer[], %s::text[]) AS p(d, n, t)",
                [[pk for pk, _, _ in chunk], [n for _, n, _ in chunk], [t for _, _, t in chunk]],
            )


def index_partnership(partnership, *, read_files=False):
    """Brings the partnership's search index up to date with its public projections. Safe to run twice or at
    once (the rows are keyed and upserted). Returns (documents, written, deleted)."""
    docs = collect(partnership, read_files=read_files)
    written, deleted = write(partnership, docs)
    return len(docs), written, deleted
