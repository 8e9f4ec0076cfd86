from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render

from governance.roles import Role

from .models import Job


def _job_for(request, job_id):
    job = get_object_or_404(Job.objects.select_related("partnership", "council", "requested_by"), pk=job_id)
    if job.requested_by_id == request.user.pk:
        return job
    # request.roles_in is set by the access middleware (the wiring knows who holds which role where).
    if request.roles_in(job.partnership) & {Role.AUDITOR, Role.ADMINISTRATOR}:
        return job
    raise PermissionDenied("This job belongs to someone else.")


def job_detail(request, job_id):
    job = _job_for(request, job_id)
    return render(request, "governance/jobs/job_detail.html", {"job": job})


def job_progress(request, job_id):
    """The progress panel alone, polled by htmx while the job runs."""
    job = _job_for(request, job_id)
    return render(request, "governance/jobs/_job_progress.html", {"job": job})


def job_download(request, job_id):
    job = _job_for(request, job_id)
    if job.status != Job.Status.SUCCEEDED or not job.file:
        raise PermissionDenied("This job has no file to download yet.")
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=job.content_type
    )
