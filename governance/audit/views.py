"""The change history: the latest changes to every record, and its export to CSV by a worker."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render

from governance.jobs import services as jobs
from governance.roles import SYSTEM_WIDE_ROLES

from .history import recent_changes
from .tasks import export_change_history


def _require_system_wide(request):
    # request.holds_everywhere is set by the access middleware (the wiring knows who holds which role).
    if not request.holds_everywhere(SYSTEM_WIDE_ROLES):
        raise PermissionDenied("The change history is for auditors and administrators of every partnership.")


def changes(request):
    """The latest changes to every record, for auditors and administrators."""
    _require_system_wide(request)
    return render(request, "governance/audit/changes.html", {"changes": recent_changes(limit=50)})


def changes_export(request):
    """Starts a CSV export of the whole change history in a worker and shows its progress."""
    _require_system_wide(request)
    with transaction.atomic():
        job = jobs.job_create(kind="change_history_export", title="Change history export", by=request.user)
        export_change_history.delay_on_commit(str(job.pk))
    return redirect(job)
