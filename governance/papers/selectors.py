"""Reads of reports and agenda packs."""

from .models import AgendaPack, Report


def reports_by_item(meeting):
    """The meeting's reports, by agenda item id."""
    return {r.item_id: r for r in Report.objects.filter(item__meeting=meeting)}


def visible_packs(meeting, *, inside):
    """The packs this reader may download: inside, every version; the public, published public packs."""
    qs = meeting.packs.all()
    if not inside:
        qs = qs.filter(audience=AgendaPack.Audience.PUBLIC, is_published=True)
    return qs
