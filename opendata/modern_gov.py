"""A Modern.gov-compatible web service, read-only and public: `/<partnership>/mgWebService.asmx/<Operation>`,
answering as Modern.gov installs do, so that the tools that read them (scrapers, democracy-data projects, the
`moderngov` client on PyPI) read a partnership moved here unchanged. Elements are lower case, dates
dd/mm/yyyy, booleans True/False; path and parameter names are matched case-insensitively.

Operations: GetCommittees, GetMeetings(lCommitteeId, sFromDate, sToDate; 0 or empty = all) and
GetMeeting(lMeetingId). Everything comes from the public projections (committees.public, papers.public): an
exempt item appears only as its public title; only public documents are linked; attendance and the minutes'
text appear once the minutes are signed (before then the body's serving members are listed as "Expected"). An unknown operation or a bad parameter is an XML error, status 400."""

import html
from datetime import datetime
from xml.etree import ElementTree as ET

from django.http import Http404, HttpResponse

from governance.committees import public as committees_public
from governance.parsing import MAX_INT, parse_int

from . import public

OPERATIONS = {
    "getcommittees": "GetCommittees",
    "getmeetings": "GetMeetings",
    "getmeeting": "GetMeeting",
}
ERROR_UNKNOWN_OPERATION = "Unknown operation."
ERROR_BAD_ID = "Give a whole number."
ERROR_BAD_DATE = "Give the date as dd/mm/yyyy."
ERROR_NO_MEETING = "No such meeting."


class BadParameter(ValueError):
    pass


def _xml(root, status=200):
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")


def _error(message, status=400):
    root = ET.Element("error")
    ET.SubElement(root, "message").text = message
    return _xml(root, status)


def _add(parent, tag, value):
    el = ET.SubElement(parent, tag)
    if isinstance(value, bool):
        el.text = "True" if value else "False"
    elif value is not None:
        el.text = str(value)
    return el


def _date(d):
    return f"{d:%d/%m/%Y}" if d else ""


def _params(request):
    """Query parameters with lower-cased names (clients write lMeetingId and lmeetingid)."""
    return {k.lower(): v for k, v in request.GET.items()}


def _id(params, name):
    raw = params.get(name, "").strip()
    if raw in ("", "0"):
        return None
    try:
        return parse_int(raw, minimum=1, maximum=MAX_INT)
    except ValueError as error:
        raise BadParameter(f"{name}: {ERROR_BAD_ID}") from error


def _date_param(params, name):
    raw = params.get(name, "").strip()
    if raw in ("", "0"):
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise BadParameter(f"{name}: {ERROR_BAD_DATE}")


def service(request, partnership, operation=None):
    if operation is None:
        root = ET.Element("operations")
        for name in OPERATIONS.values():
            op = ET.SubElement(root, "operation")
            _add(op, "name", name)
            _add(op, "url", request.build_absolute_uri(f"{request.path.rstrip('/')}/{name}"))
        return _xml(root)
    name = OPERATIONS.get(operation.lower())
    if name is None:
        return _error(ERROR_UNKNOWN_OPERATION)
    try:
        if name == "GetCommittees":
            return _xml(get_committees(request))
        if name == "GetMeetings":
            return _xml(get_meetings(request))
        return _xml(get_meeting(request))
    except BadParameter as error:
        return _error(str(error))
    except Http404:
        return _error(ERROR_NO_MEETING, status=404)


def get_committees(request):
    root = ET.Element("committees")
    for body in committees_public.public_bodies(request.partnership):
        c = ET.SubElement(root, "committee")
        _add(c, "committeeid", body.pk)
        _add(c, "committeetitle", body.name)
        _add(c, "committeedeleted", False)
        _add(c, "committeeexpired", False)
        _add(c, "committeecategory", body.kind_display)
    return root


def _meeting_fields(el, m):
    _add(el, "meetingid", m.pk)
    _add(el, "meetingdate", _date(m.date))
    _add(el, "meetingtime", f"{m.start_time:%H:%M}")
    _add(el, "meetingstatus", m.get_status_display)


def get_meetings(request):
    params = _params(request)
    body_id = _id(params, "lcommitteeid")
    first, last = _date_param(params, "sfromdate"), _date_param(params, "stodate")
    qs = committees_public.public_meeting_queryset(request.partnership)
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    if first is not None:
        qs = qs.filter(date__gte=first)
    if last is not None:
        qs = qs.filter(date__lte=last)
    bodies = {b.slug: b for b in committees_public.public_bodies(request.partnership)}
    by_body = {}
    for m in committees_public.meetings_view(qs):
        by_body.setdefault(m.body.slug, []).append(m)
    root = ET.Element("getmeetings")
    for slug, meetings in sorted(by_body.items(), key=lambda kv: bodies[kv[0]].name):
        body = bodies[slug]
        c = ET.SubElement(root, "committee")
        _add(c, "committeeid", body.pk)
        _add(c, "committeetitle", body.name)
        listing = ET.SubElement(c, "committeemeetings")
        for m in meetings:
            _meeting_fields(ET.SubElement(listing, "meeting"), m)
    return root


def _linked(parent, docs, request):
    wrap = ET.SubElement(parent, "linkeddocuments")
    for index, d in enumerate(docs, start=1):
        doc = ET.SubElement(wrap, "linkeddoc")
        _add(doc, "attachmentid", f"{d.kind}-{d.item_id or index}")
        _add(doc, "title", d.title)
        _add(doc, "url", request.build_absolute_uri(d.url))
    return wrap


def _minute_html(item):
    """The signed minutes' text for an item, as HTML (escaped again by the XML writer)."""
    if item is None or item.withheld:
        return ""
    parts = []
    if item.minute:
        for text in (item.minute.members_commented, item.minute.officer_responses, item.minute.discussion):
            if text:
                parts.append(f"<p>{html.escape(text)}</p>")
    for r in item.resolutions:
        parts.append(f"<p><strong>RESOLVED:</strong> {html.escape(r.text)}</p>")
    return "".join(parts)


def get_meeting(request):
    params = _params(request)
    meeting_id = _id(params, "lmeetingid")
    if meeting_id is None:
        raise BadParameter(f"lMeetingId: {ERROR_BAD_ID}")
    record = public.public_meeting_record(request.partnership, meeting_id, with_minutes=True)
    m, minutes = record.meeting, record.minutes
    root = ET.Element("meeting")
    _meeting_fields(root, m)
    _add(root, "meetinglocation", m.venue)
    _add(root, "agendaid", m.pk)
    _add(root, "agendapublished", m.is_published)
    _add(root, "decisionpublished", minutes is not None)
    _add(root, "minutepublished", minutes is not None)
    _linked(root, [d for d in record.documents if d.item_id is None], request)
    attendees = ET.SubElement(root, "attendees")
    if minutes is not None:
        people = [(a, "Present") for a in minutes.present] + [(a, "Apologies") for a in minutes.apologies]
    else:
        # Until the minutes are signed, who attended is not public: the members serving are "Expected", as
        # Modern.gov lists them before a meeting (the body's page shows them too).
        serving = committees_public.public_members_serving(request.partnership, m.body.slug, m.date)
        people = [(a, "Expected") for a in serving]
    for a, attendance in people:
        ET.SubElement(
            attendees, "attendee", {"memberid": str(a.member_id or ""), "name": a.name, "attendance": attendance}
        )
    minute_items = {i.pk: i for i in minutes.items} if minutes is not None else {}
    items = ET.SubElement(root, "agendaitems")
    for i in record.items:
        el = ET.SubElement(items, "agendaitem")
        minute = minute_items.get(i.item_id)
        _add(el, "agendaitemid", i.item_id or "")
        _add(el, "agendaitemnumber", i.number)
        _add(el, "agendaitemtitle", i.title)
        _add(el, "minutesitemnumber", i.number if minute is not None else "")
        _add(el, "isdecision", i.is_decision)
        _add(el, "decisionpublished", bool(minute is not None and minute.resolutions))
        _add(el, "minutesnonemptyhtmlbody", _minute_html(minute))
        _linked(el, [d for d in record.documents if d.item_id == i.item_id and d.item_id], request)
    return root
