"""Sanitising an uploaded PDF before it is kept: qpdf (through pikepdf) reads it and writes a clean copy with
no active content. Dropped: document JavaScript, /OpenAction, additional actions (/AA) of the document,
pages, annotations and form fields, /Launch, /SubmitForm, /ImportData, /JavaScript and /RichMedia actions
(however they are reached, links included), embedded files and file-attachment, rich-media, screen, movie
and sound annotations. Only the rewritten file is stored."""

import io

import pikepdf

UNSAFE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute", "/ResetForm", "/Rendition"}
)
UNSAFE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"})
ALWAYS_DROP = ("/AA", "/OpenAction", "/JS", "/EmbeddedFile", "/EmbeddedFiles", "/RichMediaContent")

UNREADABLE = "The PDF could not be read to remove active content; upload a copy saved again as PDF."


class UnsafePdf(Exception):
    pass


def _is_unsafe_action(value):
    try:
        action = value.get_object() if hasattr(value, "get_object") else value
    except Exception:  # noqa: BLE001 (a broken reference: drop it)
        return True
    if not isinstance(action, pikepdf.Dictionary):
        return False
    if str(action.get("/S", "")) in UNSAFE_ACTIONS:
        return True
    following = action.get("/Next")
    if following is None:
        return False
    chain = following if isinstance(following, pikepdf.Array) else [following]
    return any(_is_unsafe_action(n) for n in chain)


def _clean(obj, seen):
    """Removes active content from a dictionary or array and everything it reaches."""
    if isinstance(obj, pikepdf.Stream):
        key = obj.objgen
        if key != (0, 0):
            if key in seen:
                return
            seen.add(key)
        _clean_dict(obj, seen)
    elif isinstance(obj, pikepdf.Dictionary):
        key = obj.objgen
        if key != (0, 0):
            if key in seen:
                return
            seen.add(key)
        _clean_dict(obj, seen)
    elif isinstance(obj, pikepdf.Array):
        keep = []
        changed = False
        for value in obj:
            if isinstance(value, pikepdf.Dictionary) and str(value.get("/Subtype", "")) in UNSAFE_ANNOTATIONS:
                changed = True
                continue
            keep.append(value)
        if changed:
            obj[:] = keep  # in place: the array itself, not a copy
        for value in list(obj):
            _clean(value, seen)


def _clean_dict(d, seen):
    for key in ALWAYS_DROP:
        if key in d:
            del d[key]
    for key in ("/A", "/Next", "/PA"):
        if key in d and _is_unsafe_action(d[key]):
            del d[key]
    if str(d.get("/S", "")) in UNSAFE_ACTIONS:
        # An unsafe action reached some other way: make it do nothing.
        for key in list(d.keys()):
            if key not in ("/Type",):
                del d[key]
        d["/S"] = pikepdf.Name("/Named")
        d["/N"] = pikepdf.Name("/FirstPage")
        return
    for key in list(d.keys()):
        if key in ("/Parent", "/P"):
            continue  # the way back up: already being walked
        _clean(d[key], seen)


def sanitise_pdf(data: bytes) -> bytes:
    """The PDF rewritten by qpdf with its active content removed. Raises UnsafePdf if it cannot be read."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
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
            seen = set()
            _clean(root, seen)
            for page in pdf.pages:
                page_obj = page.obj
                if "/AA" in page_obj:
                    del page_obj["/AA"]
                _clean(page_obj, seen)
            out = io.BytesIO()
            pdf.remove_unreferenced_resources()
            pdf.save(out, fix_metadata_version=False)
            return out.getvalue()
    except pikepdf.PdfError as error:
        raise UnsafePdf(UNREADABLE) from error
