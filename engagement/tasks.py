"""The search index's worker task: reads the text of newly published PDFs and brings a partnership's index up
to date. Takes an id, calls one function, safe to run twice (rows are keyed by what they index)."""

from celery import shared_task

from governance.partners.public import partnership_rows

from .search.index import index_partnership


@shared_task(acks_late=True)
def search_index_update(partnership_id):
    found = partnership_rows([partnership_id])
    if not found:
        return None
    partnership = found[0]
    documents, written, deleted = index_partnership(partnership, read_files=True)
    return {"documents": documents, "written": written, "deleted": deleted}
