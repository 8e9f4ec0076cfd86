import hashlib
from datetime import date

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from governance.audit.versions import current_version
from governance.filtering import bad_request, unknown_filter
from governance.formfields import add_service_error, refused
from governance.importing import import_page
from governance.jobs import services as jobs
from governance.models import Council

from . import documents, selectors, services
from .filters import StatementFilter
from .forms import (
    BillingProfileForm,
    ControlTotalForm,
    ImportForm,
    InvoicingSettingsForm,
    LedgerCodesForm,
    PaymentForm,
    PaymentReversalForm,
    PurchaseOrderForm,
    RunForm,
    SettlementForm,
    ZipForm,
)
from .models import (
    BillingProfile,
    BudgetRevision,
    InvoicingSettings,
    LedgerCode,
    Payment,
    RechargeStatement,
    Settlement,
)
from .periods import QUARTERS, period_dates, year_end, year_label, year_of, year_start
from .tasks import build_statements_zip, issue_statements

PAGE_SIZE = 50


def _year_nav(partnership, year):
    years = selectors.years_with_data(partnership)
    return {"year": year, "year_label": year_label(year), "years": [(y, year_label(y)) for y in years]}


def finance_home(request, partnership):
    p = request.partnership
    today = timezone.localdate()
    years = selectors.years_with_data(p)
    settlements = list(Settlement.objects.filter(partnership=p).select_related("host").order_by("year"))
    return render(
        request,
        "finance/home.html",
        {
            "partnership": p,
            "years": [(y, year_label(y)) for y in years],
            "settlements": [(s, year_label(s.year)) for s in settlements],
            "can_manage": selectors.can_manage(request.user, p),
            "current_year": year_label(year_of(today)),
        },
    )


def budget(request, partnership, year):
    p = request.partnership
    councils = selectors.councils_for_year(p, year)
    form = ControlTotalForm(request.POST or None, councils=councils)
    if request.method == "POST":
        if not selectors.can_manage(request.user, p, year):
            raise PermissionDenied(services.ERROR_NOT_MANAGER)
        if form.is_valid():
            code = form.cleaned_data["council"]
            council = None if code == "TOTAL" else Council.objects.get(code=code)
            services.control_total_set(
                partnership=p,
                year=year,
                council=council,
                key=form.cleaned_data["key"],
                amount=form.cleaned_data["amount"],
                by=request.user,
            )
            messages.success(request, "Control total saved.")
            return redirect("finance:budget", partnership=p.slug, year=year)
    revisions = list(
        BudgetRevision.objects.filter(budget_line__partnership=p, budget_line__year=year)
        .select_related("budget_line__council")
        .order_by("effective", "pk")
    )
    return render(
        request,
        "finance/budget.html",
        {
            "partnership": p,
            **_year_nav(p, year),
            "opening": selectors.budget_table(p, year, basis="opening"),
            "current": selectors.budget_table(p, year, basis="current") if revisions else None,
            "revisions": revisions,
            "form": form,
            "can_manage": selectors.can_manage(request.user, p, year),
        },
    )


def forecast(request, partnership, year):
    p = request.partnership
    months = selectors.forecast_months(p, year)
    month = months[-1] if months else None
    if "month" in request.GET:
        try:
            month = int(request.GET["month"])
            if not 1 <= month <= 12:
                raise ValueError
        except ValueError:
            return bad_request(
                request, "There is a problem with the month", ["Give the month as 1 to 12 (1 = April)."]
            )
    unknown = sorted(set(request.GET) - {"month"})
    if unknown:
        return bad_request(request, "There is a problem with the address", [unknown_filter(unknown)])
    report = selectors.forecast_report(p, year, month) if month else None
    return render(
        request,
        "finance/forecast.html",
        {"partnership": p, **_year_nav(p, year), "months": months, "month": month, "report": report},
    )


def savings(request, partnership, year):
    p = request.partnership
    return render(
        request,
        "finance/savings.html",
        {"partnership": p, **_year_nav(p, year), "report": selectors.savings_report(p, year)},
    )


def _as_at(request, year):
    """The day a reconciliation reads the establishment as at: `?on=YYYY-MM-DD` within the year, else today
    within the year, else its last (or first) day. (day, errors)."""
    unknown = sorted(set(request.GET) - {"on"})
    if unknown:
        return None, [unknown_filter(unknown)]
    first, last = year_start(year), year_end(year)
    if "on" in request.GET:
        try:
            day = date.fromisoformat(request.GET["on"])
        except ValueError:
            return None, ["Give the date as YYYY-MM-DD, such as 2018-03-31."]
        if not first <= day <= last:
            return None, [f"Give a date in {year_label(year)}."]
        return day, []
    return min(max(timezone.localdate(), first), last), []


def reconciliation_staff(request, partnership, year):
    """The staff budget lines against staffing's cost of the establishment, by council and line."""
    p = request.partnership
    day, errors = _as_at(request, year)
    if errors:
        return bad_request(request, "There is a problem with the address", errors)
    return render(
        request,
        "finance/reconciliation_staff.html",
        {"partnership": p, **_year_nav(p, year), "report": selectors.staff_reconciliation(p, year, day)},
    )


def reconciliation_contracts(request, partnership, year):
    """The BAU non-staff budget line against procurement's contract costs, by council."""
    p = request.partnership
    if request.GET:
        return bad_request(
            request, "There is a problem with the address", [unknown_filter(sorted(request.GET))]
        )
    return render(
        request,
        "finance/reconciliation_contracts.html",
        {"partnership": p, **_year_nav(p, year), "report": selectors.contract_reconciliation(p, year)},
    )


ERRORS_SHOWN = 200


def import_file(request, partnership):
    p = request.partnership

    def require(request):
        if not selectors.can_manage(request.user, p):
            raise PermissionDenied(services.ERROR_NOT_MANAGER)

    def run(data):
        text, kind = data["file"].read(), data["kind"]
        if kind == "budget":
            result = services.import_budget(
                text=text,
                revise=data["revise"],
                reason=data["reason"],
                decision=data["decision"],
                by=request.user,
                partnership=p,
            )
        elif kind == "forecast":
            result = services.import_forecast(text=text, by=request.user, partnership=p)
        else:
            result = services.import_actuals(text=text, by=request.user, partnership=p)
        return f"Imported: {result.summary()}."

    def on_rejected(errors, data):
        # The full list is kept, at this POST, as a finished job's file: its download link reads it.
        errors_job = jobs.job_create(
            kind="finance_import_errors",
            title=f"{p.name}: the {len(errors)} bad rows of {data['file'].name}"[:200],
            by=request.user,
            partnership=p,
        )
        errors_job.total = len(errors)
        jobs.job_succeed(
            errors_job,
            content=documents.import_errors_csv(errors),
            filename="import-errors.csv",
            content_type="text/csv; charset=utf-8",
        )
        return {"row_errors": errors[:ERRORS_SHOWN], "errors_job": errors_job}

    return import_page(
        request,
        form=ImportForm(request.POST or None, request.FILES or None),
        template="finance/import.html",
        context={"partnership": p, "errors_job": None},
        run=run,
        rejected=services.ImportRejected,
        done=reverse("finance:import", kwargs={"partnership": p.slug}),
        require=require,
        on_rejected=on_rejected,
    )


def settlement(request, partnership):
    p = request.partnership
    councils = list(Council.objects.filter(memberships__partnership=p).distinct().order_by("code"))
    form = SettlementForm(request.POST or None, councils=councils)
    if request.method == "POST":
        if not selectors.can_manage(request.user, p):
            raise PermissionDenied(services.ERROR_NOT_MANAGER)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.settlement_set(
                    partnership=p,
                    year=data["year"],
                    model=data["model"],
                    weights=data["weights"],
                    host=next(c for c in councils if c.code == data["host"]),
                    fixed=data["fixed"],
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, f"Settlement from {year_label(data['year'])} saved.")
                return redirect("finance:settlement", partnership=p.slug)
    rows = [
        (s, year_label(s.year))
        for s in Settlement.objects.filter(partnership=p).select_related("host").order_by("year")
    ]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "finance/settlement.html",
        {"partnership": p, "form": form, "rows": rows, "can_manage": selectors.can_manage(request.user, p)},
        status=status,
    )


# The statements page's listing is kept in Django's cache under the partnership's data version (which moves
# with any change to its records, roles included: governance/partners/data_version.py), the reader, the day
# (balances fall overdue) and the query: a reader who reloads the page, or pages back, is not served the
# same rows read, summed and laid out again. The forms that post (with their CSRF tokens) are rendered each time.
LISTING_TIMEOUT = 10 * 60  # short: entries under old versions are never read again, only held


def _listing_key(request, partnership):
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    return (
        f"finance:statements:{partnership.pk}:{partnership.data_version}:{request.user.pk}:"
        f"{timezone.localdate().isoformat()}:{query}"
    )


def statement_list(request, partnership):
    p = request.partnership
    key = _listing_key(request, p)
    listing = cache.get(key)
    if listing is None:
        listing = _statement_listing(request, p)
        if isinstance(listing, HttpResponse):
            return listing  # the filters or the page refused, with a 400: never kept
        cache.set(key, listing, LISTING_TIMEOUT)
    return render(
        request,
        "finance/statements.html",
        {**listing, "partnership": p, "listing": mark_safe(listing["listing"])},  # noqa: S308 - our own HTML
    )


def _statement_listing(request, p):
    """What the statements page shows besides its posting forms: the filters and the page of statements (as
    HTML), and what the forms need (the year they offer, the reasons issuing would be refused)."""
    qs = selectors.statements_for(request.user, p)
    f = StatementFilter(request.GET, queryset=qs)
    if problems := f.messages():
        return bad_request(request, "There is a problem with the filters", problems)
    paginator = Paginator(f.qs.annotate(paid=selectors.paid_subquery()), PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        return bad_request(request, "There is a problem with the page number", ["There is no such page."])
    selectors.with_balances(page.object_list, timezone.localdate())
    # The forms below default to the year filtered on, else the latest year with statements.
    latest = (
        RechargeStatement.objects.filter(partnership=p)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    year = f.form.cleaned_data.get("year") or latest or year_of(timezone.localdate())
    can_manage = selectors.can_manage(request.user, p, year)
    # A run that cannot issue says why before the button: what would refuse each period's drafts.
    blocked = []
    if can_manage:
        by_period = selectors.issue_problems_by_period(p, year)
        for period in sorted(by_period, key=(QUARTERS + ["true-up"]).index):
            blocked.append((f"{period} {year_label(year)}", by_period[period]))
    listing = render_to_string(
        "finance/_statements_listing.html",
        {
            "filter": f,
            "page": page,
            # Each row's links are this and the statement's id (finance/urls.py): reversed once, not three
            # times a row.
            "statements_url": reverse("finance:statements", kwargs={"partnership": p.slug}),
        },
        request=request,
    )
    return {
        "listing": str(listing),
        "can_manage": can_manage,
        "blocked": blocked,
        "run_year": year_label(year),
        "periods": QUARTERS + ["true-up"],
        "scope_all": selectors.visible_council_ids(request.user, p) is None,
    }


def aged_debt(request, partnership):
    """What each council still owes the host on issued invoices, by how long since issue, with links."""
    p = request.partnership
    unknown = sorted(set(request.GET) - {"on"})
    if unknown:
        return bad_request(request, "There is a problem with the address", [unknown_filter(unknown)])
    today = timezone.localdate()
    if "on" in request.GET:
        try:
            today = date.fromisoformat(request.GET["on"])
        except ValueError:
            return bad_request(
                request,
                "There is a problem with the date",
                ["Give the date as YYYY-MM-DD, such as 2018-10-31."],
            )
        if not 2000 <= today.year <= 2099:
            return bad_request(
                request, "There is a problem with the date", ["Give a date from 2000 to 2099."]
            )
    return render(
        request,
        "finance/aged_debt.html",
        {
            "partnership": p,
            "report": selectors.aged_debt(request.user, p, today),
            "statements_url": reverse("finance:statements", kwargs={"partnership": p.slug}),
        },
    )


def statements_run(request, partnership):
    p = request.partnership
    form = RunForm(request.POST)
    if not form.is_valid():
        return bad_request(
            request,
            "There is a problem with the request",
            [f"{k}: {' '.join(v)}" for k, v in form.errors.items()],
        )
    year, period, action = form.cleaned_data["year"], form.cleaned_data["period"], form.cleaned_data["action"]
    if not selectors.can_manage(request.user, p, year):
        raise PermissionDenied(services.ERROR_NOT_MANAGER)
    if action == "issue" and request.POST.get("confirm") != "yes":
        return _issue_confirmation(request, p, year, period)
    url = reverse("finance:statements", kwargs={"partnership": p.slug})
    back = f"{url}?year={year_label(year)}&period={period}"
    if action == "issue":
        return _issue_in_the_worker(request, p, year, period, back)
    try:
        _, changed, _ = services.recharges_run(
            partnership=p, year=year, period=period, issue=False, by=request.user
        )
    except ValidationError as exc:
        return bad_request(request, "The statements could not be drafted", exc.messages)
    messages.success(request, f"{changed} statements drafted or redrafted for {period} {year_label(year)}.")
    return redirect(back)


def _issue_in_the_worker(request, partnership, year, period, back):
    """Confirmed: the period's statements are drafted again and issued by the worker (rendering their PDFs
    takes a while), and the officer follows on the job's page, which ends with a download. What would refuse
    the issue is refused at once, here."""
    problems = selectors.issue_problems(partnership, year, period)
    if problems:
        return bad_request(request, "The statements could not be issued", problems)
    with transaction.atomic():
        job = jobs.job_create(
            kind="finance_statements_issue",
            title=f"{partnership.name}: issue the {period} {year_label(year)} statements",
            by=request.user,
            partnership=partnership,
            parameters={"year": year, "period": period, "back": back},
        )
        issue_statements.delay_on_commit(str(job.pk))
    return redirect(job)


OLD_PERIOD = "{period} {year} ended on {end:%-d %B %Y}, more than six months ago: check that it is the period you mean."
PERIOD_NOT_ENDED = "{period} {year} has not ended: it ends on {end:%-d %B %Y}."
NO_DRAFTS = (
    "Nothing has been drafted for {period} {year} yet: the statements are drafted from the figures as they are "
    "now and issued at once, without being read first."
)


def _issue_confirmation(request, partnership, year, period):
    """The page that asks the officer to confirm issuing a period's statements: what will happen, and the
    warnings (an old period, a period not yet over, nothing drafted). Its button issues them."""
    problems = selectors.issue_problems(partnership, year, period)
    if problems:  # what would be refused is refused at once, with the reasons
        return bad_request(request, "The statements could not be issued", problems)
    today = timezone.localdate()
    _, end = period_dates(year, period)
    drafts = RechargeStatement.objects.filter(
        partnership=partnership, year=year, period=period, status=RechargeStatement.Status.DRAFT
    ).count()
    label = year_label(year)
    warnings = []
    if end > today:
        warnings.append(PERIOD_NOT_ENDED.format(period=period, year=label, end=end))
    elif (today - end).days > 183:
        warnings.append(OLD_PERIOD.format(period=period, year=label, end=end))
    if not drafts:
        warnings.append(NO_DRAFTS.format(period=period, year=label))
    return render(
        request,
        "finance/statements_issue_confirm.html",
        {
            "partnership": partnership,
            "year": year,
            "year_label": label,
            "period": period,
            "drafts": drafts,
            "warnings": warnings,
        },
    )


def statements_zip(request, partnership):
    p = request.partnership
    form = ZipForm(request.POST)
    if not form.is_valid():
        return bad_request(
            request,
            "There is a problem with the request",
            [f"{k}: {' '.join(v)}" for k, v in form.errors.items()],
        )
    year, period = form.cleaned_data["year"], form.cleaned_data["period"]
    with transaction.atomic():
        job = jobs.job_create(
            kind="finance_statements_zip",
            title=f"{p.name}: {period} {year_label(year)} statements (PDF and CSV)",
            by=request.user,
            partnership=p,
            parameters={"year": year, "period": period},
        )
        build_statements_zip.delay_on_commit(str(job.pk))
    return redirect(job)


def _statement_for(request, statement_id):
    st = get_object_or_404(
        RechargeStatement.objects.select_related("council", "partnership", "issued_by").defer(
            "pdf", "csv", "ubl"
        ),
        pk=statement_id,
        partnership=request.partnership,
    )
    if not selectors.statement_visible(request.user, st):
        raise Http404("No such statement.")
    return st


def statement_detail(request, partnership, statement_id):
    return _render_statement(request, _statement_for(request, statement_id))


def _render_statement(request, st, *, payment_form=None, status=200):
    earlier = list(
        RechargeStatement.objects.filter(
            partnership=st.partnership, year=st.year, period=st.period, council=st.council
        )
        .exclude(pk=st.pk)
        .defer("pdf")
        .order_by("sequence")
    )
    balance = selectors.statement_balance(st)
    can_manage = selectors.can_manage(request.user, st.partnership, st.year)
    can_record = st.is_issued and balance["balance"] > 0 and can_manage
    return render(
        request,
        "finance/statement.html",
        {
            **documents.statement_context(st),
            "partnership": request.partnership,
            "related": earlier,
            "show_remittance": selectors.sees_remittance(request.user, st.partnership),
            "payments": selectors.payments_of(st) if st.is_issued else [],
            "balance": balance,
            "can_manage": can_manage,
            "payment_form": payment_form
            if payment_form is not None
            else (PaymentForm() if can_record else None),
        },
        status=status,
    )


def _managed_statement(request, statement_id):
    st = _statement_for(request, statement_id)
    if not selectors.can_manage(request.user, st.partnership, st.year):
        raise PermissionDenied(
            "Payments are recorded by the host's finance officers, the CIO or an administrator."
        )
    return st


def statement_payment(request, partnership, statement_id):
    """Records a payment against an issued statement (POST only); errors are shown on the statement's page."""
    st = _managed_statement(request, statement_id)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            payment = services.payment_record(statement=st, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Recorded a payment of £{payment.amount:,} on {st.number}.")
            return redirect("finance:statement", partnership=partnership, statement_id=st.pk)
    return _render_statement(request, st, payment_form=form, status=400)


def payment_reverse(request, partnership, statement_id, payment):
    """Reverses a payment recorded in error, with the reason (a confirmation page, which works without
    JavaScript)."""
    st = _managed_statement(request, statement_id)
    payment = get_object_or_404(Payment.objects.filter(statement=st), pk=payment)
    form = PaymentReversalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.payment_reverse(payment=payment, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"Reversed the payment of £{payment.amount:,} on {st.number}.")
                return redirect("finance:statement", partnership=partnership, statement_id=st.pk)
    return render(
        request,
        "finance/payment_reverse.html",
        {"statement": st, "payment": payment, "form": form, "partnership": request.partnership},
        status=status,
    )


def statement_pdf(request, partnership, statement_id):
    st = _statement_for(request, statement_id)
    if st.is_issued:
        st = RechargeStatement.objects.select_related("council", "partnership").get(pk=st.pk)
    content = services.statement_pdf_bytes(st)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.statement_filename(st, "pdf")}"'
    return response


def statement_csv(request, partnership, statement_id):
    st = _statement_for(request, statement_id)
    if st.is_issued:
        st = RechargeStatement.objects.select_related("council", "partnership").get(pk=st.pk)
    response = HttpResponse(services.statement_csv_bytes(st), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{documents.statement_filename(st, "csv")}"'
    return response


def statement_ubl(request, partnership, statement_id):
    """The e-invoice (UBL 2.1) stored when the statement was issued; a draft has none (404)."""
    st = _statement_for(request, statement_id)
    content = None
    if st.is_issued:
        st = RechargeStatement.objects.select_related("council", "partnership").get(pk=st.pk)
        content = services.statement_ubl_bytes(st)
    if content is None:
        raise Http404("This statement has no e-invoice: only issued statements have one.")
    response = HttpResponse(content, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{documents.statement_filename(st, "xml")}"'
    return response


# Invoicing settings ---------------------------------------------------------------------------------------

ERROR_NOT_INVOICING_EDITOR = "Only the host council's finance officers may change the invoicing settings."
ERROR_NOT_BILLING_EDITOR = (
    "Only this council's finance officers, or the host's, may change its invoicing details."
)


def invoicing(request, partnership):
    p = request.partnership
    user = request.user
    overview = selectors.invoicing_overview(p)
    own = selectors.finance_officer_council_ids(user, p)
    can_edit = selectors.can_edit_invoicing(user, p)
    return render(
        request,
        "finance/invoicing.html",
        {
            "partnership": p,
            **overview,
            "show_remittance": selectors.sees_remittance(user, p),
            "can_edit": can_edit,
            "editable": {c.pk for c, _, _ in overview["councils"] if can_edit or c.pk in own},
        },
    )


def invoicing_edit(request, partnership):
    p = request.partnership
    if not selectors.can_edit_invoicing(request.user, p):
        raise PermissionDenied(ERROR_NOT_INVOICING_EDITOR)
    current = InvoicingSettings.objects.filter(partnership=p).first()
    codes = dict(LedgerCode.objects.filter(partnership=p).values_list("line", "code"))
    data = request.POST if request.method == "POST" else None
    form = InvoicingSettingsForm(
        data,
        instance=current or InvoicingSettings(partnership=p),
        initial={"version": current_version(current)},
    )
    ledger = LedgerCodesForm(data, initial_codes=codes)
    if data is not None and form.is_valid() and ledger.is_valid():
        try:
            with transaction.atomic():
                services.invoicing_settings_set(
                    partnership=p,
                    version=form.cleaned_data["version"],
                    by=request.user,
                    **{k: form.cleaned_data[k] for k in services.INVOICING_FIELDS},
                )
                services.ledger_codes_set(partnership=p, codes=ledger.codes(), by=request.user)
        except ValidationError as exc:
            add_service_error(form, exc)  # stale: 409, the other person's changes beside yours
        else:
            messages.success(
                request, "Invoicing settings saved. Statements already issued keep their details."
            )
            return redirect("finance:invoicing", partnership=p.slug)
    return render(
        request,
        "finance/invoicing_edit.html",
        {"partnership": p, "form": form, "ledger": ledger, "current": current},
        status=refused(form) if data is not None else 200,
    )


def billing_profile(request, partnership, council_code):
    p = request.partnership
    council = get_object_or_404(
        Council.objects.filter(memberships__partnership=p).distinct(), code=council_code.upper()
    )
    if not selectors.can_edit_billing(request.user, p, council):
        raise PermissionDenied(ERROR_NOT_BILLING_EDITOR)
    profile = BillingProfile.objects.filter(council=council).first()
    which = request.POST.get("form") if request.method == "POST" else None
    form = BillingProfileForm(
        request.POST if which == "profile" else None,
        instance=profile or BillingProfile(council=council, invoice_name=council.name),
        initial={"version": current_version(profile)},
        prefix="profile",
    )
    po_form = PurchaseOrderForm(request.POST if which == "po" else None, prefix="po")
    if which == "profile" and form.is_valid():
        try:
            services.billing_profile_set(
                council=council,
                version=form.cleaned_data["version"],
                by=request.user,
                **{k: form.cleaned_data[k] for k in services.BILLING_PROFILE_FIELDS},
            )
        except ValidationError as exc:
            add_service_error(form, exc)  # stale: 409, the other person's changes beside yours
        else:
            messages.success(request, f"Invoicing details of {council.name} saved.")
            return redirect("finance:invoicing", partnership=p.slug)
    if which == "po" and po_form.is_valid():
        year, number = po_form.cleaned_data["year"], po_form.cleaned_data["number"]
        services.purchase_order_set(partnership=p, council=council, year=year, number=number, by=request.user)
        messages.success(request, f"Purchase order of {council.name} for {year_label(year)} saved.")
        return redirect("finance:invoicing", partnership=p.slug)
    orders = [
        (year_label(y), n)
        for y, n in p.purchase_orders.filter(council=council).order_by("year").values_list("year", "number")
    ]
    return render(
        request,
        "finance/billing_profile.html",
        {"partnership": p, "council": council, "form": form, "po_form": po_form, "orders": orders},
        status=(refused(form) if which == "profile" else 400) if which else 200,
    )
