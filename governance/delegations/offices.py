"""Who holds an office, as the rooms that know it say: governance knows its offices (the CDIO, the head of a
service), not the posts that hold them. Staffing registers, in its AppConfig.ready(), a function that names
the post holding each office on a day (or says it is vacant), so a risk's or project's owner shows as the post
that holds the owning office (“Head of Technology Operations”, or “vacant: Head of Technology Operations”)
without governance importing staffing. Without one (or for an office no post holds), the office's name shows.

    register_holder_labels(fn)           fn(office_ids, day) -> {office id: label}
    holder_labels(office_ids, day)       -> {office id: label}, one call to each registered function
    attach_owner_labels(rows, day)       sets each row's owner label (rows with owner_office / owner)
"""

from django.utils import timezone

VACANT = "vacant: {title}"
_label_functions = []


def register_holder_labels(fn):
    if fn not in _label_functions:
        _label_functions.append(fn)
    return fn


def holder_labels(office_ids, day):
    ids = {i for i in office_ids if i}
    labels = {}
    if not ids:
        return labels
    for fn in _label_functions:
        labels.update(fn(ids, day))
    return labels


def owner_label(row, labels=None):
    """The owner as shown: the post holding the owning office (from labels), else the office's name, else
    the owner typed in (a project's sponsor)."""
    office_id = getattr(row, "owner_office_id", None)
    if office_id:
        if labels and office_id in labels:
            return labels[office_id]
        return row.owner_office.name
    return getattr(row, "owner", "") or getattr(row, "sponsor", "") or ""


def attach_owner_labels(rows, day=None):
    """Sets each row's `owner_label` (read by its `owner_shown`), in one call to the registered functions."""
    rows = list(rows)
    labels = holder_labels([getattr(r, "owner_office_id", None) for r in rows], day or timezone.localdate())
    for r in rows:
        r.owner_label = owner_label(r, labels)
    return rows
