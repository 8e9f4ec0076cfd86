"""Benchmark: drafting recharge statements on PostgreSQL with many actual lines.

Builds 20 partnerships × 6 councils (half hosted, half pooled by budget weights) and N actual lines for
2018/19 with COPY, then times drafting every statement of one quarter and of the true-up, against the same
aggregate as one raw SQL query, and reports Python's peak memory while drafting (sums are taken in SQL, so
it should stay flat as lines grow). Not part of the test suite.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_fin .venv/bin/python bench/recharges.py --lines 1000000
"""

import argparse
import os
import random
import sys
import time
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservice.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_fin")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from finance import services  # noqa: E402
from finance.models import Line  # noqa: E402
from finance.periods import period_dates  # noqa: E402
from governance.models import Council, HostAuthority, Membership, Partnership  # noqa: E402

YEAR = 2018
LINES = [line.value for line in Line]


def build(partnerships, councils_each, lines, seed=2026):
    rng = random.Random(seed)
    call_command("flush", interactive=False, verbosity=0)
    all_parts = []
    for p in range(partnerships):
        partnership = Partnership.objects.create(
            name=f"Bench {p:02d}", slug=f"bench-{p:02d}", legal_basis="s113", start_date=date(2017, 4, 1)
        )
        councils = [
            Council.objects.create(
                name=f"Council {p}-{c}", code="B" + chr(65 + p) + chr(65 + c), kind="district"
            )
            for c in range(councils_each)
        ]
        Membership.objects.bulk_create(
            [Membership(partnership=partnership, council=c, joined=date(2017, 4, 1)) for c in councils]
        )
        HostAuthority.objects.create(partnership=partnership, council=councils[0], start=date(2017, 4, 1))
        services.settlement_set(
            partnership=partnership,
            year=YEAR,
            model="hosted" if p % 2 == 0 else "pooled",
            weights="budget",
            host=councils[0],
        )
        rows = "".join(
            f"{partnership.slug},2018/19,{c.code},{line},{rng.randint(100_000, 9_000_000)}\n"
            for c in councils
            for line in LINES
        )
        services.import_budget(text="partnership,year,council,line,amount\n" + rows)
        all_parts.append((partnership, councils))
    start = date(YEAR, 4, 1)
    with connection.cursor() as cursor:
        with cursor.copy(
            "COPY finance_actual (partnership_id, date, year, line, amount, incurred_by_id, charged_to_id, description)"
            " FROM STDIN"
        ) as copy:
            for i in range(lines):
                partnership, councils = all_parts[i % len(all_parts)]
                incurred = rng.choice(councils)
                charged = rng.choice(councils).pk if rng.random() < 0.2 else None
                copy.write_row(
                    (
                        partnership.pk,
                        start + timedelta(days=rng.randrange(365)),
                        YEAR,
                        rng.choice(LINES),
                        Decimal(rng.randint(-50_000, 5_000_000)) / 100,
                        incurred.pk,
                        charged,
                        "bench",
                    )
                )
        cursor.execute("ANALYZE finance_actual")
    return [p for p, _ in all_parts]


RAW = """
SELECT a.partnership_id, a.incurred_by_id, a.charged_to_id, a.line, SUM(a.amount), COUNT(*)
FROM finance_actual a WHERE a.date BETWEEN %s AND %s
GROUP BY a.partnership_id, a.incurred_by_id, a.charged_to_id, a.line
"""
# The true-up needs each quarter's sums as well as the year's (the pooled model settles the year less its
# quarters), so its aggregate is grouped by month too.
RAW_BY_MONTH = """
SELECT a.partnership_id, a.incurred_by_id, a.charged_to_id, a.line, EXTRACT(MONTH FROM a.date), SUM(a.amount),
       COUNT(*)
FROM finance_actual a WHERE a.date BETWEEN %s AND %s
GROUP BY a.partnership_id, a.incurred_by_id, a.charged_to_id, a.line, EXTRACT(MONTH FROM a.date)
"""


def raw_seconds(first, last, period, repeat=3):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(RAW_BY_MONTH if period == "true-up" else RAW, [first, last])
            cursor.fetchall()
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else min(best, elapsed)
    return best


def draft_seconds(partnerships, period, trace=False):
    """Seconds to draft (and save) every statement of the period; with trace, Python's peak memory too
    (tracing slows Python down, so it is a separate run)."""
    from finance.models import RechargeStatement

    RechargeStatement.objects.filter(year=YEAR, period=period).delete()
    if trace:
        tracemalloc.start()
    t = time.perf_counter()
    count = 0
    for statements, _ in services.statements_draft_all(
        year=YEAR, period=period, partnerships=partnerships
    ).values():
        count += len(statements)
    elapsed = time.perf_counter() - t
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return elapsed, count, peak


def calculate_seconds(partnerships, period):
    """The calculation alone (the grouped sums the app runs, and the arithmetic), without writing statements."""
    from finance import selectors

    t = time.perf_counter()
    sums = selectors.actual_sums_all(YEAR, period)
    inputs = selectors.statement_inputs_all(YEAR, period, partnerships)
    for p in partnerships:
        selectors.statement_items(p, YEAR, period, sums=sums[p.pk], inputs=inputs[p.pk])
    return time.perf_counter() - t


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=20)
    parser.add_argument("--councils", type=int, default=6)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument(
        "--reuse", action="store_true", help="Keep the data of a previous run of the same size."
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: set DATABASE_URL=postgres://…/bench_fin")
    call_command("migrate", verbosity=0)
    from finance.models import Actual

    t = time.perf_counter()
    if args.reuse and Actual.objects.count() == args.lines:
        partnerships = list(Partnership.objects.filter(slug__startswith="bench-").order_by("slug"))
        print(f"Reusing {len(partnerships)} partnerships and {args.lines:,} actual lines")
    else:
        partnerships = build(args.partnerships, args.councils, args.lines)
        print(
            f"Built {args.partnerships} partnerships × {args.councils} councils, {args.lines:,} actual lines "
            f"in {time.perf_counter() - t:.1f} s"
        )
    for period in ("Q1", "true-up"):
        first, last = period_dates(YEAR, period)
        draft_seconds(partnerships, period)  # warm the cache
        elapsed, count, _ = min(draft_seconds(partnerships, period) for _ in range(3))
        peak = draft_seconds(partnerships, period, trace=True)[2]
        raw = raw_seconds(first, last, period)
        calc = min(calculate_seconds(partnerships, period) for _ in range(3))
        print(
            f"{period:8} one raw SQL aggregate {raw:7.3f} s | calculating every statement {calc:7.3f} s "
            f"(ratio {calc / raw:5.2f}×) | drafting and saving {count} statements {elapsed:7.3f} s "
            f"(ratio {elapsed / raw:5.2f}×) | Python peak memory while drafting {peak / 1024 / 1024:5.1f} MiB"
        )


if __name__ == "__main__":
    main()
