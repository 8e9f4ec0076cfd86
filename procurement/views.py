import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from governance import spreadsheet
from governance.delegations import offices
from governance.filtering import bad_request, unknown_filter
from governance.formfields import add_service_error, refused
from governance.importing import import_page, upload_text
from governance.models import Council
from governance.parsing import parse_int
from governance.roles import CONTRACT_EDITORS

from . import dates, public, selectors, services
from .filters import ContractFilter
from .forms import AwardForm, ContractForm, CoterminusForm, ImportForm, SupplierForm
from .models import Contract

PAGE_SIZE = 50
# Who edits the register (the access table lets them write; the pages show them the edit links).
EDITOR_ROLES = CONTRACT_EDITORS


def _can_edit(request):
    return bool(set(request.roles) & EDITOR_ROLES)


def _councils(partnership):
    return list(Council.objects.filter(memberships__partnership=partnership).distinct().order_by("code"))


def _contract(request, contract):
    try:
        return selectors.contract_detail(request.partnership, contract)
    except Contract.DoesNotExist:
        raise Http404("No such contract.") from None


def contract_list(request, partnership):
    p = request.partnership
    f = ContractFilter(request.GET, queryset=selectors.register(p), partnership=p)
    if problems := f.messages():
        return bad_request(request, "There is a problem with the filters", problems)
    paginator = Paginator(f.qs, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        return bad_request(request, "There is a problem with the page number", ["There is no such page."])
    return render(
        request,
        "procurement/register.html",
        {
            "partnership": p,
            "filter": f,
            "page": page,
            "can_edit": _can_edit(request),
            "query": request.GET.urlencode(),
        },
    )


def _owner(contract):
    """The contract's owner: the post that holds its owning office today (or "vacant: …"), as staffing names
    it through governance's offices registry (procurement imports nothing of staffing); else the office."""
    if not contract.owner_office_id:
        return ""
    labels = offices.holder_labels([contract.owner_office_id], timezone.localdate())
    return labels.get(contract.owner_office_id) or contract.owner_office.name


def contract_detail(request, partnership, contract):
    c = _contract(request, contract)
    return render(
        request,
        "procurement/contract.html",
        {
            "partnership": request.partnership,
            "contract": c,
            "owner": _owner(c),
            "checks": services.award_checks(c),
            "trail": selectors.contract_trail(c),
            "can_edit": _can_edit(request),
            "award_form": AwardForm(initial={"awarded_on": c.awarded_on or timezone.localdate()}),
        },
    )


def _edit(request, contract=None):
    p = request.partnership
    councils = _councils(p)
    form = ContractForm(request.POST or None, partnership=p, councils=councils, instance=contract)
    checks = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved, _ = services.contract_save(
                    partnership=p,
                    by=request.user,
                    shares=form.shares(),
                    extensions=form.extensions(),
                    existing=contract,
                    version=form.cleaned_data.get("version"),
                    **form.contract_values(),
                )
            except ValidationError as exc:
                checks = getattr(exc, "checks", None)
                # A stale edit: 409, the other person's changes beside this form, which keeps what was typed
                # and now carries their version (governance/formfields.add_service_error).
                add_service_error(form, exc)
                status = refused(form)
            else:
                messages.success(request, f"Contract {saved.reference} saved.")
                return redirect(saved)
    return render(
        request,
        "procurement/contract_form.html",
        {"partnership": p, "form": form, "contract": contract, "checks": checks},
        status=status,
    )


def supplier_create(request, partnership):
    form = SupplierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        supplier = services.supplier_save(by=request.user, **form.cleaned_data)
        messages.success(request, f"Supplier {supplier.name} added: choose it on a contract.")
        return redirect("procurement:contract_create", partnership=request.partnership.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "procurement/supplier_form.html",
        {"partnership": request.partnership, "form": form},
        status=status,
    )


def contract_create(request, partnership):
    return _edit(request)


def contract_edit(request, partnership, contract):
    return _edit(request, _contract(request, contract))


def contract_award(request, partnership, contract):
    c = _contract(request, contract)
    form = AwardForm(request.POST)
    if not form.is_valid():
        return bad_request(request, "There is a problem with the award", ["Enter the award date."])
    try:
        services.contract_award(contract=c, by=request.user, awarded_on=form.cleaned_data["awarded_on"])
    except ValidationError as exc:
        checks = getattr(exc, "checks", None)
        c.awarded_on = form.cleaned_data["awarded_on"]
        return render(
            request,
            "procurement/contract.html",
            {
                "partnership": request.partnership,
                "contract": selectors.contract_detail(request.partnership, c.pk),
                "owner": _owner(c),
                "checks": checks or services.award_checks(c),
                "trail": selectors.contract_trail(c),
                "can_edit": _can_edit(request),
                "award_form": form,
                "award_errors": exc.messages,
            },
            status=400,
        )
    messages.success(request, f"Contract {c.reference} awarded.")
    return redirect(c)


def _today(request):
    if "on" not in request.GET:
        return timezone.localdate(), None
    form = CoterminusForm({"target": request.GET["on"]})
    form.is_valid()
    if "target" in form.errors:
        return None, ["As at: give a date like 2017-10-30."]
    return form.cleaned_data["target"], None


def pipeline(request, partnership):
    unknown = sorted(set(request.GET) - {"on"})
    today, errs = _today(request)
    if unknown or errs:
        return bad_request(
            request,
            "There is a problem with the address",
            (errs or []) + ([unknown_filter(unknown)] if unknown else []),
        )
    moved_from = None
    if "on" not in request.GET:
        # A useful default: today, unless nothing falls due from today and the record's dates are all past.
        actual = timezone.localdate()
        today = selectors.default_pipeline_day(request.partnership, actual)
        moved_from = actual if today != actual else None
    due = selectors.pipeline(request.partnership, today)
    return render(
        request,
        "procurement/pipeline.html",
        {
            "partnership": request.partnership,
            "today": today,
            "moved_from": moved_from,
            "horizons": [(h, dates.add_months(today, h), due[h]) for h in due],
            "targets": [
                (t, Contract.Category(c).label, c)
                for t, c in selectors.coterminus_targets(request.partnership)
            ],
        },
    )


def coterminus(request, partnership):
    p = request.partnership
    unknown = sorted(set(request.GET) - {"target", "target_day", "target_month", "target_year", "category"})
    if unknown:
        return bad_request(request, "There is a problem with the address", [unknown_filter(unknown)])
    targets = selectors.coterminus_targets(p)
    form = CoterminusForm(request.GET or None)
    target = category = None
    if request.GET:
        if not form.is_valid():
            errs = [f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items()]
            return bad_request(request, "There is a problem with the plan", errs)
        target, category = form.cleaned_data["target"], form.cleaned_data["category"]
    else:
        # A useful default: the next co-terminus target recorded on the contracts.
        target = selectors.default_coterminus_target(targets, timezone.localdate())
        if target is not None:
            form = CoterminusForm(initial={"target": target})
    plan, shown = None, []
    if target is not None:
        # Without a category chosen, the categories whose contracts share the target (all, if none does).
        shown = [category] if category else selectors.categories_sharing(targets, target)
        plan = selectors.coterminus_plan(p, target, categories=shown or None)
    return render(
        request,
        "procurement/coterminus.html",
        {
            "partnership": p,
            "form": form,
            "plan": plan,
            "target": target,
            "categories": [Contract.Category(c).label for c in shown],
        },
    )


def import_file(request, partnership):
    p = request.partnership

    def run(data):
        result = services.contracts_import(partnership=p, text=upload_text(data["file"]), by=request.user)
        return f"Imported: {result.summary()}."

    return import_page(
        request,
        form=ImportForm(request.POST or None, request.FILES or None),
        template="procurement/import.html",
        context={
            "partnership": p,
            "columns": services.COLUMNS,
            "shares_help": services.SHARES_HELP,
            "extensions_help": services.EXTENSIONS_HELP,
        },
        run=run,
        rejected=services.ImportRejected,
        done=reverse("procurement:contracts", kwargs={"partnership": p.slug}),
    )


def _csv_response(filename, header, rows):
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_csv(request, partnership):
    p = request.partnership
    f = ContractFilter(request.GET, queryset=selectors.register(p), partnership=p)
    if f.unknown_parameters() or not f.is_valid():
        return bad_request(
            request, "There is a problem with the filters", ["Check the filters and try again."]
        )
    rows = []
    for c in f.qs:
        rows.append(
            [
                c.reference,
                c.title,
                c.category,
                c.supplier.name if c.supplier else "",
                c.supplier.company_number if c.supplier else "",
                "yes" if c.supplier and c.supplier.is_sme else "no",
                "yes" if c.supplier and c.supplier.is_vcs else "no",
                c.department,
                c.description,
                c.total_value,
                c.annual_value,
                c.capital_value,
                c.start_date.isoformat(),
                c.end_date.isoformat(),
                c.notice_months,
                c.route,
                c.framework_name,
                c.framework_lot,
                c.status,
                "draft" if c.award == Contract.Award.AWARDED else c.award,
                c.funding_line,
                ";".join(f"{s.council.code}:{s.amount}" for s in c.shares.all()),
                ";".join(f"{o.starts_on}:{o.months}:{o.take_by}" for o in c.extensions.all()),
            ]
        )
    return _csv_response(f"{p.slug}-contracts.csv", services.COLUMNS, rows)


# ---------------------------------------------------------------------------------------------------------
# The public site: the Transparency Code contracts data, through procurement.public only.


def _quarters(today, count=8):
    year, quarter = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(count):
        first, last = selectors.first_and_last_of_quarter(year, quarter)
        out.append((year, quarter, first, last))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return out


def transparency(request, partnership):
    p = request.partnership
    unknown = sorted(set(request.GET) - {"year"})
    year = request.GET.get("year")
    try:
        year = parse_int(year, minimum=2000, maximum=2099) if year is not None else None
    except ValueError:
        year = False
    if unknown or year is False:
        return bad_request(request, "There is a problem with the address", ["Give the year like 2018."])
    today = timezone.localdate()
    if year:
        quarters = [(year, q, *selectors.first_and_last_of_quarter(year, q)) for q in (4, 3, 2, 1)]
    else:
        quarters = _quarters(today)
    return render(
        request,
        "procurement/transparency.html",
        {
            "partnership": p,
            "councils": public.publishing_councils(p),
            "quarters": quarters,
            "fields": [label for _, label in public.FIELDS],
            "minimum": public.TRANSPARENCY_MINIMUM,
        },
    )


def transparency_csv(request, partnership, council, year, quarter):
    p = request.partnership
    if not 1 <= quarter <= 4:
        raise Http404("No such quarter.")
    if not 2000 <= year <= 2099:  # as the transparency page and the API: the years of the register
        raise Http404("No such year.")
    found = [c for c in public.publishing_councils(p) if c.code == council]
    if not found:
        raise Http404("No such council.")
    rows = public.transparency_rows(p, found[0], year, quarter)
    return _csv_response(
        f"{p.slug}-{council.lower()}-contracts-{year}-q{quarter}.csv",
        [label for _, label in public.FIELDS],
        [r.values() for r in rows],
    )
