"""HTML → PDF for committee papers, from templates/print/: a report, the front sheet and agenda, minutes, a
decision notice, and the agenda pack that joins them.

The pack is built body first: the minutes and reports (each rendered on its own, and not rendered again while
its HTML is unchanged: RenderedPart keeps the PDF by the checksum of its HTML; a report in two pieces that each
start on a new page, its header and its body, each kept by its own checksum, so that an edit to the summary
does not lay out the body again, nor an edit to the body the header) and their appendices give the page ranges; only then is the front sheet rendered with those ranges in it, laid out for the length it had in the
last pack. If it comes out of a length that moves the reports, it is laid out again (and only then written) until
the ranges it prints are the ranges it gives, and the ranges printed are checked against the ranges of the
assembled document before anything is stored. The merged body is kept (StoredBodies): a rebuild merges only
from the first changed part on.
"""

import hashlib
import io
import threading
import uuid
from dataclasses import dataclass, field, replace

import pypdf
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from governance.committees.models import Meeting, PublishedItem
from governance.committees.ordering import numbered
from governance.committees.public import (
    EXCLUSION_MOTION_TITLE,
    WITHDRAWN_TITLE,
    exclusion_before,
    meeting_view,
    minutes_record,
    seat_view,
)
from governance.committees.selectors import members_on
from governance.committees.services import previous_held_meeting

from .markdown import render_markdown
from .models import AgendaPack, RenderedPart
from .pdf import Part, assemble, html_checksum, render_document, render_pdf_with_pages, write_document
from .public import appendix_view, decision_notice_view, report_is_public, report_view, withdrawn_papers

PUBLIC, MEMBERS = "public", "members"


def _author(meeting):
    host = meeting.body.partnership.host_on(meeting.date)
    return (
        f"{host.name}, Committee Services" if host else f"{meeting.body.partnership.name}, Committee Services"
    )


# HTML --------------------------------------------------------------------------------------------------


REPORT_PARTS = ("header", "body")


def report_html(report, *, number="", part=""):
    """The report as printed, from its read view (papers/public.py): the template never gets the model.

    A report prints in two parts, each starting on a new page: its header (title, summary, the decisions asked
    for, the sign-off) and its body (the numbered sections). With `part` ("header" or "body") only that part,
    as a document of its own: a pack renders and keeps each part separately, so that a change to one does not
    lay out the other again. Without, both in one document, page for page the same."""
    return report_parts_html(report, number=number, parts=(part,) if part else ("",))[0]


def report_parts_html(report, *, number="", parts=REPORT_PARTS):
    """report_html for each of `parts`, reading the report once."""
    view = report_view(report, number=number or "")
    sections = [
        {"number": n, "heading": heading, "html": render_markdown(text)} for n, heading, text in view.sections
    ]
    context = {
        "report": view,
        "number": number or "",
        "author": view.report_of,
        "summary": render_markdown(view.summary),
        "background": render_markdown(view.background_papers),
        "contact": render_markdown(view.contact_officer),
        "sections": sections,
        "appendices": list(view.appendices),
        "appendix_number": len(sections) + 1,
    }
    return [render_to_string("print/report.html", {**context, "part": part}) for part in parts]


def appendix_html(appendix):
    view = appendix_view(appendix)
    return render_to_string(
        "print/appendix.html",
        {"appendix": view, "author": appendix.report.report_of, "body": render_markdown(view.body)},
    )


def minutes_html(meeting, *, full):
    """The minutes of a meeting as printed. Not full (the public, and the public pack): read through the
    public projection, so of an exempt item and everything recorded on it only its public title and
    paragraph."""

    record = minutes_record(meeting, public=not full)
    return render_to_string(
        "print/minutes.html",
        {
            "meeting": meeting_view(meeting),
            "record": record,
            "full": full,
            "signed": meeting.status == Meeting.Status.MINUTES_APPROVED,
            "author": _author(meeting),
        },
    )


def decision_notice_html(meeting, item, resolutions):
    """item: numbered; resolutions: with their councils prefetched. Rendered from the notice's read view."""
    notice = decision_notice_view(meeting, item, resolutions)
    return render_to_string(
        "print/decision_notice.html",
        {
            "meeting": notice.meeting,
            "item": notice.item,
            "resolutions": notice.resolutions,
            "author": _author(meeting),
        },
    )


def _entries(items, *, audience, ranges):
    """The agenda as printed for the audience: the public pack shows an exempt item's public title only."""
    entries = []
    first_exempt, motion = exclusion_before(items)
    for item in items:
        if item.pk == first_exempt:
            entries.append({"motion": motion, "title": EXCLUSION_MOTION_TITLE.upper()})
        if getattr(item, "withdrawn", False):
            entries.append({"number": item.number, "title": WITHDRAWN_TITLE.upper(), "withdrawn": True})
            continue
        full = audience == MEMBERS or not item.is_exempt
        entries.append(
            {
                "number": item.number,
                "title": (item.title if full else item.public_title).upper(),
                "is_decision": item.is_decision and full,
                "is_exempt": item.is_exempt,
                "exempt_paragraph": item.exempt_paragraph,
                "full": full,
                "wards": item.wards if full else "",
                "report_of": item.report_of if full else "",
                "description": item.description if full else "",
                "pages": ranges.get(item.pk) if full else None,
            }
        )
    return entries


def front_sheet_html(meeting, items, *, audience, ranges, issued_on=None):

    members = members_on(meeting.body, meeting.date, list(meeting.body.members.select_related("council")))
    councils = meeting.body.partnership.councils_on(meeting.date)
    return render_to_string(
        "print/front_sheet.html",
        {
            "meeting": _printed_meeting(meeting),
            "entries": _entries(items, audience=audience, ranges=ranges),
            "members": [seat_view(m) for m in members if m.kind == "member"],
            "substitutes": [seat_view(m) for m in members if m.kind == "substitute"],
            "issued_on": issued_on,
            "websites": [c.website for c in councils if c.website],
            "has_exempt": any(i.is_exempt for i in items),
            "author": _author(meeting),
        },
    )


def _printed_meeting(meeting):
    """The meeting as its front sheet and cover print it: the public projection's dataclass, with the urgency
    reason even before publication (a members' pack may be prepared first)."""
    return replace(meeting_view(meeting), urgency_reason=meeting.urgency_reason)


def cover_html(meeting, items, *, audience):
    """The cover: the substantive items (the minutes and the business), as the seed's "Public Document Pack"."""
    entries = [
        {
            "number": item.number,
            "title": WITHDRAWN_TITLE
            if getattr(item, "withdrawn", False)
            else item.title
            if audience == MEMBERS or not item.is_exempt
            else item.public_title,
        }
        for item in items
        if not item.standard or item.standard in ("minutes", "aob")
    ]
    return render_to_string(
        "print/cover.html",
        {
            "meeting": _printed_meeting(meeting),
            "entries": entries,
            "audience": audience,
            "author": _author(meeting),
        },
    )


# Rendering with a cache ---------------------------------------------------------------------------------


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def rendered(html: str, *, keep=None, store=True):
    """(pdf bytes, page count, was it cached) for print HTML; renders only HTML not seen before (by this process,
    _recent, or kept in the rendered parts).

    With `keep(page_count)`, HTML not seen before is laid out and written as a PDF only if `keep` accepts its
    length: otherwise (None, page count, False) comes back, for a front sheet laid out for another length.
    With store=False (a download: a GET never writes) the cache is read but nothing is added to it (nor a
    row whose file went missing removed)."""

    checksum = html_checksum(html)
    remembered = _recent.get(checksum)  # laid out (or read) by this process before
    if remembered is not None and not store:
        pdf, count = remembered
        return (None, count, False) if keep is not None and not keep(count) else (pdf, count, True)
    stored = _stored(RenderedPart.objects.filter(checksum=checksum).first(), remove_missing=store)
    if stored is not None:
        _recent.put(checksum, *stored)
        return stored[0], stored[1], True
    if remembered is not None:
        (pdf, count), cached = remembered, True
        if keep is not None and not keep(count):
            return None, count, False
    elif keep is None:
        (pdf, count), cached = render_pdf_with_pages(html), False
    else:
        document = render_document(html)
        count = len(document.pages)
        if not keep(count):
            return None, count, False
        pdf, cached = write_document(document), False
    _recent.put(checksum, pdf, count)
    if store:
        _store(checksum, pdf, count)
    return pdf, count, cached


class _Recent:
    """The PDFs this process rendered last, by the checksum of their HTML (and the renderer), up to a total
    size: a download that is not stored (a GET never writes), or one asked again before a build stores it, is
    laid out once per process rather than on every request. The same HTML always renders the same document, so
    a remembered PDF is the one a render would give; what is public changes the HTML, hence the key."""

    LIMIT = 48 * 1024 * 1024

    def __init__(self):
        self.entries, self.size, self.lock = {}, 0, threading.Lock()  # (a web worker's threads share it)

    def get(self, checksum):
        with self.lock:
            found = self.entries.pop(checksum, None)
            if found is not None:
                self.entries[checksum] = found  # the most recently used last
            return found

    def put(self, checksum, pdf, count):
        with self.lock:
            if checksum in self.entries or len(pdf) > self.LIMIT // 4:
                return
            self.entries[checksum] = (pdf, count)
            self.size += len(pdf)
            while self.size > self.LIMIT:
                oldest = next(iter(self.entries))
                self.size -= len(self.entries.pop(oldest)[0])


_recent = _Recent()


def _stored(part, remove_missing=True):
    """(pdf bytes, page count) of a RenderedPart, or None (and the row deleted, with remove_missing) if its
    file went missing."""
    if part is None:
        return None
    try:
        with part.file.open("rb") as f:
            return f.read(), part.page_count
    except FileNotFoundError:
        if remove_missing:
            part.delete()
        return None


def _store(checksum, pdf, count):
    name = default_storage.save(f"rendered/{checksum}.pdf", ContentFile(pdf))
    try:
        with transaction.atomic():
            RenderedPart.objects.create(checksum=checksum, file=name, page_count=count)
    except IntegrityError:  # stored at the same moment by another build: keep theirs
        default_storage.delete(name)


class StoredBodies:
    """Merged pack bodies (pdf.assemble's store), kept as RenderedParts under the key of the parts merged: a
    rebuild continues from the body merged up to the last unchanged part. The public and members' packs share
    the bodies they have in common (all but the exempt part)."""

    def longest(self, keys):
        found = {p.checksum: p for p in RenderedPart.objects.filter(checksum__in=keys)}
        for n in range(len(keys), 0, -1):
            stored = _stored(found.get(keys[n - 1]))
            if stored is not None:
                return n, stored[0]
        return None

    def put(self, key, pdf, pages):
        if not RenderedPart.objects.filter(checksum=key).exists():
            _store(key, pdf, pages)


# The pack ------------------------------------------------------------------------------------------------


@dataclass
class PackBody:
    """A part of the pack after the front sheet: the minutes, or a report with its appendices. Its print HTML
    comes in pieces that each start on a new page (a report's header and body), rendered and kept apart."""

    key: str
    title: str
    htmls: list = field(default_factory=list)  # print HTML of each piece, in order
    pdfs: list = field(default_factory=list)  # their PDFs, once rendered
    pages: int = 0  # of all its pieces
    item_id: int | None = None
    appendices: list = field(default_factory=list)  # (key, title, html or "", pdf bytes or b"", checksum)


@dataclass
class BuiltPack:
    pdf: bytes
    page_count: int
    ranges: dict  # item id -> (first, last)
    content_key: str
    rendered: int  # parts rendered (the rest came from the cache)
    reused: int
    merged_reused: int = 0  # parts of the body taken already merged from the last build


def pack_items(meeting, *, audience):
    """The items the pack carries. Members: the live agenda. The public: once the agenda is published, only
    the items of the current publication (agenda and published supplements), numbered as published; an
    unpublished supplement stays out until it is published."""
    items = numbered(list(meeting.items.select_related("report")))
    if audience == MEMBERS:
        return items
    published = dict(
        PublishedItem.objects.filter(
            agenda__meeting=meeting, agenda__is_current=True, item__isnull=False
        ).values_list("item_id", "number")
    )
    if not published:
        return items
    kept = [i for i in items if i.pk in published]
    # What was withdrawn from the public stays out of the public pack (the item keeps its number).
    withdrawn, reports, appendices, _ids = withdrawn_papers(meeting)
    for i in kept:
        i.number = published[i.pk]
        i.withdrawn = i.pk in withdrawn
        i.report_withdrawn = i.pk in reports
        i.appendices_withdrawn = appendices
    return sorted(kept, key=lambda i: i.number)


def previous_meeting(meeting, item=None):
    """The meeting whose minutes the minutes item approves: the one it names (one record, read by both
    packs), or for an item that names none the body's previous held meeting."""
    if item is not None and item.minutes_of_id:
        return Meeting.objects.select_related("body__partnership").get(pk=item.minutes_of_id)
    return previous_held_meeting(meeting)


def _report_of(item):
    try:
        return item.report
    except Exception:  # noqa: BLE001 (RelatedObjectDoesNotExist)
        return None


def pack_bodies(meeting, items, *, audience):
    """The minutes and reports the pack carries, as HTML and appendix files, in agenda order."""
    bodies = []
    for item in items:
        if item.is_exempt and audience != MEMBERS:
            continue
        if getattr(item, "withdrawn", False) or getattr(item, "report_withdrawn", False):
            continue  # withdrawn from the public (only the public pack's items carry these marks)
        if item.standard == "minutes":
            previous = previous_meeting(meeting, item)
            if previous is not None:
                bodies.append(
                    PackBody(
                        key=f"item-{item.pk}",
                        title=f"{item.number}. Minutes of {previous.date:%-d %B %Y}",
                        htmls=[minutes_html(previous, full=audience == MEMBERS)],
                        item_id=item.pk,
                    )
                )
            continue
        report = _report_of(item)
        if report is None:
            continue
        if audience != MEMBERS and not report_is_public(report):
            continue  # a draft report is not public: the public agenda says "report to follow"
        body = PackBody(
            key=f"item-{item.pk}",
            title=f"{item.number}. {report.title}",
            htmls=report_parts_html(report, number=item.number),
            item_id=item.pk,
        )
        for appendix in report.appendices.all():
            if appendix.pk in getattr(item, "appendices_withdrawn", ()):
                continue
            key = f"appendix-{appendix.pk}"
            title = str(appendix)
            if appendix.is_uploaded:
                body.appendices.append((key, title, "", None, appendix))
            else:
                body.appendices.append((key, title, appendix_html(appendix), None, appendix))
        bodies.append(body)
    return bodies


def layout(front_pages, cover_pages, bodies):
    """The page ranges the assembled pack will have (as pdf.assemble places parts): the cover first, the front
    sheet on a right-hand page, then each body on a right-hand page, its appendices straight after it."""
    page = cover_pages
    if page % 2 == 1:
        page += 1
    page += front_pages
    ranges = {}
    for b in bodies:
        if page % 2 == 1:
            page += 1
        first = page + 1
        page += b.pages + sum(a[3] for a in b.appendices)
        ranges[b.item_id] = (first, page)
    return ranges


def _front_pages_guess(meeting, audience, cover_pages):
    """The length of the front sheet in the last pack of the meeting for the audience (or one that places
    the reports the same), read from where its first report started; 2 for a first pack."""
    last = (
        AgendaPack.objects.filter(meeting=meeting, audience=audience)
        .order_by("-version")
        .values_list("ranges", flat=True)
        .first()
    )
    if not last:
        return 2
    first_body_page = min(first for first, _last in last.values())
    return max(1, first_body_page - 1 - (cover_pages + cover_pages % 2))


def content_key(meeting, audience, cover, front_without_ranges, bodies):
    h = hashlib.sha256()
    withdrawals = withdrawn_papers(meeting)[3] if audience != MEMBERS else []
    if withdrawals:
        # A public pack built after a withdrawal is a new version, even where its content is unchanged.
        h.update(repr(withdrawals).encode())
    for text in (audience, cover, front_without_ranges):
        h.update(html_checksum(text).encode())
    for b in bodies:
        for html in b.htmls:
            h.update(html_checksum(html).encode())
        for _key, _title, html, _pages, appendix in b.appendices:
            h.update((html_checksum(html) if html else appendix.checksum).encode())
    return h.hexdigest()


def build_pack(meeting, *, audience, progress=None, issued_on=None, prepared=None):
    """Renders (or takes from the cache) every part and assembles the pack. `progress(stage, done, total)`."""
    progress = progress or (lambda *a, **k: None)
    items, cover, bodies, key = prepared or prepare_pack(meeting, audience=audience, issued_on=issued_on)
    to_render = 1 + sum(len(b.htmls) for b in bodies) + sum(1 for b in bodies for a in b.appendices if a[2])
    done, rendered_count, reused = 0, 0, 0
    progress("Rendering the reports", done, to_render)

    def render(html):
        nonlocal done, rendered_count, reused
        pdf, pages, cached = rendered(html)
        done += 1
        if cached:
            reused += 1
        else:
            rendered_count += 1
        progress("Rendering the reports", done, to_render)
        return pdf, pages

    cover_pdf, cover_pages = render(cover)
    for b in bodies:
        pieces = [render(html) for html in b.htmls]
        b.pdfs, b.pages = [pdf for pdf, _pages in pieces], sum(pages for _pdf, pages in pieces)
        for i, (k, title, html, _pdf, appendix) in enumerate(b.appendices):
            if html:
                pdf, pages = render(html)
            else:
                with appendix.file.open("rb") as f:
                    pdf = f.read()
                pages = appendix.page_count or page_count(pdf)
            b.appendices[i] = (k, title, pdf, pages, appendix)
    # The front sheet: laid out for a length (the length it had in the last pack, if there is one), rendered,
    # and laid out again if it came out of a length that moves the reports.
    front_pages = _front_pages_guess(meeting, audience, cover_pages)
    for _attempt in range(5):
        ranges = layout(front_pages, cover_pages, bodies)
        front = front_sheet_html(meeting, items, audience=audience, ranges=ranges, issued_on=issued_on)
        front_pdf, actual, _cached = rendered(
            front, keep=lambda count, ranges=ranges: layout(count, cover_pages, bodies) == ranges
        )
        if front_pdf is not None and layout(actual, cover_pages, bodies) == ranges:
            break
        front_pages = actual
    else:  # pragma: no cover (a front sheet whose length never settles)
        raise RuntimeError("The front sheet's length does not settle.")
    parts = [
        Part("cover", "Cover", cover_pdf),
        Part("front", "Front sheet and agenda", front_pdf, start_on_odd=True),
    ]
    for b in bodies:
        parts.append(
            Part(
                b.key,
                b.title,
                b.pdfs[0],
                more=b.pdfs[1:],
                start_on_odd=True,
                children=[Part(k, title, pdf) for k, title, pdf, _pages, _a in b.appendices],
            )
        )
    title = f"{meeting.body.name}, {meeting.date:%-d %B %Y}: " + (
        "members' agenda pack" if audience == MEMBERS else "public agenda pack"
    )
    assembled = assemble(
        parts,
        title=title,
        author=_author(meeting),
        on_stage=lambda stage: progress(stage, to_render, to_render),
        head=2,  # the cover and front sheet go in front of the body, which is kept merged
        store=StoredBodies(),
    )
    actual = {b.item_id: assembled.ranges[b.key] for b in bodies}
    if actual != ranges:  # the printed ranges must be the real ones
        raise RuntimeError(f"Page ranges on the front sheet {ranges} differ from the pack's {actual}.")
    return BuiltPack(
        pdf=assembled.pdf,
        page_count=assembled.page_count,
        ranges=actual,
        content_key=key,
        rendered=rendered_count,
        reused=reused,
        merged_reused=assembled.reused,
    )


def prepare_pack(meeting, *, audience, issued_on=None):
    """The pack's HTML and appendix files, and the key of that content (cheap: no rendering)."""
    items = pack_items(meeting, audience=audience)
    cover = cover_html(meeting, items, audience=audience)
    bodies = pack_bodies(meeting, items, audience=audience)
    key = content_key(
        meeting,
        audience,
        cover,
        front_sheet_html(meeting, items, audience=audience, ranges={}, issued_on=issued_on),
        bodies,
    )
    return items, cover, bodies, key


def unique_name(prefix, suffix=".pdf"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}{suffix}"


# Single documents ----------------------------------------------------------------------------------------


def single_pdf(html, *, title, author):
    """One document, through the same assembly as the pack: tagged, with metadata and numbered pages."""
    pdf, _pages, _cached = rendered(html, store=False)
    return assemble([Part("doc", title, pdf)], title=title, author=author, number_first_page=True).pdf


def report_pdf(report):

    number = next(
        (i.number for i in numbered(list(report.item.meeting.items.all())) if i.pk == report.item_id), ""
    )
    header, *rest = [rendered(html, store=False)[0] for html in report_parts_html(report, number=number)]
    parts = [Part("report", report.title, header, more=rest)]
    for appendix in report.appendices.all():
        if appendix.is_uploaded:
            with appendix.file.open("rb") as f:
                pdf = f.read()
        else:
            pdf = rendered(appendix_html(appendix), store=False)[0]
        parts[0].children.append(Part(f"appendix-{appendix.pk}", str(appendix), pdf))
    return assemble(parts, title=report.title, author=report.report_of, number_first_page=True).pdf
