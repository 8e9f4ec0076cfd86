"""PDFs: WeasyPrint rendering that can read only the project's own static files, and the assembly of
separately rendered parts (and uploaded PDFs) into one tagged document with continuous page numbers,
right-hand starts with a left-blank filler, a bookmark per part, and the page range of each part.

Why assemble rather than render once: each part is rendered on its own so that an unchanged part is not
rendered again (its PDF is cached by a checksum of its HTML), and uploaded appendices, which WeasyPrint cannot
embed, join the same document. A part may itself come in pieces that each start on a new page (a report's
header and body, `Part.more`), rendered and cached apart: their pages follow one another and their tags make
one Part. Page numbers are therefore stamped after assembly, as pagination artifacts, on
every page alike, rendered appendix pages included. The structure trees (tags) of the parts are merged into one,
so the assembled document stays tagged.

Merging and stamping are done by qpdf (through pikepdf), which copies pages and structure elements without
parsing them in Python. A pack's body (everything after its front sheet) is merged first and can be kept, merged
up to each of its parts, so that a rebuild after one report changed merges only from that report on.
"""

import hashlib
import io
import json
import mimetypes
import re
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import unquote, urlparse

import pikepdf
import pypdf
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.html import escape
from pikepdf import Array, Dictionary, Name, String
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .sanitise import strip_active_content

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
    document = render_document(html)
    return write_document(document), len(document.pages)


def render_document(html: str):
    """The laid-out pages of print HTML (a WeasyPrint Document: `.pages`), not yet written as a PDF."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).render(
        pdf_variant="pdf/ua-1"
    )


def write_document(document) -> bytes:
    return document.write_pdf(pdf_variant="pdf/ua-1")


# What else decides a rendered PDF besides its HTML: the renderer's version and the PDF variant. Cached parts
# (and kept pack bodies) are keyed on it too, so an upgrade of WeasyPrint renders everything afresh once.
RENDERER = f"weasyprint {weasyprint.__version__}; pdf/ua-1\n"


def html_checksum(html: str) -> str:
    """The cache key of print HTML's rendered PDF: its SHA-256 with the renderer's version."""
    return hashlib.sha256((RENDERER + html).encode("utf-8")).hexdigest()


@dataclass
class Part:
    """One piece of an assembled document."""

    key: str  # the caller's name for the part, e.g. "item-9"
    title: str  # its bookmark
    pdf: bytes
    start_on_odd: bool = False  # begin on a right-hand page, after a left-blank filler if need be
    children: list["Part"] = field(default_factory=list)  # e.g. a report's appendices, in order
    # The rest of the part when it is rendered in pieces that each start on a new page (a report's header, then
    # its body): their pages follow `pdf`'s and their tags join its Part, with no bookmark of their own.
    more: list[bytes] = field(default_factory=list)


@dataclass
class Assembled:
    pdf: bytes
    page_count: int
    ranges: dict  # key -> (first page, last page), 1-based, including children
    reused: int = 0  # parts of the body taken already merged from the store


class BodyStore(Protocol):
    """Where merged bodies are kept between builds (see `assemble`)."""

    def longest(self, keys: list[str]) -> tuple[int, bytes] | None:
        """The stored body under the last key it has of `keys` (the keys of ever longer bodies), as (the
        number of parts it holds, its PDF); None if it has none."""

    def put(self, key: str, pdf: bytes, pages: int) -> None: ...


FILLER_HTML = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Blank page</title>
<style>@page {{ size: A4; margin: 25mm }} body {{ font-family: "Liberation Sans", sans-serif; }}
p {{ margin-top: 110mm; text-align: center; font-size: 12pt; }}</style></head>
<body><p>{text}</p></body></html>"""

# Rendered once per process: the left-blank filler, and the font that page numbers are set in.
_cache: dict = {}


def _filler_pdf():
    if "filler" not in _cache:
        _cache["filler"] = render_pdf(FILLER_HTML.format(text="This page is intentionally left blank"))
    return _cache["filler"]


# Page numbers ----------------------------------------------------------------------------------------------
# "Page N" is written straight into each page's content, in a font subset that WeasyPrint embedded once for the
# text "Page 0123456789" (PDF/UA wants every font embedded, artifacts' too), centred at the foot of the page.

NUMBER_SIZE = 10  # pt
NUMBER_BASELINE = 27.6  # pt above the foot of the page: a 10 pt line whose box sits 9 mm up
NUMBER_FONT = Name("/SSPageNumber")
NUMBER_HTML = (
    '<html lang="en-GB"><head><style>@page{size:A4;margin:0}'
    "p{margin:0;font:10pt 'Liberation Sans',sans-serif}</style></head><body><p>Page 0123456789</p></body></html>"
)


@dataclass
class _NumberFont:
    pdf: bytes  # a one-page PDF whose one font is the subset
    codes: dict  # character -> glyph code (CID, Identity-H)
    widths: dict  # glyph code -> advance, in thousandths of the font size

    def text(self, text: str) -> tuple[bytes, float]:
        """The string operand that shows `text`, and its width in points."""
        codes = [self.codes[c] for c in text]
        width = sum(self.widths.get(code, 1000) for code in codes) * NUMBER_SIZE / 1000
        return ("<" + "".join(f"{code:04x}" for code in codes) + ">").encode(), width


def _number_font() -> _NumberFont:
    if "number" not in _cache:
        data = HTML(string=NUMBER_HTML).write_pdf()
        with pikepdf.open(io.BytesIO(data)) as source:
            (font,) = source.pages[0].Resources.Font.values()
            if font.get("/Encoding") != Name("/Identity-H"):  # pragma: no cover (WeasyPrint's fonts all are)
                raise RuntimeError("The page number font is not a two-byte (Identity-H) font.")
            codes = {chr(char): code for code, char in _to_unicode(font.ToUnicode.read_bytes()).items()}
            widths = _cid_widths(font.DescendantFonts[0])
        _cache["number"] = _NumberFont(data, codes, widths)
    return _cache["number"]


def _to_unicode(cmap: bytes) -> dict:
    """Glyph code -> Unicode code point, from a ToUnicode CMap's bfchar and bfrange entries."""
    text = cmap.decode("latin-1")
    found = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, char in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            found[int(code, 16)] = int(char, 16)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, char in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            for offset in range(int(high, 16) - int(low, 16) + 1):
                found[int(low, 16) + offset] = int(char, 16) + offset
    return found


def _cid_widths(cid_font) -> dict:
    """Glyph code -> width, from a CIDFont's /W array (`c [w1 w2 ...]` and `c_first c_last w` forms)."""
    widths, w, i = {}, list(cid_font.get("/W", [])), 0
    while i < len(w):
        if isinstance(w[i + 1], pikepdf.Array):
            for n, width in enumerate(w[i + 1]):
                widths[int(w[i]) + n] = float(width)
            i += 2
        else:
            for code in range(int(w[i]), int(w[i + 1]) + 1):
                widths[code] = float(w[i + 2])
            i += 3
    return widths


def _xmp(title: str, author: str) -> bytes:
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>sharedservice (WeasyPrint and qpdf)</pdf:Producer>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode()


# Merging ---------------------------------------------------------------------------------------------------

MERGE_FORMAT = "qpdf-1"  # in every stored body's key: a change to how bodies are merged leaves the old unused
_STATE = Name("/SSBodyState")  # a stored body's page ranges and bookmarks; not in a finished document


def _save(pdf) -> bytes:
    """Writes the document as qpdf does, streams passed through as they are (not decoded and compressed
    again), small objects packed into object streams, and the same bytes for the same document."""
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        compress_streams=True,
        fix_metadata_version=False,
        min_version="1.7",
    )
    return out.getvalue()


class _Merger:
    """A tagged document being put together with qpdf (pikepdf): pages copied in from other PDFs at an
    insertion point, their structure trees made Parts of one Document, their parent-tree keys renumbered."""

    def __init__(self, stored: bytes | None = None):
        self.sources = []  # qpdf reads copied streams from their source when writing: keep them open till then
        if stored is None:
            self.pdf = pikepdf.new()
            self.tree = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
            self.document = self.pdf.make_indirect(
                Dictionary(Type=Name.StructElem, S=Name.Document, P=self.tree, K=Array())
            )
            self.tree.K = Array([self.document])
            self.pdf.Root.StructTreeRoot = self.tree
            self.nums, self.next_key = [], 0
            self.ranges, self.outline = {}, []
        else:  # a stored body, to be continued
            self.pdf = pikepdf.open(io.BytesIO(stored))
            # Else qpdf would keep its first half: the ID follows the content only.
            if "/ID" in self.pdf.trailer:
                del self.pdf.trailer["/ID"]
            self.tree = self.pdf.Root.StructTreeRoot
            self.document = self.tree.K[0]
            flat = list(self.tree.ParentTree.Nums)
            self.nums = [(int(flat[i]), flat[i + 1]) for i in range(0, len(flat), 2)]
            self.next_key = int(self.tree.ParentTreeNextKey)
            state = json.loads(str(self.pdf.Root[_STATE]))
            self.ranges = {key: tuple(pages) for key, pages in state["ranges"].items()}
            self.outline = [tuple(entry) for entry in state["outline"]]
        self.at = None  # where the next pages go (a page index), None for the end
        self.part = None  # the Part element of the last part added
        self.struct_at = None  # likewise for the next Parts of the Document

    @property
    def count(self):
        return len(self.pdf.pages)

    def add(self, data: bytes, title: str = "", into=None) -> tuple[int, int]:
        """Places every page of a PDF, carrying its tags (if it has any) into the merged structure tree as a
        Part titled `title` (or, with `into`, a Part made by an earlier `add`, continued: the source's tags
        join it); returns the indices of its first and last page, and sets `self.part` to the Part. Only the
        pages and the structure tree are taken: not the source's catalog (scripts, open actions, forms,
        attachments), nor its pages' own actions (/AA)."""
        source = pikepdf.open(io.BytesIO(data))
        self.sources.append(source)
        pages = list(source.pages)
        first = self.count if self.at is None else self.at
        if self.at is None:
            self.pdf.pages.extend(pages)
        else:
            for n, page in enumerate(pages):
                self.pdf.pages.insert(self.at + n, page)
            self.at += len(pages)
        offset = self.next_key
        for page in self.pdf.pages[first : first + len(pages)]:
            self._renumber(page.obj, offset)
        self.part = into
        tree = source.Root.get("/StructTreeRoot")
        if tree is not None:
            self._merge_tree(source, tree, offset, title, into)
        return first, first + len(pages) - 1

    def _renumber(self, page, offset):
        targets = [page] + [a for a in page.get("/Annots", []) if isinstance(a, Dictionary)]
        for obj, key in [(t, "/StructParents" if t is page else "/StructParent") for t in targets]:
            if key in obj:
                obj[key] = int(obj[key]) + offset
                self.next_key = max(self.next_key, int(obj[key]) + 1)
        page.Tabs = Name.S
        if "/AA" in page:
            del page["/AA"]

    def _merge_tree(self, source, tree, offset, title, into=None):
        kids = tree.get("/K")
        kids = list(kids) if isinstance(kids, Array) else ([kids] if kids is not None else [])
        for kid in kids:
            if not isinstance(kid, Dictionary):
                continue
            if not kid.is_indirect:
                kid = source.make_indirect(kid)
            if "/P" in kid:
                del kid["/P"]  # the source's tree root: not to be copied
            # qpdf maps the source's objects already copied (its pages) to their copies: /Pg points at ours.
            document = kid.get("/S") == Name.Document
            copied = self.pdf.copy_foreign(kid)
            if document and into is not None:
                # The rest of a part: the elements of its Document join the Part begun by its first piece (or,
                # if the Document holds content of its own, the Document does, as a Part within it).
                if not isinstance(into.get("/K"), Array):
                    into.K = Array([into.K] if "/K" in into else [])
                inner = copied.get("/K")
                inner = list(inner) if isinstance(inner, Array) else ([inner] if inner is not None else [])
                if _holds_content(source, tree, kid) or not all(
                    isinstance(e, Dictionary) and "/S" in e for e in inner
                ):
                    copied.S, copied.P = Name.Part, into
                    into.K.append(copied)
                    continue
                for element in inner:
                    element.P = into
                    into.K.append(element)
                continue
            copied.P = self.document
            if copied.get("/S") == Name.Document:  # each part becomes a Part of the one Document
                copied.S = Name.Part
                if title:
                    copied.T = String(title)
                if self.part is None:
                    self.part = copied
            if self.struct_at is None:
                self.document.K.append(copied)
            else:
                self.document.K.insert(self.struct_at, copied)
                self.struct_at += 1
        for name in ("/RoleMap", "/ClassMap"):
            mapping = tree.get(name)
            if isinstance(mapping, Dictionary):
                copied = self.pdf.copy_foreign(
                    mapping if mapping.is_indirect else source.make_indirect(mapping)
                )
                if name not in self.tree:
                    self.tree[name] = Dictionary()
                for key, value in copied.items():
                    if key not in self.tree[name]:
                        self.tree[name][key] = value
        parent_tree = tree.get("/ParentTree")
        if parent_tree is None:
            return
        entries = list(pikepdf.NumberTree(parent_tree).items())
        if not entries:
            return
        # One copy of all the values at once (they refer to the elements copied above, and are mapped to them).
        values = self.pdf.copy_foreign(source.make_indirect(Array([value for _key, value in entries])))
        for (key, _value), value in zip(entries, values, strict=True):
            self.nums.append((key + offset, value))
            self.next_key = max(self.next_key, key + offset + 1)

    def pad_to_odd_start(self):
        """Adds the left-blank filler when the next page would fall on a left-hand (even) page."""
        if (self.count if self.at is None else self.at) % 2 == 1:
            self.add(_filler_pdf())

    def place(self, part, level=0):
        if part.start_on_odd:
            self.pad_to_odd_start()
        try:
            first, last = self.add(part.pdf, part.title)
            whole = self.part
            for piece in part.more:
                _first, last = self.add(piece, part.title, into=whole)
        except Exception as error:  # noqa: BLE001 (name the part that broke the build)
            raise PartFailed(part.title, error) from error
        self.outline.append((part.title, first, level))
        for child in part.children:
            _first, last = self.place(child, level + 1)
        self.ranges[part.key] = (first, last)
        return first, last

    def stamp_page_numbers(self, skip_first=True):
        font = _number_font()
        source = pikepdf.open(io.BytesIO(font.pdf))
        self.sources.append(source)
        (font_object,) = source.pages[0].Resources.Font.values()
        font_object = self.pdf.copy_foreign(font_object)
        save = self.pdf.make_stream(b"q\n")
        for index, page in enumerate(self.pdf.pages):
            if index == 0 and skip_first:
                continue
            text, width = font.text(f"Page {index + 1}")
            box = page.mediabox
            x = float(box[0]) + (float(box[2]) - float(box[0]) - width) / 2
            y = float(box[1]) + NUMBER_BASELINE
            page.add_resource(font_object, Name.Font, NUMBER_FONT)
            # The page's own content in q/Q, so that its graphics state does not move or hide the number.
            page.contents_add(save, prepend=True)
            page.contents_add(
                self.pdf.make_stream(
                    b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq 0 g BT /SSPageNumber %d Tf "
                    b"1 0 0 1 %.2f %.2f Tm %s Tj ET Q\nEMC\n" % (NUMBER_SIZE, x, y, text)
                ),
                prepend=False,
            )

    def _write_tree(self):
        nums = Array()
        for key, value in sorted(self.nums, key=lambda pair: pair[0]):
            nums.append(key)
            nums.append(value)
        self.tree.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        self.tree.ParentTreeNextKey = self.next_key

    def stored(self) -> bytes:
        """The document so far, with its page ranges and bookmarks, to be continued later (`_Merger(stored)`)."""
        self._write_tree()
        state = {"ranges": self.ranges, "outline": self.outline}
        self.pdf.Root[_STATE] = String(json.dumps(state, separators=(",", ":")))
        return _save(self.pdf)

    def finish(self, *, title=None, author=None, outline=()) -> bytes:
        self._write_tree()
        catalog = self.pdf.Root
        if _STATE in catalog:
            del catalog[_STATE]
        if len(self.document.K):
            catalog.MarkInfo = Dictionary(Marked=True)
        else:  # nothing merged was tagged: the document does not claim to be
            del catalog["/StructTreeRoot"]
        catalog.Lang = String("en-GB")
        if title is not None:
            catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
            catalog.Metadata = self.pdf.make_stream(_xmp(title, author), Type=Name.Metadata, Subtype=Name.XML)
            self.pdf.docinfo[Name.Title] = String(title)
            self.pdf.docinfo[Name.Author] = String(author)
            self.pdf.docinfo[Name.Producer] = String("sharedservice")
        if outline:
            with self.pdf.open_outline() as tree:
                last = {}
                for text, page_index, level in outline:
                    item = pikepdf.OutlineItem(text, page_index)
                    (tree.root if level == 0 else last[level - 1].children).append(item)
                    last[level] = item
            catalog.PageMode = Name.UseOutlines
        # Whatever the parts carried in on their pages (associated files, links to other files, actions):
        # uploads were sanitised when kept, and every PDF the site writes is stripped again here.
        strip_active_content(self.pdf)
        data = _save(self.pdf)
        self.close()
        return data

    def close(self):
        for source in self.sources:
            source.close()
        self.pdf.close()


def _holds_content(source, tree, element) -> bool:
    """Whether marked content (a parent-tree entry) belongs to the structure element itself."""
    parent_tree = tree.get("/ParentTree")
    if parent_tree is None:
        return False
    target = element.objgen
    for _key, value in pikepdf.NumberTree(parent_tree).items():
        for parent in value if isinstance(value, Array) else [value]:
            if isinstance(parent, Dictionary) and parent.objgen == target:
                return True
    return False


def body_keys(parts: list[Part]) -> list[str]:
    """The key of each ever longer body: parts[:1], parts[:2], ... (their content, titles and keys)."""
    h, keys = hashlib.sha256(MERGE_FORMAT.encode()), []

    def feed(part):
        h.update(
            json.dumps([part.key, part.title, part.start_on_odd, len(part.children), len(part.more)]).encode()
        )
        for pdf in [part.pdf, *part.more]:
            h.update(hashlib.sha256(pdf).digest())
        for child in part.children:
            feed(child)

    for part in parts:
        feed(part)
        keys.append(h.copy().hexdigest())
    return keys


def merge_part(pdf: bytes, *, title: str = "") -> bytes:
    """One PDF through the merge the pack uses: its pages and structure tree copied into a new document,
    which takes nothing else from it (no document scripts or open actions, forms, attachments or page
    actions). The same bytes come out for the same PDF."""
    merger = _Merger()
    merger.add(pdf, title)
    return merger.finish()


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
    parts: list[Part],
    *,
    title: str,
    author: str,
    number_first_page=False,
    on_stage=None,
    head: int = 0,
    store: BodyStore | None = None,
) -> Assembled:
    """Joins the parts in order into one tagged PDF and returns it with each part's page range.

    The first `head` parts (a pack's cover and front sheet, which change whenever a page range does) are
    merged last, in front of the body (the rest), so that the body can be kept: with a `store`, the body
    merged up to each of its parts is stored under the key of those parts, and a build continues from the
    longest body already stored, merging only the parts after it. The body starts on a right-hand page.
    `on_stage(text)`, if given, hears when merging and numbering begin (for a job's progress)."""
    on_stage = on_stage or (lambda stage: None)
    on_stage("Merging the reports and appendices")
    head_parts, body = parts[:head], parts[head:]
    if head_parts and body and not body[0].start_on_odd:
        raise ValueError("A body after a head starts on a right-hand page.")
    keys = body_keys(body) if store is not None else []
    found = store.longest(keys) if keys else None
    reused, merger = (found[0], _Merger(found[1])) if found else (0, _Merger())
    for n in range(reused, len(body)):
        merger.place(body[n])
        if store is not None or head_parts:
            # Continued from its own bytes, as a rebuild continues from stored ones: the document comes out the
            # same either way (qpdf orders objects by their numbers, which are the numbers read back).
            stored = merger.stored()
            if store is not None:
                store.put(keys[n], stored, merger.count)
            merger.close()
            merger = _Merger(stored)
    body_ranges, body_outline, body_pages = merger.ranges, merger.outline, merger.count
    merger.ranges, merger.outline, merger.at, merger.struct_at = {}, [], 0, 0
    for part in head_parts:
        merger.place(part)
    if head_parts and body:
        merger.pad_to_odd_start()
    shift = merger.count - body_pages
    ranges = {key: (first + 1, last + 1) for key, (first, last) in merger.ranges.items()}
    ranges.update({key: (first + shift + 1, last + shift + 1) for key, (first, last) in body_ranges.items()})
    outline = merger.outline + [(text, page + shift, level) for text, page, level in body_outline]
    on_stage("Numbering the pages")
    merger.stamp_page_numbers(skip_first=not number_first_page)
    count = merger.count
    return Assembled(
        pdf=merger.finish(title=title, author=author, outline=outline),
        page_count=count,
        ranges=ranges,
        reused=reused,
    )


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
