"""A Modern.gov-compatible web service, read-only and public: `/<partnership>/mgWebService.asmx/<Operation>`,
answering as Modern.gov installs do, so that the tools that read them (scrapers, democracy-data projects, the
`moderngov` client on PyPI) read a partnership moved here unchanged. Elements are lower case, dates
dd/mm/yyyy, booleans True/False; path and parameter names are matched case-insensitively.

Operations: GetCommittees, GetMeetings(lCommitteeId, sFromDate, sToDate; 0 or empty = all),
GetAllMeetingsByDate(sStartDate, sEndDate), GetMeeting(lMeetingId), GetCouncillorsByWard and
GetCommitteesByUser(lUserId). Everything comes from the public projections (committees.public, papers.public): an
exempt item appears only as its public title (and `isrestricted` True); only public documents are linked;
attendance and the minutes' text appear once the minutes are published, marked as draft until they are signed
(before then the body's serving members are listed as "Expected"). A councillor's id (`councillorid`, an
attendee's `memberid`, `lUserId`) is the person's id, the same in every operation and in the JSON API.

Every answer carries an ETag (over its bytes) and Last-Modified (when the partnership's committee records last
changed, committees.public.public_last_modified); a matching If-None-Match, or without one an If-Modified-Since
no earlier than Last-Modified, is answered 304 with no body. An unknown operation or a bad parameter is an XML
error, status 400; an unknown meeting or councillor an XML error, status 404."""

import hashlib
import html
from datetime import datetime
from xml.etree import ElementTree as ET

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag

from governance.committees import public as committees_public
from governance.papers import public
from governance.parsing import MAX_INT, parse_int

OPERATIONS = {
    "getcommittees": "GetCommittees",
    "getmeetings": "GetMeetings",
    "getallmeetingsbydate": "GetAllMeetingsByDate",
    "getmeeting": "GetMeeting",
    "getcouncillorsbyward": "GetCouncillorsByWard",
    "getcommitteesbyuser": "GetCommitteesByUser",
}
ERROR_UNKNOWN_OPERATION = "Unknown operation."
ERROR_BAD_ID = "Give a whole number."
ERROR_BAD_DATE = "Give the date as dd/mm/yyyy."
ERROR_NEED_DATE = "Give the date as dd/mm/yyyy (this operation needs it)."
ERROR_DATES_REVERSED = "The end date comes before the start date."
ERROR_NO_MEETING = "No such meeting."
ERROR_NO_COUNCILLOR = "No such councillor."
WARD_NOT_RECORDED = "{council} (ward not recorded)"
DRAFT_MINUTES_NOTE = "<p><em>Draft minutes: not yet approved by the committee.</em></p>"


class NotFound(Exception):
    pass


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


HANDLERS = {}


def _answer(request, root, *, last_modified):
    """The XML answer with its ETag and Last-Modified, or 304 when the caller already has it."""
    response = _xml(root)
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    wanted = request.headers.get("If-None-Match")
    if wanted is not None:
        fresh = etag in parse_etags(wanted) or wanted.strip() == "*"
    else:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        fresh = since is not None and last_modified is not None and int(last_modified.timestamp()) <= since
    if fresh:
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Last-Modified"):
            if response.has_header(header):
                not_modified[header] = response[header]
        return not_modified
    return response


def service(request, partnership, operation=None):
    last_modified = committees_public.public_last_modified(request.partnership)
    if operation is None:
        root = ET.Element("operations")
        for name in OPERATIONS.values():
            op = ET.SubElement(root, "operation")
            _add(op, "name", name)
            _add(op, "url", request.build_absolute_uri(f"{request.path.rstrip('/')}/{name}"))
        return _answer(request, root, last_modified=last_modified)
    name = OPERATIONS.get(operation.lower())
    if name is None:
        return _error(ERROR_UNKNOWN_OPERATION)
    try:
        if name == "GetMeeting":
            root, meeting_id = get_meeting(request)
            last_modified = committees_public.public_last_modified(request.partnership, meeting_id=meeting_id)
        else:
            root = HANDLERS[name](request)
    except BadParameter as error:
        return _error(str(error))
    except Http404:
        return _error(ERROR_NO_MEETING, status=404)
    except NotFound as error:
        return _error(str(error), status=404)
    return _answer(request, root, last_modified=last_modified)


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
    meeting_pk = record.meeting.pk
    m, minutes = record.meeting, record.minutes
    root = ET.Element("meeting")
    _meeting_fields(root, m)
    _add(root, "meetinglocation", m.venue)
    _add(root, "agendaid", m.pk)
    _add(root, "agendapublished", m.is_published)
    _add(root, "decisionpublished", minutes is not None)
    _add(root, "minutepublished", minutes is not None)
    # Draft minutes (published before the committee approves them) say so, here and in each item's minutes.
    _add(root, "minutesdraft", minutes is not None and minutes.is_draft)
    _linked(root, [d for d in record.documents if d.item_id is None], request)
    attendees = ET.SubElement(root, "attendees")
    if minutes is not None:
        sent = {a.substitute_for for a in minutes.present if a.substitute_for}
        people = (
            [(a, "Present as substitute" if a.substitute_for else "Present") for a in minutes.present]
            + [
                (a, "Apologies, sent substitute" if a.name in sent else "Apologies")
                for a in minutes.apologies
            ]
            + [(a, "Absent") for a in minutes.absent]
        )
    else:
        # Until the minutes are signed, who attended is not public: the members serving are "Expected", as
        # Modern.gov lists them before a meeting (the body's page shows them too).
        serving = committees_public.public_members_serving(request.partnership, m.body.slug, m.date)
        people = [(a, "Expected") for a in serving]
    for a, attendance in people:
        ET.SubElement(
            attendees,
            "attendee",
            {"memberid": str(a.person_id or a.member_id or ""), "name": a.name, "attendance": attendance},
        )
    minute_items = {i.pk: i for i in minutes.items} if minutes is not None else {}
    items = ET.SubElement(root, "agendaitems")
    for i in record.items:
        el = ET.SubElement(items, "agendaitem")
        minute = minute_items.get(i.item_id)
        _add(el, "agendaitemid", i.item_id or "")
        _add(el, "agendaitemnumber", i.number)
        _add(el, "agendaitemtitle", i.title)
        _add(el, "isrestricted", bool(i.is_exempt))
        _add(el, "minutesitemnumber", i.number if minute is not None else "")
        _add(el, "isdecision", i.is_decision)
        _add(el, "decisionpublished", bool(minute is not None and minute.resolutions))
        body = _minute_html(minute)
        _add(el, "minutesnonemptyhtmlbody", DRAFT_MINUTES_NOTE + body if body and minutes.is_draft else body)
        _linked(el, [d for d in record.documents if d.item_id == i.item_id and d.item_id], request)
    return root, meeting_pk


def _required_date(params, name):
    value = _date_param(params, name.lower())
    if value is None:
        raise BadParameter(f"{name}: {ERROR_NEED_DATE}")
    return value


def get_all_meetings_by_date(request):
    """Every public meeting of the partnership between two dates (both needed, inclusive), oldest first, each
    with its committee."""
    params = _params(request)
    first, last = _required_date(params, "sStartDate"), _required_date(params, "sEndDate")
    if last < first:
        raise BadParameter(f"sEndDate: {ERROR_DATES_REVERSED}")
    bodies = {b.slug: b for b in committees_public.public_bodies(request.partnership)}
    qs = committees_public.public_meeting_queryset(request.partnership).filter(
        date__gte=first, date__lte=last
    )
    root = ET.Element("meetings")
    for m in committees_public.meetings_view(qs):
        el = ET.SubElement(root, "meeting")
        _meeting_fields(el, m)
        _add(el, "meetinglocation", m.venue)
        _add(el, "committeeid", bodies[m.body.slug].pk)
        _add(el, "committeetitle", m.body.name)
    return root


def _terms(parent, terms):
    wrap = ET.SubElement(parent, "termsofoffice")
    for t in terms:
        term = ET.SubElement(wrap, "termofoffice")
        _add(term, "startdate", _date(t.start))
        _add(term, "enddate", _date(t.end))
        _add(term, "committeetitle", t.body.name)
        _add(term, "role", t.role)
    return wrap


def get_councillors_by_ward(request):
    """Everyone sitting on the partnership's bodies today, by their council's ward (a ward not recorded is the
    council's own group), with their seats here as terms of office."""
    root = ET.Element("councillorsbyward")
    wards = ET.SubElement(root, "wards")
    for (council, ward), councillors in committees_public.councillors_by_ward(
        request.partnership, timezone.localdate()
    ):
        el = ET.SubElement(wards, "ward")
        _add(el, "wardtitle", ward or WARD_NOT_RECORDED.format(council=council.name))
        listing = ET.SubElement(el, "councillors")
        for c in councillors:
            p = c.person
            councillor = ET.SubElement(listing, "councillor")
            _add(councillor, "councillorid", p.pk)
            _add(councillor, "fullusername", p.full_name)
            _add(councillor, "politicalpartytitle", p.party)
            _add(councillor, "politicalgrouptitle", p.party)
            _add(councillor, "wardtitle", p.ward)
            _add(councillor, "councilname", council.name)
            _add(councillor, "email", p.email)
            _add(councillor, "registerofinterestsurl", p.interests_url)
            _terms(councillor, c.terms)
    return root


def get_committees_by_user(request):
    """The committees a councillor (lUserId: the councillorid) sits or sat on, with their role and dates."""
    params = _params(request)
    person_id = _id(params, "luserid")
    if person_id is None:
        raise BadParameter(f"lUserId: {ERROR_BAD_ID}")
    try:
        person, seats = committees_public.committees_of_person(request.partnership, person_id)
    except Http404 as error:
        raise NotFound(ERROR_NO_COUNCILLOR) from error
    root = ET.Element("committeesbyuser")
    _add(root, "councillorid", person.pk)
    _add(root, "fullusername", person.full_name)
    committees = ET.SubElement(root, "committees")
    today = timezone.localdate()
    for seat in seats:
        c = ET.SubElement(committees, "committee")
        _add(c, "committeeid", seat.body.pk)
        _add(c, "committeetitle", seat.body.name)
        _add(c, "committeecategory", seat.body.kind_display)
        _add(c, "memberrole", seat.role_display)
        _add(c, "startdate", _date(seat.start))
        _add(c, "enddate", _date(seat.end))
        _add(c, "iscurrent", seat.start <= today and (seat.end is None or seat.end >= today))
    return root


HANDLERS.update(
    {
        "GetCommittees": get_committees,
        "GetMeetings": get_meetings,
        "GetAllMeetingsByDate": get_all_meetings_by_date,
        "GetCouncillorsByWard": get_councillors_by_ward,
        "GetCommitteesByUser": get_committees_by_user,
    }
)
