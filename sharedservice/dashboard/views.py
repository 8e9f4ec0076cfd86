"""Thin views: check the filters, call the dashboard's selectors, render; queue the board PDF."""

from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from governance.delegations.selectors import councils_of
from governance.jobs import services as jobs
from governance.parsing import MAX_INT
from governance.partners.selectors import partnerships_for, roles_for
from governance.roles import Role

from . import charts, selectors
from .filters import DashboardFilter
from .tasks import build_board_pack

FIRST_YEAR, LAST_YEAR = 2000, 2098


READERS = frozenset({Role.CIO, Role.MEMBER, Role.AUDITOR, Role.ADMINISTRATOR})


def dashboards_for(user):
    """The partnerships whose dashboard the user reads (the access table's roles, held there)."""
    return [p for p in partnerships_for(user) if roles_for(user, p) & READERS]


def _bad_request(request, errors):
    return render(
        request,
        "bad_request.html",
        {"title": "There is a problem with the dashboard's filters", "errors": errors},
        status=400,
    )


def read_filters(data, partnership):
    """(year, council, day, errors) from the query (or posted) parameters."""
    f = DashboardFilter(data or None, councils=councils_of(partnership))
    errors = f.error_messages() if data else []
    if data and not errors and not f.is_valid():
        errors = f.error_messages() or ["The filters are not valid."]
    if errors:
        return None, None, None, errors, f
    values = f.form.cleaned_data if data else {}
    today = timezone.localdate()
    year = values.get("year") or selectors.default_year(partnership, today)
    day = values.get("on")
    if not FIRST_YEAR <= year <= LAST_YEAR or (day and not FIRST_YEAR <= day.year <= LAST_YEAR):
        return None, None, None, [f"Give a year from {FIRST_YEAR} to {LAST_YEAR}."], f
    return year, values.get("council"), day or selectors.as_at(year, today), [], f


def page(request, partnership, data=None, extra=None):
    year, council, day, errors, f = read_filters(data, partnership)
    if errors:
        return _bad_request(request, errors)
    d = selectors.dashboard(partnership, year, council=council, day=day)
    context = {
        "d": d,
        "charts": charts.charts_for(d),
        "filter": f,
        "partnership": partnership,
        "current_partnership": partnership,
        "councils": list(f.filters["council"].queryset),
        "on_value": data.get("on", "") if data else "",
        "other_dashboards": [o for o in dashboards_for(request.user) if o.pk != partnership.pk],
        **(extra or {}),
    }
    return render(request, "dashboard/dashboard.html", context)


def dashboard(request, partnership):
    return page(request, request.partnership, request.GET)


@require_POST
def board_pdf(request, partnership):
    """Queues the dashboard as a tagged PDF for a board meeting, built by a worker; shows its progress."""
    p = request.partnership
    params = request.POST.copy()
    meeting = params.pop("meeting", [""])[-1]
    params.pop("csrfmiddlewaretoken", None)
    year, council, day, errors, _f = read_filters(params, p)
    if errors:
        return _bad_request(request, errors)
    if meeting and (not meeting.isdigit() or int(meeting) > MAX_INT):
        return _bad_request(request, ["Choose the meeting from the list."])
    with transaction.atomic():
        job = jobs.job_create(
            kind="dashboard_board_pdf",
            title=f"Dashboard for the board, {p.name}",
            by=request.user,
            partnership=p,
            council=council,
            parameters={
                "year": year,
                "council": council.pk if council else None,
                "on": day.isoformat(),
                "meeting": int(meeting) if meeting else None,
            },
        )
        build_board_pack.delay_on_commit(str(job.pk))
    return redirect(job)
