"""Demo data for staffing, loaded by `manage.py load_demo` after governance. Idempotent: a second run changes
nothing.

1. Tri-borough ICT, the 2014 restructure (seed 000, recommendations 2.3–2.6; seed notes §1.11–1.12): the five
   posts deleted and the six ICT DLT heads, four Strategic Relationship Managers and a Problem Manager created
   with effect from 1 April 2015, and the SRM and Problem Manager secondments (H&F resources) extended to
   31 March 2015. Taken from the seed: post titles, councils, FTE and dates. ILLUSTRATIVE: grades, salary
   points, on-cost rates, employing council of the new posts, when the deleted posts started, the number of
   staff affected, the lead Head of Service of each council, and the secondment start and original end.
2. Shared Digital: an establishment of the seed's size (D1 L1657, L1704, L2607–2609): 405 FTE on 1 April 2016,
   Camden and Islington 313 (175 + 138, the SOCITM columns rounded), Haringey 92; in 2017/18 BAU staff 355 FTE
   and continuous improvement 104 FTE (the 405 plus 54 continuous-improvement FTE created on 1 April 2017 on
   Camden terms). The CDIO's reporting lines are the seed's (L812): to Camden's Executive Director Corporate
   Services, with dotted lines to Haringey's Chief Operating Officer and Islington's Corporate Director
   Resources. Everything else is GENERATED AND ILLUSTRATIVE: the teams follow the SOCITM functions (L2159–2165),
   the post titles, grades, salaries, holders (all named "Illustrative holder …"), vacancies, agency cover and
   secondments are invented to give the seed's totals.
"""

from datetime import date
from decimal import Decimal

from governance.audit.versions import UNCHECKED
from governance.models import Council, Office, Partnership

from . import services
from .models import Post, PostHolder, Restructure

# --- Tri-borough ICT, 2014 ------------------------------------------------------------------------------

TRI_GRADES = [  # code, name, rank, 2014/15 salary (illustrative)
    ("CO", "Chief officer", 9, "110000"),
    ("DIR", "Director", 8, "95000"),
    ("HOS", "Head of service", 7, "78000"),
    ("PO8", "Principal officer 8", 5, "52000"),
]
TRI_DELETED = [  # reference, title, council (seed 000 rec. 2.3)
    ("TRI-D1", "Chief Information Officer", "WCC", "DIR"),
    ("TRI-D2", "Director for Procurement and IT Strategy", "LBHF", "DIR"),
    ("TRI-D3", "Head of Information Systems Division", "RBKC", "HOS"),
    ("TRI-D4", "Head of Business Technology", "LBHF", "HOS"),
    ("TRI-D5", "Head of IS Strategy", "WCC", "HOS"),
]
TRI_DLT = [  # rec. 2.4, and the council each is lead Head of Service for (illustrative)
    ("TRI-N1", "Head of Business Partnering", "LBHF"),
    ("TRI-N2", "Head of Digital Services", None),
    ("TRI-N3", "Head of Information Management", "RBKC"),
    ("TRI-N4", "Head of Operations", None),
    ("TRI-N5", "Head of ICT Portfolio Management", "WCC"),
    ("TRI-N6", "Head of Strategy and Enterprise Architecture", None),
]
RESTRUCTURE_2014 = "Tri-borough ICT divisional leadership team (recommendations 2.3–2.6)"


def _tri(stdout):
    tri = Partnership.objects.filter(slug="triborough-ict").first()
    if tri is None:
        return
    councils = {c.code: c for c in Council.objects.filter(code__in=["LBHF", "RBKC", "WCC"])}
    grades = {}
    for code, name, rank, salary in TRI_GRADES:
        grades[code] = services.grade_set(partnership=tri, code=code, name=name, rank=rank, by=None)
        for year in (2014, 2015):
            services.salary_point_set(grade=grades[code], year=year, salary=Decimal(salary), by=None)
    for year in (2014, 2015):
        services.on_cost_rate_set(partnership=tri, year=year, rate=Decimal("0.2700"), by=None)

    def post(reference, **fields):
        existing = Post.objects.filter(partnership=tri, reference=reference).first()
        return existing or services.post_create(partnership=tri, by=None, reference=reference, **fields)

    cio = post(
        "TRI-CIO",
        title="Tri-borough Chief Information Officer",
        grade=grades["CO"],
        fte=Decimal("1"),
        team="ICT leadership",
        employing_council=councils["LBHF"],
        funding_line="bau_staff",
        effective_from=date(2014, 1, 1),
        works_for=list(councils.values()),
    )  # appointed January 2014 (D0 L185); employing council illustrative
    deleted = [
        post(
            ref,
            title=title,
            grade=grades[g],
            fte=Decimal("1"),
            team="ICT leadership",
            employing_council=councils[code],
            funding_line="bau_staff",
            effective_from=date(2010, 4, 1),
            reports_to=cio,
        )
        for ref, title, code, g in TRI_DELETED
    ]
    # The SRM and Problem Manager secondments of H&F staff, in place since mid-2013 as one-year secondments,
    # extended (by five months, Table 3) to 31 March 2015; the temporary posts end with them.
    for ref, title, fte in [
        ("TRI-S1", "Strategic Relationship Manager (secondment)", 4),
        ("TRI-S2", "Problem Manager (secondment)", 1),
    ]:
        temp = post(
            ref,
            title=title,
            grade=grades["PO8"],
            fte=Decimal(fte),
            team="Business Partnering",
            employing_council=councils["WCC"],
            funding_line="one_off_transformation",
            effective_from=date(2013, 7, 1),
            effective_to=date(2015, 3, 31),
            reports_to=cio,
        )
        if not temp.holders.exists():
            for i in range(fte):
                holder = services.holder_add(
                    post=temp,
                    by=None,
                    person=f"Illustrative secondee {ref}-{i + 1}",
                    kind=PostHolder.Kind.SECONDED_IN,
                    fte=Decimal("1"),
                    start=date(2013, 7, 1),
                    end=date(2014, 10, 31),
                    seconded_from=councils["LBHF"],
                    terms_council=councils["LBHF"],
                )
                services.secondment_extend(
                    holder=holder,
                    new_end=date(2015, 3, 31),
                    by=None,
                    reason="To allow the consultation and any resulting recruitment to be completed",
                    decided_by="Tri-borough executive decision, 1 December 2014, recommendation 2.6",
                )
    r = Restructure.objects.filter(partnership=tri, name=RESTRUCTURE_2014).first()
    if r is None:
        r = services.restructure_create(
            partnership=tri,
            by=None,
            name=RESTRUCTURE_2014,
            phase=1,
            effective_date=date(2015, 4, 1),
            staff_affected=5,
            consultation_start=date(2014, 12, 1),
            decision_text="Tri-borough executive decision report, 1 December 2014, recommendations 2.3–2.6",
            notes="Also deleted: vacant posts as needed to fund the new posts (not quantified in the report; "
            "any remaining vacant posts to be reviewed in phase 2). Staff affected (5) and the consultation "
            "start are illustrative: the report says consultation takes 30 or 45 days by the numbers affected.",
        )
        for p in deleted:
            services.restructure_delete_post(restructure=r, post=p, by=None)
        made = {}
        for ref, title, _lead in TRI_DLT:
            made[ref] = services.restructure_create_post(
                restructure=r,
                by=None,
                reference=ref,
                title=title,
                grade=grades["HOS"],
                fte=Decimal("1"),
                team="ICT DLT",
                employing_council=councils["LBHF"],
                funding_line="bau_staff",
                reports_to=cio,
            )
        services.restructure_create_post(
            restructure=r,
            by=None,
            reference="TRI-N7",
            title="Strategic Relationship Manager",
            grade=grades["PO8"],
            fte=Decimal("4"),
            team="Business Partnering",
            employing_council=councils["LBHF"],
            funding_line="bau_staff",
            reports_to_new=made["TRI-N1"],
        )
        services.restructure_create_post(
            restructure=r,
            by=None,
            reference="TRI-N8",
            title="Problem Manager",
            grade=grades["PO8"],
            fte=Decimal("1"),
            team="Operations",
            employing_council=councils["LBHF"],
            funding_line="bau_staff",
            reports_to_new=made["TRI-N4"],
        )
        services.restructure_apply(restructure=r, by=None)
        for ref, _title, lead in TRI_DLT:
            head = Post.objects.get(partnership=tri, reference=ref)
            services.post_update(
                post=head,
                version=UNCHECKED,
                by=None,
                works_for=list(councils.values()),
                lead_for=[councils[lead]] if lead else [],
            )
    if stdout:
        stdout.write("Staffing: the 2014 Tri-borough restructure (5 posts deleted, 11 FTE created).")


# --- Shared Digital -------------------------------------------------------------------------------------

SD_GRADES = [  # code, name, rank, 2016/17 salary; later years +1% a year (all illustrative)
    ("DIR", "Director", 10, "120000"),
    ("SMT", "Senior management", 9, "85000"),
    ("M1", "Manager 1", 8, "62000"),
    ("PO6", "Principal officer 6", 6, "48000"),
    ("PO3", "Principal officer 3", 5, "42000"),
    ("SO2", "Senior officer 2", 4, "36000"),
    ("SC6", "Scale 6", 3, "30000"),
]
YEARS = [2016, 2017, 2018, 2019]
ON_COST = Decimal("0.2800")

FUNCTIONS = [  # key, team, (Camden, Islington, Haringey) FTE, staff titles by grade
    (
        "T",
        "Transformation",
        ("44.8", "17.5", "13.0"),
        [
            ("Business Analyst", "PO3"),
            ("Project Manager", "PO6"),
            ("Developer", "PO3"),
            ("User Researcher", "SO2"),
        ],
    ),
    (
        "C",
        "Customer Focused IT",
        ("110.2", "96.7", "58.0"),
        [
            ("Service Desk Analyst", "SC6"),
            ("Infrastructure Engineer", "SO2"),
            ("Desktop Support Analyst", "SC6"),
            ("Network Engineer", "PO3"),
        ],
    ),
    (
        "A",
        "Architecture",
        ("14.0", "17.8", "13.0"),
        [("Solution Architect", "PO6"), ("Technical Architect", "PO6"), ("Data Architect", "PO3")],
    ),
]
# Strategic leadership, 20 FTE: Camden 6, Islington 6, Haringey 8 (SOCITM). Reference, title, council, grade,
# reports to (reference), team.
LEADERSHIP = [
    ("SD-CDIO", "Chief Digital and Information Officer", "LBC", "DIR", "EXT-LBC", "Strategic Leadership"),
    ("SD-HT", "Head of Transformation", "LBC", "SMT", "SD-CDIO", "Strategic Leadership"),
    ("SD-PD", "Portfolio Director and Transitional Lead", "LBC", "SMT", "SD-CDIO", "Strategic Leadership"),
    ("SD-HO", "Head of Technology Operations", "LBI", "SMT", "SD-CDIO", "Strategic Leadership"),
    ("SD-BP1", "Business Partner: Housing, Adults and Health", "LBI", "M1", "SD-CDIO", "Business Partnering"),
    ("SD-BP2", "Business Partner: Children's Services", "LBI", "M1", "SD-CDIO", "Business Partnering"),
    ("SD-HA", "Head of Architecture", "LBH", "SMT", "SD-CDIO", "Strategic Leadership"),
    ("SD-BP3", "Business Partner: Environment", "LBH", "M1", "SD-CDIO", "Business Partnering"),
    ("SD-BP4", "Business Partner: Corporate Services", "LBH", "M1", "SD-CDIO", "Business Partnering"),
    ("SD-HP", "Head of Procurement", "LBH", "SMT", "SD-CDIO", "Strategic Leadership"),
    ("SD-DC", "Data Centre and Cloud Lead", "LBH", "M1", "SD-HO", "Customer Focused IT"),
]
FUNCTION_HEADS = {"T": "SD-HT", "C": "SD-HO", "A": "SD-HA"}
LEADS = {"SD-HT": "LBC", "SD-HO": "LBI", "SD-HA": "LBH"}  # lead Head of Service per council (illustrative)
EXTERNAL = [  # the councils' officers the CDIO reports to (D1 L812): outside the partnership's budget
    ("EXT-LBC", "Executive Director Corporate Services", "LBC"),
    ("EXT-LBH", "Chief Operating Officer", "LBH"),
    ("EXT-LBI", "Corporate Director Resources", "LBI"),
]
COUNCIL_ORDER = ["LBC", "LBI", "LBH"]
CI_2016_FTE = Decimal("50")  # of the Transformation posts, funded as continuous improvement from the start
CI_2017_POSTS = [  # created 1 April 2017 on Camden terms (R95): 54 FTE
    ("SD-CI1", "Digital Product Manager", "PO6", 8),
    ("SD-CI2", "Developer (continuous improvement)", "PO3", 16),
    ("SD-CI3", "User Researcher (continuous improvement)", "SO2", 10),
    ("SD-CI4", "Delivery Manager", "PO6", 8),
    ("SD-CI5", "Data Analyst", "PO3", 12),
]
START = date(2016, 4, 1)


def _sd(stdout):
    sd = Partnership.objects.filter(slug="shared-digital").first()
    if sd is None:
        return
    if Post.objects.filter(partnership=sd, reference="SD-CDIO").exists():
        return  # already loaded (the whole establishment is loaded at once, in one transaction)
    councils = {c.code: c for c in Council.objects.filter(code__in=COUNCIL_ORDER)}
    grades = {}
    for code, name, rank, salary in SD_GRADES:
        grades[code] = services.grade_set(partnership=sd, code=code, name=name, rank=rank, by=None)
        amount = Decimal(salary)
        for year in YEARS:
            services.salary_point_set(grade=grades[code], year=year, salary=amount, by=None)
            amount = (amount * Decimal("1.01")).quantize(Decimal("1"))
    for year in YEARS:
        services.on_cost_rate_set(partnership=sd, year=year, rate=ON_COST, by=None)

    posts = {}

    def make(reference, **fields):
        fields.setdefault("effective_from", START)
        posts[reference] = services.post_create(partnership=sd, by=None, reference=reference, **fields)
        return posts[reference]

    for ref, title, code in EXTERNAL:
        make(
            ref,
            title=title,
            grade=grades["DIR"],
            fte=Decimal("1"),
            team="Partner councils' senior officers",
            employing_council=councils[code],
            funding_line="",
        )
    cdio_office = Office.objects.filter(partnership=sd, name="Chief Digital and Information Officer").first()
    every = [councils[c] for c in COUNCIL_ORDER]
    for ref, title, code, grade, boss, team in LEADERSHIP:
        extra = {}
        if ref == "SD-CDIO":
            extra = {
                "office": cdio_office,
                "works_for": every,
                "dotted_lines": [posts["EXT-LBH"], posts["EXT-LBI"]],
            }
        elif ref in LEADS:
            extra = {"works_for": every, "lead_for": [councils[LEADS[ref]]]}
        make(
            ref,
            title=title,
            grade=grades[grade],
            fte=Decimal("1"),
            team=team,
            employing_council=councils[code],
            funding_line="bau_staff",
            reports_to=posts[boss],
            **extra,
        )
    services.holder_add(
        post=posts["SD-CDIO"],
        by=None,
        person="Ed Garcez",
        kind=PostHolder.Kind.EMPLOYED,
        fte=Decimal("1"),
        start=START,
        terms_council=councils["LBC"],
    )

    counter = {"n": 0}
    pending_holders = []

    def holder_for(post, index):
        """Most posts filled; every 12th vacant; every 25th covered by agency; every 31st seconded in."""
        counter["n"] += 1
        common = {"post": post, "person": f"Illustrative holder {counter['n']:04d}", "fte": post.fte}
        if index % 12 == 5:
            return
        if index % 25 == 7:
            holder = PostHolder(
                kind=PostHolder.Kind.AGENCY,
                start=date(2017, 10, 2),
                end=date(2018, 3, 30),
                agency="Illustrative agency",
                day_rate=Decimal("450.00"),
                **common,
            )
        elif index % 31 == 3:
            other = councils[next(c for c in COUNCIL_ORDER if c != post.employing_council.code)]
            holder = PostHolder(
                kind=PostHolder.Kind.SECONDED_IN,
                start=START,
                end=date(2018, 3, 31),
                seconded_from=other,
                terms_council=other,
                **common,
            )
        else:
            holder = PostHolder(
                kind=PostHolder.Kind.EMPLOYED, start=START, terms_council=post.employing_council, **common
            )
        pending_holders.append(holder)

    holder_for(posts["SD-HT"], 0)
    for i, ref in enumerate(r for r, *_ in LEADERSHIP if r not in ("SD-CDIO", "SD-HT")):
        holder_for(posts[ref], i + 1)
    # The generated teams: a service lead per function and council, and staff posts reporting to each.
    rows, order = [], []
    ci_left = CI_2016_FTE
    for key, team, ftes, titles in FUNCTIONS:
        for code, fte in zip(COUNCIL_ORDER, ftes, strict=True):
            council = councils[code]
            lead = f"SD-{key}-{code}-L"
            rows.append(
                {
                    "reference": lead,
                    "title": f"Service Lead, {team} ({code})",
                    "grade": grades["M1"],
                    "fte": Decimal("1"),
                    "team": team,
                    "employing_council": council,
                    "funding_line": "bau_staff",
                    "reports_to": FUNCTION_HEADS[key],
                    "effective_from": START,
                }
            )
            order.append((lead, 1))
            remaining = Decimal(
                fte
            )  # the service lead counts in strategic leadership, as the SOCITM table does
            n = 0
            while remaining > 0:
                n += 1
                size = min(Decimal("1"), remaining)
                title, grade = titles[(n - 1) % len(titles)]
                line = "bau_staff"
                if key == "T" and ci_left > 0:
                    size = min(size, ci_left)  # exactly 50 FTE of continuous improvement
                    line, ci_left = "continuous_improvement", ci_left - size
                ref = f"SD-{key}-{code}-{n:03d}"
                rows.append(
                    {
                        "reference": ref,
                        "title": title,
                        "grade": grades[grade],
                        "fte": size,
                        "team": team,
                        "employing_council": council,
                        "funding_line": line,
                        "reports_to": lead,
                        "effective_from": START,
                    }
                )
                order.append((ref, n))
                remaining -= size
    made = services.posts_bulk_create(partnership=sd, rows=rows, by=None)
    posts.update(made)
    for ref, index in order:
        holder_for(made[ref], index)
    for ref, title, grade, fte in CI_2017_POSTS:
        post = make(
            ref,
            title=title,
            grade=grades[grade],
            fte=Decimal(fte),
            team="Transformation",
            employing_council=councils["LBC"],
            funding_line="continuous_improvement",
            reports_to=posts["SD-HT"],
            effective_from=date(2017, 4, 1),
        )
        for _ in range(fte):
            counter["n"] += 1
            pending_holders.append(
                PostHolder(
                    post=post,
                    person=f"Illustrative holder {counter['n']:04d}",
                    fte=Decimal("1"),
                    kind=PostHolder.Kind.EMPLOYED,
                    start=date(2017, 4, 1),
                    terms_council=councils["LBC"],
                )
            )
    services.holders_bulk_create(holders=pending_holders, by=None)
    if stdout:
        stdout.write(f"Staffing: the Shared Digital establishment ({len(posts)} posts, illustrative).")


def load(stdout=None):
    _tri(stdout)
    _sd(stdout)
