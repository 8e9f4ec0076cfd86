"""Benchmark: build an agenda pack like the seed's (about 200 pages: 14 items, five signed-off reports with
tables, 40 pages of merged appendices) and print the seconds for a full build, for a rebuild after each of two
real edits to one report (its summary rewritten; a paragraph of its options rewritten, each edit followed by
the report's sign-off again), the peak memory, and the seconds WeasyPrint alone takes for the same HTML, as a
ratio. PROFILE=cumulative (or tottime) prints the profile of each rebuild instead of its stages.

    .venv/bin/python bench/agenda_pack.py

Uses a throwaway SQLite database and media folder; nothing else is touched.
"""

import os
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="bench-pack-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.db'}"
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservice.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from weasyprint import HTML  # noqa: E402

from governance import demo  # noqa: E402
from governance.committees import services  # noqa: E402
from governance.models import Body, Council, Meeting  # noqa: E402
from governance.papers import documents  # noqa: E402
from governance.papers import services as report_services  # noqa: E402
from governance.papers.pdf import BASE_URL, StaticFilesFetcher  # noqa: E402

TITLES = [
    "Shared Digital Governance Model Review",
    "Shared Digital Strategy - Reviewing the Draft",
    "Review of Case Management System Provision",
    "Network Service Transformation",
    "Shared Digital Financial Update",
]


def table(rows):
    head = "| Line | Camden | Haringey | Islington | TOTAL |\n|---|--:|--:|--:|--:|\n"
    return head + "".join(
        f"| Budget line {r} | {6524 + r:,} | {5259 + r:,} | {7961 + r:,} | {19744 + 3 * r:,} |\n"
        for r in range(rows)
    )


def long_text(n_paras, seed):
    para = (
        "Camden, Haringey and Islington Councils recognise that sharing their Digital and ICT services will bring many "
        "benefits, including saving money, improving performance and resilience, and sharing learning to support "
        "better digital services to citizens and residents. "
    )
    out = []
    for i in range(n_paras):
        out.append(f"{para * 2} ({seed}.{i})")
        if i % 6 == 5:
            out.append(table(12))
    return "\n\n".join(out)


def appendix_pdf(pages, label):
    body = "".join(
        f'<section style="page-break-after: always"><h1>{label}</h1><p>{"Appendix text. " * 300}</p></section>'
        for _ in range(pages)
    )
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def setup():
    call_command("migrate", verbosity=0)
    demo.load()
    officer = demo.get_user_model().objects.get(username="officer")
    body = Body.objects.get(slug="shared-digital-joint-committee")
    meeting = services.meeting_create(
        body=body,
        date=date.today() + timedelta(days=60),
        venue="Council Chamber, Civic Centre, Wood Green High Road N22 8LE",
        chair_council=Council.objects.get(code="LBC"),
        by=officer,
    )
    appendix_pages = [16, 12, 6, 4, 2]  # 40 pages of uploaded appendices
    for n, title in enumerate(TITLES):
        meeting.refresh_from_db()
        item = services.agenda_item_add(
            meeting=meeting,
            version=meeting.agenda_version,
            by=officer,
            title=title,
            wards="All Wards",
            report_of="Chief Digital and Information Officer",
            is_decision=True,
        )
        report = report_services.report_save(
            item=item,
            by=officer,
            title=title,
            report_of="Chief Digital and Information Officer",
            summary=long_text(2, n),
            recommendations="Approve the recommendation.\nNote the report.",
            about=long_text(30, n),
            why_necessary=long_text(4, n),
            options=long_text(30, n),
            reasons=long_text(4, n),
            impacts_risks=long_text(6, n),
            consultation=long_text(3, n),
            legal=long_text(4, n),
            resources=long_text(6, n),
            contact_officer="Ed Garcez, CDIO",
        )
        data = appendix_pdf(appendix_pages[n], f"Appendix to {title}")
        report_services.appendix_add(
            report=report,
            title="Supporting paper",
            by=officer,
            upload=SimpleUploadedFile("a.pdf", data, content_type="application/pdf"),
        )
        # Signed off: a draft report is not in the public pack ("report to follow").
        report_services.report_sign_off(report=report, by=officer)
    for title in ("Appointment of Chair for calendar year", "Any other business"):
        meeting.refresh_from_db()
        services.agenda_item_add(meeting=meeting, version=meeting.agenda_version, by=officer, title=title)
    return Meeting.objects.get(pk=meeting.pk), officer


def weasyprint_alone(meeting):
    """The same HTML the pack renders (cover, front sheet, minutes, reports), rendered by WeasyPrint only."""
    items, cover, bodies, _key = documents.prepare_pack(meeting, audience="public")
    ranges = {b.item_id: (1, 2) for b in bodies}
    htmls = [cover, documents.front_sheet_html(meeting, items, audience="public", ranges=ranges)]
    htmls += [html for b in bodies for html in b.htmls]  # a report in its two pieces, as the pack renders it
    start, cpu = time.perf_counter(), time.process_time()
    for html in htmls:
        HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf(
            pdf_variant="pdf/ua-1"
        )
    return time.perf_counter() - start, time.process_time() - cpu


def rebuild(meeting, officer, label):
    """Rebuilds the public pack after an edit: (pages, wall-clock seconds, CPU seconds), each stage printed
    (or, with PROFILE=cumulative or tottime, the profile's top lines)."""
    print(f"Rebuild after one report changed ({label}):")
    start, cpu = time.perf_counter(), time.process_time()
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        rebuilt = profiler.runcall(report_services.pack_build, meeting=meeting, audience="public", by=officer)
        pstats.Stats(profiler).sort_stats(os.environ["PROFILE"]).print_stats(30)
    else:
        stages = {}

        def progress(stage, done, total):
            stages.setdefault(stage, (time.perf_counter(), time.process_time()))

        rebuilt = report_services.pack_build(
            meeting=meeting, audience="public", by=officer, progress=progress
        )
        stages["Stored"] = (time.perf_counter(), time.process_time())
        names = list(stages)
        for a, b in zip(names, names[1:], strict=False):
            wall, cpu_s = (stages[b][0] - stages[a][0]), (stages[b][1] - stages[a][1])
            print(f"  stage {a!r}: {wall:.2f} s (CPU {cpu_s:.2f} s)")
    return rebuilt.page_count, time.perf_counter() - start, time.process_time() - cpu


def main():
    meeting, officer = setup()
    print(f"Agenda items: {meeting.items.count()}")
    alone, alone_cpu = weasyprint_alone(meeting)

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start, cpu = time.perf_counter(), time.process_time()
    pack = report_services.pack_build(meeting=meeting, audience="public", by=officer)
    full, full_cpu = time.perf_counter() - start, time.process_time() - cpu
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    item = meeting.items.get(title=TITLES[3])
    n = TITLES.index(item.title)
    # Two real edits to a published report, each followed by a rebuild. Each edit withdraws the report's
    # sign-off, and the report is signed off again, as an officer would (else the public pack leaves it out).
    # 1. Its summary rewritten: two long paragraphs become one sentence (on the report's first page, the header).
    report = report_services.report_save(
        item=item, by=officer, summary="A changed summary for the network report."
    )
    report_services.report_sign_off(report=report, by=officer)
    summary_rebuild = rebuild(meeting, officer, "summary rewritten")
    # 2. One paragraph in the middle of its options (section 3, about a third of the way into the report's body)
    # rewritten and made longer: every page of the body after it moves.
    paragraphs = long_text(30, n).split("\n\n")
    paragraphs[10] = (
        "Option 2 has been revised after the consultation with the three councils' heads of digital. " * 8
    )
    report = report_services.report_save(item=item, by=officer, options="\n\n".join(paragraphs))
    report_services.report_sign_off(report=report, by=officer)
    body_rebuild = rebuild(meeting, officer, "a paragraph of the options rewritten")

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Pack: {pack.page_count} pages (version {pack.version})")
    print("                                             wall clock    CPU (this process)")
    print(f"Full build:                                 {full:7.2f} s     {full_cpu:7.2f} s")
    print(f"WeasyPrint alone, same HTML:                {alone:7.2f} s     {alone_cpu:7.2f} s")
    print(
        f"Full build / WeasyPrint alone:              {full / alone:7.2f}x      {full_cpu / alone_cpu:7.2f}x"
    )
    for label, (pages, seconds, cpu_seconds) in (
        ("summary rewritten", summary_rebuild),
        ("options paragraph rewritten", body_rebuild),
    ):
        print(f"Rebuild, {label + ':':<30}     {seconds:7.2f} s     {cpu_seconds:7.2f} s   ({pages} pages)")
        print(
            f"  / full build:                             {seconds / full:7.0%}       {cpu_seconds / full_cpu:7.0%}"
        )
    print(
        f"Peak resident memory (process): {rss:7.1f} MB (before the full build: {rss_before:.1f} MB, after: {rss_after:.1f} MB)"
    )
    print(f"(Machine: {os.cpu_count()} cores, shared with other work while measured.)")


if __name__ == "__main__":
    main()
