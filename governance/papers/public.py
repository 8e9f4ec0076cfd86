"""The public projection of papers: which reports, appendices and agenda packs the public may open, as frozen
dataclasses (never model objects). Builds on governance.committees.public for meetings and agenda items.

Rules it enforces:
- a report is public only once signed off, only on a non-exempt item of the current published agenda;
  before sign-off the public agenda says "report to follow";
- the public reaches only published public packs.

Interface:
    public_agenda_items(meeting) -> list[PublicAgendaItem]   (committees' copies, with report_to_follow set)
    public_documents(meeting) -> PublicDocuments             (signed-off reports and the latest public pack)
    public_report(meeting, item_id) -> Report                (for the view's renderer; Http404 when not public)
    public_packs(meeting) -> QuerySet of published public packs
    public_meeting_record(partnership, meeting_id) -> PublicMeetingRecord
        (the meeting, its published agenda and every public document as a link; Http404 for a draft)
    report_view(report, number="") -> ReportView             (a report as shown or printed, for every reader)
    appendix_view(appendix) -> AppendixView
    decision_notice_view(meeting, item, resolutions) -> DecisionNotice
"""

from dataclasses import dataclass, replace
from datetime import date

from django.http import Http404
from django.urls import reverse

from governance.committees.models import Meeting, Withdrawal
from governance.committees.public import (
    PublicAgendaItem,
    PublicMeeting,
    WithdrawalNotice,
    Withdrawn,
    meeting_view,
    minutes_are_public,
    public_meeting_queryset,
    public_minutes,
    public_supplements,
    published_item_ids,
    register_document_links,
    withdrawal_notice,
    withdrawals_of,
    withdrawn_item_ids,
)
from governance.committees.public import public_agenda_items as committee_agenda_items

from .models import AgendaPack, Appendix, Report, appendix_letter

# Of a report on an exempt item, or an appendix of one, nothing is public.
EXEMPT_PUBLIC_FIELDS = {"report": frozenset(), "appendix": frozenset()}


@dataclass(frozen=True)
class PublicPaper:
    item_id: int
    number: int
    title: str
    pages: str


@dataclass(frozen=True)
class PublicPack:
    pk: int
    meeting_id: int
    version: int
    page_count: int
    get_audience_display: str
    published_at: object
    includes_supplement: int = 0  # the latest supplementary agenda the pack carries (0: none)
    lacks_supplement: int = 0  # a supplementary agenda issued after the pack was built (0: none)


@dataclass(frozen=True)
class PublicDocuments:
    papers: tuple
    packs: tuple
    supplements: tuple = ()  # PublicSupplement, each with its own PDF


def public_packs(meeting):
    """Every published public pack of the meeting (only the latest, unless withdrawn, may be downloaded)."""
    return meeting.packs.filter(audience=AgendaPack.Audience.PUBLIC, is_published=True)


REPLACED_BY_LATER_PACK = "A later version of the agenda pack replaces it"


def pack_withdrawal(pack, withdrawals):
    """The withdrawal that takes the pack from the public, or None: the pack itself withdrawn, or anything
    of its meeting withdrawn after the pack was built (the pack may carry it: a corrected pack follows)."""
    for w in withdrawals:
        if w.kind == Withdrawal.Kind.PACK:
            if w.target_id == pack.pk:
                return w
        elif w.at >= pack.built_at:
            return w
    return None


def latest_public_pack(meeting, withdrawals=None):
    """The one public pack the public may download: the latest published version, unless withdrawn."""
    latest = public_packs(meeting).order_by("-version").first()
    if latest is None:
        return None
    withdrawals = withdrawals if withdrawals is not None else withdrawals_of(meeting)
    return None if pack_withdrawal(latest, withdrawals) else latest


def public_pack(meeting, pack_id):
    """A public pack for download. Http404 for what was never public; Withdrawn (410) for a pack withdrawn,
    built before something of its meeting was withdrawn, or replaced by a later version."""
    pack = public_packs(meeting).filter(pk=pack_id).first() if meeting.status != Meeting.Status.DRAFT else None
    if pack is None:
        raise Http404("No such agenda pack.")
    url = meeting.get_absolute_url()
    withdrawn = pack_withdrawal(pack, withdrawals_of(meeting))
    if withdrawn is not None:
        raise Withdrawn(
            replace(withdrawal_notice(withdrawn, url), title=f"{withdrawn.title} (agenda pack, version {pack.version})")
        )
    latest = public_packs(meeting).order_by("-version").first()
    if latest.pk != pack.pk:
        raise Withdrawn(
            WithdrawalNotice(
                title=f"Agenda pack, version {pack.version}",
                grounds=REPLACED_BY_LATER_PACK,
                at=latest.published_at,
                meeting_url=url,
            )
        )
    return pack


def _signed_reports(meeting, item_ids):
    return {
        r.item_id: r
        for r in Report.objects.filter(
            item__meeting=meeting, item__is_exempt=False, item_id__in=item_ids, signed_on__isnull=False
        )
    }


def public_agenda_items(meeting) -> list[PublicAgendaItem]:
    """The published agenda; an item whose report is written but not signed off says "report to follow"."""
    items = committee_agenda_items(meeting)
    ids = [i.item_id for i in items if i.item_id and not i.is_exempt and not i.withdrawn]
    with_report = set(Report.objects.filter(item_id__in=ids).values_list("item_id", flat=True))
    signed = set(_signed_reports(meeting, ids))
    out = []
    for i in items:
        if i.item_id in with_report and i.item_id not in signed and not i.report_withdrawn:
            i = replace(i, report_to_follow=True, pages="")
        out.append(i)
    return out


def public_documents(meeting) -> PublicDocuments:
    items = committee_agenda_items(meeting)
    ids = [
        i.item_id for i in items if i.item_id and not i.is_exempt and not i.withdrawn and not i.report_withdrawn
    ]
    signed = _signed_reports(meeting, ids)
    papers = tuple(
        PublicPaper(item_id=i.item_id, number=i.number, title=i.title, pages=i.pages)
        for i in items
        if i.item_id in signed
    )
    latest = latest_public_pack(meeting)
    supplements = tuple(public_supplements(meeting))
    packs = ()
    if latest:
        carried = [s.number for s in supplements if s.agenda_version <= latest.agenda_version]
        missing = [s.number for s in supplements if s.agenda_version > latest.agenda_version]
        packs = (
            PublicPack(
                pk=latest.pk,
                meeting_id=meeting.pk,
                version=latest.version,
                page_count=latest.page_count,
                get_audience_display=latest.get_audience_display(),
                published_at=latest.published_at,
                includes_supplement=max(carried, default=0),
                lacks_supplement=max(missing, default=0),
            ),
        )
    return PublicDocuments(papers=papers, packs=packs, supplements=supplements)


def public_report(meeting, item_id):
    """The report on the item if the public may read it: signed off, on a non-exempt item of the current
    published agenda. Otherwise Http404 (the public cannot tell a draft from no report)."""
    if meeting.status == Meeting.Status.DRAFT or int(item_id) not in published_item_ids(meeting):
        raise Http404("No such item.")
    _raise_if_withdrawn(meeting, int(item_id))
    report = (
        Report.objects.filter(
            item__meeting=meeting, item_id=item_id, item__is_exempt=False, signed_on__isnull=False
        )
        .select_related("item")
        .first()
    )
    if report is None:
        raise Http404("No such report.")
    return report


def _raise_if_withdrawn(meeting, item_id, appendix_id=None):
    for w in withdrawals_of(meeting):
        if w.item_id != item_id:
            continue
        if w.kind in (Withdrawal.Kind.ITEM, Withdrawal.Kind.REPORT) or (
            w.kind == Withdrawal.Kind.APPENDIX and w.target_id == appendix_id
        ):
            raise Withdrawn(withdrawal_notice(w, meeting.get_absolute_url()))


def public_appendix(meeting, item_id, appendix_id):
    """An appendix of a public report: Http404 when not public, Withdrawn (410) once withdrawn."""
    report = public_report(meeting, item_id)
    appendix = report.appendices.filter(pk=appendix_id).first()
    if appendix is None:
        raise Http404("No such appendix.")
    _raise_if_withdrawn(meeting, int(item_id), appendix.pk)
    return report, appendix


def withdrawn_papers(meeting):
    """What the public pack leaves out: (item ids withdrawn whole, item ids whose report is withdrawn,
    appendix ids withdrawn, withdrawal ids) — the withdrawal ids go into the pack's content key, so a pack
    built after a withdrawal is a new version."""
    rows = withdrawals_of(meeting)
    items, reports = withdrawn_item_ids(meeting, rows)
    appendices = {w.target_id for w in rows if w.kind == Withdrawal.Kind.APPENDIX}
    return items, reports, appendices, [w.pk for w in rows]


def report_is_public(report):
    """Whether a report may go into a public pack."""
    return report.is_signed and not report.item.is_exempt


@dataclass(frozen=True)
class PublicAppendixFile:
    appendix_id: int
    checksum: str  # SHA-256 of the file
    name: str  # its name in the default storage


def appendix_files(appendices):
    """The uploaded files of appendices the caller has from this projection (AppendixView, of a public
    report): for reading their text. {appendix id: PublicAppendixFile}."""
    ids = [a.pk for a in appendices if a.is_uploaded]
    if not ids:
        return {}
    rows = Appendix.objects.filter(pk__in=ids).exclude(file="").values_list("pk", "checksum", "file")
    return {pk: PublicAppendixFile(appendix_id=pk, checksum=checksum, name=name) for pk, checksum, name in rows}


@register_document_links
def pack_links(meeting_ids):
    """The latest published public pack of each meeting, for the meeting feeds: {meeting id: [(label, path)]}."""
    latest = {}
    packs = (
        AgendaPack.objects.filter(
            meeting_id__in=meeting_ids, audience=AgendaPack.Audience.PUBLIC, is_published=True
        )
        .select_related("meeting__body__partnership")
        .order_by("meeting_id", "-version")
    )
    for pack in packs:
        latest.setdefault(pack.meeting_id, pack)
    withdrawals = {}
    for w in Withdrawal.objects.filter(meeting_id__in=list(latest)):
        withdrawals.setdefault(w.meeting_id, []).append(w)
    latest = {pk: p for pk, p in latest.items() if not pack_withdrawal(p, withdrawals.get(pk, []))}
    return {
        pk: [
            (
                "Agenda pack (PDF)",
                reverse(
                    "governance:pack_download",
                    kwargs={
                        "partnership": pack.meeting.body.partnership.slug,
                        "meeting": pk,
                        "pack": pack.pk,
                    },
                ),
            )
        ]
        for pk, pack in latest.items()
    }


# A meeting with its documents, for the API and the Modern.gov-compatible service -----------------------------


@dataclass(frozen=True)
class PublicDocumentLink:
    kind: str  # agenda, pack, supplement, report, minutes
    title: str
    url: str  # a path on this site
    item_id: int | None = None


@dataclass(frozen=True)
class PublicMeetingRecord:
    meeting: PublicMeeting
    items: tuple
    documents: tuple
    last_modified: object  # a datetime: the latest of the meeting's own change and its publications
    minutes: object = None  # PublicMinutes once the minutes are signed (attendance included), else None


def _documents(meeting, items):
    slug = meeting.body.partnership.slug
    kw = {"partnership": slug, "meeting": meeting.pk}
    docs = [PublicDocumentLink(kind="agenda", title="Agenda", url=meeting.get_absolute_url())]
    for pack in public_documents_of(meeting, items):
        docs.append(pack)
    if minutes_are_public(meeting):
        docs.append(
            PublicDocumentLink(
                kind="minutes",
                title="Minutes (PDF)" if meeting.minutes_are_signed else "Draft minutes (PDF)",
                url=reverse("governance:minutes_pdf", kwargs=kw),
            )
        )
    return tuple(docs)


def public_documents_of(meeting, items):
    slug = meeting.body.partnership.slug
    docs = public_documents(meeting)
    out = []
    for pack in docs.packs:
        out.append(
            PublicDocumentLink(
                kind="pack",
                title=f"Agenda pack (PDF, {pack.page_count} pages)",
                url=reverse(
                    "governance:pack_download",
                    kwargs={"partnership": slug, "meeting": meeting.pk, "pack": pack.pk},
                ),
            )
        )
    for supplement in docs.supplements:
        out.append(
            PublicDocumentLink(
                kind="supplement",
                title=f"Supplementary agenda {supplement.number} (PDF)",
                url=reverse(
                    "governance:supplement_pdf",
                    kwargs={"partnership": slug, "meeting": meeting.pk, "number": supplement.number},
                ),
            )
        )
    for paper in docs.papers:
        out.append(
            PublicDocumentLink(
                kind="report",
                title=paper.title,
                url=reverse(
                    "governance:report_pdf",
                    kwargs={"partnership": slug, "meeting": meeting.pk, "item": paper.item_id},
                ),
                item_id=paper.item_id,
            )
        )
    return out


def public_meeting_record(partnership, meeting_id, *, with_minutes=False):
    meeting = public_meeting_queryset(partnership).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting.")
    items = tuple(public_agenda_items(meeting))
    changed = [h.history_date for h in meeting.history.order_by("-history_date")[:1]] + [
        a.published_at for a in meeting.publications.order_by("-published_at")[:1]
    ]
    return PublicMeetingRecord(
        meeting=meeting_view(meeting),
        items=items,
        documents=_documents(meeting, items),
        last_modified=max(changed) if changed else None,
        minutes=public_minutes(meeting) if with_minutes else None,
    )


# Reports, appendices and decision notices as pages and PDFs show them -----------------------------------
# Whether a reader may see one is decided above (public_report) and by the access table; these views are
# what the templates receive, for every reader, so no template is handed a model.


@dataclass(frozen=True)
class ReportItem:
    pk: int
    number: int | str
    title: str
    is_exempt: bool
    exempt_paragraph: int | None
    pages: str


@dataclass(frozen=True)
class NamedBody:
    name: str


@dataclass(frozen=True)
class AppendixReport:
    title: str
    item: ReportItem


@dataclass(frozen=True)
class AppendixView:
    pk: int
    position: int
    title: str
    body: str
    is_uploaded: bool
    report: AppendixReport

    def __str__(self):
        return f"Appendix {self.letter}: {self.title}"

    @property
    def letter(self):
        return appendix_letter(self.position)


@dataclass(frozen=True)
class ReportView:
    pk: int
    title: str
    author_name: str
    report_of: str
    submitted_to: NamedBody
    date: date
    summary: str
    background_papers: str
    contact_officer: str
    recommendation_list: tuple
    sections: tuple  # (number, heading, markdown text)
    is_signed: bool
    signed_by: str
    signed_role: str
    signed_on: date | None
    item: ReportItem
    appendices: tuple

    def __str__(self):
        return self.title


def _report_item(item, number=None):
    return ReportItem(
        pk=item.pk,
        number=number if number is not None else getattr(item, "number", ""),
        title=item.title,
        is_exempt=item.is_exempt,
        exempt_paragraph=item.exempt_paragraph,
        pages=getattr(item, "pages", "") or "",
    )


def appendix_view(appendix, report_item=None):
    report = appendix.report
    return AppendixView(
        pk=appendix.pk,
        position=appendix.position,
        title=appendix.title,
        body=appendix.body,
        is_uploaded=appendix.is_uploaded,
        report=AppendixReport(title=report.title, item=report_item or _report_item(report.item)),
    )


def report_view(report, number=None, item=None):
    """The report with its item and appendices (item: the numbered agenda item when the caller has it)."""
    report_item = _report_item(item or report.item, number)
    return ReportView(
        pk=report.pk,
        title=report.title,
        author_name=report.author_name,
        report_of=report.report_of,
        submitted_to=NamedBody(name=report.submitted_to.name),
        date=report.date,
        summary=report.summary,
        background_papers=report.background_papers,
        contact_officer=report.contact_officer,
        recommendation_list=tuple(report.recommendation_list),
        sections=tuple(report.sections()),
        is_signed=report.is_signed,
        signed_by=report.signed_by,
        signed_role=report.signed_role,
        signed_on=report.signed_on,
        item=report_item,
        appendices=tuple(appendix_view(a, report_item) for a in report.appendices.all()),
    )


@dataclass(frozen=True)
class NoticeItem:
    number: int
    title: str
    report_of: str
    is_key_decision: bool


@dataclass(frozen=True)
class NoticeResolution:
    numbered_clauses: tuple
    reasons: str
    councils: tuple  # council names the resolution applies to


@dataclass(frozen=True)
class DecisionNotice:
    meeting: PublicMeeting
    item: NoticeItem
    resolutions: tuple


def decision_notice_view(meeting, item, resolutions):
    """A decision notice: the meeting, the (numbered, non-exempt or insider's) item and its resolutions, with
    their councils prefetched."""
    return DecisionNotice(
        meeting=meeting_view(meeting, with_next=False),
        item=NoticeItem(
            number=item.number,
            title=item.title,
            report_of=item.report_of,
            is_key_decision=item.is_key_decision,
        ),
        resolutions=tuple(
            NoticeResolution(
                numbered_clauses=tuple(r.numbered_clauses),
                reasons=r.reasons,
                councils=tuple(str(c) for c in r.councils.all()),
            )
            for r in resolutions
        ),
    )


# For OParl (opendata/oparl.py) ----------------------------------------------------------------------------
# Every public report of a partnership with its appendices, and every public document of its meetings (the
# agenda pack, the supplementary agendas, the minutes), with when each was first and last changed, in a fixed
# number of queries. A report is public as public_report decides (signed off, on a non-exempt item of the
# current published agenda); one withdrawn stays as `deleted`, and so does a withdrawn or replaced pack and a
# withdrawn appendix. Of a report on an exempt item nothing appears, not even its id.


# Whatever keeps the text of public PDFs (engagement's search index keeps it by the file's SHA-256) registers
# here, so that OParl gives a File its text without papers importing it: fn(checksums) -> {checksum: text}.
_file_text_sources = []


def register_file_text(fn):
    if fn not in _file_text_sources:
        _file_text_sources.append(fn)
    return fn


def public_file_texts(checksums):
    """{SHA-256: text} of the public files named, from every registered source (one query each at most)."""
    checksums = sorted({c for c in checksums if c})
    found = {}
    if checksums:
        for fn in _file_text_sources:
            found.update({k: v for k, v in fn(checksums).items() if v})
    return found


@dataclass(frozen=True)
class OparlFile:
    key: str  # "report-<pk>", "appendix-<pk>", "pack-<pk>", "supplement-<meeting>-<n>", "minutes-<meeting>"
    name: str
    file_name: str
    url: str  # a path on this site
    meeting_id: int
    item_id: int | None
    created: object
    modified: object
    deleted: bool = False
    size: int | None = None
    sha1: str = ""
    on: date | None = None
    checksum: str = ""  # SHA-256 of a stored file (its extracted text is kept by it)


@dataclass(frozen=True)
class OparlReport:
    pk: int
    item_id: int
    meeting_id: int
    body_id: int
    title: str
    report_of: str
    date: date
    is_decision: bool
    deleted: bool
    created: object
    modified: object
    main_file: OparlFile
    appendices: tuple  # OparlFile


@dataclass(frozen=True)
class OparlPapers:
    reports: tuple
    meeting_files: dict  # meeting id -> {"invitation": OparlFile|None, "minutes": ..., "auxiliary": (..)}
    deleted_files: tuple  # packs withdrawn or replaced (the report files go with their reports)


def _stored_facts(fieldfile, checksum):
    """(size, SHA-1) of a stored file, read once per content (its SHA-256 is the cache key): no query."""
    from django.core.cache import cache

    key = f"oparl-file-facts:{checksum}"
    facts = cache.get(key) if checksum else None
    if facts is None:
        import hashlib

        try:
            with fieldfile.open("rb") as f:
                data = f.read()
        except (OSError, ValueError):
            return None, ""
        facts = (len(data), hashlib.sha1(data, usedforsecurity=False).hexdigest())
        if checksum:
            cache.set(key, facts, None)
    return facts


def _history_spans(model, **filters):
    from django.db.models import Max, Min

    rows = (
        model.history.model.objects.filter(**filters)
        .values("id")
        .annotate(first=Min("history_date"), last=Max("history_date"))
    )
    return {r["id"]: (r["first"], r["last"]) for r in rows}


def _max(*values):
    found = [v for v in values if v is not None]
    return max(found) if found else None


def oparl_papers(partnership):
    """Public reports, their appendices and the meetings' public documents, for OParl (9 queries)."""
    from governance.committees.models import PublishedAgenda, PublishedItem

    slug = partnership.slug
    current = {
        c["item_id"]: c
        for c in PublishedItem.objects.filter(
            agenda__meeting__body__partnership=partnership, agenda__is_current=True, item__isnull=False
        )
        .exclude(agenda__meeting__status=Meeting.Status.DRAFT)
        .values("item_id", "number", "is_exempt", "is_decision")
    }
    ever_exempt = set(
        PublishedItem.objects.filter(
            agenda__meeting__body__partnership=partnership, is_exempt=True, item__isnull=False
        ).values_list("item_id", flat=True)
    )
    withdrawals = list(Withdrawal.objects.filter(meeting__body__partnership=partnership))
    reports_out = {
        w.item_id: w.at for w in withdrawals if w.kind in (Withdrawal.Kind.ITEM, Withdrawal.Kind.REPORT)
    }
    appendices_out = {w.target_id: w.at for w in withdrawals if w.kind == Withdrawal.Kind.APPENDIX}
    rows = list(
        Report.objects.filter(
            item__meeting__body__partnership=partnership, item__is_exempt=False, signed_on__isnull=False
        )
        .exclude(item__meeting__status=Meeting.Status.DRAFT)
        .select_related("item")
        .prefetch_related("appendices")
        .order_by("pk")
    )
    report_spans = _history_spans(Report, item__meeting__body__partnership=partnership)
    appendix_spans = _history_spans(Appendix, report__item__meeting__body__partnership=partnership)
    reports = []
    for r in rows:
        item_id = r.item_id
        if item_id in ever_exempt or (item_id not in current and item_id not in reports_out):
            continue
        if current.get(item_id, {}).get("is_exempt"):
            continue
        deleted = item_id in reports_out
        first, last = report_spans.get(r.pk, (r.signed_at, r.signed_at))
        modified = _max(last, r.signed_at, reports_out.get(item_id))
        kw = {"partnership": slug, "meeting": r.item.meeting_id, "item": item_id}
        main = OparlFile(
            key=f"report-{r.pk}",
            name=r.title,
            file_name=f"report-{r.pk}.pdf",
            url=reverse("governance:report_pdf", kwargs=kw),
            meeting_id=r.item.meeting_id,
            item_id=item_id,
            created=first,
            modified=modified,
            deleted=deleted,
            on=r.date,
        )
        appendices = []
        for a in sorted(r.appendices.all(), key=lambda a: a.position):
            a_first, a_last = appendix_spans.get(a.pk, (first, last))
            size, sha1 = _stored_facts(a.file, a.checksum) if a.is_uploaded and not deleted else (None, "")
            appendices.append(
                OparlFile(
                    key=f"appendix-{a.pk}",
                    name=f"Appendix {appendix_letter(a.position)}: {a.title}",
                    file_name=f"report-{r.pk}-appendix-{appendix_letter(a.position).lower()}.pdf",
                    url=reverse("governance:appendix_file", kwargs={**kw, "appendix": a.pk}),
                    meeting_id=r.item.meeting_id,
                    item_id=item_id,
                    created=a_first,
                    modified=_max(a_last, appendices_out.get(a.pk), reports_out.get(item_id)),
                    deleted=deleted or a.pk in appendices_out,
                    size=size,
                    sha1=sha1,
                    on=r.date,
                    checksum=a.checksum if a.is_uploaded else "",
                )
            )
        reports.append(
            OparlReport(
                pk=r.pk,
                item_id=item_id,
                meeting_id=r.item.meeting_id,
                body_id=r.submitted_to_id,
                title=r.title,
                report_of=r.report_of,
                date=r.date,
                is_decision=r.item.is_decision,
                deleted=deleted,
                created=first,
                modified=_max(modified, *(a.modified for a in appendices)),
                main_file=main,
                appendices=tuple(appendices),
            )
        )
    meeting_files = {}
    deleted_files = []
    by_meeting = {}
    for w in withdrawals:
        by_meeting.setdefault(w.meeting_id, []).append(w)
    packs = (
        AgendaPack.objects.filter(
            meeting__body__partnership=partnership, audience=AgendaPack.Audience.PUBLIC, is_published=True
        )
        .exclude(meeting__status=Meeting.Status.DRAFT)
        .order_by("meeting_id", "-version")
    )
    for pack in packs:
        kw = {"partnership": slug, "meeting": pack.meeting_id, "pack": pack.pk}
        files = meeting_files.setdefault(pack.meeting_id, {})
        out = pack_withdrawal(pack, by_meeting.get(pack.meeting_id, []))
        replaced = "invitation" in files or any(
            f.key.startswith("pack-") for f in deleted_files if f.meeting_id == pack.meeting_id
        )
        deleted = out is not None or replaced
        size, sha1 = (None, "") if deleted else _stored_facts(pack.file, pack.checksum)
        f = OparlFile(
            key=f"pack-{pack.pk}",
            name=f"Agenda pack, version {pack.version}",
            file_name=f"agenda-pack-{pack.meeting_id}-v{pack.version}.pdf",
            url=reverse("governance:pack_download", kwargs=kw),
            meeting_id=pack.meeting_id,
            item_id=None,
            created=pack.published_at or pack.built_at,
            modified=_max(pack.published_at, out.at if out else None),
            deleted=deleted,
            size=size,
            sha1=sha1,
            on=(pack.published_at or pack.built_at).date(),
            checksum=pack.checksum,
        )
        if deleted:
            deleted_files.append(f)
        else:
            files["invitation"] = f
    supplements = (
        PublishedAgenda.objects.filter(meeting__body__partnership=partnership, number__gt=0)
        .exclude(meeting__status=Meeting.Status.DRAFT)
        .order_by("meeting_id", "number")
    )
    for s in supplements:
        files = meeting_files.setdefault(s.meeting_id, {})
        files.setdefault("auxiliary", []).append(
            OparlFile(
                key=f"supplement-{s.meeting_id}-{s.number}",
                name=f"Supplementary agenda {s.number}",
                file_name=f"supplementary-agenda-{s.meeting_id}-{s.number}.pdf",
                url=reverse(
                    "governance:supplement_pdf",
                    kwargs={"partnership": slug, "meeting": s.meeting_id, "number": s.number},
                ),
                meeting_id=s.meeting_id,
                item_id=None,
                created=s.published_at,
                modified=s.published_at,
                on=s.issued_on,
            )
        )
    return OparlPapers(
        reports=tuple(reports), meeting_files=meeting_files, deleted_files=tuple(deleted_files)
    )


def oparl_minutes_file(slug, meeting, *, created, modified):
    """The minutes PDF of a meeting whose minutes are public (an OparlMeeting's PublicMeeting)."""
    return OparlFile(
        key=f"minutes-{meeting.pk}",
        name="Minutes" if meeting.minutes_are_signed else "Draft minutes",
        file_name=f"minutes-{meeting.pk}.pdf",
        url=reverse("governance:minutes_pdf", kwargs={"partnership": slug, "meeting": meeting.pk}),
        meeting_id=meeting.pk,
        item_id=None,
        created=created,
        modified=modified,
        on=meeting.date,
    )
