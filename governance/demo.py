"""Demo data for governance, from fixtures/demo/governance.json (taken from the two seed documents).
Idempotent: running it again changes nothing that is already as the fixture says."""

import json
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model

from governance.calendar import latest_publication_date
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
from governance.committees.services import numbered, public_copy, standard_items_for
from governance.delegations.models import DecisionRule, Delegation, ForwardPlanEntry, Office
from governance.papers.models import Appendix, Report
from governance.partners.models import Council, HostAuthority, Membership, Partnership, RoleAssignment
from governance.portfolio import demo as portfolio_demo

DEMO_PASSWORD = "demo-pass-2026"
FIXTURE = settings.BASE_DIR / "fixtures" / "demo" / "governance.json"


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
    portfolio_demo.load(stdout)  # the portfolio room's block (governance/portfolio/demo.py)
    return {"partnerships": partnerships, "councils": councils}


def demo_logins():
    data = json.loads(FIXTURE.read_text())
    return [
        (u["username"], ", ".join(dict.fromkeys(r[0].replace("_", " ") for r in u["roles"])))
        for u in data["users"]
    ]


COMMITTEES = settings.BASE_DIR / "fixtures" / "demo" / "committees.json"


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
            _save_if_changed(TermsOfReference, {"body": body, "version": version}, t)
        for name, code, kind, start, end in people:
            members[name] = _save_if_changed(
                BodyMember,
                {"body": body, "name": name, "start": date.fromisoformat(start)},
                {
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
            )
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


# Reports for the meeting of 30 October 2017, with excerpts of the seed's text (seed L359–503, L3133–3160,
# L3288–3345), so that the demo can build an agenda pack. Only reports not already present are added.
DEMO_REPORTS = [
    {
        "item": "Shared Digital Governance Model Review",
        "title": "Shared Digital Governance Model Review",
        "report_of": "Chief Digital and Information Officer",
        "author_name": "Ed Garcez",
        "summary": (
            "The terms of reference for the Shared Digital Joint Committee require that the Joint Committee, by "
            "October/ November 2017, receive and consider a detailed report setting out Governance Model Options "
            "for Shared Digital and to make recommendations to the Cabinet/ Executive of each of the Councils in "
            "respect of the report. Options to be evaluated were to include the Joint Committee model as well as "
            "company models.\n\nThis report builds on work with the Joint Committee Cabinet Members, the Councils' "
            "Chief Executives and senior officers over the summer to assess and consider governance models and "
            "sets out the reasons for the recommended option."
        ),
        "recommendations": (
            "The Cabinet/ Executives note the options set out in the detailed 'Shared Digital Governance Model "
            "Options' report at Appendix 1 prepared by Activist Group.\n"
            "The Cabinet/ Executives approve the adoption of the governance model for the Shared Digital Service "
            "set out as Option 1 (a 'lean' Joint Committee model).\n"
            "The Cabinet/ Executives approve Camden as the host Council and agree to the proposed staffing "
            "arrangements set out in section 5.1 of this report.\n"
            "The Executive/ Cabinets agree the Joint Committee will consist of two elected members from each Council."
        ),
        "about": (
            "Camden, Haringey and Islington Councils recognise that sharing their Digital and ICT services will "
            "bring many benefits, including saving money, improving performance and resilience, and sharing "
            "learning to support better digital services to citizens and residents.\n\n"
            "Shared Digital was established using a Joint Committee governance structure."
        ),
        "why_necessary": (
            "This report provides the detail for the Joint Committee in order to fulfil the requirement in its "
            "terms of reference that it receive and consider a detailed report that considers the Governance "
            "Model Options for Shared Digital."
        ),
        "options": (
            "There are three options, to adopt one of the two models: a 'lean' Joint Committee model or a company "
            "model, or to maintain the status quo.\n\n"
            "| Option | Summary | Recommendation |\n|---|---|---|\n"
            "| 1 | A 'lean' Joint Committee, Camden as host authority | Recommended |\n"
            "| 2 | A public services company jointly owned by the three partners | Not recommended |\n"
            "| 3 | Maintain the current governance model | Not recommended |"
        ),
        "reasons": (
            "This report recommends that the Joint Committee model be refined and that the service be governed "
            "under a 'lean' Joint Committee model.\n\nThe Councils' Digital and ICT teams have been in a state of "
            "transition for a number of years. It is imperative that the future governance arrangements for the "
            "shared service be confirmed and implemented."
        ),
        "impacts_risks": (
            "If the Shared Digital Joint Committee approve the recommendation, Camden would be responsible for "
            "employing staff engaged to deliver the Shared ICT Service."
        ),
        "consultation": (
            "A series of stakeholder engagement sessions have taken place with senior officers and Members from "
            "Camden, Haringey and Islington:\n\n- meetings with the Legal services on 22 and 29 September\n"
            "- meetings with the Shared Digital Delivery Board on 22 and 29 September\n"
            "- meetings and calls with the three Chief Executives in September and October"
        ),
        "legal": (
            "So far as the Joint Committee is concerned, the power to make joint arrangements originates from "
            "s. 101(5) of the Local Government Act 1972 read with Part 4 of SI 2012/1019."
        ),
        "resources": (
            "Whichever governance model is chosen, any costs associated should be shared equally between the "
            "three authorities, as per the agreed financial approach for Shared Digital."
        ),
        "contact_officer": (
            "Ed Garcez, Chief Digital Information Officer, 5 Pancras Square, London, N1C 4AG\n\n"
            "ed.garcez@camden.gov.uk, 0207 974 4583"
        ),
        "appendix": (
            "Shared Digital Governance Model Options Discussion Paper",
            "Prepared by Activist Group.\n\n## Options considered\n\n1. A 'lean' Joint Committee.\n"
            "2. A public services company (the 'Teckal exemption' applies while at least 80% of its turnover "
            "is for its owners).",
        ),
    },
    {
        "item": "Network Service Transformation",
        "title": "Network Services Transformation",
        "report_of": "Chief Digital and Information Officer",
        "author_name": "Ed Garcez",
        "summary": (
            "This report proposes the convergence of the Councils' network services, specifically their wide area "
            "networks (WANs), in light of the need to modernise our infrastructure and decommission legacy "
            "telephony circuits and lines by 2025."
        ),
        "recommendations": (
            "Approve the strategy for the Councils to share their wide area networks in a single (securely "
            "segmented) wide area network provided by a single supplier.\n"
            "Approve the procurement strategy to go to market via a CCS framework for a managed WAN service via "
            "RM1045.\n"
            "Note that the contract award for the procurement will come to the Shared Digital Joint Committee in "
            "February 2018 for approval."
        ),
        "about": (
            "In November 2016, the Shared Digital Joint Committee approved the strategy for data centre provision "
            "across the three Councils, as part of a wider 'cloud first' strategy."
        ),
        "why_necessary": "The contract values exceed the Chief Digital and Information Officer's delegated limit.",
        "reasons": "A single supplier makes the WAN service reliable and supportable.",
        "legal": "The procurement will use a Crown Commercial Service framework agreement (RM1045).",
        "resources": (
            "| | One-off | Annual | 5-year total |\n|---|--:|--:|--:|\n"
            "| Existing | £0 | £928,000 | £4,640,000 |\n| New WAN | £990,000 | £889,000 | £5,435,000 |"
        ),
        "contact_officer": "Ed Garcez, Chief Digital and Information Officer, ed.garcez@camden.gov.uk",
    },
    {
        "item": "Shared Digital Financial Update",
        "title": "Shared Digital Finance Update",
        "report_of": "Deputy Director of Finance",
        "author_name": "Jon Rowney",
        "summary": (
            "This report provides an update on the financial position of Shared Digital for the 2017/18 financial "
            "year, and lays out the building blocks for budget setting for 2018/19."
        ),
        "recommendations": (
            "Note the overall budget position for Shared Digital for 2017/18 and the projected outturn\n"
            "Note the proposals for the budget build for Shared Digital for the next financial year 2018/19\n"
            "Note the annual budget-to-actual true-up process"
        ),
        "about": (
            "This report provides an update on the overall financial position of Shared Digital budget for "
            "2017/18 at Month 5, based on information available in September 2017.\n\n"
            "| 2017-18 funding (£000) | Camden | Haringey | Islington | TOTAL |\n|---|--:|--:|--:|--:|\n"
            "| BAU staff | 6,524 | 5,259 | 7,961 | 19,745 |\n| BAU non-staff costs | 4,782 | 8,551 | 6,137 | 19,470 |\n"
            "| Funding Requirement for BAU | 11,306 | 13,810 | 14,098 | 39,215 |"
        ),
        "why_necessary": (
            "The Terms of Reference for the Joint Committee state that the Joint Committee will receive updates on "
            "the Business Plan and the performance of Shared Digital."
        ),
        "reasons": "The report is for noting.",
        "legal": "There are no legal implications arising from this report.",
        "resources": "The financial implications are set out in the body of the report.",
        "contact_officer": (
            "Jon Rowney, Deputy Director of Finance & Procurement, London Borough of Camden, 5 Pancras Square, "
            "London N1C 4AG, jon.rowney@camden.gov.uk, 0207 974 6960"
        ),
    },
]


def load_reports(stdout=None):
    """Authored reports for items of the meeting of 30 October 2017 (signed off as on 19 October 2017)."""

    meeting = Meeting.objects.filter(
        body__slug="shared-digital-joint-committee", date=date(2017, 10, 30)
    ).first()
    if meeting is None:
        return 0
    added = 0
    for spec in DEMO_REPORTS:
        spec = dict(spec)
        item = meeting.items.filter(title=spec.pop("item")).first()
        if item is None or Report.objects.filter(item=item).exists():
            continue
        appendix = spec.pop("appendix", None)
        report = Report(
            item=item,
            submitted_to=Body.objects.get(pk=meeting.body_id),
            date=meeting.date,
            signed_by=f"{spec['author_name']}, {spec['report_of']}",
            signed_on=date(2017, 10, 19),
            **spec,
        )
        report.full_clean()
        report.save()
        if appendix:
            Appendix.objects.create(report=report, position=1, title=appendix[0], body=appendix[1])
        item.report_title = report.title
        item.save(update_fields=["report_title"])
        added += 1
    if stdout:
        stdout.write(f"Reports: {added} added.")
    return added


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
ILLUSTRATIVE = (
    "ILLUSTRATIVE demo value: the seed does not give this council’s key-decision threshold (it says only that "
    "the partners’ thresholds differ, D1 L823). Check the council’s constitution and edit this rule."
)


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
        ("key_decision", "LBC", "1000000.00", None, True, 2, "", ILLUSTRATIVE, "2017-04-01"),
        ("key_decision", "LBI", "1000000.00", None, True, 2, "", ILLUSTRATIVE, "2017-04-01"),
    ]
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
                "source": source,
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
                "granted_by_text": "Joint Committee terms of reference, amended September 2017 (D1 L774)",
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
                    "granted_by_text": "Legal agreement, Management Board terms of reference (D1 L796–800)",
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
