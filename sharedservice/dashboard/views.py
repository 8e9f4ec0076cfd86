"""Thin views: check the filters, call the dashboard's selectors, render; queue the board PDF."""

from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from governance.delegations.selectors import councils_of
from governance.filtering import bad_request
from governance.jobs import services as jobs
from governance.parsing import parse_int
from governance.partners.selectors import partnerships_for, roles_for
from governance.roles import DASHBOARD_READERS

from . import charts, selectors
from .filters import DashboardFilter
from .tasks import KIND, build_board_pack

FIRST_YEAR, LAST_YEAR = 2000, 2098
COMMENTARY_MAX = 4000


READERS = DASHBOARD_READERS


def dashboards_for(user):
    """The partnerships whose dashboard the user reads (the access table's roles, held there)."""
    return [p for p in partnerships_for(user) if roles_for(user, p) & READERS]


def _bad_request(request, errors):
    return bad_request(request, "There is a problem with the dashboard's filters", errors)


def read_filters(data, partnership):
    """(year, council, day, errors) from the query (or posted) parameters."""
    f = DashboardFilter(data or None, councils=councils_of(partnership))
    errors = f.messages() if data else []
    if errors:
        return None, None, None, errors, f
    values = f.form.cleaned_data if data else {}
    today = timezone.localdate()
    year = values.get("year") or about(partnership, today)["default_year"]
    day = values.get("on")
    if not FIRST_YEAR <= year <= LAST_YEAR or (day and not FIRST_YEAR <= day.year <= LAST_YEAR):
        return None, None, None, [f"Give a year from {FIRST_YEAR} to {LAST_YEAR}."], f
    return year, values.get("council"), day or selectors.as_at(year, today), [], f


# The figures and their sections, rendered, are cached by the partnership's data version, which goes up in the
# same transaction as any change to its records (governance/partners/data_version.py): a figure is never read
# from the cache once a write made through the services has committed, and the first reader after it computes
# them afresh. The key holds everything else they depend on (year, council, the day they are read as at), and
# FORMAT, raised when what is cached changes shape. The timeout only bounds what the cache holds, and how long
# a write that bypasses both the services and the history (a raw SQL statement) could go unseen.
CACHE_TIMEOUT = 15 * 60
FORMAT = 3


def _key(*parts):
    return ":".join(str(part) for part in ("dashboard", FORMAT, *parts))


def about(partnership, today):
    """{"default_year": the year shown when none is asked for, "councils": [Council]}, cached like the figures
    (the key holds today, which the default year depends on)."""
    key = _key("about", partnership.pk, partnership.data_version, today.isoformat())
    cached = cache.get(key)
    if cached is None:
        cached = {
            "default_year": selectors.default_year(partnership, today),
            "councils": list(councils_of(partnership)),
        }
        cache.set(key, cached, CACHE_TIMEOUT)
    return cached


def figures(partnership, year, council, day):
    """{"sections": the rendered sections (HTML), "problems": [str], "meetings": [(pk, body name, date)]}:
    what the page shows of the dashboard's figures, the same for every reader, so nothing personal is cached
    (the sections are rendered without the request: no user, no CSRF token)."""
    key = _key(
        "figures",
        partnership.pk,
        partnership.data_version,
        year,
        council.pk if council is not None else "",
        day.isoformat(),
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    d = selectors.dashboard(partnership, year, council=council, day=day)
    fresh = {
        "sections": render_to_string(
            "dashboard/_sections.html", {"d": d, "charts": charts.charts_for(d), "partnership": partnership}
        ),
        "problems": list(d.problems),
        "forecast": selectors.forecast_label(d.money),
        "meetings": [(m.pk, m.body.name, m.date) for m in d.decisions["meetings"]],
    }
    cache.set(key, fresh, CACHE_TIMEOUT)
    return fresh


def page(request, partnership, data=None, extra=None):
    year, council, day, errors, f = read_filters(data, partnership)
    if errors:
        return _bad_request(request, errors)
    context = {
        "d": selectors.Dashboard(partnership, year, council, day),
        "figures": figures(partnership, year, council, day),
        "filter": f,
        "partnership": partnership,
        "current_partnership": partnership,
        "councils": about(partnership, timezone.localdate())["councils"],
        "on_value": data.get("on", "") if data else "",
        "other_dashboards": [o for o in dashboards_for(request.user) if o.pk != partnership.pk],
        **(extra or {}),
    }
    return render(request, "dashboard/dashboard.html", context)


def dashboard(request, partnership):
    return page(request, request.partnership, request.GET)


@require_POST
def board_pdf(request, partnership):
    """Queues the board paper (a tagged PDF for a board meeting, with the CIO's commentary), built by a worker;
    shows its progress."""
    p = request.partnership
    params = request.POST.copy()
    meeting = params.pop("meeting", [""])[-1]
    commentary = params.pop("commentary", [""])[-1].replace("\r\n", "\n").strip()
    params.pop("csrfmiddlewaretoken", None)
    year, council, day, errors, _f = read_filters(params, p)
    if errors:
        return _bad_request(request, errors)
    try:
        meeting = parse_int(meeting, minimum=1) if meeting else None
    except ValueError:
        return _bad_request(request, ["Choose the meeting from the list."])
    if len(commentary) > COMMENTARY_MAX or "\x00" in commentary:
        return _bad_request(request, [f"Write the commentary in {COMMENTARY_MAX:,} characters or fewer."])
    with transaction.atomic():
        job = jobs.job_create(
            kind=KIND,
            title=f"Board paper, {p.name}",
            by=request.user,
            partnership=p,
            council=council,
            parameters={
                "year": year,
                "council": council.pk if council else None,
                "on": day.isoformat(),
                "meeting": meeting,
                # The CIO's commentary, kept with the paper (the job holds both).
                "commentary": commentary,
            },
        )
        build_board_pack.delay_on_commit(str(job.pk))
    return redirect(job)
