"""Ten days after a quarter ends, the daily beat task drafts every partnership's statements for it and
emails the finance officers, once: running it again (or a redelivered task) drafts and sends nothing."""

from datetime import date

from django.core import mail

from finance.models import RechargeStatement
from finance.services import draft_due


def test_the_quarter_is_drafted_ten_days_after_it_ends_and_only_once(finance_demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert draft_due(date(2018, 10, 9)) == []  # Q2 ended 30 September: not yet ten days
    assert [d for d in draft_due(date(2018, 10, 10)) if d[0] == "shared-digital"] == [
        ("shared-digital", 2018, "Q2", 2)
    ]
    assert RechargeStatement.objects.filter(period="Q2", status="draft").count() == 2
    sent = [m for m in mail.outbox if "Shared Digital" in m.subject]
    assert len(sent) == 1
    assert sorted(sent[0].to) == [
        "finance.camden@example.org",
        "finance.haringey@example.org",
        "finance.islington@example.org",
    ]
    assert "Q2 2018/19" in sent[0].subject
    count = len(mail.outbox)
    assert draft_due(date(2018, 10, 11)) == []
    assert len(mail.outbox) == count


def test_the_beat_schedule_runs_the_task_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["finance-draft-due-statements"]
    assert entry["task"] == "finance.tasks.draft_due_statements"
