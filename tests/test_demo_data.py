from io import StringIO

from django.core.management import call_command

from governance.models import Council, Membership, Partnership, RoleAssignment


def test_load_demo_is_idempotent_and_prints_the_logins(db):
    out = StringIO()
    call_command("load_demo", "--no-pack", stdout=out)
    counts = [m.objects.count() for m in (Council, Partnership, Membership, RoleAssignment)]
    histories = Council.history.count()
    call_command("load_demo", "--no-pack", stdout=StringIO())
    assert [m.objects.count() for m in (Council, Partnership, Membership, RoleAssignment)] == counts
    assert Council.history.count() == histories  # a second run changes nothing
    assert counts[:3] == [6, 2, 6]
    text = out.getvalue()
    assert "finance.haringey" in text and "demo-pass-2026" in text
    # The demo ends with an up-to-date search index: the words are found inside the papers.
    from engagement.search import search_documents

    sd = Partnership.objects.get(slug="shared-digital")
    for words in ("securely segmented", "Evergreening", "Gartner"):
        assert search_documents(sd, query=words), words
    assert sorted(Council.objects.values_list("code", flat=True)) == [
        "LBC",
        "LBH",
        "LBHF",
        "LBI",
        "RBKC",
        "WCC",
    ]


def test_the_30_october_2017_reports_carry_the_seeds_whole_text(db):
    from datetime import date

    from governance.models import Appendix, Meeting, Report

    call_command("load_demo", "--no-pack", stdout=StringIO())
    meeting = Meeting.objects.get(body__slug="shared-digital-joint-committee", date=date(2017, 10, 30))
    reports = Report.objects.filter(item__meeting=meeting).order_by("item__position")
    assert [r.item.position for r in reports] == [8, 9, 10, 11, 12]
    assert all(r.is_signed for r in reports)
    # As printed: the finance update (for noting) has no section of reasons.
    assert {r.item.position: r.missing_sections() for r in reports} == {
        8: [],
        9: [],
        10: [],
        11: [],
        12: ["the reasons for the recommended decisions"],
    }
    appendices = Appendix.objects.filter(report__item__meeting=meeting)
    assert appendices.count() == 6
    activist = appendices.get(report__item__position=8)
    assert "Activist Group" in activist.title and len(activist.body) > 100_000
    finance = reports.get(item__position=12)
    # Tables 1 to 3 of the finance update as Markdown tables, with the printed figures.
    assert "| BAU staff | 6,524 | 5,259 | 7,961 | 19,745 |" in finance.why_necessary
    assert "| Revenue grand total | 43,710 | 43,755 | 45 |" in finance.why_necessary
    assert "| One-off funding grant totals | 14,879 | 16,121 | 10,878 | -5,243 |" in finance.why_necessary
    assert "Note the annual budget-to-actual true-up process" in finance.recommendation_list
    assert len(reports.get(item__position=8).recommendation_list) == 8


def test_the_fixture_files_are_what_the_extraction_script_writes(tmp_path):
    import importlib.util

    from django.conf import settings

    path = settings.BASE_DIR / "scripts" / "extract_seed_pack.py"
    spec = importlib.util.spec_from_file_location("extract_seed_pack", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    if not script.SEED.exists():
        import pytest

        pytest.skip("the seed is not on this machine")
    script.main(script.SEED, tmp_path)
    committed = script.OUTPUT
    assert sorted(p.name for p in tmp_path.glob("*.md")) == sorted(p.name for p in committed.glob("*.md"))
    for written in tmp_path.glob("*.md"):
        assert written.read_text() == (committed / written.name).read_text(), written.name


def test_the_cdios_june_2017_awards_are_in_the_public_register_with_their_call_in_date(db, client):
    from governance.delegations.services import decision_checks
    from governance.models import OfficerDecision

    call_command("load_demo", "--no-pack", stdout=StringIO())
    awards = OfficerDecision.objects.filter(partnership__slug="shared-digital").order_by("decided_on")
    assert [a.delegation.title.split(":")[0] for a in awards] == [
        "Mobile devices, calls and data",
        "Multi-functional devices (MFDs) and print room services",
    ]
    for award in awards:
        assert award.is_taken and award.takes_effect_on > award.published_on
        assert all(c.passed for c in decision_checks(award))
    page = client.get("/shared-digital/decisions/").content.decode()
    for award in awards:
        assert award.title in page
        assert f"Can take effect {award.takes_effect_on:%-d %B %Y}" in page


def test_the_key_decisions_of_30_october_2017_are_on_the_forward_plan(db):
    from governance.models import ForwardPlanEntry

    call_command("load_demo", "--no-pack", stdout=StringIO())
    entries = ForwardPlanEntry.objects.filter(partnership__slug="shared-digital").select_related(
        "agenda_item__meeting"
    )
    assert {e.agenda_item.title for e in entries} == {
        "Shared Digital Governance Model Review",
        "Review of Adult Social Care and Children's Services Case Management System Provision",
        "Network Service Transformation",
        "Managed wide area network: award of the contract",  # the live meeting's
    }
    # Each is ticked as a key decision on its agenda, with notice enough for its meeting (regulation 9).
    for entry in entries:
        assert entry.agenda_item.is_key_decision
        assert entry.decision_due == entry.agenda_item.meeting.date
        assert entry.notice_problem(entry.agenda_item.meeting.date) == ""


def test_the_live_meeting_is_the_first_monday_15_working_days_after_the_load(db):
    from datetime import date

    from governance.calendar import clear_working_days
    from governance.demo import live_meeting_date, load_live_meeting
    from governance.models import Meeting

    # Friday 18 December 2026 is the 15th working day after Saturday 28 November; Christmas is skipped too.
    assert live_meeting_date(date(2026, 11, 28)) == date(2026, 12, 21)
    assert live_meeting_date(date(2026, 12, 4)) == date(2027, 1, 4)  # 28 December is a bank holiday
    today = date(2026, 11, 28)
    meeting = load_live_meeting(today=today)
    assert meeting.date.weekday() == 0 and clear_working_days(today, meeting.date) >= 14
    assert meeting.status == Meeting.Status.DRAFT
    items = [i for i in meeting.items.all() if not i.standard]
    assert [(i.is_exempt, hasattr(i, "report")) for i in items] == [
        (False, True),
        (False, True),
        (True, False),
    ]
    assert not any(i.report.is_signed for i in items if hasattr(i, "report"))
    # The exempt contract award is a key decision, on the forward plan in time: the agenda can be published.
    assert [i.is_key_decision for i in items] == [False, False, True]
    from governance.delegations.key_decisions import key_decision_problems

    assert key_decision_problems(meeting, today=today) == []
    assert load_live_meeting(today=today) is None  # a meeting to come: nothing added again
