from celery import shared_task

from governance.jobs import services as jobs

from .history import change_history_csv


@shared_task(acks_late=True)
def export_change_history(job_id):
    """Writes the whole audit trail to a CSV file attached to the job."""

    def work(job):
        jobs.job_progress(job, stage="Reading the change history")
        text = change_history_csv(progress=lambda done, total: jobs.job_progress(job, done=done, total=total))
        return text.encode("utf-8"), f"change-history-{job.created_at:%Y-%m-%d-%H%M}.csv", "text/csv"

    return jobs.run_job(job_id, work)
