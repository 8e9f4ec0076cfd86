from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Job
from .roles import Role
from .selectors import roles_for


def partnership_detail(request, partnership):
    """Public facts about a partnership: its legal basis, its councils and who hosts it, over time."""
    partnership = request.partnership
    today = timezone.localdate()
    memberships = list(partnership.memberships.select_related("council").order_by("joined", "council__code"))
    hosts = list(partnership.hosts.select_related("council").order_by("start"))
    return render(
        request,
        "governance/partnership_detail.html",
        {
            "partnership": partnership,
            "memberships": memberships,
            "current_members": [
                m for m in memberships if m.joined <= today and (m.left is None or m.left >= today)
            ],
            "hosts": hosts,
            "current_host": next(
                (h.council for h in hosts if h.start <= today and (h.end is None or h.end >= today)), None
            ),
            "today": today,
        },
    )


def _job_for(request, job_id):
    job = get_object_or_404(Job.objects.select_related("partnership", "council", "requested_by"), pk=job_id)
    if job.requested_by_id == request.user.pk:
        return job
    if roles_for(request.user, job.partnership) & {Role.AUDITOR, Role.ADMINISTRATOR}:
        return job
    raise PermissionDenied("This job belongs to someone else.")


def job_detail(request, job_id):
    job = _job_for(request, job_id)
    return render(request, "governance/job_detail.html", {"job": job})


def job_progress(request, job_id):
    """The progress panel alone, polled by htmx while the job runs."""
    job = _job_for(request, job_id)
    return render(request, "governance/_job_progress.html", {"job": job})


def job_download(request, job_id):
    job = _job_for(request, job_id)
    if job.status != Job.Status.SUCCEEDED or not job.file:
        raise PermissionDenied("This job has no file to download yet.")
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=job.content_type
    )
