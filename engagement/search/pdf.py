"""The text of public PDFs (uploaded appendices), read in the worker when the file is published and kept by
the file's SHA-256 (ExtractedText), so that rebuilding the index never reads a file twice.

Read with pypdf (already the project's PDF reader for tests and page counts: one maintained, pure-Python
dependency rather than a second PDF library)."""

import hashlib
import io
import logging

import pypdf
from django.core.files.storage import default_storage

from engagement.models import ExtractedText

logger = logging.getLogger(__name__)

# A PDF's text beyond this is not indexed (a 2,000-page scan of tables helps no one's search).
MAX_CHARS = 5_000_000


def pdf_text(data):
    """(text, page count) of a PDF's bytes; ("", 0) for a file that is not a readable PDF."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        parts, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size > MAX_CHARS:
                break
        return "\n\n".join(parts)[:MAX_CHARS].replace("\x00", ""), len(reader.pages)
    except Exception:  # a damaged or encrypted file: indexed by its title only
        logger.warning("Could not read the text of a PDF", exc_info=True)
        return "", 0


def extract(files):
    """Reads each file not read before: files are PublicAppendixFile. Returns {checksum: text} for all."""
    checksums = {f.checksum for f in files if f.checksum}
    known = dict(ExtractedText.objects.filter(checksum__in=checksums).values_list("checksum", "text"))
    for f in files:
        if f.checksum and f.checksum in known:
            continue
        try:
            with default_storage.open(f.name, "rb") as handle:
                data = handle.read()
        except OSError:
            logger.warning("Appendix file %s is missing from storage", f.name)
            continue
        checksum = f.checksum or hashlib.sha256(data).hexdigest()
        text, pages = pdf_text(data)
        ExtractedText.objects.get_or_create(checksum=checksum, defaults={"text": text, "page_count": pages})
        known[checksum] = text
    return known


def stored_texts(files):
    """{checksum: text} of the files already read (no file is opened: for an index rebuilt on the web)."""
    checksums = {f.checksum for f in files if f.checksum}
    return dict(ExtractedText.objects.filter(checksum__in=checksums).values_list("checksum", "text"))
