"""Benchmark: ranked full-text search on the large data set plus 100,000 paragraphs of report text.

Needs bench/data.py's data in the same database (its meetings and delegations stages at least). Adds, once,
signed-off reports on the open items of the first bench partnership's published meetings: 100,000 paragraphs
in all, in the house template's sections, each paragraph about 60 words drawn from the data set's vocabulary,
a rare word in one paragraph of 2,000 and "service" in nine of ten (a word in most documents). Builds that
partnership's search index with the worker's own function (timed), then serves the site with gunicorn
(bench/pages.py's server and load) and measures a ranked search's p95 against the bare view. Aim (issue 24):
ranked search p95 ≤ 5× the bare view's.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ss_bench .venv/bin/python bench/data.py --skip ledger \
        --skip statements --skip posts_and_contracts        # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ss_bench .venv/bin/python bench/search.py
    … bench/search.py --requests 100 --concurrency 4 --paragraphs 100000

A word in most documents: English stopwords ("the", "and") are dropped by the parser and match nothing (the
page says so). A content word in nine documents of ten ("service") is found through the GIN index, then ranked
among its 1,000 newest matches only (query.RANK_WINDOW: ts_rank reads each candidate's stored vector, so
ranking every match would grow with them), counted up to 1,000 ("1,000 results or more"), and each shown
result's snippet is cut by ts_headline from the document's best-matching stored passage (at most 600
characters) rather than the whole text. Its cost then stops growing with the number of matches.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import pages  # noqa: E402 - sets up Django with bench/settings.py
from data import WORDS, _scope  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from engagement.models import SearchDocument  # noqa: E402
from engagement.search.index import index_partnership  # noqa: E402
from governance.models import AgendaItem, Meeting, PublishedItem  # noqa: E402
from governance.papers.models import SECTIONS, Report  # noqa: E402

RARE = "quillwort"
COMMON = "service"
MARK = "Bench report text"


def paragraph(rng, n):
    words = [rng.choice(WORDS) for _ in range(60)]
    if n % 10:
        words[rng.randrange(60)] = COMMON
    if n % 2000 == 0:
        words[rng.randrange(60)] = RARE
    return " ".join(words).capitalize() + "."


def build_reports(partnership, paragraphs):
    """Signed reports on the partnership's open, published items with `paragraphs` paragraphs in all (kept when
    already built with that many)."""
    mark = f"{MARK}: {paragraphs} paragraphs"
    mine = Report.objects.filter(
        item__meeting__body__partnership=partnership, background_papers__startswith=MARK
    )
    if mine.exists() and not mine.exclude(background_papers=mark).exists():
        return paragraphs, False
    mine.delete()
    items = list(
        AgendaItem.objects.filter(
            meeting__body__partnership=partnership,
            is_exempt=False,
            meeting__status__in=[
                Meeting.Status.PUBLISHED,
                Meeting.Status.HELD,
                Meeting.Status.MINUTES_APPROVED,
            ],
            pk__in=PublishedItem.objects.filter(agenda__is_current=True).values("item_id"),
            report__isnull=True,
        )
        .select_related("meeting__body")
        .order_by("pk")
    )
    rng = random.Random("bench-search")
    per_section = -(-paragraphs // (len(items) * len(SECTIONS)))
    reports, n = [], 0
    for item in items:
        text = {}
        for field, _ in SECTIONS:
            count = max(0, min(per_section, paragraphs - n))
            text[field] = "\n\n".join(paragraph(rng, n + i) for i in range(count))
            n += count
        reports.append(
            Report(
                item=item,
                title=item.report_title or item.title,
                report_of="Chief Digital and Information Officer",
                submitted_to=item.meeting.body,
                date=item.meeting.date,
                summary=paragraph(rng, 1),
                recommendations="Note the report.",
                background_papers=mark,
                signed_by="Bench Officer",
                signed_role="Chief Digital and Information Officer",
                signed_on=date(2020, 1, 1),
                **text,
            )
        )
    with transaction.atomic():
        Report.objects.bulk_create(reports, batch_size=200)
    return n, True


def main():
    parser = argparse.ArgumentParser(description="Ranked search p95 against the bare view.")
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--reindex", action="store_true", help="Rebuild the index even if the text is kept.")
    parser.add_argument(
        "--cache",
        action="store_true",
        help="Serve with the site's cache, as production does: the search page and its feed are cached public "
        "pages (keyed by the partnership's public version), so a search asked again is read from the cache. "
        "Without it (the default) every request runs the search: the cold figure.",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL with the data of bench/data.py: set DATABASE_URL=postgres://…")
    partnership = _scope().order_by("slug").first()
    if partnership is None:
        sys.exit("No bench data: run bench/data.py first (same DATABASE_URL).")
    started = time.perf_counter()
    written, built = build_reports(partnership, args.paragraphs)
    print(
        f"Report text: {written:,} paragraphs ({'built' if built else 'kept'}) in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    if built or args.reindex or not SearchDocument.objects.filter(partnership=partnership).exists():
        documents, changed, deleted = index_partnership(partnership)
    else:
        documents, changed, deleted = SearchDocument.objects.filter(partnership=partnership).count(), 0, 0
    print(
        f"Index of {partnership.slug}: {documents:,} documents ({changed:,} written, {deleted:,} removed) in "
        f"{time.perf_counter() - started:.1f} s; "
        f"{SearchDocument.objects.filter(partnership=partnership, body__icontains=COMMON).count():,} hold “{COMMON}”"
    )
    with connection.cursor() as cursor:
        for table in ("engagement_searchdocument", "engagement_searchpassage"):
            cursor.execute(f"VACUUM ANALYZE {table}")  # as autovacuum would after a bulk write
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('engagement_searchdocument')), "
            "pg_size_pretty(pg_total_relation_size('engagement_searchpassage')), "
            "(SELECT count(*) FROM engagement_searchpassage)"
        )
        documents_size, passages_size, passages = cursor.fetchone()
        print(
            f"Index tables with their indexes: documents {documents_size}, {passages:,} passages {passages_size}"
        )
    s = partnership.slug
    targets = [
        ("bare view (same middleware)", "/bench/bare/"),
        ("search, a rare word", f"/{s}/search/?q={RARE}"),
        ("search, an ordinary word", f"/{s}/search/?q=firewall"),
        ("search, two words", f"/{s}/search/?q=cyber+resilience"),
        ("search, a phrase", f"/{s}/search/?q=%22data+centre%22"),
        (f"search, “{COMMON}” (most documents)", f"/{s}/search/?q={COMMON}"),
        (f"search, “{COMMON}”, newest first", f"/{s}/search/?q={COMMON}&sort=newest"),
        ("search, stopwords only", f"/{s}/search/?q=the+and+of"),
        ("search feed, ordinary word", f"/{s}/search.atom?q=firewall"),
        ("search API, ordinary word", f"/api/v1/partnerships/{s}/search/?q=firewall"),
    ]
    connection.close()
    port = pages.free_port()
    import os

    if args.cache:
        os.environ.pop("BENCH_NO_CACHE", None)
    else:
        os.environ["BENCH_NO_CACHE"] = "1"
    server = pages.start_server(port, args.workers, 1)
    rows = []
    try:
        for label, path in targets:
            status, size, _ = pages.fetch(port, path, None)
            if status != 200:
                rows.append((label, None, None, [status]))
                continue
            pages.load(port, path, None, 10, args.concurrency, args.time_limit)
            latencies, errors, _elapsed = pages.load(
                port, path, None, args.requests, args.concurrency, args.time_limit
            )
            rows.append((label, statistics.median(latencies), pages.p95(latencies), errors))
    finally:
        server.terminate()
        server.wait(timeout=20)
    bare = rows[0][2]
    print(
        f"{args.requests} requests each, {args.concurrency} clients, gunicorn {args.workers} workers, "
        f"cache {'on (as production)' if args.cache else 'off (every request runs the search)'}"
    )
    print(f"{'page':42} {'median ms':>9} {'p95 ms':>8} {'p95 ×bare':>9}  errors")
    for label, median, pct95, errors in rows:
        if median is None:
            print(f"{label:42} {'—':>9} {'—':>8} {'—':>9}  {errors}")
            continue
        print(f"{label:42} {median * 1000:9.1f} {pct95 * 1000:8.1f} {pct95 / bare:9.1f}  {errors[:3] or ''}")


if __name__ == "__main__":
    main()
