"""Demo data for the portfolio, from the seed documents only: the six themes of the 2017 strategy (D1
L2543–2579) with a programme board each, the Strategy and Portfolio Management Board, the named initiatives
as projects (D1 L2547–2567, L2860–2875, L2978–3286), and the risks of the governance options report (Tables
5.2 and 5.4, D1 L1210–1254) and of the WAN report (L3250–3280). Idempotent.

Where the seed does not say something, it is left empty rather than invented: no project manager is named for
any initiative, and no allocated budget with timelines is complete for any, so every initiative in flight shows
as left out of the shared portfolio with what is missing. Co-chairs are recorded by the council that
nominates them, since the seed names none; risk owners are left blank; the WAN report does not rate its
risks, so they are rated Medium/Medium and say so.
"""

from datetime import date
from decimal import Decimal

from governance.committees.models import Body
from governance.delegations.models import Office
from governance.partners.models import Council, Partnership

from . import rules
from .models import CoChair, Programme, Project, Risk

THEMES = [
    # slug, name, transformational (D1 L2586), description (D1 L2543–2579)
    (
        "using-data-better",
        "Using data better",
        True,
        "Sharing data within and between councils to make better business decisions and target resources.",
    ),
    (
        "mobile-workforce",
        "Enabling a mobile workforce",
        True,
        "Continuing the smarter working journey: empowering and informing staff working in the communities.",
    ),
    (
        "customer-enabling",
        "Customer enabling",
        True,
        "Modernising business processes so that residents can meet their own needs at a time that suits them.",
    ),
    (
        "joining-up-services",
        "Joining up services",
        False,
        "Consolidating services: from hundreds of suppliers to fewer, for economies of scale and lower costs.",
    ),
    (
        "process-efficiencies",
        "Business process efficiencies",
        False,
        "New digital opportunities and a continually improved software portfolio for resilient services.",
    ),
    (
        "enabling-infrastructure",
        "Enabling infrastructure",
        False,
        "Improving infrastructure, data resilience and information security so that services just work.",
    ),
]

CDIO = "Ed Garcez, Chief Digital and Information Officer"
DATA_CENTRE_LEAD = "Michael Johnston, Data Centre and Cloud Lead"
ALL = ("LBC", "LBH", "LBI")

PROJECTS = [
    # programme, title, stage, fields
    (
        "using-data-better",
        "ASC performance reporting programme",
        Project.Stage.IN_FLIGHT,
        {
            "summary": "All three councils' adult social care departments are partners in a programme to "
            "establish a standardised and improved way of reporting on ASC back-office data (D1 L2547).",
        },
    ),
    (
        "using-data-better",
        "“Smart Cities” IoT",
        Project.Stage.IDEA,
        {
            "summary": "Using IoT devices for data gathering to inform services and decisions, from waste "
            "management to homelessness and community safety (D1 L2549).",
        },
    ),
    (
        "mobile-workforce",
        "Office 365 programme",
        Project.Stage.IN_FLIGHT,
        {
            "summary": "Giving frontline officers across the three councils remote access to information, "
            "apps and services through an easy-to-use package (D1 L2555).",
        },
    ),
    (
        "joining-up-services",
        "Data-centre consolidation",
        Project.Stage.IN_FLIGHT,
        {
            "summary": "Rationalising the six data centre sites of the three councils (D1 L1691) by "
            "migrating to co-located facilities provided by Crown Hosting Services (D1 L3154).",
            "ict_lead": DATA_CENTRE_LEAD,
            "sponsor": CDIO,
            "scope": "Migration of the councils' data centres to Crown Hosting Services, under the data "
            "centre strategy approved by the Joint Committee in November 2016 (D1 L3154).",
            "milestones": "2016-11-08 Joint Committee approves the data centre strategy\n"
            "2017-06-19 Joint Committee approves the procurement strategy and contract award",
        },
    ),
    (
        "joining-up-services",
        "Network transformation (shared WAN)",
        Project.Stage.IN_FLIGHT,
        {
            "summary": "Replacing the councils' three wide area networks with a single, securely segmented "
            "network from a single supplier (D1 L3133–3286).",
            "ict_lead": DATA_CENTRE_LEAD,
            "sponsor": CDIO,
            "scope": "A single (securely segregated) network for Camden, Haringey and Islington, called off "
            "the Crown Commercial Service framework RM1045, Lot 1 Data Access Services (D1 L3209–3222).",
            "allocated_budget": Decimal("990000.00"),
            "funding_line": "Shared Digital Evergreening funding provision (one-off investment)",
            "start": date(2017, 10, 30),
            "milestones": "2017-10-30 Joint Committee agrees the procurement strategy\n"
            "2018-02-20 Contract award returns to the Joint Committee",
        },
    ),
    (
        "joining-up-services",
        "Joint procurement",
        Project.Stage.IDEA,
        {"summary": "Big-impact shared work identified for the future (D1 L2869)."},
    ),
    (
        "process-efficiencies",
        "Legal case management",
        Project.Stage.IN_FLIGHT,
        {
            "summary": "Standardising legal case review software across the three boroughs (D1 L2573, "
            "L2875).",
        },
    ),
    (
        "process-efficiencies",
        "ASC and children's services case management review",
        Project.Stage.IN_FLIGHT,
        {
            "summary": "A cross-council working group develops the technology strategy for social care; "
            "the case management contracts are aligned to a co-terminus date of July 2020 (D1 L2978–3129).",
            "sponsor": CDIO,
            "scope": "Technology requirements for adult social care and children's services case management "
            "across the three councils, and the extensions needed to reach a common end date (D1 L2981).",
            "end": date(2020, 7, 31),
            "milestones": "2017-10-30 Joint Committee agrees the co-terminus date and the delegation\n"
            "2019-04-30 Haringey's contract ends, with no extension available\n"
            "2020-07-31 Co-terminus date of the case management contracts",
        },
    ),
    (
        "enabling-infrastructure",
        "Corporate telephony review",
        Project.Stage.IDEA,
        {
            "summary": "A project the shared network is expected to enable, such as a move to cloud-hosted "
            "telephony (D1 L3173, L3226).",
        },
    ),
]

GOVERNANCE_OPTIONS = date(2017, 10, 30)  # the Joint Committee that received the options report (item 8)
WAN_REVIEW = date(2018, 2, 20)  # risks "fully evaluated" for the February 2018 Joint Committee (L3251)
LEAN = "Governance options report, Table 5.2: the lean joint committee (D1 L1212–1222)"
COMPANY = "Governance options report, Table 5.4: a public service company (D1 L1244–1254)"
WAN = "Network services transformation report (D1 L3250–3280); not rated there: rated Medium/Medium here"

ENGAGE = (
    "Significant engagement with all levels of stakeholders, including staff, Members and Trade Unions "
    "explaining the reasons for the change."
)
RISKS = [
    # (project title or None, description, rating, mitigation, source, review date)
    (
        None,
        "The change will be seen as a ‘takeover’ by Camden and the relationship will shift towards an ‘us and "
        "them’ relationship rather than a partnership of equals.",
        "Medium/High",
        f"{ENGAGE}\nMake clear that Camden is simply the ‘host’ and that overall leadership is provided by the "
        "Joint Committee and by officer governance boards.\nOngoing communication about the service so that "
        "all partners feel included.\nStaff from all partners working on change programmes.",
        LEAN,
        GOVERNANCE_OPTIONS,
    ),
    (
        None,
        "TUPE will be resisted and key staff will leave (lean joint committee).",
        "Medium/High",
        "Engagement as above.\nCommunication of new opportunities arising from the changes.",
        LEAN,
        GOVERNANCE_OPTIONS,
    ),
    (
        None,
        "Issues with pension deficits and liabilities makes TUPE unaffordable (lean joint committee).",
        "Low/Medium",
        "Very early engagement with the actuaries to assess the impact of any pension issues.",
        LEAN,
        GOVERNANCE_OPTIONS,
    ),
    (
        None,
        "Delays drawing up changes to the constitutions and 101 legal agreements undermine the effective "
        "working of the service and partnership.",
        "Medium",
        "Careful planning and management of the implementation project, and excellent engagement on all "
        "levels should mitigate this risk.",
        LEAN,
        GOVERNANCE_OPTIONS,
    ),
    (
        None,
        "The new company will be seen as an outside body and there will be a shift towards an ‘us and them’ "
        "relationship rather than a partnership.",
        "High/High",
        f"{ENGAGE}\nMake clear that the company is our company that the partners own and control.\nOngoing "
        "communication about the service so that all partners feel included.\nStaff from all partners "
        "working on change programmes.",
        COMPANY,
        GOVERNANCE_OPTIONS,
    ),
    (
        None,
        "TUPE will be resisted and key staff will leave (company).",
        "Medium/High",
        "Engagement as above.\nCommunication of new opportunities arising from the changes.",
        COMPANY,
        GOVERNANCE_OPTIONS,
    ),
    (
        None,
        "Issues with pension deficits and liabilities makes TUPE unaffordable (company).",
        "Low/Medium",
        "Very early engagement with the actuaries to assess the impact of any pension issues.",
        COMPANY,
        GOVERNANCE_OPTIONS,
    ),
    (
        None,
        "Delays drawing up legal arrangements which undermine the effective working of the service and "
        "partnership.",
        "Medium/medium",
        "Careful planning and management of the implementation project, and excellent engagement on all "
        "levels should mitigate this risk.",
        COMPANY,
        GOVERNANCE_OPTIONS,
    ),
    (
        None,
        "Difficulties in developing the skills and disciplines required to manage a commercial organisation.",
        "Medium/high",
        "Careful planning for the commercial requirements for company management, recruiting the experienced "
        "resources required to support a commercial operation.",
        COMPANY,
        GOVERNANCE_OPTIONS,
    ),
    (
        None,
        "Inability to compete effectively for new business.",
        "High/medium",
        "Create and resource business development plan.\nDevelop bidding and contracting disciplines and "
        "client relationship management.",
        COMPANY,
        GOVERNANCE_OPTIONS,
    ),
    (
        "Network transformation (shared WAN)",
        "Migration to the selected network and service provider brings impacts and risks across the three "
        "councils.",
        "",
        "The impacts of transition and the risks of implementing the new network are to be fully evaluated "
        "and submitted to the Joint Committee in February 2018; meanwhile only a low-risk procurement "
        "strategy is sought (L3250–3251).",
        WAN,
        WAN_REVIEW,
    ),
    (
        "Network transformation (shared WAN)",
        "The councils' Senior Information Risk Owners do not accept the proposed shared (but segmented) "
        "network design.",
        "",
        "Discussions are planned with the councils' SIROs to validate and seek formal acceptance of the design "
        "(L3266).",
        WAN,
        WAN_REVIEW,
    ),
    (
        "Network transformation (shared WAN)",
        "The investment cost estimate of £990K varies by provider and may differ at contract award.",
        "",
        "Reassess the estimate at the point of contract award and include it in the councils' planned "
        "Evergreening expenditure (L3280).",
        WAN,
        WAN_REVIEW,
    ),
]


def _save(model, lookup, values):
    obj = model.objects.filter(**lookup).first()
    if obj is not None and all(getattr(obj, k) == v for k, v in values.items()):
        return obj
    obj = obj or model(**lookup)
    for k, v in values.items():
        setattr(obj, k, v)
    obj.full_clean()
    obj.save()
    return obj


def load(stdout=None):
    partnership = Partnership.objects.filter(slug="shared-digital").first()
    if partnership is None:
        return
    councils = {c.code: c for c in Council.objects.filter(code__in=ALL)}
    _save(
        Body,
        {"partnership": partnership, "slug": "strategy-and-portfolio-management-board"},
        {
            "name": "Strategy and Portfolio Management Board",
            "kind": Body.Kind.PORTFOLIO_BOARD,
            "is_member_body": False,
            "quorum": 3,
        },
    )
    programmes = {}
    for position, (slug, name, transformational, description) in enumerate(THEMES, start=1):
        board = _save(
            Body,
            {"partnership": partnership, "slug": f"{slug}-programme-board"},
            {"name": f"{name} programme board", "kind": Body.Kind.PROGRAMME_BOARD, "is_member_body": False},
        )
        programme = _save(
            Programme,
            {"partnership": partnership, "slug": slug},
            {
                "name": name,
                "position": position,
                "is_transformational": transformational,
                "description": description,
                "board": board,
            },
        )
        programmes[slug] = programme
        for code in ALL:
            council = councils[code]
            _save(
                CoChair,
                {"programme": programme, "council": council},
                {"name": f"Senior officer nominated by {council.name}", "job_title": "Co-chair"},
            )
    # The projects the CDIO's reports sponsor are owned by the CDIO's office: shown as the post that holds it.
    cdio = Office.objects.filter(
        partnership=partnership, name="Chief Digital and Information Officer"
    ).first()
    for slug, title, stage, fields in PROJECTS:
        owner = {"owner_office": cdio} if cdio is not None and fields.get("sponsor") == CDIO else {}
        project = _save(
            Project,
            {"partnership": partnership, "title": title},
            {"programme": programmes[slug], "stage": stage, **fields, **owner},
        )
        if not project.councils.exists():
            project.councils.set(councils.values())
    projects = {p.title: p for p in Project.objects.filter(partnership=partnership)}
    for title, description, rating, mitigation, source, review in RISKS:
        likelihood, impact = rules.parse_rating(rating or "Medium")
        project = projects.get(title) if title else None
        _save(
            Risk,
            {"partnership": partnership, "description": description},
            {
                "level": Risk.Level.PROJECT if project else Risk.Level.PARTNERSHIP,
                "project": project,
                "programme": project.programme if project else None,
                "likelihood": likelihood,
                "impact": impact,
                "rating_as_written": rating,
                "mitigation": mitigation,
                "source": source,
                "review_date": review,
            },
        )
    if stdout:
        stdout.write(
            f"Portfolio: {len(programmes)} programmes, {len(PROJECTS)} projects, {len(RISKS)} risks."
        )
