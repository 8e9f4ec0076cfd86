"""Sanitising an uploaded PDF before it is kept: qpdf (through pikepdf) reads it and writes a clean copy with
no active content. Dropped: document JavaScript, /OpenAction, additional actions (/AA) of the document,
pages, annotations and form fields, /Launch, /SubmitForm, /ImportData, /JavaScript and /RichMedia actions
(however they are reached, links included), actions that open another file (/GoToR, /GoToE, /Thread with a
file: a UNC path hands the reader's Windows credentials to whoever serves it) and links to anything but a web
or mail address, embedded files and associated files (/EF, /AF, wherever they hang), portable collections
(/Collection), file-attachment, rich-media, screen, movie and sound annotations, and anything but text in the
trailer's document information. Only the rewritten file is stored.

`strip_active_content(pdf)` does the same to an open pikepdf document: every PDF the site writes through the
merge (packs, board and delivery packs, merge_part) passes through it before it is saved, and
`active_content(data)` names what a PDF still holds (the tests read every PDF with it)."""

import io

import pikepdf

UNSAFE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/RichMediaExecute",
        "/ResetForm",
        "/Rendition",
        # Open another file, local or remote (a UNC path leaks the reader's credentials on click).
        "/GoToR",
        "/GoToE",
        "/Sound",
        "/Movie",
    }
)
UNSAFE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"})
ALWAYS_DROP = (
    "/AA",
    "/OpenAction",
    "/JS",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMediaContent",
    "/AF",  # associated files (PDF 2.0), on the catalog, pages, annotations, XObjects or structure elements
    "/EF",  # the embedded file streams of any file specification
    "/Collection",  # a portable collection: the document is a wrapper for its attachments
)
# A link may go to a web page or an email address; any other scheme (file:, smb:, a UNC path) may not.
SAFE_URI_SCHEMES = ("http://", "https://", "mailto:")

UNREADABLE = "The PDF could not be read to remove active content; upload a copy saved again as PDF."


class UnsafePdf(Exception):
    pass


def _unsafe_kind(action):
    kind = str(action.get("/S", ""))
    if kind in UNSAFE_ACTIONS:
        return True
    if kind == "/Thread" and "/F" in action:  # an article thread in another file
        return True
    if kind == "/URI":
        uri = str(action.get("/URI", "")).strip().lower()
        return not uri.startswith(SAFE_URI_SCHEMES)
    return False


def _is_unsafe_action(value):
    """Whether an action, or any action after it in its /Next chain, is unsafe (read without recursion: a
    long chain, such as an outline's /Next siblings, is only a loop)."""
    todo, seen = [value], set()
    while todo:
        current = todo.pop()
        try:
            action = current.get_object() if hasattr(current, "get_object") else current
        except Exception:  # noqa: BLE001 (a broken reference: drop it)
            return True
        if not isinstance(action, pikepdf.Dictionary):
            continue
        if action.is_indirect:
            if action.objgen in seen:
                continue
            seen.add(action.objgen)
        if _unsafe_kind(action):
            return True
        following = action.get("/Next")
        if following is not None:
            todo.extend(following if isinstance(following, pikepdf.Array) else [following])
    return False


def _clean(obj, seen):
    """Removes active content from a dictionary or array and everything it reaches (an explicit stack, not
    recursion: a document of many pages nests deeper than Python's stack)."""
    todo = [obj]
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            key = obj.objgen
            if key != (0, 0):
                if key in seen:
                    continue
                seen.add(key)
            todo.extend(_clean_dict(obj))
        elif isinstance(obj, pikepdf.Array):
            keep = []
            changed = False
            for value in obj:
                if (
                    isinstance(value, pikepdf.Dictionary)
                    and str(value.get("/Subtype", "")) in UNSAFE_ANNOTATIONS
                ):
                    changed = True
                    continue
                keep.append(value)
            if changed:
                obj[:] = keep  # in place: the array itself, not a copy
            todo.extend(list(obj))


def _clean_dict(d):
    """Cleans one dictionary; returns the values to walk next."""
    for key in ALWAYS_DROP:
        if key in d:
            del d[key]
    for key in ("/A", "/Next", "/PA"):
        if key in d and _is_unsafe_action(d[key]):
            del d[key]
    if _unsafe_kind(d):
        # An unsafe action reached some other way: make it do nothing.
        for key in list(d.keys()):
            if key not in ("/Type",):
                del d[key]
        d["/S"] = pikepdf.Name("/Named")
        d["/N"] = pikepdf.Name("/FirstPage")
        return []
    # Not /Parent or /P: the way back up, already being walked.
    return [d[key] for key in list(d.keys()) if key not in ("/Parent", "/P")]


def _clean_info(pdf):
    """The trailer's document information holds text (title, author, dates) and names: anything else goes (a
    dictionary there could carry actions or scripts that no reader should find)."""
    info = pdf.trailer.get("/Info")
    if info is None:
        return
    if not isinstance(info, pikepdf.Dictionary):
        del pdf.trailer["/Info"]
        return
    for key in list(info.keys()):
        if key in ALWAYS_DROP or not isinstance(info[key], pikepdf.String | pikepdf.Name):  # /Trapped: a name
            del info[key]


def strip_active_content(pdf):
    """Removes active content from an open pikepdf document, in place (see the module's docstring)."""
    root = pdf.Root
    for key in ("/OpenAction", "/AA"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if names is not None:
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
    acroform = root.get("/AcroForm")
    if acroform is not None and "/XFA" in acroform:
        del acroform["/XFA"]
    _clean_info(pdf)
    seen = set()
    _clean(root, seen)
    for page in pdf.pages:
        page_obj = page.obj
        if "/AA" in page_obj:
            del page_obj["/AA"]
        _clean(page_obj, seen)
    # Whatever no walk from the catalog reached (objects only the trailer or nothing names).
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and obj.objgen not in seen:
            _clean(obj, seen)


def _dictionaries(obj):
    """A dictionary or stream and every direct dictionary inside it (an indirect one is its own object)."""
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        yield obj
        values = [obj[k] for k in obj.keys()]
    elif isinstance(obj, pikepdf.Array):
        values = list(obj)
    else:
        return
    for value in values:
        if isinstance(value, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array) and not value.is_indirect:
            yield from _dictionaries(value)


def active_content(data: bytes) -> list[str]:
    """What active content a PDF holds (empty when none): for tests of every PDF the site writes."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.trailer.get("/Info")
        if info is not None:
            found += [
                f"Info {k}"
                for k in info.keys()
                if k in ALWAYS_DROP or not isinstance(info[k], pikepdf.String | pikepdf.Name)
            ]
        for key in ("/OpenAction", "/AA", "/Collection", "/AF"):
            if key in pdf.Root:
                found.append(f"catalog {key}")
        names = pdf.Root.get("/Names")
        if names is not None:
            found += [f"names {k}" for k in ("/JavaScript", "/EmbeddedFiles") if k in names]
        for obj in (d for top in pdf.objects for d in _dictionaries(top)):
            found += [f"{obj.objgen} {key}" for key in ALWAYS_DROP if key in obj]
            if _unsafe_kind(obj):
                found.append(f"{obj.objgen} action {obj.get('/S')}")
            if str(obj.get("/Subtype", "")) in UNSAFE_ANNOTATIONS:
                found.append(f"{obj.objgen} annotation {obj.get('/Subtype')}")
    return found


def sanitise_pdf(data: bytes) -> bytes:
    """The PDF rewritten by qpdf with its active content removed. Raises UnsafePdf if it cannot be read."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            strip_active_content(pdf)
            out = io.BytesIO()
            pdf.remove_unreferenced_resources()
            pdf.save(out, fix_metadata_version=False)
            return out.getvalue()
    except pikepdf.PdfError as error:
        raise UnsafePdf(UNREADABLE) from error
