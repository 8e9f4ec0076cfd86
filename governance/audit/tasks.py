from celery import shared_task

from governance.jobs import services as jobs

from .filters import ChangeFilter
from .history import change_history_csv

FILTERS_NO_LONGER_VALID = (
    "The export's filters are no longer valid (a partnership or person may have been removed)."
)


@shared_task(acks_late=True, **jobs.RETRY_ON_LOST_CONNECTION)
def export_change_history(job_id, base=""):
    """Writes the changes matching the job's filters (the whole audit trail without) to a CSV file attached to
    the job, with the trail's columns. base: the site's address as the requester reached it, so that the
    file's links are absolute."""

    def work(job):
        jobs.job_progress(job, stage="Reading the change history")
        f = ChangeFilter(job.parameters or {})
        if not f.is_valid():
            raise ValueError(FILTERS_NO_LONGER_VALID)
        text = change_history_csv(
            f,
            progress=lambda done, total: jobs.job_progress(job, done=done, total=total),
            reader=job.requested_by,  # personal data as the person who asked may read it
            base=base,
        )
        return text.encode("utf-8"), f"change-history-{job.created_at:%Y-%m-%d-%H%M}.csv", "text/csv"

    return jobs.run_job(job_id, work)
