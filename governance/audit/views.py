"""The change history: every change to every record, filtered and paged, and its export to CSV by a worker."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from governance.filtering import unknown_filter
from governance.jobs import services as jobs
from governance.roles import SYSTEM_WIDE_ROLES

from .filters import ChangeFilter
from .history import ChangePages, details
from .tasks import export_change_history

PAGE_SIZE = 50
NO_SUCH_PAGE = "There is no such page of changes."


def _require_system_wide(request):
    # request.holds_everywhere is set by the access middleware (the wiring knows who holds which role).
    if not request.holds_everywhere(SYSTEM_WIDE_ROLES):
        raise PermissionDenied("The change history is for auditors and administrators of every partnership.")


def changes(request):
    """Every change to every record, newest first, for auditors and administrators."""
    _require_system_wide(request)
    f = ChangeFilter(request.GET)
    context = {"filter": f, "page": None, "changes": [], "errors": f.problems()}
    if context["errors"]:
        return render(request, "governance/audit/changes.html", context, status=400)
    paginator = Paginator(ChangePages(f), PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        context["errors"] = [("page", NO_SUCH_PAGE)]
        return render(request, "governance/audit/changes.html", context, status=400)
    applied = f.applied()
    rows = list(page.object_list)
    context.update(
        page=page,
        changes=details(rows, request.user),
        kinds_on_page=len({row[0] for row in rows}),
        applied=applied,
        query=urlencode(applied),
        record_filter=f.form.cleaned_data.get("record"),
    )
    return render(request, "governance/audit/changes.html", context)


def changes_export(request):
    """Starts a CSV export of the changes matching the filters in a worker and shows its progress."""
    _require_system_wide(request)
    data = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    f = ChangeFilter(data)
    errors = f.problems()
    if errors or "page" in data:
        return render(
            request,
            "governance/audit/changes.html",
            {
                "filter": ChangeFilter({}),
                "page": None,
                "changes": [],
                "errors": errors or [(None, unknown_filter(["page"]))],
            },
            status=400,
        )
    applied = f.applied()
    title = "Change history export" + (" (filtered)" if applied else "")
    with transaction.atomic():
        job = jobs.job_create(kind="change_history_export", title=title, by=request.user, parameters=applied)
        base = request.build_absolute_uri("/").rstrip("/")
        export_change_history.delay_on_commit(str(job.pk), base=base)
    return redirect(job)
