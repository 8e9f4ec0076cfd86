from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from governance.roles import JOB_OVERSEERS

from .models import Job


def _job_for(request, job_id):
    job = get_object_or_404(Job.objects.select_related("partnership", "council", "requested_by"), pk=job_id)
    if job.requested_by_id == request.user.pk:
        return job
    # request.roles_in is set by the access middleware (the wiring knows who holds which role where).
    if request.roles_in(job.partnership) & JOB_OVERSEERS:
        return job
    raise PermissionDenied("This job belongs to someone else.")


def _back_url(request, job):
    """The page the job names to go back to (a path on this site), else where the person came from (the page
    that started the job), else the partnership's page, else home."""
    back = job.parameters.get("back") if isinstance(job.parameters, dict) else None
    if isinstance(back, str) and back.startswith("/") and not back.startswith("//"):
        return back
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        if parts.path != request.path and not parts.path.startswith(request.path):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    if job.partnership_id:
        return reverse("governance:partnership", kwargs={"partnership": job.partnership.slug})
    return reverse("home")


def job_detail(request, job_id):
    job = _job_for(request, job_id)
    if job.partnership_id and getattr(request, "partnership", None) is None:
        # The job belongs to a partnership: the page keeps that partnership's header and navigation.
        request.partnership = job.partnership
    return render(
        request, "governance/jobs/job_detail.html", {"job": job, "back_url": _back_url(request, job)}
    )


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
