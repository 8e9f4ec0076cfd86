"""Demo data for governance, from fixtures/demo/governance.json (taken from the two seed documents).
Idempotent: running it again changes nothing that is already as the fixture says."""

import json
import re
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from governance.calendar import is_working_day, latest_publication_date
from governance.committees.models import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    ChairAppointment,
    Meeting,
    MinuteEntry,
    PublishedAgenda,
    PublishedItem,
    Resolution,
    TermsOfReference,
)
from governance.committees.services import (
    agenda_item_add,
    meeting_create,
    numbered,
    previous_held_meeting,
    public_copy,
    standard_items_for,
)
from governance.delegations.models import (
    DecisionRule,
    Delegation,
    ExecutiveDecision,
    ForwardPlanEntry,
    Office,
    OfficerDecision,
)
from governance.delegations.services import (
    failures,
    forward_plan_entry_create_from_item,
    officer_decision_save,
    officer_decision_take,
)
from governance.papers import services as papers_services
from governance.papers.models import Appendix, Report
from governance.papers.services import pack_build, report_save
from governance.partners.models import Council, HostAuthority, Membership, Partnership, Person, RoleAssignment
from governance.partners.people_matching import split_name
from governance.partners.services import person_named
from governance.portfolio import demo as portfolio_demo

DEMO_PASSWORD = "demo-pass-2026"
FIXTURE = settings.BASE_DIR / "fixtures" / "demo" / "governance.json"


# The fixtures and this module note where each fact came from in the seed documents ("(D1 L782)", "(seed D1
# L3391)", "(L801)", "…, D1 L242)"): provenance for whoever loads the data, kept here and in the fixtures, never in
# a council's record. public_text() takes them out of every text that a page, feed, document or the change
# history shows; a note that a value is the demo's own goes in an officers-only field (`officer_note`).
SOURCE_REF = re.compile(r"\s*\((?:seed\s+)?(?:D\d\s+)?L\d[^)]*\)|,\s*(?:seed\s+)?D\d\s+L\d[^)]*(?=\))")


def public_text(text):
    return SOURCE_REF.sub("", text) if text else text


def _save_if_changed(model, lookup, values):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    elif all(getattr(obj, k) == v for k, v in values.items()):
        return obj
    for k, v in values.items():
        setattr(obj, k, v)
    obj.full_clean()
    obj.save()
    return obj


def load(stdout=None):
    data = json.loads(FIXTURE.read_text())
    councils = {}
    for c in data["councils"]:
        code = c.pop("code")
        councils[code] = _save_if_changed(Council, {"code": code}, c)
    partnerships = {}
    for p in data["partnerships"]:
        p = dict(p)
        members, hosts = p.pop("members"), p.pop("hosts")
        p["start_date"] = date.fromisoformat(p["start_date"])
        slug = p.pop("slug")
        partnership = _save_if_changed(Partnership, {"slug": slug}, p)
        partnerships[slug] = partnership
        for code, joined in members:
            _save_if_changed(
                Membership,
                {"partnership": partnership, "council": councils[code], "joined": date.fromisoformat(joined)},
                {},
            )
        for code, start in hosts:
            _save_if_changed(
                HostAuthority,
                {"partnership": partnership, "start": date.fromisoformat(start)},
                {"council": councils[code]},
            )
    User = get_user_model()
    for u in data["users"]:
        user, created = User.objects.get_or_create(username=u["username"])
        superuser = u.get("superuser", False)
        changed = created or (user.first_name, user.last_name, user.is_superuser) != (
            u["first_name"],
            u["last_name"],
            superuser,
        )
        if changed:
            user.first_name, user.last_name = u["first_name"], u["last_name"]
            user.is_superuser = user.is_staff = superuser
            user.email = f"{u['username']}@example.org"
            user.set_password(DEMO_PASSWORD)
            user.save()
        for role, slug, code in u["roles"]:
            lookup = {
                "user": user,
                "role": role,
                "partnership": partnerships.get(slug),
                "council": councils.get(code),
            }
            if not RoleAssignment.objects.filter(**lookup).exists():
                assignment = RoleAssignment(**lookup)
                assignment.full_clean()
                assignment.save()
    if stdout:
        stdout.write(
            f"Governance: {len(councils)} councils, {len(partnerships)} partnerships, {len(data['users'])} demo users."
        )
    load_committees(stdout)
    load_reports(stdout)
    load_delegations(stdout)
    load_officer_decisions(stdout)
    load_executive_decisions(stdout)
    portfolio_demo.load(stdout)  # the portfolio room's block (governance/portfolio/demo.py)
    return {"partnerships": partnerships, "councils": councils}


def demo_logins():
    data = json.loads(FIXTURE.read_text())
    return [
        (u["username"], ", ".join(dict.fromkeys(r[0].replace("_", " ") for r in u["roles"])))
        for u in data["users"]
    ]


COMMITTEES = settings.BASE_DIR / "fixtures" / "demo" / "committees.json"


def _person(council, printed):
    """The council's person printed so, made when there is none. The seed names each member and their council
    only: ward, party and e-mail are left blank rather than guessed."""
    person = person_named(council, printed)
    if person is None:
        title, name = split_name(printed)
        person = Person(council=council, title=title, name=name)
        person.full_clean()
        person.save()
    return person


def load_committees(stdout=None):
    """Bodies, members, the meetings of 19 June 2017 (with its minutes) and 30 October 2017 (its agenda as
    issued), from fixtures/demo/committees.json. A meeting already present is left as it is."""

    data = json.loads(COMMITTEES.read_text())
    partnership = Partnership.objects.get(slug=data["partnership"])
    councils = {c.code: c for c in Council.objects.all()}
    bodies, members = {}, {}
    for b in data["bodies"]:
        b = dict(b)
        terms, people = b.pop("terms"), b.pop("members")
        slug = b.pop("slug")
        body = _save_if_changed(Body, {"partnership": partnership, "slug": slug}, b)
        bodies[slug] = body
        for t in terms:
            t = dict(t)
            version = t.pop("version")
            t["effective_from"] = date.fromisoformat(t["effective_from"])
            t["text"], t["approved_by"] = public_text(t["text"]), public_text(t.get("approved_by", ""))
            _save_if_changed(TermsOfReference, {"body": body, "version": version}, t)
        for name, code, kind, start, end in people:
            members[name] = _save_if_changed(
                BodyMember,
                {"body": body, "name": name, "start": date.fromisoformat(start)},
                {
                    "person": _person(councils[code], name),
                    "council": councils[code],
                    "kind": kind,
                    "end": date.fromisoformat(end) if end else None,
                },
            )
    created = 0
    previous = None
    for m in data["meetings"]:
        body = bodies[m["body"]]
        day = date.fromisoformat(m["date"])
        meeting = Meeting.objects.filter(body=body, date=day).first()
        if meeting is not None:
            previous = meeting
            continue
        created += 1
        meeting = Meeting(
            body=body,
            date=day,
            start_time=m["start_time"],
            end_time=m.get("end_time"),
            venue=m["venue"],
            status=m["status"],
            deputation_deadline=date.fromisoformat(m["deputation_deadline"])
            if m.get("deputation_deadline")
            else None,
            issue_date=date.fromisoformat(m["issue_date"]) if m.get("issue_date") else None,
            chair_council=councils.get(m.get("chair_council")),
            contact_name=m["contact_name"],
            contact_email=m["contact_email"],
            contact_phone=m["contact_phone"],
        )
        meeting.full_clean()
        meeting.save()
        if previous is not None and previous.next_meeting_id is None:
            previous.next_meeting = meeting
            previous.save()
        previous = meeting
        specs = m["items"] or [
            {"standard": s, "title": t, "description": d} for s, t, d in standard_items_for(meeting)
        ]
        items = []
        for position, spec in enumerate(specs, start=1):
            pages = spec.get("pages") or [None, None]
            item = AgendaItem(
                meeting=meeting,
                position=position,
                standard=spec.get("standard", ""),
                title=spec["title"],
                description=spec.get("description", ""),
                report_of=spec.get("report_of", ""),
                page_from=pages[0],
                page_to=pages[1],
                wards=spec.get("wards", ""),
                is_decision=spec.get("is_decision", False),
                is_key_decision=spec.get("is_key_decision", False),
            )
            if item.standard == AgendaItem.Standard.MINUTES:
                item.minutes_of = previous_held_meeting(meeting)  # the one meeting it approves
            item.full_clean()
            item.save()
            items.append(item)
            if any(k in spec for k in ("members_commented", "officer_responses", "discussion")):
                MinuteEntry.objects.create(
                    item=item,
                    members_commented="\n".join(spec.get("members_commented", [])),
                    officer_responses="\n".join(spec.get("officer_responses", [])),
                    discussion=spec.get("discussion", ""),
                )
            for a in spec.get("actions", []):
                Action.objects.create(item=item, text=a["text"], owner=a["owner"])
            for r in spec.get("resolutions", []):
                resolution = Resolution.objects.create(
                    item=item, meeting=meeting, clauses="\n".join(r["clauses"]), reasons=r.get("reasons", "")
                )
                resolution.councils.set(partnership.councils_on(day))
        for name, status, is_chair in m.get("attendance", []):
            Attendance.objects.create(meeting=meeting, member=members[name], status=status, is_chair=is_chair)
            if is_chair:
                ChairAppointment.objects.create(
                    body=body,
                    member=members[name],
                    start=day,
                    end=day,
                    appointed_at=meeting,
                    for_meeting_only=True,
                )
        if meeting.status != Meeting.Status.DRAFT:
            issued = meeting.issue_date or latest_publication_date(day)
            if meeting.issue_date is None:
                meeting.issue_date = issued
                meeting.save()
            publication = PublishedAgenda.objects.create(
                meeting=meeting, number=0, issued_on=issued, agenda_version=0
            )
            PublishedItem.objects.bulk_create([public_copy(publication, i) for i in numbered(items)])
    if stdout:
        stdout.write(f"Committees: {len(bodies)} bodies, {created} meetings added.")
    return bodies


# Reports for the meeting of 30 October 2017, whole, with the seed's own text: Markdown files in
# fixtures/demo/2017-10-30/, one a report or appendix, written by scripts/extract_seed_pack.py from the seed.
PACK_2017 = settings.BASE_DIR / "fixtures" / "demo" / "2017-10-30"
# The report's text sections (papers' own list, less the fields a report file does not carry).
REPORT_FIELDS = set(papers_services.REPORT_FIELDS) - {
    "title",
    "report_of",
    "author_name",
    "submitted_to",
    "date",
}
_SECTION = re.compile(r"^## (\w+)\n", re.MULTILINE)


def read_markdown_file(path):
    """A fixture file: its header (`key: value` lines between `---` lines) and the text after it, as
    {"header": {...}, "body": text, "sections": {field: text}}."""
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    header = dict(line.split(": ", 1) for line in head.strip().splitlines())
    parts = _SECTION.split(body)
    sections = {
        name: value.strip()
        for name, value in zip(parts[1::2], parts[2::2], strict=True)
        if name in REPORT_FIELDS
    }
    return {"header": header, "body": body.strip() + "\n", "sections": sections}


def demo_reports():
    """The reports and their appendices, in agenda order: [(header, sections, [(position, title, text)])]."""
    reports = []
    for path in sorted(PACK_2017.glob("*.md")):
        if "-appendix-" in path.stem:
            continue
        data = read_markdown_file(path)
        appendices = []
        for a in sorted(PACK_2017.glob(f"{path.stem}-appendix-*.md")):
            appendix = read_markdown_file(a)
            appendices.append(
                (int(appendix["header"]["position"]), appendix["header"]["title"], appendix["body"])
            )
        reports.append((data["header"], data["sections"], sorted(appendices)))
    return reports


def load_reports(stdout=None):
    """The reports for the items of the meeting of 30 October 2017 and their appendices, as the seed prints
    them (signed off on 19 October 2017). A report that differs from its file is brought into line."""

    meeting = Meeting.objects.filter(
        body__slug="shared-digital-joint-committee", date=date(2017, 10, 30)
    ).first()
    if meeting is None:
        return 0
    body = Body.objects.get(pk=meeting.body_id)
    loaded = appendices = 0
    for header, sections, annexes in demo_reports():
        item = meeting.items.filter(title=header["item"]).first()
        if item is None:
            continue
        values = {
            "title": header["title"],
            "report_of": header["report_of"],
            "author_name": header["author_name"],
            "submitted_to": body,
            "date": meeting.date,
            # The seed's reports were signed by their author, for the office named as reporting.
            "signed_by": header["author_name"] if header.get("signed_on") else "",
            "signed_role": header["report_of"] if header.get("signed_on") else "",
            "signed_on": date.fromisoformat(header["signed_on"]) if header.get("signed_on") else None,
            **{field: sections.get(field, "") for field in REPORT_FIELDS},
        }
        report = _save_if_changed(Report, {"item": item}, values)
        loaded += 1
        for position, title, text in annexes:
            # The seed's titles carry their letter ("Appendix A: …"); the app letters appendices itself.
            title = re.sub(r"^Appendix [A-Z]{1,2}:\s*", "", title)
            _save_if_changed(
                Appendix, {"report": report, "position": position}, {"title": title, "body": text}
            )
            appendices += 1
        Appendix.objects.filter(report=report, position__gt=len(annexes)).delete()
        if item.report_title != report.title:
            item.report_title = report.title
            item.save(update_fields=["report_title"])
    if stdout:
        stdout.write(f"Reports: {loaded} reports and {appendices} appendices of 30 October 2017.")
    return loaded


# Delegations, decision rules and the forward plan ------------------------------------------------------

SOURCE_TOR = (
    "Joint Committee terms of reference as amended in September 2017, in force for Camden and Islington from "
    "1 October 2017: the Committee agrees procurement strategies and awards contracts “where the total "
    "estimated value exceeds £2m revenue and/or £5m capital”; below, the CDIO (seed D1 L774, footnote 3 L784)."
)
SOURCE_HARINGEY_PARALLEL = (
    "Haringey Cabinet, 12 September 2017, item 60: awards “where Haringey’s contribution is estimated to be "
    "£500,000 or above, that would be taken by the Chief Digital and Information Officer on behalf of Camden "
    "and Islington, would be taken in parallel by a Cabinet Member for Haringey”, for an intermediate period "
    "(seed D1 L788–792)."
)
SOURCE_HARINGEY_KEY = (
    "Haringey’s Constitution: “a threshold of £500,000 or above where decisions to award contracts or "
    "expenditure on a service would be a key decision” (seed D1 L788); two or more wards: 2012 Regulations, "
    "regulation 8."
)
ASSUMED_THRESHOLD = (
    "Demo value: the seed does not give this council’s key-decision threshold (it says only that the partners’ "
    "thresholds differ, D1 L823). Check the council’s constitution and edit this rule."
)
SOURCE_CONSTITUTION = "The council’s constitution: key decisions."


def load_delegations(stdout=None):
    """The CDIO office, the councils' and the partnership's decision rules, the June 2017 delegations to the
    CDIO and the forward-plan entries for the key decisions of 30 October 2017. Idempotent."""

    partnership = Partnership.objects.get(slug="shared-digital")
    councils = {c.code: c for c in Council.objects.all()}
    cdio = _save_if_changed(
        Office,
        {"partnership": partnership, "name": "Chief Digital and Information Officer"},
        {"short_name": "CDIO"},
    )
    rules = [
        (
            "routing",
            None,
            "2000000.00",
            "5000000.00",
            False,
            0,
            "the Shared Digital Joint Committee",
            SOURCE_TOR,
            "2017-10-01",
        ),
        (
            "parallel_decision",
            "LBH",
            "500000.00",
            None,
            True,
            0,
            "a Cabinet Member for Haringey",
            SOURCE_HARINGEY_PARALLEL,
            "2017-09-12",
        ),
        ("key_decision", "LBH", "500000.00", None, True, 2, "", SOURCE_HARINGEY_KEY, "2017-04-01"),
        ("key_decision", "LBC", "1000000.00", None, True, 2, "", SOURCE_CONSTITUTION, "2017-04-01"),
        ("key_decision", "LBI", "1000000.00", None, True, 2, "", SOURCE_CONSTITUTION, "2017-04-01"),
    ]
    assumed = {"LBC", "LBI"}  # thresholds the demo had to assume: said in the officers' note
    for kind, code, amount, capital, inclusive, wards, maker, source, start in rules:
        _save_if_changed(
            DecisionRule,
            {
                "partnership": partnership,
                "kind": kind,
                "council": councils.get(code),
                "effective_from": date.fromisoformat(start),
            },
            {
                "amount": Decimal(amount),
                "capital_amount": Decimal(capital) if capital else None,
                "inclusive": inclusive,
                "wards": wards,
                "decision_maker": maker,
                "source": public_text(source),
                "officer_note": ASSUMED_THRESHOLD if kind == "key_decision" and code in assumed else "",
            },
        )

    def resolution_on(title):
        return Resolution.objects.filter(meeting__body__partnership=partnership, item__title=title).first()

    board = Body.objects.filter(partnership=partnership, slug="shared-digital-management-board").first()
    single_supplier = (
        "Through a single supplier. “The delegation shall cover the implementation of the strategy and the "
        "award of the contract itself.” (Joint Committee, 19 June 2017)"
    )
    delegations = [
        (
            "Mobile devices, calls and data: procure through a single supplier and award a contract",
            {
                "granted_by": resolution_on("Shared Digital Mobile Phones/Devices Procurement Strategy"),
                "to_office": cdio,
                "subjects": ["procurement_strategy", "contract_award"],
                "conditions": single_supplier,
                "effective_from": date(2017, 6, 19),
            },
        ),
        (
            "Multi-functional devices (MFDs) and print room services: procure through a single supplier and award a contract",
            {
                "granted_by": resolution_on(
                    "Shared Digital Multi-Functional Devices (MFD's) and Printroom Services Procurement Strategy"
                ),
                "to_office": cdio,
                "subjects": ["procurement_strategy", "contract_award"],
                "conditions": single_supplier,
                "effective_from": date(2017, 6, 19),
            },
        ),
        (
            "Procurement strategies and contract awards at or below £2m revenue and £5m capital",
            {
                "granted_by_text": "Joint Committee terms of reference, amended September 2017",
                "to_office": cdio,
                "subjects": ["procurement_strategy", "contract_award", "contract_extension"],
                "conditions": "Above £2m revenue or £5m capital the Joint Committee decides. For Haringey, awards "
                "where its contribution is £500,000 or above need a parallel Cabinet Member decision.",
                "effective_from": date(2017, 10, 1),
            },
        ),
    ]
    if board is not None:
        delegations.append(
            (
                "Strategic management: the business plan and the resources for the key priorities",
                {
                    "granted_by_text": "Legal agreement, Management Board terms of reference",
                    "to_body": board,
                    "subjects": ["other", "budget_virement"],
                    "conditions": "Within the budget the Joint Committee approves.",
                    "effective_from": date(2017, 7, 1),
                },
            )
        )
    for title, values in delegations:
        _save_if_changed(Delegation, {"partnership": partnership, "title": title}, values)

    def item(title):
        return AgendaItem.objects.filter(
            meeting__body__partnership=partnership, meeting__date=date(2017, 10, 30), title=title
        ).first()

    entries = [
        (
            "SD/2017/01",
            {
                "title": "Network service transformation: a single shared wide area network and its procurement "
                "strategy (CCS framework RM1045)",
                "decision_maker": "Shared Digital Joint Committee",
                "decision_due": date(2017, 10, 30),
                "published_on": date(2017, 9, 29),
                "documents": "Report of the Chief Digital and Information Officer, Network Services "
                "Transformation, 19 October 2017",
                "agenda_item": item("Network Service Transformation"),
            },
        ),
        (
            "SD/2017/02",
            {
                "title": "Adult social care and children’s services case management systems: co-terminus "
                "contracts to July 2020 and delegation of the awards to the CDIO",
                "decision_maker": "Shared Digital Joint Committee",
                "decision_due": date(2017, 10, 30),
                "published_on": date(2017, 9, 29),
                "documents": "Report of the Chief Digital and Information Officer, Review of Adult Social Care "
                "and Children's Services Case Management System Provision, 19 October 2017",
                "agenda_item": item(
                    "Review of Adult Social Care and Children's Services Case Management System Provision"
                ),
            },
        ),
        (
            "SD/2017/03",
            {
                "title": "Shared Digital governance model: a 'lean' Joint Committee with Camden as host "
                "authority, recommended to the Cabinets/ Executives",
                "decision_maker": "Shared Digital Joint Committee, recommending to the Cabinets/ Executives",
                "decision_due": date(2017, 10, 30),
                "published_on": date(2017, 9, 29),
                "documents": "Report of the Chief Digital and Information Officer, Shared Digital Governance "
                "Model Review, 19 October 2017, and the Activist Group's Governance Model Options paper. The "
                "finance update makes the full-year savings from 2019/20 “subject to key decisions relating to "
                "the shared service governance model”.",
                "agenda_item": item("Shared Digital Governance Model Review"),
            },
        ),
    ]
    for reference, values in entries:
        entry = _save_if_changed(
            ForwardPlanEntry, {"partnership": partnership, "reference": reference}, values
        )
        wanted = {councils[c].pk for c in ("LBC", "LBH", "LBI")}
        if set(entry.councils.values_list("pk", flat=True)) != wanted:
            entry.councils.set(wanted)
    if stdout:
        stdout.write(
            f"Delegations: {len(delegations)} delegations, {len(rules)} rules, {len(entries)} forward plan entries."
        )


# The Tri-borough executive decision of 2014 (seed 000): one report decided in parallel by the three councils --

TRI_TITLE = "Corporate Services: establishing a shared ICT services function and implementing the target operating model"
TRI_RECOMMENDATIONS = """2.1 To note and agree the business case, subject to required staff consultation.
2.2 That the Chief Information Officer be authorised to start staff consultation and implement the proposed target operating model for the shared ICT service, specifically:
2.3 That the following posts be deleted with effect from 1 April 2015: Chief Information Officer (WCC) 1 FTE; Director for Procurement and IT Strategy (H&F) 1 FTE; Head of Information Systems Division (RBKC) 1 FTE; Head of Business Technology (H&F) 1 FTE; Head of IS Strategy (WCC) 1 FTE; vacant posts within the structures as needed to fund the establishment of the new posts set out in recommendations 2.4 and 2.5 (any remaining vacant posts will be reviewed as part of phase 2 of the proposed restructure).
2.4 That the following new posts making up the shared ICT service divisional leadership team (ICT DLT) be created with effect from 1 April 2015: Head of Business Partnering 1 FTE; Head of Digital Services 1 FTE; Head of Information Management 1 FTE; Head of Operations 1 FTE; Head of ICT Portfolio Management 1 FTE; Head of Strategy and Enterprise Architecture 1 FTE. (It is proposed that each Council will have a lead Head of Service to act as a key point of liaison for senior stakeholders.)
2.5 That the following posts be created with effect from 1 April 2015: Strategic Relationship Manager 4 FTE; Problem Manager 1 FTE.
2.6 That the secondments in place for the Strategic Relationship Managers and Problem Manager be extended up to 31 March 2015 to allow the consultation process and any resulting recruitment to be completed successfully.
2.7 That the Interim Chief Executive Hammersmith & Fulham (on behalf of H&F) and the Town Clerk and Chief Executive Royal Borough of Kensington & Chelsea (on behalf of RBKC) and the Chief Executive Westminster City Council (on behalf of WCC) be authorised to enter into a section 113 agreement in respect of the shared ICT service.
2.8 That the Interim Chief Executive Hammersmith & Fulham in consultation with the Leader of the Council for H&F and the Town Clerk and Chief Executive Royal Borough of Kensington & Chelsea in consultation with the Leader of the Council for RBKC and the Chief Executive Westminster City Council in consultation with the Cabinet Member for Corporate and Customer Services for WCC be authorised to approve hosting arrangements for the shared ICT service (and as part of that to determine the employing borough for new roles in the ICT division) and to make any ancillary decisions to enable the services to operate effectively.
2.9 That a review of the reporting line of the WCC business intelligence function and team be considered in early 2015."""
TRI_REASONS = (
    "The shared ICT service arrangements need to be formalised through agreements pursuant to section 113 of the "
    "Local Government Act 1972 in order to establish the legal relationship between the parties and comply with "
    "the Authorities' various public law duties including their fiduciary duties to their Council tax payers."
)
TRI_OFFICERS = (
    "Nigel Pallace, Interim Chief Executive, and Jane West, Executive Director of Finance and Corporate "
    "Governance (Hammersmith & Fulham); Nicholas Holgate, Town Clerk and Chief Executive (Kensington and "
    "Chelsea); Charlie Parker, Chief Executive (Westminster); Ed Garcez, Chief Information Officer"
)
TRI_DATE_BLANK = (
    "The report's header leaves this council's date of decision blank; only Hammersmith & Fulham's Full Cabinet "
    "date (1 December 2014) is given. Enter the date from the council's own decision notice."
)
TRI_DECISIONS = [  # council, decision maker as the report's header names it, date of decision
    ("LBHF", "Full Cabinet", date(2014, 12, 1)),
    ("RBKC", "The Leader of the Council, Councillor Nicholas Paget Brown", None),
    ("WCC", "Cabinet Member for Finance and Customer Services, Councillor Melvyn Caplan", None),
]


def load_executive_decisions(stdout=None):
    """The 2014 Tri-borough executive decision report, decided in parallel by the three councils (a key
    decision, forward plan reference 04230/14/K/A): one register entry for each council. Idempotent."""
    partnership = Partnership.objects.filter(slug="triborough-ict").first()
    if partnership is None:
        return
    councils = {c.code: c for c in Council.objects.filter(code__in=[code for code, _m, _d in TRI_DECISIONS])}
    for code, maker, day in TRI_DECISIONS:
        _save_if_changed(
            ExecutiveDecision,
            {"partnership": partnership, "council": councils[code], "title": TRI_TITLE},
            {
                "decision_maker": maker,
                "decided_on": day,
                "forward_plan_reference": "04230/14/K/A",
                "is_key_decision": True,
                "reporting_officers": TRI_OFFICERS,
                "decision": TRI_RECOMMENDATIONS,
                "reasons": TRI_REASONS,
                "officer_note": "" if day else TRI_DATE_BLANK,
            },
        )
    if stdout:
        stdout.write(
            f"Executive decisions: the 2014 Tri-borough report, decided by {len(TRI_DECISIONS)} councils."
        )


def pack_2017():
    """Builds (or finds, if built from the same content) the public agenda pack of 30 October 2017."""
    meeting = Meeting.objects.filter(
        body__slug="shared-digital-joint-committee", date=date(2017, 10, 30)
    ).first()
    if meeting is None:
        return None
    return pack_build(meeting=meeting, audience="public", by=None)


# Officer decisions under the June 2017 delegations --------------------------------------------------------

ASSUMED_AWARD = (
    "Demo values: the seed records the delegation (Joint Committee, 19 June 2017, minutes 8 and 9) "
    "but not the award, its date, value or supplier. Each council's share is below Haringey's £500,000 "
    "threshold, so the award is not a key decision and needs no parallel Haringey decision."
)
DEMO_AWARDS = [
    {
        "title": "Award of the mobile devices, calls and data contract to a single supplier",
        "delegation": "Mobile devices, calls and data: procure through a single supplier and award a contract",
        "decided_on": date(2017, 9, 18),
        "value": Decimal("1350000.00"),
        "decision": "To award a single contract for the supply of mobile devices, calls and data to the three "
        "councils, for three years, to the supplier selected under the single source procurement strategy.",
        "reasons": "The Joint Committee approved the single source procurement strategy for the supply of "
        "mobile devices, calls and data for all three Boroughs and delegated to the Chief Digital and "
        "Information Officer to procure through a single supplier and award a contract (19 June 2017, "
        "minute 8). Each council's share is below Haringey's £500,000 threshold, so the award is not a key "
        "decision and needs no parallel Haringey decision.",
        "alternatives": "Each council to renew its own mobile contract: rejected, as it keeps three contracts "
        "and three tariffs (minute 8).",
        "background_papers": "Report to the Joint Committee, 19 June 2017: Shared Digital Mobile Phones/Devices "
        "Procurement Strategy.",
    },
    {
        "title": "Award of the multi-functional devices and print room services contract to a single supplier",
        "delegation": "Multi-functional devices (MFDs) and print room services: procure through a single "
        "supplier and award a contract",
        "decided_on": date(2017, 10, 2),
        "value": Decimal("1200000.00"),
        "decision": "To award a single contract for multi-functional devices and print room services to the "
        "three councils, standardising the contract termination dates, to the supplier selected under the "
        "single source procurement strategy.",
        "reasons": "The Joint Committee approved the single source procurement strategy for the supply of MFDs "
        "and Print Room services for all three Boroughs and delegated the award to the Chief Digital and "
        "Information Officer (19 June 2017, minute 9). The strategy consolidates the MFD estate and secures a "
        "single contract for print services; it is not about shutting print rooms. Each council's share is "
        "below Haringey's £500,000 threshold, so the award is not a key decision and needs no parallel "
        "Haringey decision.",
        "alternatives": "Separate contracts per council: rejected, as the termination dates would stay apart.",
        "background_papers": "Report to the Joint Committee, 19 June 2017: Shared Digital Multi-Functional "
        "Devices (MFD's) and Printroom Services Procurement Strategy.",
    },
]


def load_officer_decisions(stdout=None):
    """The CDIO's awards under the June 2017 delegations, with their checks, taken and published (so in the
    public register with the day call-in ends). A decision already present is left as it is."""
    partnership = Partnership.objects.get(slug="shared-digital")
    office = Office.objects.get(partnership=partnership, short_name="CDIO")
    cio = get_user_model().objects.filter(username="cio").first()
    councils = [c for c in partnership.councils_on(date(2017, 9, 1))]
    added = 0
    for spec in DEMO_AWARDS:
        if OfficerDecision.objects.filter(partnership=partnership, title=spec["title"]).exists():
            continue
        spec = dict(spec)
        delegation = Delegation.objects.get(partnership=partnership, title=spec.pop("delegation"))
        share = (spec["value"] / len(councils)).quantize(Decimal("0.01"))
        shares = [(c, share, 0) for c in councils]
        decision, checks = officer_decision_save(
            partnership=partnership,
            by=cio,
            shares=shares,
            office=office,
            decision_maker_name="Ed Garcez",
            subject="contract_award",
            delegation=delegation,
            capital_value=Decimal("0"),
            officer_note=ASSUMED_AWARD,
            **spec,
        )
        if failures(checks):  # the demo's own data: every check is meant to pass
            raise AssertionError([c.message for c in failures(checks)])
        officer_decision_take(decision=decision, by=cio, published_on=decision.decided_on)
        added += 1
    if stdout:
        stdout.write(f"Officer decisions: {added} CDIO awards under the June 2017 delegations added.")
    return added


# A live meeting, dated from the day the demo is loaded ----------------------------------------------------

LIVE_VENUE = "Islington Town Hall, Upper Street, London N1 2UD"
LIVE_REPORT_FIELDS = {
    "report_of": "Chief Digital and Information Officer",
    "author_name": "Ed Garcez",
    "legal": "The Joint Committee acts under s. 101(5) of the Local Government Act 1972 read with Part 4 of "
    "SI 2012/1019, within its terms of reference.",
    "contact_officer": "Ed Garcez, Chief Digital and Information Officer, 5 Pancras Square, London N1C 4AG\n\n"
    "ed.garcez@camden.gov.uk, 0207 974 4583",
}
LIVE_ITEMS = [
    {
        "item": {
            "title": "Shared Digital Strategy: final version for approval",
            "wards": "All Wards",
            "is_decision": True,
        },
        "report": {
            "title": "Shared Digital Strategy 2018–2021",
            "summary": "The final version of the shared digital strategy, revised after the Joint Committee's "
            "comments on the draft of 30 October 2017 and further consultation.",
            "recommendations": "Approve the Shared Digital Strategy 2018–2021.\n"
            "Note the programme of engagement with the three councils' services.",
            "why_necessary": "The terms of reference give the Joint Committee the approval of the strategic "
            "service plan.",
            "reasons": "The strategy sets the priorities of the three councils and how Shared Digital will "
            "meet them with its resources.",
            "resources": "The strategy is delivered within the Shared Digital budget agreed by the councils.",
        },
    },
    {
        "item": {
            "title": "Shared Digital Finance Update",
            "wards": "All Wards",
            "is_decision": False,
        },
        "report": {
            "title": "Shared Digital Finance Update",
            "report_of": "Deputy Director of Finance",
            "author_name": "Jon Rowney",
            "summary": "The financial position of Shared Digital for the current financial year and the "
            "building blocks for next year's budget.",
            "recommendations": "Note the budget position and the projected outturn.\n"
            "Note the proposals for next year's budget build.",
            "why_necessary": "The Joint Committee receives updates on the Business Plan and the performance of "
            "Shared Digital.",
            "reasons": "The report is for noting.",
            "legal": "There are no legal implications arising from this report.",
            "resources": "The financial implications are set out in the body of the report.",
            "contact_officer": "Jon Rowney, Deputy Director of Finance, London Borough of Camden, "
            "jon.rowney@camden.gov.uk",
        },
    },
    {
        "item": {
            "title": "Managed wide area network: award of the contract",
            "wards": "All Wards",
            "is_decision": True,
            "is_exempt": True,
            "exempt_paragraph": 3,
            "public_title": "Wide area network: contract award",
            "is_key_decision": True,
        },
        "report": None,
        # A key decision: on the forward plan a month before the meeting (more than 28 clear days), so the
        # agenda can be published with it. The forward plan is public: it names the matter as the agenda does.
        "forward_plan": {
            "title": "Wide area network: contract award",
            "decision_maker": "Shared Digital Joint Committee",
            "documents": "Report of the Chief Digital and Information Officer (exempt: Schedule 12A paragraph 3)",
            "is_exempt": True,
            "exempt_paragraph": 3,
            "notice_days_before": 30,
        },
    },
]


def live_meeting_date(today):
    """The first Monday (not a bank holiday) at least 15 working days after today."""
    day, counted = today, 0
    while counted < 15:
        day += timedelta(days=1)
        counted += is_working_day(day)
    while day.weekday() != 0 or not is_working_day(day):
        day += timedelta(days=1)
    return day


def load_live_meeting(stdout=None, today=None):
    """The next Joint Committee meeting, a draft agenda with two draft reports and one exempt item, so an
    officer can edit, sign off, publish, build and publish the pack on the day the demo is installed. Added
    only when the Joint Committee has no meeting to come."""
    today = today or timezone.localdate()
    body = Body.objects.filter(
        partnership__slug="shared-digital", slug="shared-digital-joint-committee"
    ).first()
    officer = get_user_model().objects.filter(username="officer").first()
    if body is None or body.meetings.filter(date__gte=today).exists():
        return None
    meeting = meeting_create(
        body=body,
        date=live_meeting_date(today),
        venue=LIVE_VENUE,
        by=officer,
        chair_council=Council.objects.filter(code="LBI").first(),
        contact_name="Cheryl Hardman",
        contact_email="cheryl.hardman@camden.gov.uk",
        contact_phone="020 7974 1619",
        today=today,
    )
    for spec in LIVE_ITEMS:
        meeting.refresh_from_db()
        item = agenda_item_add(meeting=meeting, version=meeting.agenda_version, by=officer, **spec["item"])
        if spec["report"]:
            report_save(item=item, by=officer, **{**LIVE_REPORT_FIELDS, **spec["report"]})
        if spec.get("forward_plan"):
            notice = dict(spec["forward_plan"])
            published_on = meeting.date - timedelta(days=notice.pop("notice_days_before"))
            taken = set(
                ForwardPlanEntry.objects.filter(partnership=body.partnership).values_list(
                    "reference", flat=True
                )
            )
            number = next(n for n in range(1, 1000) if f"SD/{published_on.year}/{n:02d}" not in taken)
            forward_plan_entry_create_from_item(
                item=item,
                by=officer,
                councils=body.partnership.councils_on(meeting.date),
                reference=f"SD/{published_on.year}/{number:02d}",
                published_on=published_on,
                **notice,
            )
    if stdout:
        stdout.write(f"Live meeting: the Joint Committee on {meeting.date:%-d %B %Y}, draft agenda.")
    return meeting
