"""OParl 1.1 (https://oparl.org/spezifikation/): the open standard for council information, at /oparl/v1.1/.

One `Body` per partnership; an `Organization` for each of its committees and boards and for each of its
councils; `Person` and `Membership` (onBehalfOf the council); `Meeting` with its `AgendaItem`s and `Location`;
a `Paper` for each public report and officer decision; a `File` for each public PDF; a `Consultation` linking a
report to the agenda item that considers it; a `LegislativeTerm` per municipal year.

Everything is read from the rooms' public projections (public.py): exempt and draft records never appear, not
even by id. What was public and is withdrawn (an item, a report, an appendix, a pack) stays at its URL with
`deleted: true`, and external lists carry it when asked for what changed (`modified_since`).

Ids are URLs: /oparl/v1.1/body/<partnership>/<type>/<key>/. Every object of a partnership is built from a fixed
number of queries (`Snapshot`), so a list or an object costs the same whatever the size of the partnership."""

from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from governance.calendar import municipal_year, municipal_year_label
from governance.committees.public import oparl_committees, oparl_people, person_url
from governance.delegations.public import oparl_officer_decisions
from governance.papers.public import oparl_minutes_file, oparl_papers, public_file_texts
from governance.partners.public import oparl_partnerships

LONDON = ZoneInfo("Europe/London")
SCHEMA = "https://schema.oparl.org/1.1/"
ROOT = "/oparl/v1.1/"
PAGE_SIZE = 20
# Used for created/modified only when a record has no history at all (rows written before history was kept).
EPOCH = datetime(2000, 1, 1, tzinfo=LONDON)

LIST_KINDS = (
    "organization",
    "person",
    "membership",
    "meeting",
    "agendaItem",
    "paper",
    "consultation",
    "file",
    "legislativeTerm",
    "location",
)
# Embedded ("internal") objects, left out when a client asks with omit_internal.
INTERNAL_KEYS = {
    "Meeting": ("location", "invitation", "resultsProtocol", "auxiliaryFile", "agendaItem"),
    "Paper": ("mainFile", "auxiliaryFile", "consultation"),
    "Person": ("membership",),
}
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadRequest(ValueError):
    """A malformed parameter: answered 400 with the message."""


class NotFound(LookupError):
    """No such object: answered 404 with the message."""


def stamp(value):
    return value.astimezone(LONDON).isoformat(timespec="seconds")


@dataclass
class Entry:
    """One object: its JSON (without created/modified), when it was created and last changed, and whether it
    is deleted (then only its id, type and the fields its schema requires are shown)."""

    kind: str
    key: str
    data: dict
    created: datetime
    modified: datetime
    deleted: bool = False
    required: dict = field(default_factory=dict)

    def as_json(self, *, omit_internal=False):
        times = {"created": stamp(self.created), "modified": stamp(self.modified)}
        if self.deleted:
            return {
                "id": self.data["id"],
                "type": self.data["type"],
                **self.required,
                **times,
                "deleted": True,
            }
        data = dict(self.data)
        if omit_internal:
            for key in INTERNAL_KEYS.get(data["type"].rsplit("/", 1)[-1], ()):
                data.pop(key, None)
        return {**data, **times, "deleted": False}


def parse_filters(query):
    """created_since … modified_until as aware datetimes (a time without a zone is London's); BadRequest for a
    malformed one."""
    found = {}
    for name in FILTERS:
        raw = query.get(name)
        if raw is None:
            continue
        try:
            value = parse_datetime(raw.strip().replace(" ", "+"))
        except ValueError:
            value = None
        if value is None:
            raise BadRequest(
                f"{name} must be a date and time in ISO 8601, such as 2024-05-01T00:00:00+01:00."
            )
        if timezone.is_naive(value):
            value = value.replace(tzinfo=LONDON)
        found[name] = value
    return found


def parse_page(query):
    raw = query.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 1_000_000:
        raise BadRequest("page must be a whole number from 1.")
    return int(raw)


def _keep(entry, filters):
    if entry.deleted and "modified_since" not in filters:
        return False
    checks = (
        ("created_since", entry.created, lambda v, f: v >= f),
        ("created_until", entry.created, lambda v, f: v <= f),
        ("modified_since", entry.modified, lambda v, f: v >= f),
        ("modified_until", entry.modified, lambda v, f: v <= f),
    )
    return all(check(value, filters[name]) for name, value, check in checks if name in filters)


class Snapshot:
    """Every OParl object of one partnership, built at once from the public projections (a fixed number of
    queries), by type and key."""

    def __init__(self, partnership, absolute):
        self.partnership = partnership
        self.slug = partnership.slug
        self.abs = absolute  # path -> absolute URL
        self.entries = {kind: {} for kind in LIST_KINDS}
        record = next(r for r in oparl_partnerships() if r.partnership.slug == self.slug)
        self.created = record.created or EPOCH
        self.modified = record.modified or self.created
        self.record = record
        self._terms(record)
        self._councils(record)
        committees = oparl_committees(partnership)
        self.committee_url = {b.pk: self.url("organization", f"committee-{b.pk}") for b in committees.bodies}
        self._committees(committees.bodies)
        people = oparl_people(partnership)
        self._people(people)
        self.participants = people.participants
        papers = oparl_papers(partnership)
        stored = [f for r in papers.reports for f in r.appendices] + [
            f for files in papers.meeting_files.values() for f in [files.get("invitation")] if f
        ]
        self.texts = public_file_texts(f.checksum for f in stored)
        self._papers(papers, committees)
        self._meetings(committees, papers)
        self._decisions(oparl_officer_decisions(partnership))

    # Ids ---------------------------------------------------------------------------------------------------

    def url(self, kind=None, key=None):
        path = f"{ROOT}body/{self.slug}/"
        if kind:
            path += f"{kind}/"
        if key is not None:
            path += f"{key}/"
        return self.abs(path)

    def _add(self, kind, key, data, created, modified, *, deleted=False, required=None):
        created = created or modified or self.created
        modified = max(modified or created, created)
        self.entries[kind][str(key)] = Entry(
            kind=kind,
            key=str(key),
            data={"id": self.url(kind, key), "type": SCHEMA + kind[0].upper() + kind[1:], **data},
            created=created,
            modified=modified,
            deleted=deleted,
            required=required or {},
        )
        return self.entries[kind][str(key)]

    # Builders ----------------------------------------------------------------------------------------------

    def _councils(self, record):
        self.partnership_name = record.partnership.name
        self.description = record.partnership.description
        seen = {}
        for c in record.councils:
            code = c.council.code.lower()
            if code in seen:
                first = seen[code]
                seen[code] = (
                    min(first[0], c.joined),
                    None if c.left is None or first[1] is None else max(first[1], c.left),
                    c,
                )
            else:
                seen[code] = (c.joined, c.left, c)
        self.council_url = {}
        for code, (joined, left, c) in seen.items():
            data = {
                "body": self.url(),
                "name": c.council.name,
                "shortName": c.council.code,
                "organizationType": "council",
                "classification": "Council",
                "startDate": joined.isoformat(),
            }
            if left:
                data["endDate"] = left.isoformat()
            if c.website:
                data["website"] = c.website
            entry = self._add("organization", f"council-{code}", data, c.created, c.modified)
            self.council_url[c.council.pk] = entry.data["id"]

    def _committees(self, bodies):
        for b in bodies:
            self._add(
                "organization",
                f"committee-{b.pk}",
                {
                    "body": self.url(),
                    "name": b.name,
                    "organizationType": "committee",
                    "classification": b.kind_display,
                    "web": self.abs(b.get_absolute_url),
                },
                b.created,
                b.modified,
            )

    def _people(self, people):
        memberships = {}
        for s in people.seats:
            seat = s.seat
            if seat.person_id is None or s.body_id not in self.committee_url:
                continue
            data = {
                "person": self.url("person", seat.person_id),
                "organization": self.committee_url[s.body_id],
                "role": seat.get_kind_display,
                "votingRight": seat.kind != "substitute",
                "startDate": seat.start.isoformat(),
            }
            if seat.end:
                data["endDate"] = seat.end.isoformat()
            if seat.council and seat.council.pk in self.council_url:
                data["onBehalfOf"] = self.council_url[seat.council.pk]
            entry = self._add("membership", seat.pk, data, s.created, s.modified)
            memberships.setdefault(seat.person_id, []).append(entry)
            organization = self.entries["organization"][f"committee-{s.body_id}"]
            organization.data.setdefault("membership", []).append(entry.data["id"])
        for person, created, modified in people.people:
            given, _, family = person.name.rpartition(" ")
            seats = memberships.get(person.pk, [])
            data = {
                "body": self.url(),
                "name": person.full_name,
                "familyName": family or person.name,
                "givenName": given or person.name,
                "status": [person.get_kind_display],
                "membership": [m.as_json() for m in seats],
                "web": self.abs(person_url(self.slug, person.pk)),
            }
            if person.title:
                data["formOfAddress"] = person.title
            if person.email:
                data["email"] = [person.email]
            if person.party:
                data["keyword"] = [person.party]
            changed = [modified, *(m.modified for m in seats)]
            self._add(
                "person", person.pk, data, created, max(c for c in changed if c) if any(changed) else None
            )

    def _file(self, f, *, meeting_url=None, paper_url=None):
        data = {
            "name": f.name,
            "fileName": f.file_name,
            "mimeType": "application/pdf",
            "accessUrl": self.abs(f.url),
        }
        if f.on:
            data["date"] = f.on.isoformat()
        if f.size is not None:
            data["size"] = f.size
        if f.sha1:
            data["sha1Checksum"] = f.sha1
        if self.texts.get(f.checksum):
            data["text"] = self.texts[f.checksum]
        if meeting_url:
            data["meeting"] = [meeting_url]
        if (
            f.item_id
            and str(f.item_id) in self.entries["agendaItem"]
            and not self.entries["agendaItem"][str(f.item_id)].deleted
        ):
            data["agendaItem"] = [self.url("agendaItem", f.item_id)]
        if paper_url:
            data["paper"] = [paper_url]
        return self._add(
            "file",
            f.key,
            data,
            f.created,
            f.modified,
            deleted=f.deleted,
            required={"accessUrl": self.abs(f.url)},
        )

    def _papers(self, papers, committees):
        # Agenda items first: papers and files point at them.
        meeting_url = {m.meeting.pk: self.url("meeting", m.meeting.pk) for m in committees.meetings}
        self.items_of = {}
        for m in committees.meetings:
            for i in m.items:
                data = {
                    "meeting": meeting_url[m.meeting.pk],
                    "number": str(i.number),
                    "order": i.number,
                    "name": i.title,
                    "public": True,
                    "web": self.abs(m.meeting.get_absolute_url),
                }
                if i.resolution_text:
                    data["resolutionText"] = i.resolution_text
                entry = self._add(
                    "agendaItem",
                    i.item_id,
                    data,
                    i.created,
                    i.modified,
                    deleted=i.deleted,
                    required={"order": i.number},
                )
                self.items_of.setdefault(m.meeting.pk, []).append(entry)
        self.reports_of_meeting = {}
        for r in papers.reports:
            paper_url = self.url("paper", f"report-{r.pk}")
            main = self._file(r.main_file, meeting_url=meeting_url.get(r.meeting_id), paper_url=paper_url)
            appendices = [
                self._file(a, meeting_url=meeting_url.get(r.meeting_id), paper_url=paper_url)
                for a in r.appendices
            ]
            organization = [self.committee_url[r.body_id]] if r.body_id in self.committee_url else []
            consultation = self._add(
                "consultation",
                f"report-{r.pk}",
                {
                    "paper": paper_url,
                    "agendaItem": self.url("agendaItem", r.item_id),
                    "meeting": meeting_url.get(r.meeting_id),
                    "organization": organization,
                    "authoritative": r.is_decision,
                    "role": "Decision" if r.is_decision else "For information",
                },
                r.created,
                r.modified,
                deleted=r.deleted,
            )
            item = self.entries["agendaItem"].get(str(r.item_id))
            if item is not None and not r.deleted:
                item.data["consultation"] = consultation.data["id"]
            data = {
                "body": self.url(),
                "name": r.title,
                "reference": f"{self.slug}/report/{r.pk}",
                "date": r.date.isoformat(),
                "paperType": "Report",
                "mainFile": main.as_json(),
                "auxiliaryFile": [a.as_json() for a in appendices if not a.deleted],
                "underDirectionOf": organization,
                "consultation": [consultation.as_json()],
                "web": self.abs(f"/{self.slug}/meetings/{r.meeting_id}/items/{r.item_id}/report/"),
            }
            self._add("paper", f"report-{r.pk}", data, r.created, r.modified, deleted=r.deleted)
            if not r.deleted:
                self.reports_of_meeting.setdefault(r.meeting_id, []).append(r)
        for f in papers.deleted_files:
            self._file(f, meeting_url=meeting_url.get(f.meeting_id))

    def _meetings(self, committees, papers):
        for m in committees.meetings:
            pm = m.meeting
            url = self.url("meeting", pm.pk)
            files = papers.meeting_files.get(pm.pk, {})
            modified = max(
                [m.modified or self.created]
                + [e.modified for e in self.items_of.get(pm.pk, [])]
                + [r.modified for r in self.reports_of_meeting.get(pm.pk, []) if r.modified]
                + [
                    f.modified
                    for f in [files.get("invitation"), *files.get("auxiliary", [])]
                    if f and f.modified
                ]
            )
            location = self._add(
                "location",
                pm.pk,
                {"description": pm.venue, "meetings": [url]},
                m.created,
                m.modified,
            )
            start = datetime.combine(pm.date, pm.start_time or time(0), tzinfo=LONDON)
            data = {
                "name": str(pm),
                "meetingState": pm.get_status_display,
                "cancelled": False,
                "start": stamp(start),
                "location": location.as_json(),
                "organization": [self.committee_url[m.body_id]],
                "participant": [
                    self.url("person", pk)
                    for pk in self.participants.get(pm.pk, [])
                    if str(pk) in self.entries["person"]
                ],
                "agendaItem": [e.as_json() for e in self.items_of.get(pm.pk, []) if not e.deleted],
                "web": self.abs(pm.get_absolute_url),
            }
            if pm.end_time:
                data["end"] = stamp(datetime.combine(pm.date, pm.end_time, tzinfo=LONDON))
            if files.get("invitation"):
                data["invitation"] = self._file(files["invitation"], meeting_url=url).as_json()
            if m.minutes_public:
                minutes = oparl_minutes_file(self.slug, pm, created=m.modified, modified=m.modified)
                data["resultsProtocol"] = self._file(minutes, meeting_url=url).as_json()
            auxiliary = [self._file(f, meeting_url=url).as_json() for f in files.get("auxiliary", [])]
            if auxiliary:
                data["auxiliaryFile"] = auxiliary
            self._add("meeting", pm.pk, data, m.created, modified)

    def _decisions(self, decisions):
        for d in decisions:
            data = {
                "body": self.url(),
                "name": d.title,
                "reference": f"{self.slug}/officer-decision/{d.pk}",
                "date": d.decided_on.isoformat(),
                "paperType": "Officer decision",
                "web": self.abs(d.get_absolute_url),
            }
            if d.body_id in self.committee_url:
                data["underDirectionOf"] = [self.committee_url[d.body_id]]
            self._add("paper", f"decision-{d.pk}", data, d.created, d.modified)

    def _terms(self, record):
        for start, end in terms_of(record):
            self._add(
                "legislativeTerm",
                start.year,
                {
                    "body": self.url(),
                    "name": f"Municipal year {municipal_year_label(start)}",
                    "startDate": start.isoformat(),
                    "endDate": end.isoformat(),
                },
                self.created,
                self.modified,
            )

    # Reading -----------------------------------------------------------------------------------------------

    def get(self, kind, key):
        if kind not in self.entries:
            raise NotFound(f"OParl has no object type {kind!r} here.")
        entry = self.entries[kind].get(key)
        if entry is None:
            raise NotFound(f"No {kind} {key!r} in {self.slug}.")
        return entry

    def listing(self, kind, filters):
        if kind not in self.entries:
            raise NotFound(f"OParl has no list {kind!r} here.")
        return sorted(
            (e for e in self.entries[kind].values() if _keep(e, filters)),
            key=lambda e: (e.created, e.key),
        )


def page_of(entries, *, page, list_url, query, omit_internal):
    """An external list page: data, pagination and links (the filters carried into every link). NotFound for a
    page past the end (the first page of an empty list is an empty page)."""
    from urllib.parse import urlencode

    total = len(entries)
    pages = max(1, -(-total // PAGE_SIZE))
    if page > pages:
        raise NotFound(f"There are {pages} pages.")
    kept = {k: v for k, v in query.items() if k in FILTERS or k == "omit_internal"}

    def link(n):
        return list_url + "?" + urlencode({**kept, "page": n})

    links = {"first": link(1), "last": link(pages), "self": link(page)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    chunk = entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return {
        "data": [e.as_json(omit_internal=omit_internal) for e in chunk],
        "pagination": {
            "totalElements": total,
            "elementsPerPage": PAGE_SIZE,
            "currentPage": page,
            "totalPages": pages,
        },
        "links": links,
    }


def system_json(absolute):
    """The System: its created and modified are the earliest and latest of its bodies'."""
    records = oparl_partnerships()
    created = min((r.created for r in records if r.created), default=EPOCH)
    modified = max((r.modified for r in records if r.modified), default=created)
    return {
        "id": absolute(ROOT),
        "type": SCHEMA + "System",
        "oparlVersion": "https://schema.oparl.org/1.1/",
        "name": "Shared service governance",
        "body": absolute(ROOT + "body/"),
        "website": absolute("/"),
        "web": absolute("/"),
        "created": stamp(created),
        "modified": stamp(max(modified, created)),
        "deleted": False,
    }


def terms_of(record):
    """The municipal years (start, end) from the partnership's start to the one after today's."""
    today = timezone.localdate()
    start = municipal_year(record.partnership.start_date or today)[0]
    last = municipal_year(today)[0].replace(year=municipal_year(today)[0].year + 1)
    years = []
    while start <= last:
        years.append(municipal_year(start))
        start = start.replace(year=start.year + 1)
    return years


def body_json(record, absolute):
    """A partnership as an OParl Body (from its oparl_partnerships record: no query)."""
    slug = record.partnership.slug
    created = record.created or EPOCH
    modified = max(record.modified or created, created)
    base = f"{ROOT}body/{slug}/"
    terms = [
        {
            "id": absolute(f"{base}legislativeTerm/{start.year}/"),
            "type": SCHEMA + "LegislativeTerm",
            "body": absolute(base),
            "name": f"Municipal year {municipal_year_label(start)}",
            "startDate": start.isoformat(),
            "endDate": end.isoformat(),
            "created": stamp(created),
            "modified": stamp(modified),
            "deleted": False,
        }
        for start, end in terms_of(record)
    ]
    return {
        "id": absolute(base),
        "type": SCHEMA + "Body",
        "system": absolute(ROOT),
        "shortName": slug,
        "name": record.partnership.name,
        "website": absolute(f"/{slug}/"),
        "classification": "Shared service partnership",
        "organization": absolute(base + "organization/"),
        "person": absolute(base + "person/"),
        "meeting": absolute(base + "meeting/"),
        "paper": absolute(base + "paper/"),
        "legislativeTerm": terms,
        "agendaItem": absolute(base + "agendaItem/"),
        "consultation": absolute(base + "consultation/"),
        "file": absolute(base + "file/"),
        "locationList": absolute(base + "location/"),
        "legislativeTermList": absolute(base + "legislativeTerm/"),
        "membership": absolute(base + "membership/"),
        "web": absolute(f"/{slug}/"),
        "created": stamp(created),
        "modified": stamp(modified),
        "deleted": False,
    }


def bodies_json(absolute, filters, page, query, omit_internal):
    entries = []
    for record in oparl_partnerships():
        created = record.created or EPOCH
        entries.append(_BodyEntry(record, absolute, created, max(record.modified or created, created)))
    entries = [e for e in entries if _keep(e, filters)]
    return page_of(
        entries, page=page, list_url=absolute(ROOT + "body/"), query=query, omit_internal=omit_internal
    )


@dataclass
class _BodyEntry:
    record: object
    absolute: object
    created: datetime
    modified: datetime
    deleted: bool = False

    def as_json(self, *, omit_internal=False):
        return body_json(self.record, self.absolute)


__all__ = [
    "BadRequest",
    "NotFound",
    "Snapshot",
    "body_json",
    "bodies_json",
    "page_of",
    "parse_filters",
    "parse_page",
    "system_json",
]
