"""The staffing pages: thin views that check who may edit, call a selector or a service, and render. The access
table (sharedservice/access.py) decides who reaches each page; names of post holders are shown only as
selectors.name_scope allows."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from governance import spreadsheet
from governance.audit.versions import VERSION_MISSING, current_version
from governance.filtering import bad_request, unknown_filter
from governance.formfields import add_service_error, is_stale, refused
from governance.importing import import_page, upload_text

from . import selectors, services
from .consultation import consultation_days, earliest_effective_date
from .costing import year_label
from .filters import EstablishmentFilter
from .forms import (
    CreatePostForm,
    DayForm,
    DeletePostForm,
    ExtendForm,
    HolderForm,
    ImportForm,
    PostForm,
    RestructureForm,
    VersionForm,
    YearForm,
)
from .models import Grade, Post, PostHolder, Restructure

PAGE_SIZE = 50
ERROR_NOT_EDITOR = "Only staffing officers and administrators change the establishment."


def _require_editor(request):
    if not selectors.can_edit(request.user, request.partnership):
        raise PermissionDenied(ERROR_NOT_EDITOR)


def _day(request, allowed=("on",)):
    """The day a page shows (?on=YYYY-MM-DD, default today), or a 400 response."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        return None, bad_request(request, "There is a problem with the address", [unknown_filter(unknown)])
    form = DayForm({"on": request.GET.get("on", "")})
    if not form.is_valid():
        return None, bad_request(
            request, "There is a problem with the date", ["Give the date like 2017-04-01."]
        )
    return form.cleaned_data["on"] or timezone.localdate(), None


def _filtered(request, p):
    """The establishment filtered as the query string asks, with the day, or a 400 response."""
    day, bad = _day(request, EstablishmentFilter.ALLOWED)
    if bad:
        return None, None, bad
    data = request.GET.copy()
    data.pop("on", None)
    f = EstablishmentFilter(
        data,
        queryset=selectors.establishment(p, day).order_by("team", "reference"),
        councils=selectors.member_councils(p),
        teams=selectors.teams(p),
        grades=list(Grade.objects.filter(partnership=p)),
    )
    if problems := f.messages():
        return None, None, bad_request(request, "There is a problem with the filters", problems)
    return f, day, None


def establishment(request, partnership):
    p = request.partnership
    f, day, bad = _filtered(request, p)
    if bad:
        return bad
    paginator = Paginator(f.qs, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        return bad_request(request, "There is a problem with the page number", ["There is no such page."])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staffing/establishment.html",
        {
            "partnership": p,
            "filter": f,
            "page": page,
            "day": day,
            "query": query.urlencode(),
            "total_fte": f.qs.aggregate(total=Sum("fte"))["total"] or 0,
            "can_edit": selectors.can_edit(request.user, p),
        },
    )


EXPORT_COLUMNS = [
    "reference",
    "title",
    "grade",
    "fte",
    "team",
    "employing_council",
    "funding_line",
    "reports_to",
    "effective_from",
    "effective_to",
    "status",
]


def export(request, partnership):
    """The establishment as CSV, filtered as the page is. No names: posts only. Cells that a spreadsheet
    would run as formulas are neutralised."""
    p = request.partnership
    f, day, bad = _filtered(request, p)
    if bad:
        return bad
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for post in f.qs:
        writer.writerow(
            [
                post.reference,
                post.title,
                post.grade.code,
                post.fte,
                post.team,
                post.employing_council.code,
                post.funding_line,
                post.reports_to.reference if post.reports_to else "",
                post.effective_from.isoformat(),
                post.effective_to.isoformat() if post.effective_to else "",
                post.status,
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="establishment-{p.slug}-{day.isoformat()}.csv"'
    return response


def import_posts(request, partnership):
    p = request.partnership

    def run(data):
        made = services.import_posts(partnership=p, text=upload_text(data["file"]), by=request.user)
        return f"Imported {len(made)} posts."

    return import_page(
        request,
        form=ImportForm(request.POST or None, request.FILES or None),
        template="staffing/import.html",
        context={"partnership": p, "columns": ",".join(services.IMPORT_COLUMNS)},
        run=run,
        rejected=services.ImportRejected,
        done=reverse("staffing:establishment", kwargs={"partnership": p.slug}),
        require=_require_editor,
    )


def chart(request, partnership):
    p = request.partnership
    day, bad = _day(request)
    if bad:
        return bad
    scope = selectors.name_scope(request.user, p)
    roots = selectors.structure_chart(p, day, scope=scope)
    return render(
        request,
        "staffing/chart.html",
        {"partnership": p, "roots": roots, "day": day, "names_shown": scope is None or bool(scope)},
    )


def vacancies(request, partnership):
    p = request.partnership
    day, bad = _day(request)
    if bad:
        return bad
    posts = list(selectors.vacancies(p, day))
    return render(
        request,
        "staffing/vacancies.html",
        {"partnership": p, "posts": posts, "day": day, "total_fte": selectors.fte_total(posts)},
    )


def ending(request, partnership):
    p = request.partnership
    day, bad = _day(request)
    if bad:
        return bad
    scope = selectors.name_scope(request.user, p)
    holders = [(h, selectors.show_name(scope, h)) for h in selectors.ending_soon(p, day)]
    return render(
        request,
        "staffing/ending.html",
        {
            "partnership": p,
            "holders": holders,
            "day": day,
            "days": selectors.ENDING_WITHIN_DAYS,
            "can_edit": selectors.can_edit(request.user, p),
        },
    )


def cost(request, partnership):
    p = request.partnership
    unknown = sorted(set(request.GET) - {"year"})
    form = YearForm(request.GET)
    if unknown or not form.is_valid():
        return bad_request(
            request, "There is a problem with the year", ["Give the financial year like 2017/18."]
        )
    today = timezone.localdate()
    year = form.cleaned_data["year"] or (today.year if today.month >= 4 else today.year - 1)
    try:
        rows, missing = selectors.staffing_cost(p, year), None
    except selectors.MissingRates as exc:
        rows, missing = [], str(exc)
    return render(
        request,
        "staffing/cost.html",
        {
            "partnership": p,
            "rows": rows,
            "missing": missing,
            "year_label": year_label(year),
            "totals": {
                "fte_years": sum(r.fte_years for r in rows),
                "salaried": sum(r.salaried for r in rows),
                "agency": sum(r.agency for r in rows),
                "total": sum(r.total for r in rows),
            },
        },
    )


def _post(request, pk):
    return get_object_or_404(
        Post.objects.select_related(
            "grade",
            "employing_council",
            "reports_to",
            "office",
            "partnership",
            "created_by_restructure",
            "deleted_by_restructure",
        ),
        pk=pk,
        partnership=request.partnership,
    )


def post_detail(request, partnership, pk):
    p = request.partnership
    post = _post(request, pk)
    scope = selectors.name_scope(request.user, p)
    versions, holders = selectors.post_history(post)
    today = timezone.localdate()
    year = today.year if today.month >= 4 else today.year - 1
    return render(
        request,
        "staffing/post.html",
        {
            "partnership": p,
            "post": post,
            "versions": versions,
            "holders": [(h, selectors.show_name(scope, h)) for h in holders],
            "placements": list(post.placements.select_related("council")),
            "dotted": list(post.dotted_lines.select_related("to_post")),
            "reports": list(post.direct_reports.order_by("reference")),
            "cost": selectors.post_cost(post, year),
            "cost_year": year_label(year),
            "can_edit": selectors.can_edit(request.user, p),
            "today": today,
        },
    )


def _post_fields(data):
    fields = {k: data[k] for k in services.POST_FIELDS}
    fields["funding_line"] = fields["funding_line"] or ""
    return fields


def post_create(request, partnership):
    p = request.partnership
    form = PostForm(request.POST or None, partnership=p)
    if request.method == "POST":
        _require_editor(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = services.post_create(
                    partnership=p,
                    by=request.user,
                    works_for=data["works_for"],
                    lead_for=data["lead_for"],
                    dotted_lines=data["dotted_lines"],
                    **_post_fields(data),
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, f"Post {post.reference} created.")
                return redirect(post)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "staffing/post_form.html", {"partnership": p, "form": form, "post": None}, status=status
    )


def post_edit(request, partnership, pk):
    p = request.partnership
    post = _post(request, pk)
    form = PostForm(request.POST or None, instance=post, partnership=p)
    if request.method == "POST":
        _require_editor(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.post_update(
                    post=post,
                    version=data.get("version"),
                    by=request.user,
                    works_for=data["works_for"],
                    lead_for=data["lead_for"],
                    dotted_lines=data["dotted_lines"],
                    **_post_fields(data),
                )
            except ValidationError as exc:
                # A stale save: 409, the other person's changes beside this form, which now carries their
                # version (governance/formfields.add_service_error).
                add_service_error(form, exc)
            else:
                messages.success(request, f"Post {post.reference} saved.")
                return redirect(post)
    status = refused(form) if request.method == "POST" else 200
    return render(
        request, "staffing/post_form.html", {"partnership": p, "form": form, "post": post}, status=status
    )


def holder_add(request, partnership, pk):
    p = request.partnership
    post = _post(request, pk)
    form = HolderForm(
        request.POST or None, initial={"start": post.effective_from, "terms_council": post.employing_council}
    )
    if request.method == "POST":
        _require_editor(request)
        if form.is_valid():
            try:
                services.holder_add(
                    post=post, by=request.user, **{k: form.cleaned_data[k] for k in services.HOLDER_FIELDS}
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Post holder added.")
                return redirect(post)
    status = refused(form) if request.method == "POST" else 200
    return render(
        request, "staffing/holder_form.html", {"partnership": p, "form": form, "post": post}, status=status
    )


def holder_extend(request, partnership, pk):
    p = request.partnership
    holder = get_object_or_404(PostHolder.objects.select_related("post"), pk=pk, post__partnership=p)
    form = ExtendForm(request.POST or None, initial={"version": current_version(holder)})
    if request.method == "POST":
        _require_editor(request)
        if form.is_valid():
            try:
                services.secondment_extend(holder=holder, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Extended.")
                return redirect(holder.post)
    status = refused(form) if request.method == "POST" else 200
    return render(
        request,
        "staffing/extend_form.html",
        {"partnership": p, "form": form, "holder": holder},
        status=status,
    )


def restructures(request, partnership):
    p = request.partnership
    rows = []
    for r in selectors.restructures_for(p):
        rows.append(
            (
                r,
                consultation_days(r.staff_affected),
                earliest_effective_date(r.consultation_start, r.staff_affected),
            )
        )
    return render(
        request,
        "staffing/restructures.html",
        {"partnership": p, "rows": rows, "can_edit": selectors.can_edit(request.user, p)},
    )


def restructure_create(request, partnership):
    p = request.partnership
    form = RestructureForm(request.POST or None, partnership=p)
    if request.method == "POST":
        _require_editor(request)
        if form.is_valid():
            try:
                r = services.restructure_create(partnership=p, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Restructure drafted: add the posts it deletes and creates.")
                return redirect(r)
    status = refused(form) if request.method == "POST" else 200
    return render(request, "staffing/restructure_form.html", {"partnership": p, "form": form}, status=status)


def _restructure(request, pk):
    return get_object_or_404(
        Restructure.objects.select_related(
            "resolution", "resolution__meeting", "officer_decision", "applied_by", "partnership"
        ),
        pk=pk,
        partnership=request.partnership,
    )


def restructure_detail(
    request, partnership, pk, delete_form=None, create_form=None, errors=None, conflict=None, status=200
):
    """The restructure, with its draft's forms (each carrying the restructure's version, its latest history id);
    `conflict`, the other person's changes when a form of this page was refused as stale."""
    p = request.partnership
    r = _restructure(request, pk)
    version = current_version(r)
    editable = selectors.can_edit(request.user, p) and not r.is_applied
    earliest = earliest_effective_date(r.consultation_start, r.staff_affected)
    return render(
        request,
        "staffing/restructure.html",
        {
            "partnership": p,
            "restructure": r,
            "comparison": selectors.restructure_comparison(r),
            "changes": list(
                r.changes.select_related("post", "grade", "employing_council", "reports_to", "reports_to_new")
            ),
            "days": consultation_days(r.staff_affected),
            "earliest": None if earliest is None or earliest.year == 1 else earliest,
            "problems": services.restructure_problems(r) if not r.is_applied else [],
            "editable": editable,
            "delete_form": delete_form
            or (DeletePostForm(partnership=p, initial={"version": version}) if editable else None),
            "create_form": create_form
            or (CreatePostForm(partnership=p, initial={"version": version}) if editable else None),
            "version": version,
            "errors": errors or [],
            "conflict": conflict,
        },
        status=status,
    )


def _hidden_errors(form):
    """The errors of a form's hidden fields (its version, missing or malformed), which the page lists as its own
    (the fields' own errors are shown by each field)."""
    return [e for field in form.hidden_fields() for e in field.errors]


def _draft_change(request, partnership, pk, form, key, save):
    """Runs a draft change of the restructure's form (`key`: which form of the page it is): a refusal shows the
    page again with the form, its messages and, for a stale version, the other person's changes (409)."""
    r = _restructure(request, pk)
    if form.is_valid():
        try:
            save(r, dict(form.cleaned_data))
        except ValidationError as exc:
            add_service_error(form, exc)
            return restructure_detail(
                request,
                partnership,
                pk,
                errors=exc.messages,
                conflict=getattr(form, "conflict_changes", None),
                status=refused(form),
                **{key: form},
            )
        return redirect(r)
    return restructure_detail(
        request, partnership, pk, errors=_hidden_errors(form), status=400, **{key: form}
    )


def restructure_delete_post(request, partnership, pk):
    _require_editor(request)
    form = DeletePostForm(request.POST, partnership=request.partnership)

    def save(r, data):
        services.restructure_delete_post(
            restructure=r, post=data["post"], by=request.user, version=data["version"]
        )

    return _draft_change(request, partnership, pk, form, "delete_form", save)


def restructure_create_post(request, partnership, pk):
    _require_editor(request)
    form = CreatePostForm(request.POST, partnership=request.partnership)

    def save(r, data):
        data["funding_line"] = data["funding_line"] or ""
        services.restructure_create_post(restructure=r, by=request.user, **data)

    return _draft_change(request, partnership, pk, form, "create_form", save)


def restructure_apply(request, partnership, pk):
    _require_editor(request)
    r = _restructure(request, pk)
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():  # a version missing or malformed: refused as the service refuses none
            raise ValidationError(VERSION_MISSING, code="version_missing")
        services.restructure_apply(restructure=r, by=request.user, version=form.cleaned_data["version"])
    except ValidationError as exc:
        return restructure_detail(
            request,
            partnership,
            pk,
            errors=exc.messages,
            conflict=getattr(exc, "changes", None),
            status=409 if is_stale(exc) else 400,
        )
    messages.success(request, f"{r.name} applied: the establishment changes on {r.effective_date:%-d %B %Y}.")
    return redirect(r)
