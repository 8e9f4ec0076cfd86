"""The index follows every commit that changes what the public sees: after the agenda is published its items,
reports and appendices (the text of an uploaded PDF too, read in the worker) are found; by default the worker
does it (one task for a burst of changes), "now" does it in the committing process. A withdrawal leaves the
results at once, before any rebuild (tests/governance/papers/test_withdrawal.py)."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache

from engagement import tasks
from engagement.models import ExtractedText
from governance.committees import services
from governance.models import Body
from tests.governance.conftest import add_business
from tests.governance.paper_helpers import uploaded_pdf, write_report

from .conftest import SD


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(sd, django_user_model):
    officer = django_user_model.objects.get(username="officer")
    jc = Body.objects.get(partnership=sd, slug="shared-digital-joint-committee")
    m = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=30), venue="Town Hall", by=officer
    )
    return m, officer


def found(client, words):
    return "Nothing public matches" not in client.get(f"{SD}/search/", {"q": words}).content.decode()


@pytest.mark.postgres  # CI runs it again on PostgreSQL: ranked full text, not the SQLite fallback
def test_published_business_is_found_once_the_index_follows_the_commit(meeting, client, settings):
    settings.SEARCH_INDEX_ON_COMMIT = "now"
    m, officer = meeting
    add_business(m, officer, "Quillback data centre move", description="Moving the racks.")
    assert not found(client, "Quillback")  # a draft agenda is not public
    services.agenda_publish(meeting=m, by=officer)
    assert found(client, "Quillback")


def test_by_default_the_worker_indexes_once_for_a_burst_of_changes(meeting, monkeypatch, settings):
    settings.SEARCH_INDEX_ON_COMMIT = "worker"
    queued = []
    monkeypatch.setattr(tasks.search_index_update, "apply_async", lambda *a, **kw: queued.append((a, kw)))
    cache.clear()
    m, officer = meeting
    add_business(m, officer, "Quillback data centre move")
    services.agenda_publish(meeting=m, by=officer)
    # Three commits (the meeting, its item, the publication): one task, run after they have settled.
    assert queued == [(((m.body.partnership_id,),), {"countdown": 5})]


@pytest.mark.postgres  # CI runs it again on PostgreSQL: ranked full text, not the SQLite fallback
def test_the_worker_reads_the_text_of_a_published_pdf_appendix_and_finds_it(meeting, client):
    m, officer = meeting
    write_report(
        m,
        officer,
        "Wide area network",
        appendix_pdf=uploaded_pdf("Tenders from Quetzalcoatl Networks"),
        signed=True,
    )
    services.agenda_publish(meeting=m, by=officer)
    assert not found(client, "Quetzalcoatl")  # the test suite does not index after each commit
    outcome = tasks.search_index_update(m.body.partnership_id)  # what the worker runs
    assert outcome["written"] > 0
    assert ExtractedText.objects.filter(text__contains="Quetzalcoatl").count() == 1
    page = client.get(f"{SD}/search/", {"q": "Quetzalcoatl"}).content.decode()
    assert "Wide area network: Appendix A" in page and "Appendix" in page
    again = tasks.search_index_update(m.body.partnership_id)  # safe to run twice: nothing to write
    assert again["written"] == 0 and again["deleted"] == 0


def test_what_the_index_writes_reaches_cached_search_pages_and_queues_no_second_index(
    meeting, client, monkeypatch, settings
):
    """The search page, its feed and the API are cached public pages: the index's write moves the public version, so a
    page cached before it is not served after it; and that move is the index's own, no reason to index again."""
    m, officer = meeting
    add_business(m, officer, "Quillback data centre move", description="Moving the racks.")
    services.agenda_publish(meeting=m, by=officer)
    assert not found(client, "Quillback")  # not indexed yet (the suite does not index after each commit) …
    feed = client.get(f"{SD}/search.atom", {"q": "Quillback"}).content.decode()
    assert "Quillback data centre move" not in feed  # … and the pages are now in the cache
    api = "/api/v1/partnerships/shared-digital/search/"
    assert "Quillback data centre move" not in client.get(api, {"q": "Quillback"}).content.decode()
    settings.SEARCH_INDEX_ON_COMMIT = "worker"
    queued = []
    monkeypatch.setattr(tasks.search_index_update, "apply_async", lambda *a, **kw: queued.append((a, kw)))
    cache.delete(f"search-index-queued:{m.body.partnership_id}")
    m.body.partnership.refresh_from_db()
    before = m.body.partnership.public_version
    assert tasks.search_index_update(m.body.partnership_id)["written"] > 0
    m.body.partnership.refresh_from_db()
    assert m.body.partnership.public_version > before
    assert queued == []
    assert found(client, "Quillback")
    feed = client.get(f"{SD}/search.atom", {"q": "Quillback"}).content.decode()
    assert "Quillback data centre move" in feed
    assert "Quillback data centre move" in client.get(api, {"q": "Quillback"}).content.decode()
