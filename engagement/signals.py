"""After every commit that changed what the public sees of a partnership, its search index is brought up to
date (governance's public_pages_changed, sent after the commit). settings.SEARCH_INDEX_ON_COMMIT says how:
"worker" (the default: a task in the worker, which also reads the text of new PDFs; a burst of changes within
a few seconds is one task), "now" (in the committing process, with the PDF text the worker has read), or "off"
(the test suite's default: tests that search build the index themselves). Withdrawals leave the results at
once whatever the setting (engagement.search.query). A run that wrote something queues the partnership's
'as soon as published' search alerts (tasks.queue_search_alerts): they read the index."""

from django.conf import settings
from django.core.cache import cache

from governance.partners.public import partnership_rows

from .search.index import index_partnership, indexing

# Changes within this many seconds of the first are indexed by one task, queued to run after them.
COALESCE_SECONDS = 5


def public_pages_changed(sender, *, partnership_ids, **kwargs):
    mode = getattr(settings, "SEARCH_INDEX_ON_COMMIT", "worker")
    if mode == "off" or indexing():
        return  # (the index's own writes move the public version too: that is no reason to index again)
    from .tasks import queue_search_alerts, search_index_update

    if mode == "now":
        for p in partnership_rows(partnership_ids):
            _, written, _ = index_partnership(p)
            if written:
                queue_search_alerts(p.pk)
        return

    for pk in sorted(partnership_ids):
        if cache.add(f"search-index-queued:{pk}", 1, COALESCE_SECONDS):
            search_index_update.apply_async((pk,), countdown=COALESCE_SECONDS)
