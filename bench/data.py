"""Builds a large data set on PostgreSQL for the page and statement benchmarks (bench/pages.py).

20 partnerships, 120 councils (6 each), 5 financial years of budgets and settlements, 1,000 meetings with 15,000
agenda items (a tenth exempt) and their published agendas, 20,000 resolutions, 5,000 officer decisions under
delegation, forward plan entries, 1,000,000 ledger lines and every statement those lines give, 3,000 posts in
the partnerships' establishments and 5,000 contracts with each council's share.

Idempotent: each stage counts its own rows (of the partnerships whose slug starts with "scale-") and builds
them only when the count is not the one asked for, replacing what was there; running it twice builds nothing
the second time. Rows go in with bulk inserts (COPY for the ledger lines on PostgreSQL) and their history rows
in bulk, so the auditor's trail has the volume a real site would. Prints a progress bar per stage.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ss_bench .venv/bin/python bench/data.py
    … bench/data.py --scale 0.1     # a tenth of every count, to try things out
"""

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservice.settings")
    import django

    django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from simple_history.utils import bulk_create_with_history  # noqa: E402

from finance import services as finance_services  # noqa: E402
from finance import ubl  # noqa: E402
from finance.models import (  # noqa: E402
    Actual,
    BillingProfile,
    BudgetLine,
    InvoicingSettings,
    LedgerCode,
    Line,
    RechargeStatement,
    Settlement,
)
from governance.models import (  # noqa: E402
    AgendaItem,
    Body,
    Council,
    Delegation,
    ForwardPlanEntry,
    HostAuthority,
    Meeting,
    Membership,
    Office,
    OfficerDecision,
    Partnership,
    PublishedAgenda,
    PublishedItem,
    Resolution,
    RoleAssignment,
)
from governance.partners.models import initials  # noqa: E402
from governance.roles import Role  # noqa: E402

PREFIX = "scale-"
FIRST_YEAR = 2021  # 2021/22 … 2025/26
LINES = [line.value for line in Line]
WORDS = (
    "network cloud telephony licences data centre security firewall email migration service desk laptops "
    "printing wifi storage backup identity website intranet contract renewal budget staffing restructure "
    "digital strategy cyber resilience infrastructure applications hosting"
).split()
BENCH_USERS = {
    # username: (role, partnership index or None, council index in that partnership or None)
    "bench.auditor": (Role.AUDITOR, None, None),
    "bench.officer": (Role.COMMITTEE_OFFICER, 0, None),
    "bench.finance": (Role.FINANCE_OFFICER, 0, 0),  # the host council's finance officer
    "bench.cio": (Role.CIO, 0, None),
}


@dataclass(frozen=True)
class Sizes:
    partnerships: int = 20
    councils_each: int = 6
    years: int = 5
    meetings: int = 1_000
    items_each: int = 15
    resolutions: int = 20_000
    officer_decisions: int = 5_000
    forward_plan: int = 400
    ledger_lines: int = 1_000_000
    posts: int = 3_000
    contracts: int = 5_000

    def scaled(self, factor):
        keep = {"partnerships", "councils_each", "years", "items_each"}
        return replace(
            self,
            **{
                f.name: max(1, int(getattr(self, f.name) * factor))
                for f in fields(self)
                if f.name not in keep
            },
        )


class Progress:
    """A one-line progress bar on the terminal (a plain line per stage when output is not a terminal)."""

    def __init__(self, label, total, out=sys.stdout):
        self.label, self.total, self.done, self.out = label, max(total, 1), 0, out
        self.started = time.perf_counter()
        self.tty = out.isatty()
        self._draw()

    def advance(self, n=1):
        self.done += n
        if self.tty:
            self._draw()

    def _draw(self):
        width = 30
        filled = int(width * min(self.done, self.total) / self.total)
        bar = "█" * filled + "·" * (width - filled)
        if self.tty:
            self.out.write(f"\r{self.label:<28} {bar} {self.done:>9,}/{self.total:,}")
            self.out.flush()

    def close(self, note=""):
        elapsed = time.perf_counter() - self.started
        if self.tty:
            self._draw()
            self.out.write(f" {elapsed:6.1f} s {note}\n")
        else:
            self.out.write(f"{self.label:<28} {self.done:>9,}/{self.total:,} {elapsed:6.1f} s {note}\n")
        self.out.flush()


class Quiet:
    def __init__(self, *args, **kwargs):
        pass

    def advance(self, n=1):
        pass

    def close(self, note=""):
        pass


def _rng(stage):
    return random.Random(f"bench-{stage}")


def _words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _code(i):
    return "S" + chr(65 + i // 26 // 26 % 26) + chr(65 + i // 26 % 26) + chr(65 + i % 26)


def _slug(p):
    # Each partnership's statement numbers start with its prefix (the slug's initials: SAB-2021/22-0001).
    return f"{PREFIX}{chr(97 + p // 26 % 26)}-{chr(97 + p % 26)}"


def _scope():
    return Partnership.objects.filter(slug__startswith=PREFIX)


# Stages ----------------------------------------------------------------------------------------------------


def build_partnerships(sizes, bar):
    """Partnerships, their councils, memberships, hosts and the bench users."""
    want = sizes.partnerships
    slugs = {_slug(p) for p in range(want)}
    if set(_scope().values_list("slug", flat=True)) == slugs and Membership.objects.filter(
        partnership__in=_scope()
    ).count() == (want * sizes.councils_each):
        return False
    _delete_all()
    start = date(FIRST_YEAR, 4, 1)
    partnerships = Partnership.objects.bulk_create(
        [
            Partnership(
                name=f"Scale partnership {p:02d}",
                slug=_slug(p),
                statement_prefix=initials(_slug(p)),  # bulk_create skips save(), which would fill it
                legal_basis="s113",
                start_date=start,
            )
            for p in range(want)
        ]
    )
    n = want * sizes.councils_each
    councils = Council.objects.bulk_create(
        [Council(name=f"Scale council {_code(i)}", code=_code(i), kind="district") for i in range(n)]
    )
    memberships, hosts = [], []
    for p, partnership in enumerate(partnerships):
        mine = councils[p * sizes.councils_each : (p + 1) * sizes.councils_each]
        memberships += [Membership(partnership=partnership, council=c, joined=start) for c in mine]
        hosts.append(HostAuthority(partnership=partnership, council=mine[0], start=start))
        bar.advance()
    Membership.objects.bulk_create(memberships)
    HostAuthority.objects.bulk_create(hosts)
    bench_users(partnerships, sizes)
    return True


def bench_users(partnerships, sizes):
    User = get_user_model()
    for username, (role, p, c) in BENCH_USERS.items():
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        user.set_unusable_password()
        user.save()
        RoleAssignment.objects.filter(user=user).delete()
        partnership = partnerships[p] if p is not None else None
        council = None
        if c is not None:
            council = Council.objects.get(code=_code(p * sizes.councils_each + c))
        RoleAssignment.objects.create(user=user, role=role, partnership=partnership, council=council)


def build_finance(sizes, bar):
    """A settlement model per partnership (hosted and pooled in turn) and every council's budget per year."""
    partnerships = list(_scope().order_by("slug"))
    want = sizes.partnerships * sizes.councils_each * len(LINES) * sizes.years
    if BudgetLine.objects.filter(partnership__in=partnerships).count() == want:
        return False
    RechargeStatement.objects.filter(partnership__in=partnerships).delete()
    BudgetLine.objects.filter(partnership__in=partnerships).delete()
    Settlement.objects.filter(partnership__in=partnerships).delete()
    rng = _rng("finance")
    members = _members(partnerships)
    settlements, lines = [], []
    for i, p in enumerate(partnerships):
        settlements.append(
            Settlement(
                partnership=p,
                year=FIRST_YEAR,
                model="hosted" if i % 2 == 0 else "pooled",
                weights="budget",
                host=members[p.pk][0],
            )
        )
        for year in range(FIRST_YEAR, FIRST_YEAR + sizes.years):
            for c in members[p.pk]:
                for line in LINES:
                    amount = Decimal(rng.randint(100_000, 9_000_000))
                    lines.append(
                        BudgetLine(
                            partnership=p, year=year, council=c, line=line, opening=amount, amount=amount
                        )
                    )
        bar.advance()
    bulk_create_with_history(settlements, Settlement)
    bulk_create_with_history(lines, BudgetLine, batch_size=2000)
    return True


def _members(partnerships):
    members = {p.pk: [] for p in partnerships}
    for m in (
        Membership.objects.filter(partnership__in=partnerships)
        .select_related("council")
        .order_by("council__code")
    ):
        members[m.partnership_id].append(m.council)
    return members


def build_ledger(sizes, bar):
    """The ledger lines, spread over the years, partnerships and councils (a fifth charged to one council)."""
    partnerships = list(_scope().order_by("slug"))
    if Actual.objects.filter(partnership__in=partnerships).count() == sizes.ledger_lines:
        return False
    Actual.objects.filter(partnership__in=partnerships).delete()
    rng = _rng("ledger")
    members = _members(partnerships)
    start = date(FIRST_YEAR, 4, 1)
    days = 365 * sizes.years

    def rows():
        for i in range(sizes.ledger_lines):
            p = partnerships[i % len(partnerships)]
            councils = members[p.pk]
            day = start + timedelta(days=rng.randrange(days))
            year = day.year if day.month >= 4 else day.year - 1
            charged = rng.choice(councils).pk if rng.random() < 0.2 else None
            yield (
                p.pk,
                day,
                year,
                rng.choice(LINES),
                Decimal(rng.randint(-50_000, 5_000_000)) / 100,
                rng.choice(councils).pk,
                charged,
                "bench",
            )

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            with cursor.copy(
                "COPY finance_actual (partnership_id, date, year, line, amount, incurred_by_id, charged_to_id,"
                " description) FROM STDIN"
            ) as copy:
                for n, row in enumerate(rows(), start=1):
                    copy.write_row(row)
                    if n % 10_000 == 0:
                        bar.advance(10_000)
            cursor.execute("ANALYZE finance_actual")
        bar.advance(sizes.ledger_lines % 10_000)
    else:
        batch = []
        for row in rows():
            pid, day, year, line, amount, inc, ch, desc = row
            batch.append(
                Actual(
                    partnership_id=pid,
                    date=day,
                    year=year,
                    line=line,
                    amount=amount,
                    incurred_by_id=inc,
                    charged_to_id=ch,
                    description=desc,
                )
            )
        Actual.objects.bulk_create(batch, batch_size=5000)
        bar.advance(len(batch))
    RechargeStatement.objects.filter(partnership__in=partnerships).delete()  # they no longer match the lines
    return True


def build_meetings(sizes, bar):
    """Two bodies per partnership; meetings over the years (those before today held, most with approved
    minutes; later ones published or in draft); each with its agenda items (a tenth exempt), the published
    copy of its agenda, and resolutions on the items of meetings that have been held."""
    partnerships = list(_scope().order_by("slug"))
    scope = Meeting.objects.filter(body__partnership__in=partnerships)
    if (
        scope.count() == sizes.meetings
        and AgendaItem.objects.filter(meeting__in=scope).count() == sizes.meetings * sizes.items_each
        and Resolution.objects.filter(meeting__in=scope).count() == sizes.resolutions
    ):
        return False
    _delete_committee_business(partnerships)
    rng = _rng("meetings")
    today = date.today()
    bodies = []
    for p in partnerships:
        bodies.append(
            Body(partnership=p, name="Joint Committee", slug="joint-committee", kind="joint_committee")
        )
        bodies.append(
            Body(partnership=p, name="Management Board", slug="management-board", kind="management_board")
        )
    bodies = bulk_create_with_history(bodies, Body)
    first, last = date(FIRST_YEAR, 6, 1), today + timedelta(days=180)
    span = (last - first).days
    meetings = []
    for i in range(sizes.meetings):
        body = bodies[i % len(bodies)]
        day = first + timedelta(days=span * i // sizes.meetings + rng.randrange(7))
        if day < today:
            status = (
                Meeting.Status.MINUTES_APPROVED if day < today - timedelta(days=60) else Meeting.Status.HELD
            )
        else:
            status = Meeting.Status.PUBLISHED if day < today + timedelta(days=30) else Meeting.Status.DRAFT
        meetings.append(
            Meeting(
                body=body,
                date=day,
                venue="Committee Room 1, Town Hall",
                status=status,
                issue_date=day - timedelta(days=7),
                agenda_version=1,
            )
        )
    meetings = bulk_create_with_history(meetings, Meeting, batch_size=1000)
    items = []
    for m in meetings:
        for n in range(1, sizes.items_each + 1):
            exempt = rng.random() < 0.1
            items.append(
                AgendaItem(
                    meeting=m,
                    position=n,
                    title=f"{_words(rng, 4).capitalize()} {n}",
                    description=_words(rng, 30),
                    report_title=f"Report on {_words(rng, 3)}",
                    report_of="Chief Digital and Information Officer",
                    wards="All Wards",
                    is_decision=rng.random() < 0.6,
                    is_key_decision=rng.random() < 0.1,
                    is_exempt=exempt,
                    exempt_paragraph=3 if exempt else None,
                    public_title="Exempt item: contract negotiations" if exempt else "",
                )
            )
        bar.advance()
    items = bulk_create_with_history(items, AgendaItem, batch_size=2000)
    agendas = PublishedAgenda.objects.bulk_create(
        [
            PublishedAgenda(meeting=m, number=0, issued_on=m.issue_date, agenda_version=1, is_current=True)
            for m in meetings
            if m.status != Meeting.Status.DRAFT
        ],
        batch_size=1000,
    )
    agenda_of = {a.meeting_id: a for a in agendas}
    published = []
    for it in items:
        agenda = agenda_of.get(it.meeting_id)
        if agenda is None:
            continue
        published.append(
            PublishedItem(
                agenda=agenda,
                item=it,
                number=it.position,
                title=it.public_title if it.is_exempt else it.title,
                description="" if it.is_exempt else it.description,
                report_title="" if it.is_exempt else it.report_title,
                report_of=it.report_of,
                wards=it.wards,
                is_decision=it.is_decision,
                is_key_decision=it.is_key_decision,
                is_exempt=it.is_exempt,
                exempt_paragraph=it.exempt_paragraph,
            )
        )
    PublishedItem.objects.bulk_create(published, batch_size=2000)
    held = [it for it in items if it.meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)]
    held = held or items
    resolutions = []
    for i in range(sizes.resolutions):
        it = held[i % len(held)]
        resolutions.append(
            Resolution(
                item=it,
                meeting_id=it.meeting_id,
                clauses=f"THAT {_words(rng, 12)} be agreed.",
                reasons=_words(rng, 20),
                is_key_decision=it.is_key_decision,
            )
        )
    bulk_create_with_history(resolutions, Resolution, batch_size=2000)
    return True


def build_delegations(sizes, bar):
    """An office and a delegation per partnership, forward plan entries (most still to come) and the
    decisions officers took under the delegation, published."""
    partnerships = list(_scope().order_by("slug"))
    if (
        OfficerDecision.objects.filter(partnership__in=partnerships).count() == sizes.officer_decisions
        and ForwardPlanEntry.objects.filter(partnership__in=partnerships).count() == sizes.forward_plan
    ):
        return False
    OfficerDecision.objects.filter(partnership__in=partnerships).delete()
    ForwardPlanEntry.objects.filter(partnership__in=partnerships).delete()
    Delegation.objects.filter(partnership__in=partnerships).delete()
    Office.objects.filter(partnership__in=partnerships).delete()
    rng = _rng("delegations")
    today = date.today()
    offices = bulk_create_with_history(
        [
            Office(partnership=p, name="Chief Digital and Information Officer", short_name="CDIO")
            for p in partnerships
        ],
        Office,
    )
    delegations = bulk_create_with_history(
        [
            Delegation(
                partnership=o.partnership,
                title="Contracts up to £500,000",
                to_office=o,
                granted_by_text="Legal agreement, schedule 2",
                subjects=["contract_award", "staffing"],
                financial_limit=Decimal("500000.00"),
                effective_from=date(FIRST_YEAR, 4, 1),
            )
            for o in offices
        ],
        Delegation,
    )
    entries = []
    for i in range(sizes.forward_plan):
        p = partnerships[i % len(partnerships)]
        due = today + timedelta(days=rng.randrange(-120, 240))
        exempt = rng.random() < 0.1
        entries.append(
            ForwardPlanEntry(
                partnership=p,
                reference=f"FP/{i:05d}",
                title=f"Award of {_words(rng, 3)} contract",
                decision_maker="Joint Committee",
                decision_due=due,
                published_on=due - timedelta(days=35),
                documents="Report of the CDIO",
                is_exempt=exempt,
                exempt_paragraph=3 if exempt else None,
            )
        )
    bulk_create_with_history(entries, ForwardPlanEntry, batch_size=2000)
    decisions = []
    start = date(FIRST_YEAR, 4, 1)
    for i in range(sizes.officer_decisions):
        k = i % len(partnerships)
        day = start + timedelta(days=rng.randrange((today - start).days))
        exempt = rng.random() < 0.1
        value = Decimal(rng.randint(1_000, 400_000))
        decisions.append(
            OfficerDecision(
                partnership=partnerships[k],
                title=f"Award of {_words(rng, 3)} contract",
                office=offices[k],
                decision_maker_name="A. Officer",
                decided_on=day,
                subject="contract_award",
                delegation=delegations[k],
                value=value,
                decision=_words(rng, 25),
                reasons=_words(rng, 25),
                is_exempt=exempt,
                exempt_paragraph=3 if exempt else None,
                public_summary="A contract award (exempt: commercial terms)" if exempt else "",
                status=OfficerDecision.Status.TAKEN,
                published_on=day,
                takes_effect_on=day + timedelta(days=5),
            )
        )
    bar.advance(len(decisions))
    bulk_create_with_history(decisions, OfficerDecision, batch_size=2000)
    return True


def build_statements(sizes, bar):
    """Every statement the ledger gives: each quarter of each year and the true-ups, drafted by the service;
    the quarters of every year but the last issued."""
    partnerships = list(_scope().order_by("slug"))
    if RechargeStatement.objects.filter(partnership__in=partnerships).exists():
        return False
    officer = get_user_model().objects.filter(username="bench.finance").first()
    _invoicing_particulars(partnerships)
    for year in range(FIRST_YEAR, FIRST_YEAR + sizes.years):
        for period in ("Q1", "Q2", "Q3", "Q4", "true-up"):
            finance_services.statements_draft_all(
                year=year, period=period, partnerships=partnerships, by=officer
            )
            if period != "true-up" and year < FIRST_YEAR + sizes.years - 1:
                for p in partnerships:
                    finance_services.statements_issue(partnership=p, year=year, period=period, by=officer)
            bar.advance()
    return True


def _invoicing_particulars(partnerships):
    """What an issued statement prints: each partnership's invoicing settings (fictitious bank details) and
    each council's invoicing address, created where missing."""
    for p in partnerships:
        InvoicingSettings.objects.get_or_create(
            partnership=p,
            defaults=dict(
                payment_terms_days=30,
                vat_treatment="Outside the scope of VAT: a recharge between local authorities.",
                contact_name="Bench finance team",
                contact_email="finance@bench.example",
                bank_name="Bench Bank (fictitious)",
                bank_account_name=p.name[:200],
                bank_sort_code="00-00-00",
                bank_account_number="00000000",
                default_ledger_code="BENCH-SHARED",
            ),
        )
        # Every line of an issued statement carries a ledger code (its e-invoice line's accounting cost).
        for line in Line:
            LedgerCode.objects.get_or_create(
                partnership=p, line=line, defaults={"code": f"BENCH-{line.value}"}
            )
    councils = Council.objects.filter(memberships__partnership__in=partnerships).distinct()
    for c in councils:
        # E-invoices name each council: an invented GLN in GS1's demonstration prefix 952 as its address.
        gln = f"952{c.pk:09d}"
        BillingProfile.objects.get_or_create(
            council=c,
            defaults=dict(
                invoice_name=c.name[:200],
                address=f"{c.name}\nTown Hall\nLondon\nN1 1AA",
                identifier=f"BENCH-{c.code}",
                endpoint_scheme="0088",
                endpoint=gln + ubl.gln_check_digit(gln),
                buyer_reference=f"BENCH-{c.code}",
            ),
        )


def build_posts_and_contracts(sizes, bar):
    """The establishment and the contracts register: per partnership a ladder of grades with salary points,
    a head of service and the posts under them (sizes.posts in all, spread over teams, member councils and
    funding lines, a tenth of them ended), some suppliers, and the contracts (sizes.contracts) with each
    council's share of the total value (split to the penny, summing to it). Bulk inserts with history rows."""
    from governance.allocation import split
    from procurement.models import Contract, ContractShare, Supplier
    from staffing.models import FundingLine, Grade, Post, SalaryPoint

    partnerships = list(_scope().order_by("slug"))
    if (
        Post.objects.filter(partnership__in=partnerships).count() == sizes.posts
        and Contract.objects.filter(partnership__in=partnerships).count() == sizes.contracts
    ):
        return False
    _delete_posts_and_contracts(partnerships)
    rng = _rng("posts")
    members = _members(partnerships)
    start = date(FIRST_YEAR, 4, 1)
    grades = bulk_create_with_history(
        [
            Grade(partnership=p, code=code, name=name, rank=rank)
            for p in partnerships
            for rank, (code, name) in enumerate(
                [
                    ("SO1", "Scale 6"),
                    ("PO2", ""),
                    ("PO4", ""),
                    ("PO6", ""),
                    ("PO8", ""),
                    ("HoS", "Head of service"),
                ],
                start=1,
            )
        ],
        Grade,
    )
    ladder = {p.pk: [g for g in grades if g.partnership_id == p.pk] for p in partnerships}
    bulk_create_with_history(
        [
            SalaryPoint(grade=g, year=year, salary=Decimal(22_000 + 9_000 * g.rank))
            for g in grades
            for year in range(FIRST_YEAR, FIRST_YEAR + sizes.years)
        ],
        SalaryPoint,
        batch_size=2000,
    )
    heads = bulk_create_with_history(
        [
            Post(
                partnership=p,
                reference="P00000",
                title="Head of Shared Digital",
                grade=ladder[p.pk][-1],
                fte=Decimal("1.00"),
                team="Leadership",
                employing_council=members[p.pk][0],
                funding_line=FundingLine.BAU_STAFF,
                effective_from=start,
            )
            for p in partnerships
        ],
        Post,
    )
    head_of = {h.partnership_id: h for h in heads}
    teams = ["Service desk", "Infrastructure", "Applications", "Security", "Projects", "Data"]
    lines = [line.value for line in FundingLine]
    posts = []
    for i in range(sizes.posts - len(heads)):
        p = partnerships[i % len(partnerships)]
        begins = start + timedelta(days=rng.randrange(365 * sizes.years))
        ended = rng.random() < 0.1
        posts.append(
            Post(
                partnership=p,
                reference=f"P{i + 1:05d}",
                title=f"{_words(rng, 2).capitalize()} officer",
                grade=rng.choice(ladder[p.pk][:-1]),
                fte=rng.choice([Decimal("1.00"), Decimal("1.00"), Decimal("0.60"), Decimal("0.50")]),
                team=rng.choice(teams),
                reports_to=head_of[p.pk],
                employing_council=rng.choice(members[p.pk]),
                funding_line=rng.choice(lines),
                effective_from=begins,
                effective_to=begins + timedelta(days=rng.randrange(90, 900)) if ended else None,
            )
        )
    bulk_create_with_history(posts, Post, batch_size=2000)
    bar.advance(sizes.posts)

    suppliers = bulk_create_with_history(
        [Supplier(name=f"{BENCH_SUPPLIER}{n:03d} Ltd", is_sme=n % 3 == 0) for n in range(200)], Supplier
    )
    categories = [c.value for c in Contract.Category]
    routes = [r.value for r in Contract.Route if r != Contract.Route.FRAMEWORK]
    funding = [code for code, _ in Contract._meta.get_field("funding_line").choices]
    contracts, weights = [], []
    for i in range(sizes.contracts):
        p = partnerships[i % len(partnerships)]
        begins = start + timedelta(days=rng.randrange(365 * sizes.years))
        years = rng.randint(1, 5)
        annual = Decimal(rng.randint(5_000, 2_000_000))
        framework = rng.random() < 0.3
        status = rng.choice(
            [Contract.Status.LIVE, Contract.Status.LIVE, Contract.Status.EXPIRED, Contract.Status.PIPELINE]
        )
        contracts.append(
            Contract(
                partnership=p,
                reference=f"{p.statement_prefix}-C{i:05d}",
                title=f"{_words(rng, 3).capitalize()} services",
                description=_words(rng, 20),
                category=rng.choice(categories),
                department="Shared Digital",
                supplier=None if status == Contract.Status.PIPELINE else rng.choice(suppliers),
                total_value=annual * years,
                annual_value=annual,
                start_date=begins,
                end_date=begins + timedelta(days=365 * years - 1),
                notice_months=rng.choice([0, 3, 6]),
                route=Contract.Route.FRAMEWORK if framework else rng.choice(routes),
                framework_name="CCS RM6116 Network Services 3" if framework else "",
                status=status,
                award=Contract.Award.DRAFT if status == Contract.Status.PIPELINE else Contract.Award.AWARDED,
                awarded_on=None if status == Contract.Status.PIPELINE else begins - timedelta(days=30),
                funding_line=rng.choice(funding),
            )
        )
        party = rng.sample(members[p.pk], rng.randint(1, len(members[p.pk])))
        weights.append({c.pk: Decimal(rng.randint(1, 10)) for c in party})
    contracts = bulk_create_with_history(contracts, Contract, batch_size=2000)
    shares = []
    for contract, weight in zip(contracts, weights, strict=True):
        for council_id, amount in split(contract.total_value, weight).items():
            shares.append(ContractShare(contract=contract, council_id=council_id, amount=amount))
    bulk_create_with_history(shares, ContractShare, batch_size=5000)
    bar.advance(sizes.contracts)
    return True


BENCH_SUPPLIER = "Scale supplier "


def _delete_posts_and_contracts(partnerships):
    from procurement.models import Contract, Supplier
    from staffing.models import Grade, Post

    Contract.objects.filter(partnership__in=partnerships).delete()  # their shares go with them
    Supplier.objects.filter(name__startswith=BENCH_SUPPLIER).delete()
    Post.objects.filter(partnership__in=partnerships).update(reports_to=None)
    Post.objects.filter(partnership__in=partnerships).delete()
    Grade.objects.filter(partnership__in=partnerships).delete()


def bench_pages():
    """(label, path, username or None) of the pages bench/pages.py measures, on this data (None if it has not
    been built): the public reads the first partnership's agenda, meetings, register, search and forward plan;
    its host council's finance officer the statements; an auditor the change history, whole, filtered to one
    partnership's statements, and to one statement's history; the CIO the dashboard."""
    p = _scope().order_by("slug").first()
    if p is None or get_user_model().objects.filter(username__in=BENCH_USERS).count() < len(BENCH_USERS):
        return None
    meetings = Meeting.objects.filter(body__partnership=p)
    meeting = (
        meetings.filter(status=Meeting.Status.PUBLISHED).order_by("date").first()
        or meetings.exclude(status=Meeting.Status.DRAFT).order_by("-date").first()
    )
    s = p.slug
    statement = RechargeStatement.objects.filter(partnership=p).order_by("pk").first()
    return [
        ("public agenda page", f"/{s}/meetings/{meeting.pk}/", None),
        ("meetings list", f"/{s}/meetings/", None),
        ("decisions register", f"/{s}/decisions/", None),
        ("decisions register, filtered", f"/{s}/decisions/?text=network&key_decision=false", None),
        ("search", f"/{s}/search/?q=network", None),
        ("forward plan", f"/{s}/forward-plan/", None),
        ("finance officer's statements", f"/{s}/finance/statements/", "bench.finance"),
        ("auditor's changes page", "/changes/", "bench.auditor"),
        (
            "changes, one partnership's statements",
            f"/changes/?partnership={s}&kind=finance.rechargestatement",
            "bench.auditor",
        ),
        (
            "changes, one statement's history",
            f"/changes/?kind=finance.rechargestatement&record={statement.pk if statement else 1}",
            "bench.auditor",
        ),
        # The JSON API's lists (and one meeting): a page of rows, whatever the data's size.
        ("API meetings", f"/api/v1/partnerships/{s}/meetings/", None),
        ("API meeting", f"/api/v1/partnerships/{s}/meetings/{meeting.pk}/", None),
        (
            "API resolutions, filtered",
            f"/api/v1/partnerships/{s}/resolutions/?text=network&key_decision=false",
            None,
        ),
        ("API officer decisions", f"/api/v1/partnerships/{s}/officer-decisions/", None),
        ("API forward plan", f"/api/v1/partnerships/{s}/forward-plan/?all=1", None),
        ("API posts", f"/api/v1/partnerships/{s}/posts/", None),
        (
            "API finance officer's statements",
            f"/api/v1/partnerships/{s}/finance/statements/",
            "bench.finance",
        ),
        ("CIO dashboard", f"/{s}/dashboard/", "bench.cio"),
        # OParl 1.1: every object of the partnership is built from a fixed number of queries, then a page shown.
        ("OParl meetings", f"/oparl/v1.1/body/{s}/meeting/", None),
        ("OParl papers", f"/oparl/v1.1/body/{s}/paper/", None),
        (
            "OParl agenda items, changed since 2000",
            f"/oparl/v1.1/body/{s}/agendaItem/?modified_since=2000-01-01T00:00:00Z",
            None,
        ),
        ("OParl people", f"/oparl/v1.1/body/{s}/person/", None),
        ("OParl meeting", f"/oparl/v1.1/body/{s}/meeting/{meeting.pk}/", None),
    ]


STAGES = [
    ("Partnerships and councils", build_partnerships, lambda s: s.partnerships),
    ("Budgets and settlements", build_finance, lambda s: s.partnerships),
    ("Ledger lines", build_ledger, lambda s: s.ledger_lines),
    ("Meetings, items, resolutions", build_meetings, lambda s: s.meetings),
    ("Delegated decisions", build_delegations, lambda s: s.officer_decisions),
    ("Recharge statements", build_statements, lambda s: s.years * 5),
    ("Posts and contracts", build_posts_and_contracts, lambda s: s.posts + s.contracts),
]


def _delete_committee_business(partnerships):
    scope = Meeting.objects.filter(body__partnership__in=partnerships)
    Delegation.objects.filter(granted_by__meeting__in=scope).update(granted_by=None)
    Resolution.objects.filter(meeting__in=scope).delete()
    scope.delete()
    Body.objects.filter(partnership__in=partnerships).delete()


def _delete_all():
    partnerships = list(_scope())
    if not partnerships:
        return
    _delete_posts_and_contracts(partnerships)
    RechargeStatement.objects.filter(partnership__in=partnerships).delete()
    OfficerDecision.objects.filter(partnership__in=partnerships).delete()
    ForwardPlanEntry.objects.filter(partnership__in=partnerships).delete()
    Delegation.objects.filter(partnership__in=partnerships).delete()
    _delete_committee_business(partnerships)
    Actual.objects.filter(partnership__in=partnerships).delete()
    BudgetLine.objects.filter(partnership__in=partnerships).delete()
    Settlement.objects.filter(partnership__in=partnerships).delete()
    HostAuthority.objects.filter(partnership__in=partnerships).delete()
    RoleAssignment.objects.filter(partnership__in=partnerships).delete()
    Membership.objects.filter(partnership__in=partnerships).delete()
    Partnership.objects.filter(pk__in=[p.pk for p in partnerships]).delete()
    Council.objects.filter(name__startswith="Scale council ").delete()


def build(sizes=Sizes(), out=sys.stdout, progress=True, skip=()):
    """Builds (or completes) the data set; returns {stage label: "built" | "kept" | a note}."""
    done = {}
    for label, stage, total in STAGES:
        if stage.__name__.removeprefix("build_") in skip:
            done[label] = "skipped"
            continue
        bar = Progress(label, total(sizes), out) if progress else Quiet()
        with transaction.atomic():
            result = stage(sizes, bar)
        note = "built" if result is True else "kept" if result is False else result
        bar.close(note)
        done[label] = note
    # Bulk inserts bypass the services: mark the partnerships' cached public pages and figures out of date
    # ourselves.
    _scope().update(public_version=F("public_version") + 1, data_version=F("data_version") + 1)
    return done


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every count by this (default 1).")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=[stage.__name__.removeprefix("build_") for _, stage, _ in STAGES],
        help="Leave out a stage (repeatable), e.g. --skip statements: issuing every quarter renders ~2,000 PDFs.",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: set DATABASE_URL=postgres://…")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    sizes = Sizes() if args.scale == 1 else Sizes().scaled(args.scale)
    started = time.perf_counter()
    build(sizes, skip=set(args.skip))
    # The planner's statistics of the tables just filled: without them (autovacuum analyzes a while later) it
    # took 250 contracts for 42 and joined a page of the change history's contract shares by scanning every
    # contract for each one (47 ms, 6 ms once analyzed), so pages measured right after a build were misjudged.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Data set ready in {time.perf_counter() - started:.1f} s: {sizes}")


if __name__ == "__main__":
    main()
