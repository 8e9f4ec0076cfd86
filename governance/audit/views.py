"""The change history: every change to every record, filtered and paged, and its export to CSV by a worker."""

import functools
import hashlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection, transaction
from django.db.models import Count, Max, Subquery, Value
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

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


# A page of the trail is kept in Django's cache under the version of everything it shows (every partnership's
# data version, which moves with every history row written: governance/partners/data_version.py; and the
# people who can be chosen in the filters), the reader (personal data is shown by the reader's rights) and the
# query: an auditor paging back and forth, or reloading, is not served the same page read and compared again.
# The export form (with its CSRF token) is rendered each time.
PAGE_TIMEOUT = 10 * 60  # short: entries under old versions are never read again, only held


def _trail_version():
    """Every partnership's data version and the people's count and last id, in one query (the people as
    subqueries beside each partnership row), its SQL compiled once per process: a page read from the cache runs
    this query and no other of its own, where it ran two (each a round trip that, on a loaded database, costs
    more than the page's rendering) and built them with the ORM each time."""
    sql, params = _trail_version_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if rows:
        versions = [(pk, version) for pk, version, _, _ in rows]
        people = tuple(rows[0][2:])
    else:  # no partnership to read the people beside
        found = get_user_model().objects.aggregate(n=Count("pk"), last=Max("pk"))
        versions, people = [], (found["n"], found["last"])
    return hashlib.sha256(repr((versions, *people)).encode()).hexdigest()[:32]


@functools.cache
def _trail_version_sql(vendor):
    # Read through the app registry: the audit room imports no other room (tests/test_architecture.py).
    partnerships = apps.get_model("governance", "Partnership")
    everyone = get_user_model().objects.order_by().annotate(all=Value(1)).values("all")
    return (
        partnerships.objects.order_by("pk")
        .annotate(
            c_people=Subquery(everyone.annotate(n=Count("pk")).values("n")),
            c_last=Subquery(everyone.annotate(last=Max("pk")).values("last")),
        )
        .values_list("pk", "data_version", "c_people", "c_last")
        .query.sql_with_params()
    )


def _page_key(request):
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    return f"audit:changes:{_trail_version()}:{request.user.pk}:{query}"


def changes(request):
    """Every change to every record, newest first, for auditors and administrators."""
    _require_system_wide(request)
    key = _page_key(request)
    shown = cache.get(key)
    if shown is None:
        shown = _changes_page(request)
        if shown.get("errors"):
            return render(request, "governance/audit/changes.html", _safe(shown), status=400)
        cache.set(key, shown, PAGE_TIMEOUT)
    return render(request, "governance/audit/changes.html", _safe(shown))


def _safe(shown):
    return {
        **shown,
        **{name: mark_safe(shown[name]) for name in ("filters_html", "head_html", "table_html")},  # noqa: S308
    }


def _changes_page(request):
    """What a page of the trail shows besides the export form: its parts as HTML, and what the export form
    and the query-count test read (the filters applied, the kinds of record on the page)."""
    f = ChangeFilter(request.GET)
    errors = f.problems()
    shown = {"page": False, "errors": errors, "applied": {}, "kinds_on_page": 0}
    context = {"filter": f, "page": None, "changes": [], "errors": errors}
    if not errors:
        paginator = Paginator(ChangePages(f), PAGE_SIZE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            shown["errors"] = context["errors"] = [("page", NO_SUCH_PAGE)]
        else:
            applied = f.applied()
            rows = list(page.object_list)
            context.update(
                page=page,
                changes=details(rows, request.user),
                applied=applied,
                query=urlencode(applied),
                record_filter=f.form.cleaned_data.get("record"),
            )
            shown.update(page=True, applied=applied, kinds_on_page=len({row[0] for row in rows}))
    for name, template in (
        ("filters_html", "_changes_filters.html"),
        ("head_html", "_changes_head.html"),
        ("table_html", "_changes_table.html"),
    ):
        shown[name] = (
            str(render_to_string(f"governance/audit/{template}", context, request=request))
            if name == "filters_html" or context["page"]
            else ""
        )
    return shown


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
                "filters_html": render_to_string(
                    "governance/audit/_changes_filters.html", {"filter": ChangeFilter({})}, request=request
                ),
                "page": None,
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
