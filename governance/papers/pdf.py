"""PDFs: WeasyPrint rendering that can read only the project's own static files, and the assembly of
separately rendered parts (and uploaded PDFs) into one tagged document with continuous page numbers,
right-hand starts with a left-blank filler, a bookmark per part, and the page range of each part.

Why assemble rather than render once: each part is rendered on its own so that an unchanged part is not
rendered again (its PDF is cached by a checksum of its HTML), and uploaded appendices, which WeasyPrint cannot
embed, join the same document. Page numbers are therefore stamped after assembly, as pagination artifacts, on
every page alike, rendered appendix pages included. The structure trees (tags) of the parts are merged into one,
so the assembled document stays tagged.
"""

import hashlib
import io
import mimetypes
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

import pypdf
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.html import escape
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Print templates refer to static files by their usual /static/ URLs, resolved against this base.
BASE_URL = "https://print.invalid/"

ERROR_NOT_ALLOWED = "Only the project's own static files can be used in a PDF."


class StaticFilesFetcher(URLFetcher):
    """Fetches nothing but the project's own static files (and inline data: URLs).

    Anything else — another site, file:///etc/passwd, a path that climbs out of the static folders — is
    refused, and WeasyPrint renders the document without it.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"https", "data"}, allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parsed = urlparse(url)
        prefix = settings.STATIC_URL
        if parsed.scheme != "https" or parsed.netloc != urlparse(BASE_URL).netloc:
            raise ValueError(ERROR_NOT_ALLOWED)
        path = unquote(parsed.path)
        if not path.startswith(prefix) or ".." in path.split("/"):
            raise ValueError(ERROR_NOT_ALLOWED)
        found = finders.find(path[len(prefix) :])
        if not found:
            raise ValueError(f"No static file {path}")
        with open(found, "rb") as f:
            body = f.read()
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def render_pdf(html: str) -> bytes:
    """Renders HTML (with <html lang>, <title> and <meta name=author>) to a tagged PDF/UA-1 document."""
    return render_pdf_with_pages(html)[0]


def render_pdf_with_pages(html: str) -> tuple[bytes, int]:
    """render_pdf, and the number of pages (known from the layout, without reading the PDF back)."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).render(
        pdf_variant="pdf/ua-1"
    )
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)


def html_checksum(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


@dataclass
class Part:
    """One piece of an assembled document."""

    key: str  # the caller's name for the part, e.g. "item-9"
    title: str  # its bookmark
    pdf: bytes
    start_on_odd: bool = False  # begin on a right-hand page, after a left-blank filler if need be
    children: list["Part"] = field(default_factory=list)  # e.g. a report's appendices, in order


@dataclass
class Assembled:
    pdf: bytes
    page_count: int
    ranges: dict  # key -> (first page, last page), 1-based, including children


FILLER_HTML = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Blank page</title>
<style>@page {{ size: A4; margin: 25mm }} body {{ font-family: "Liberation Sans", sans-serif; }}
p {{ margin-top: 110mm; text-align: center; font-size: 12pt; }}</style></head>
<body><p>{text}</p></body></html>"""

_filler_cache: dict = {}


def _filler_pdf():
    if "pdf" not in _filler_cache:
        _filler_cache["pdf"] = render_pdf(FILLER_HTML.format(text="This page is intentionally left blank"))
    return _filler_cache["pdf"]


_overlay_cache: dict = {}  # (first, last, skipped pages) -> PDF bytes; a few entries, a few kB each


def _number_overlay(first: int, last: int, skip: set) -> pypdf.PdfReader:
    """One page per number, carrying only "Page N" at the foot; rendered by WeasyPrint so that its font is
    embedded, then wrapped as a pagination artifact when stamped. The same numbering is not rendered twice
    by one process (a rebuild of a pack keeps its length, or nearly)."""
    key = (first, last, tuple(sorted(skip)))
    if key not in _overlay_cache:
        if len(_overlay_cache) >= 8:
            _overlay_cache.pop(next(iter(_overlay_cache)))
        _overlay_cache[key] = _render_overlay(first, last, skip)
    return pypdf.PdfReader(io.BytesIO(_overlay_cache[key]))


def _render_overlay(first: int, last: int, skip: set) -> bytes:
    pages = "".join(
        f'<div class="p"><span>{"" if n in skip else f"Page {n}"}</span></div>'
        for n in range(first, last + 1)
    )
    html = (
        '<html lang="en-GB"><head><style>@page{size:A4;margin:0}'
        ".p{height:297mm;position:relative;page-break-after:always}"
        ".p span{position:absolute;bottom:9mm;left:0;right:0;text-align:center;"
        "font:10pt 'Liberation Sans',sans-serif}</style></head><body>" + pages + "</body></html>"
    )
    return HTML(string=html).write_pdf()


def _as_artifact(writer, overlay_page):
    """Wraps an overlay page's content as a /Pagination artifact, so assistive technology skips it."""
    content = overlay_page.get_contents()
    data = content.get_data() if content is not None else b""
    stream = DecodedStreamObject()
    stream.set_data(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n" + data + b"\nEMC\n")
    overlay_page[NameObject("/Contents")] = stream
    return overlay_page


def _xmp(title: str, author: str) -> bytes:
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>sharedservice (WeasyPrint and pypdf)</pdf:Producer>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode()


class _StructCopier:
    """Copies a part's structure elements into the writer, pointing /Pg at the pages as added and /P at
    the new parents, and remembers each copy so the parent tree can refer to the same objects."""

    def __init__(self, writer, pages):
        self.writer, self.pages, self.copies = writer, pages, {}

    def ref(self, source):
        if isinstance(source, pypdf.generic.NullObject) or source is None:
            return pypdf.generic.NullObject()
        return self.copies.get(source.idnum, pypdf.generic.NullObject())

    def copy(self, source, parent_ref):
        obj = source.get_object()
        if not isinstance(obj, DictionaryObject):
            return obj.clone(self.writer)  # a marked-content id (an integer)
        new = DictionaryObject()
        new_ref = self.writer._add_object(new)
        if hasattr(source, "idnum"):
            self.copies[source.idnum] = new_ref
        for key, value in obj.items():
            if key == "/P":
                new[NameObject("/P")] = parent_ref
            elif key == "/Pg":
                new[NameObject("/Pg")] = self.pages.get(value.idnum, pypdf.generic.NullObject())
            elif key == "/K":
                kids = value.get_object()
                if isinstance(kids, ArrayObject):
                    new[NameObject("/K")] = ArrayObject(self.copy(k, new_ref) for k in kids)
                else:
                    new[NameObject("/K")] = self.copy(value, new_ref)
            elif key == "/Obj":
                new[NameObject("/Obj")] = value.clone(self.writer)
            else:
                new[NameObject(key)] = value.clone(self.writer)
        return new_ref


class _Assembler:
    def __init__(self, title, author):
        self.writer = pypdf.PdfWriter()
        self.title, self.author = title, author
        self.struct_root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        self.struct_root_ref = self.writer._add_object(self.struct_root)
        self.document = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
                NameObject("/P"): self.struct_root_ref,
                NameObject("/K"): ArrayObject(),
            }
        )
        self.document_ref = self.writer._add_object(self.document)
        self.parent_tree = ArrayObject()
        self.next_key = 0
        self.outline = []  # (title, page index, level)
        self.blank_pages = set()

    @property
    def count(self):
        return len(self.writer.pages)

    def add(self, pdf: bytes, title: str = ""):
        """Appends every page of a PDF, carrying its tags (if it has any) into the merged structure tree."""
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        first = self.count
        offset = self.next_key
        pages = {}  # the source page's object number -> the added page's reference
        for page in reader.pages:
            added = self.writer.add_page(page)  # pypdf drops /StructParents; it is renumbered here
            pages[page.indirect_reference.idnum] = added.indirect_reference
            if "/StructParents" in page:
                added[NameObject("/StructParents")] = NumberObject(int(page["/StructParents"]) + offset)
                self.next_key = max(self.next_key, int(page["/StructParents"]) + offset + 1)
            added[NameObject("/Tabs")] = NameObject("/S")
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        if tree is not None:
            tree = tree.get_object()
            copier = _StructCopier(self.writer, pages)
            kids = tree.get("/K")
            for kid in kids if isinstance(kids, ArrayObject) else [kids]:
                copied = copier.copy(kid, self.document_ref)
                element = copied.get_object()
                if element.get("/S") == "/Document":  # each part becomes a Part of the one Document
                    element[NameObject("/S")] = NameObject("/Part")
                    if title:
                        element[NameObject("/T")] = TextStringObject(title)
                self.document["/K"].append(copied)
            nums = tree["/ParentTree"].get_object().get("/Nums", [])
            for i in range(0, len(nums), 2):
                key = int(nums[i]) + offset
                value = nums[i + 1].get_object()
                if isinstance(value, ArrayObject):
                    mapped = ArrayObject(copier.ref(v) for v in value)
                else:
                    mapped = copier.ref(nums[i + 1])
                self.parent_tree.append(NumberObject(key))
                self.parent_tree.append(mapped)
                self.next_key = max(self.next_key, key + 1)
        return first, self.count - 1

    def pad_to_odd_start(self):
        """Adds the left-blank filler when the next page would fall on a left-hand (even) page."""
        if self.count % 2 == 1:
            self.blank_pages.add(self.count + 1)
            self.add(_filler_pdf())

    def stamp_page_numbers(self, skip_first=True):
        total = self.count
        skip = {1} if skip_first else set()
        # Numbers 1 to a round 64 above the length: a rebuild a page or two longer or shorter reuses them.
        overlay = _number_overlay(1, -(-total // 64) * 64, set())
        for index, page in enumerate(self.writer.pages):
            if index + 1 in skip:
                continue
            stamp = _as_artifact(self.writer, overlay.pages[index])
            box = page.mediabox
            # Centre the A4 overlay on pages of other sizes, at their foot.
            dx = (float(box.width) - float(stamp.mediabox.width)) / 2 + float(box.left)
            dy = float(box.bottom)
            page.merge_transformed_page(stamp, pypdf.Transformation().translate(dx, dy), over=True)

    def finish(self):
        w = self.writer
        self.struct_root[NameObject("/K")] = ArrayObject([self.document_ref])
        parent_tree = DictionaryObject({NameObject("/Nums"): self._sorted_nums()})
        self.struct_root[NameObject("/ParentTree")] = w._add_object(parent_tree)
        self.struct_root[NameObject("/ParentTreeNextKey")] = NumberObject(self.next_key)
        catalog = w._root_object
        catalog[NameObject("/StructTreeRoot")] = self.struct_root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): pypdf.generic.BooleanObject(True)}
        )
        catalog[NameObject("/Lang")] = TextStringObject("en-GB")
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): pypdf.generic.BooleanObject(True)}
        )
        metadata = DecodedStreamObject()
        metadata.set_data(_xmp(self.title, self.author))
        metadata.update(
            {NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")}
        )
        catalog[NameObject("/Metadata")] = w._add_object(metadata)
        w.add_metadata({"/Title": self.title, "/Author": self.author, "/Producer": "sharedservice"})
        parents = {}
        for title, page_index, level in self.outline:
            parents[level] = w.add_outline_item(
                title=title, page_number=page_index, parent=parents.get(level - 1)
            )
        w.page_mode = "/UseOutlines"
        out = io.BytesIO()
        w.write(out)
        return out.getvalue()

    def _sorted_nums(self):
        pairs = sorted(
            ((int(self.parent_tree[i]), self.parent_tree[i + 1]) for i in range(0, len(self.parent_tree), 2)),
            key=lambda p: p[0],
        )
        nums = ArrayObject()
        for key, value in pairs:
            nums.append(NumberObject(key))
            nums.append(value)
        return nums


class PartFailed(Exception):
    """A part of a pack could not be merged; says which."""

    def __init__(self, title, error):
        super().__init__(f"“{title}” could not be merged into the pack ({type(error).__name__}: {error}).")
        self.title = title


def merge_problem(data: bytes):
    """Why a PDF would break a pack build (run through the same merge code a pack uses), or None."""
    try:
        assemble([Part("check", "Upload check", data)], title="Upload check", author="")
    except Exception:  # noqa: BLE001 (any failure of the merge refuses the file)
        return "The PDF cannot be merged into an agenda pack; save it again as PDF (for example, print to PDF) and upload that copy."
    return None


def assemble(
    parts: list[Part], *, title: str, author: str, number_first_page=False, on_stage=None
) -> Assembled:
    """Joins the parts in order into one tagged PDF and returns it with each part's page range.
    `on_stage(text)`, if given, hears when merging and numbering begin (for a job's progress)."""
    on_stage = on_stage or (lambda stage: None)
    a = _Assembler(title, author)
    ranges = {}

    def place(part, level):
        if part.start_on_odd:
            a.pad_to_odd_start()
        try:
            first, last = a.add(part.pdf, part.title)
        except Exception as error:  # noqa: BLE001 (name the part that broke the build)
            raise PartFailed(part.title, error) from error
        a.outline.append((part.title, first, level))
        for child in part.children:
            place(child, level + 1)
            last = a.count - 1
        ranges[part.key] = (first + 1, last + 1)

    on_stage("Merging the reports and appendices")
    for part in parts:
        place(part, 0)
    on_stage("Numbering the pages")
    a.stamp_page_numbers(skip_first=not number_first_page)
    return Assembled(pdf=a.finish(), page_count=a.count, ranges=ranges)


def pdf_problem(data: bytes, *, max_bytes=50 * 1024 * 1024):
    """Why an uploaded file cannot be used as a PDF appendix, or None if it can."""
    if len(data) > max_bytes:
        return f"The file is larger than {max_bytes // (1024 * 1024)} MB."
    if not data.startswith(b"%PDF-"):
        return "The file is not a PDF."
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return "The PDF is encrypted or password-protected; upload an unprotected copy."
        if len(reader.pages) == 0:
            return "The PDF has no pages."
    except Exception:
        return "The PDF is damaged and cannot be read."
    return None
