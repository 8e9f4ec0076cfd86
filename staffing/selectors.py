"""Reads shared by staffing's pages, its CSV export, finance's forecast and the CIO dashboard. Each fetches
related rows in bulk, so a page runs the same number of queries however many posts there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, Sum, Value, When
from django.db.models.fields import CharField

from governance.models import Council, RoleAssignment
from governance.partners.selectors import roles_for
from governance.roles import STAFFING_EDITORS, Role

from . import costing
from .consultation import earliest_effective_date
from .costing import Cover, year_bounds
from .models import (
    DottedLine,
    FundingLine,
    OnCostRate,
    Placement,
    Post,
    PostHolder,
    Restructure,
    RestructureChange,
    SalaryPoint,
    Status,
)
from .structure import tree

EDITORS = STAFFING_EDITORS
ENDING_WITHIN_DAYS = 90


# Who may do and see what


def can_edit(user, partnership):
    """Staffing officers of the partnership and administrators edit posts, holders and restructures."""
    return bool(roles_for(user, partnership) & EDITORS)


def name_scope(user, partnership):
    """Whose names the user may see: None = every post holder's (the CIO and administrators); otherwise the
    set of council ids whose holders' names they may see (their council, for staffing officers), which may be
    empty. Names are personal data."""
    held = roles_for(user, partnership)
    if Role.ADMINISTRATOR in held or Role.CIO in held:
        return None
    if Role.STAFFING_OFFICER not in held:
        return set()
    return set(
        RoleAssignment.objects.filter(
            user=user, role=Role.STAFFING_OFFICER, partnership=partnership, council__isnull=False
        ).values_list("council_id", flat=True)
    )


def may_see_name(scope, holder):
    """Whether a user with this name_scope sees this holder's name. The holder's council is the council whose
    terms they are on; for agency staff, the post's employing council."""
    if scope is None:
        return True
    council_id = holder.terms_council_id or holder.seconded_from_id or holder.post.employing_council_id
    return council_id in scope


def names_readable(user, holders):
    """The ids of holders (or history ids, for historical rows) whose names the user may see: the pages' rule
    (may_see_name), read in bulk: the holders' posts in one query and the user's scope once a partnership."""
    posts = {
        pk: (partnership_id, council_id)
        for pk, partnership_id, council_id in Post.objects.filter(
            pk__in={h.post_id for h in holders}
        ).values_list("pk", "partnership_id", "employing_council_id")
    }
    scopes = {}
    readable = set()
    for h in holders:
        partnership_id, employing_council_id = posts.get(h.post_id, (None, None))
        if partnership_id not in scopes:
            scopes[partnership_id] = name_scope(user, partnership_id) if partnership_id else set()
        scope = scopes[partnership_id]
        council_id = h.terms_council_id or h.seconded_from_id or employing_council_id
        if scope is None or council_id in scope:
            readable.add(getattr(h, "history_id", h.pk))
    return readable


def show_name(scope, holder):
    return holder.person if may_see_name(scope, holder) else "Name withheld"


# The establishment


def status_expression(day):
    """A post's status on a day, from its holders: filled by anyone employed, else seconded in, else covered
    by agency staff, else vacant."""

    def current(kind):
        return Exists(
            PostHolder.objects.filter(post=OuterRef("pk"), kind=kind, start__lte=day).filter(
                Q(end__isnull=True) | Q(end__gte=day)
            )
        )

    return Case(
        When(current(PostHolder.Kind.EMPLOYED), then=Value(Status.FILLED)),
        When(current(PostHolder.Kind.SECONDED_IN), then=Value(Status.SECONDED_IN)),
        When(current(PostHolder.Kind.AGENCY), then=Value(Status.AGENCY)),
        default=Value(Status.VACANT),
        output_field=CharField(),
    )


def open_on(qs, day):
    return qs.filter(effective_from__lte=day).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))


def with_status(qs, day):
    return qs.annotate(status=status_expression(day))


def establishment(partnership, day):
    """The posts open on a day, with their status that day, grade, council and manager (not yet filtered)."""
    qs = open_on(Post.objects.filter(partnership=partnership), day)
    return with_status(qs, day).select_related("grade", "employing_council", "reports_to", "office")


def current_holders(posts, day):
    """The holders of these posts on a day: {post id: [holders]} in one query."""
    result = defaultdict(list)
    ids = [p.pk for p in posts]
    holders = (
        PostHolder.objects.filter(post_id__in=ids, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("post", "terms_council", "seconded_from")
        .order_by("start", "pk")
    )
    for h in holders:
        result[h.post_id].append(h)
    return result


def teams(partnership):
    return list(
        Post.objects.filter(partnership=partnership)
        .order_by("team")
        .values_list("team", flat=True)
        .distinct()
    )


def member_councils(partnership):
    return list(Council.objects.filter(memberships__partnership=partnership).distinct().order_by("code"))


def fte_total(posts):
    return sum((p.fte for p in posts), Decimal("0"))


def establishment_fte(partnership, day, *, by="employing_council__code", budget_only=True):
    """Total FTE of the posts open on a day, by council code (or by another field such as funding_line).
    Posts outside the partnership's budget (no funding line, such as a council's own director) are left out
    unless budget_only is False."""
    totals = defaultdict(Decimal)
    qs = open_on(Post.objects.filter(partnership=partnership), day)
    if budget_only:
        qs = qs.exclude(funding_line="")
    for key, fte in qs.values_list(by, "fte"):
        totals[key] += fte
    return dict(totals)


# The structure chart


@dataclass
class ChartNode:
    post: Post
    holders: list
    dotted: list
    placements: list
    children: list = field(default_factory=list)

    @property
    def size(self):
        return 1 + sum(c.size for c in self.children)


def structure_chart(partnership, day, *, scope):
    """The posts open on a day arranged under the posts they report to (a list of root ChartNodes), with each
    post's holders (names as the scope allows), dotted lines and placements. Five queries in all."""
    posts = list(establishment(partnership, day).order_by("team", "reference"))
    holders = current_holders(posts, day)
    ids = [p.pk for p in posts]
    dotted = defaultdict(list)
    for d in DottedLine.objects.filter(post_id__in=ids).select_related("to_post").order_by("to_post__title"):
        dotted[d.post_id].append(d.to_post)
    placements = defaultdict(list)
    for pl in Placement.objects.filter(post_id__in=ids).select_related("council"):
        placements[pl.post_id].append(pl)
    by_id = {p.pk: p for p in posts}
    # A manager's own title first, then its reports in title order within team.
    order = sorted(
        ids, key=lambda i: (by_id[i].team, -by_id[i].grade.rank, by_id[i].title, by_id[i].reference)
    )
    shaped = tree(order, {p.pk: p.reports_to_id for p in posts})

    def build(pair):
        pid, children = pair
        node = ChartNode(
            post=by_id[pid],
            holders=[(h, show_name(scope, h)) for h in holders.get(pid, [])],
            dotted=dotted.get(pid, []),
            placements=placements.get(pid, []),
        )
        node.children = [build(c) for c in children]
        return node

    # The largest structure first: a council's own director heads the chart above lone posts.
    return sorted((build(r) for r in shaped), key=lambda node: -node.size)


# Vacancies and endings


def vacancies(partnership, day):
    return establishment(partnership, day).filter(status=Status.VACANT).order_by("team", "reference")


def ending_soon(partnership, day, days=ENDING_WITHIN_DAYS):
    """Secondments and agency cover that end within `days` days of `day` (inclusive)."""
    return (
        PostHolder.objects.filter(
            post__partnership=partnership,
            kind__in=[PostHolder.Kind.SECONDED_IN, PostHolder.Kind.AGENCY],
            end__gte=day,
            end__lte=day + timedelta(days=days),
        )
        .select_related("post", "post__employing_council", "terms_council", "seconded_from")
        .prefetch_related("extensions")
        .order_by("end", "post__reference")
    )


# A post's history


def post_history(post):
    """The post's recorded versions, its holders (with extensions) and the restructures that made or ended it,
    newest change first."""
    versions = list(
        post.history.select_related("history_user", "grade", "employing_council", "reports_to").order_by(
            "-history_date", "-history_id"
        )
    )
    holders = list(
        post.holders.select_related("terms_council", "seconded_from", "tupe_from", "tupe_to")
        .prefetch_related("extensions")
        .order_by("-start", "-pk")
    )
    return versions, holders


# Restructures


@dataclass
class Comparison:
    before: list
    after: list
    deleted: list
    created: list  # posts (applied) or RestructureChange rows (draft)

    @property
    def before_fte(self):
        return fte_total(self.before)

    @property
    def after_fte(self):
        return sum((p.fte for p in self.after), Decimal("0"))

    @property
    def deleted_fte(self):
        return sum((p.fte for p in self.deleted), Decimal("0"))

    @property
    def created_fte(self):
        return sum((c.fte for c in self.created), Decimal("0"))

    @property
    def net_fte(self):
        return self.created_fte - self.deleted_fte

    @property
    def ended(self):
        """Posts open the day before that end then without the restructure deleting them (a secondment that
        runs its course): with deleted and created, they make before add up to after."""
        kept = {p.pk for p in self.after if getattr(p, "pk", None) is not None} | {p.pk for p in self.deleted}
        return [p for p in self.before if p.pk not in kept]

    @property
    def ended_fte(self):
        return sum((p.fte for p in self.ended), Decimal("0"))

    @property
    def change_fte(self):
        """After less before: deleted, ended and created together."""
        return self.after_fte - self.before_fte

    @property
    def adds_up(self):
        return self.before_fte - self.deleted_fte - self.ended_fte + self.created_fte == self.after_fte

    def by_team(self):
        rows = defaultdict(lambda: [Decimal("0"), Decimal("0")])
        for p in self.before:
            rows[p.team][0] += p.fte
        for p in self.after:
            rows[p.team][1] += p.fte
        return [(team, b, a, a - b) for team, (b, a) in sorted(rows.items())]


@dataclass
class _Proposed:
    """A post a draft restructure would create, shaped like a post for the comparison."""

    reference: str
    title: str
    team: str
    fte: Decimal
    grade: object
    employing_council: object


def restructure_comparison(restructure):
    """The establishment the day before the restructure and on its date (as it would be, for a draft)."""
    day = restructure.effective_date
    eve = day - timedelta(days=1)
    base = Post.objects.filter(partnership=restructure.partnership).select_related(
        "grade", "employing_council"
    )
    changes = list(
        restructure.changes.select_related(
            "post", "post__grade", "post__employing_council", "grade", "employing_council"
        )
    )
    deleted = [c.post for c in changes if c.action == RestructureChange.Action.DELETE]
    if restructure.is_applied:
        before = list(open_on(base, eve).order_by("team", "reference"))
        after = list(open_on(base, day).order_by("team", "reference"))
        created = [c.post for c in changes if c.action == RestructureChange.Action.CREATE and c.post]
    else:
        before = list(open_on(base, eve).order_by("team", "reference"))
        gone = {p.pk for p in deleted}
        created = [
            _Proposed(c.reference, c.title, c.team, c.fte, c.grade, c.employing_council)
            for c in changes
            if c.action == RestructureChange.Action.CREATE
        ]
        # Posts that continue (not deleted and not ending the day before), plus those proposed.
        after = [p for p in open_on(base, day).order_by("team", "reference") if p.pk not in gone] + created
    return Comparison(before=before, after=after, deleted=deleted, created=created)


def restructures_for(partnership):
    return (
        Restructure.objects.filter(partnership=partnership)
        .select_related("resolution", "officer_decision")
        .order_by("-effective_date", "name")
    )


# Cost


@dataclass(frozen=True)
class CostRow:
    council: object
    funding_line: str
    fte_years: Decimal
    salaried: Decimal
    agency: Decimal
    # The salaried cost the agency cover replaced, and the posts with agency cover in the year: counted from
    # the same holder records as the agency cost.
    displaced: Decimal = Decimal("0.00")
    agency_posts: int = 0

    @property
    def total(self):
        return self.salaried + self.agency

    @property
    def agency_premium(self):
        """What agency cover cost beyond the salaried cost it replaced."""
        return self.agency - self.displaced

    @property
    def funding_line_label(self):
        return FundingLine(self.funding_line).label


class MissingRates(ValueError):
    """Costs cannot be worked out: a grade has no salary point, or the year no on-cost rate."""


ERROR_NO_ON_COST = "There is no on-cost rate for {year}."
ERROR_NO_SALARY = "Grade {grades} has no salary point for {year}."


def staffing_cost(partnership, year, *, councils=None, funding_lines=None):
    """The cost of the establishment in a financial year, by employing council and funding line: a list of
    CostRow ordered by council code and line. Posts outside the partnership's budget (no funding line) are
    left out. Each post costs its grade's salary point for the year plus on-costs, pro rata by FTE and by the
    days it exists in the year; agency cover costs its day rate instead, for the working days it covers.
    Four queries whatever the number of posts. Raises MissingRates if a rate needed is not recorded."""
    first, last = year_bounds(year)
    posts = (
        Post.objects.filter(partnership=partnership, effective_from__lte=last)
        .exclude(effective_to__lt=first)
        .exclude(funding_line="")
    )
    if councils is not None:
        posts = posts.filter(employing_council__in=councils)
    if funding_lines is not None:
        posts = posts.filter(funding_line__in=funding_lines)
    # Only the columns the costing reads: the posts and their cover are many, the figures few.
    agency = (
        PostHolder.objects.filter(kind=PostHolder.Kind.AGENCY, start__lte=last)
        .exclude(end__lt=first)
        .only("post", "day_rate", "fte", "start", "end")
    )
    posts = list(
        posts.select_related("employing_council")
        .only("grade", "fte", "effective_from", "effective_to", "employing_council", "funding_line")
        .prefetch_related(Prefetch("holders", queryset=agency, to_attr="agency_cover"))
    )
    rate = (
        OnCostRate.objects.filter(partnership=partnership, year=year).values_list("rate", flat=True).first()
    )
    if posts and rate is None:
        raise MissingRates(ERROR_NO_ON_COST.format(year=costing.year_label(year)))
    salaries = dict(
        SalaryPoint.objects.filter(grade__partnership=partnership, year=year).values_list(
            "grade_id", "salary"
        )
    )
    missing = sorted({str(p.grade_id) for p in posts if p.grade_id not in salaries})
    if missing:
        from .models import Grade

        codes = Grade.objects.filter(pk__in=missing).values_list("code", flat=True)
        raise MissingRates(
            ERROR_NO_SALARY.format(grades=", ".join(sorted(codes)), year=costing.year_label(year))
        )
    totals = defaultdict(lambda: [Decimal("0"), Decimal("0"), Decimal("0"), Decimal("0.00"), 0])
    councils_by_id = {}
    for p in posts:
        cost = costing.post_cost(
            salary=salaries[p.grade_id],
            on_cost_rate=rate,
            fte=p.fte,
            start=p.effective_from,
            end=p.effective_to,
            year=year,
            covers=tuple(Cover(h.day_rate, h.fte, h.start, h.end) for h in p.agency_cover),
        )
        key = (p.employing_council_id, p.funding_line)
        councils_by_id[p.employing_council_id] = p.employing_council
        totals[key][0] += cost.fte_years
        totals[key][1] += cost.salaried
        totals[key][2] += cost.agency
        totals[key][3] += cost.displaced
        totals[key][4] += 1 if cost.agency else 0
    line_order = {v: i for i, v in enumerate(FundingLine.values)}
    rows = [CostRow(councils_by_id[c], line, *values) for (c, line), values in totals.items()]
    return sorted(rows, key=lambda r: (r.council.code, line_order[r.funding_line]))


def post_cost(post, year):
    """One post's cost in a year (a costing.PostCost), or None if a rate is missing. Three queries."""
    rate = (
        OnCostRate.objects.filter(partnership=post.partnership_id, year=year)
        .values_list("rate", flat=True)
        .first()
    )
    salary = (
        SalaryPoint.objects.filter(grade=post.grade_id, year=year).values_list("salary", flat=True).first()
    )
    if rate is None or salary is None:
        return None
    first, last = year_bounds(year)
    covers = post.holders.filter(kind=PostHolder.Kind.AGENCY, start__lte=last).exclude(end__lt=first)
    return costing.post_cost(
        salary=salary,
        on_cost_rate=rate,
        fte=post.fte,
        start=post.effective_from,
        end=post.effective_to,
        year=year,
        covers=tuple(Cover(h.day_rate, h.fte, h.start, h.end) for h in covers),
    )


def today():
    return date.today()


def vacancies_costed(partnership, year, day, *, councils=None):
    """The posts in the partnership's budget that are vacant on `day`, by employing council and funding line,
    each at its salaried cost for the year (what holding it vacant all year saves): {(council_id, funding
    line): {"posts": n, "fte": Decimal, "cost": Decimal}}. Three queries. Raises MissingRates as
    staffing_cost does."""
    posts = with_status(open_on(Post.objects.filter(partnership=partnership), day).exclude(funding_line=""), day)
    posts = posts.filter(status=Status.VACANT)
    if councils is not None:
        posts = posts.filter(employing_council__in=councils)
    posts = list(posts.only("grade", "fte", "effective_from", "effective_to", "employing_council", "funding_line"))
    result = defaultdict(lambda: {"posts": 0, "fte": Decimal("0"), "cost": Decimal("0.00")})
    if not posts:
        return dict(result)
    rate = (
        OnCostRate.objects.filter(partnership=partnership, year=year).values_list("rate", flat=True).first()
    )
    if rate is None:
        raise MissingRates(ERROR_NO_ON_COST.format(year=costing.year_label(year)))
    salaries = dict(
        SalaryPoint.objects.filter(grade__partnership=partnership, year=year).values_list("grade_id", "salary")
    )
    for p in posts:
        if p.grade_id not in salaries:
            continue  # staffing_cost names the grade without a salary point
        cost = costing.post_cost(
            salary=salaries[p.grade_id],
            on_cost_rate=rate,
            fte=p.fte,
            start=p.effective_from,
            end=p.effective_to,
            year=year,
        )
        row = result[(p.employing_council_id, p.funding_line)]
        row["posts"] += 1
        row["fte"] += p.fte
        row["cost"] += cost.salaried
    return dict(result)


# The CIO dashboard


def restructures_in_consultation(partnership, day):
    """Restructures not yet applied whose collective consultation has started and not yet run its course on
    `day` (staffing.consultation: 30 or 45 days by the number of staff affected). One query."""
    rows = []
    for r in Restructure.objects.filter(
        partnership=partnership, state=Restructure.State.DRAFT, consultation_start__lte=day
    ).order_by("consultation_start", "name"):
        ends = earliest_effective_date(r.consultation_start, r.staff_affected)
        if ends is not None and ends > day:
            r.consultation_ends = ends
            rows.append(r)
    return rows


def establishment_summary(partnership, day, council=None):
    """Posts open on a day in the partnership's budget (a funding line), by status: counts and FTE, summed in
    the database. One query, one row per status."""
    qs = open_on(Post.objects.filter(partnership=partnership), day).exclude(funding_line="")
    if council is not None:
        qs = qs.filter(employing_council=council)
    counts, ftes = dict.fromkeys(Status.values, 0), dict.fromkeys(Status.values, Decimal("0"))
    for status, count, fte in (
        with_status(qs, day).order_by().values_list("status").annotate(Count("pk"), Sum("fte"))
    ):
        counts[status], ftes[status] = count, fte or Decimal("0")
    return {
        "posts": sum(counts.values()),
        "fte": sum(ftes.values(), Decimal("0")),
        "filled_fte": ftes[Status.FILLED] + ftes[Status.SECONDED_IN],
        "vacant": counts[Status.VACANT],
        "vacant_fte": ftes[Status.VACANT],
        "agency": counts[Status.AGENCY],
        "agency_fte": ftes[Status.AGENCY],
    }


# Offices: the posts that hold them --------------------------------------------------------------------


def office_holder_labels(office_ids, day):
    """{office id: the title of the post holding it on `day`, or "vacant: <title>" when nobody fills it}, for
    governance's owners (registered in StaffingConfig.ready()). No names: a post, not its holder. Two
    queries."""
    from governance.delegations.offices import VACANT

    posts = with_status(open_on(Post.objects.filter(office_id__in=office_ids), day), day).only(
        "office", "title"
    )
    return {
        p.office_id: VACANT.format(title=p.title) if p.status == Status.VACANT else p.title for p in posts
    }
