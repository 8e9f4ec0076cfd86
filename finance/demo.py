"""Demo data for finance, from fixtures/demo/finance.json and the CSV files it names, loaded through the
import services. Idempotent: a second run changes nothing."""

import json
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings

from governance.models import Council, Partnership

from . import services
from .models import (
    BillingProfile,
    BudgetLine,
    InvoicingSettings,
    OneOffCost,
    OneOffCostShare,
    SavingsShare,
    SavingsTarget,
)
from .periods import parse_year, period_dates

FIXTURES = settings.BASE_DIR / "fixtures" / "demo"
FIXTURE = FIXTURES / "finance.json"
# A quarter's statements are drafted ten days after it ends (finance.tasks.DRAFT_DELAY_DAYS) and, in the
# demo, issued that day.
ISSUE_DELAY_DAYS = 10


def _upsert(model, lookup, values):
    obj = model.objects.filter(**lookup).first()
    if obj is not None and all(getattr(obj, k) == v for k, v in values.items()):
        return obj
    obj = obj or model(**lookup)
    for k, v in values.items():
        setattr(obj, k, v)
    obj.full_clean(validate_constraints=False)
    obj.save()
    return obj


def _shares(parent_field, parent, share_model, shares, councils):
    for code, amount in (shares or {}).items():
        _upsert(share_model, {parent_field: parent, "council": councils[code]}, {"amount": Decimal(amount)})


def _invoicing(data, partnerships, councils):
    """Invoicing settings, billing profiles and purchase orders (demo values: see the fixture's note)."""
    for b in data["billing_profiles"]:
        council = councils[b["council"]]
        profile = BillingProfile.objects.filter(council=council).first()
        fields = {k: b[k] for k in services.BILLING_PROFILE_FIELDS}
        services.billing_profile_set(council=council, version=profile.version if profile else None, **fields)
    for s in data["settings"]:
        p = partnerships[s["partnership"]]
        current = InvoicingSettings.objects.filter(partnership=p).first()
        fields = {k: s[k] for k in services.INVOICING_FIELDS}
        services.invoicing_settings_set(partnership=p, version=current.version if current else None, **fields)
        services.ledger_codes_set(partnership=p, codes=s["ledger_codes"])
    for po in data["purchase_orders"]:
        services.purchase_order_set(
            partnership=partnerships[po["partnership"]],
            council=councils[po["council"]],
            year=parse_year(po["year"]),
            number=po["number"],
        )


def load(stdout=None):
    data = json.loads(FIXTURE.read_text())
    partnerships = {p.slug: p for p in Partnership.objects.all()}
    councils = {c.code: c for c in Council.objects.all()}
    for s in data["settlements"]:
        services.settlement_set(
            partnership=partnerships[s["partnership"]],
            year=parse_year(s["year"]),
            model=s["model"],
            weights=s["weights"],
            host=councils[s["host"]],
            fixed=s.get("fixed"),
        )
    for f in data["budget_files"]:
        text = (FIXTURES / f["file"]).read_text()
        if f.get("revise"):
            services.import_budget(
                text=text,
                revise=True,
                reason=f["reason"],
                decision=f.get("decision", ""),
                effective=date.fromisoformat(f["effective"]),
            )
            continue
        first = text.splitlines()[1].split(",")
        if BudgetLine.objects.filter(partnership__slug=first[0], year=parse_year(first[1])).exists():
            continue
        services.import_budget(text=text)
    for name in data["forecast_files"]:
        services.import_forecast(text=(FIXTURES / name).read_text())
    for s in data["savings"]:
        p = partnerships[s["partnership"]]
        target = _upsert(
            SavingsTarget,
            {"partnership": p, "year": parse_year(s["year"]), "name": s["name"]},
            {"target": Decimal(s["target"]), "basis": s["basis"]},
        )
        _shares("target", target, SavingsShare, s.get("shares"), councils)
    for c in data["one_off_costs"]:
        p = partnerships[c["partnership"]]
        cost = _upsert(
            OneOffCost,
            {"partnership": p, "year": parse_year(c["year"]), "name": c["name"]},
            {"amount": Decimal(c["amount"]), "basis": c["basis"]},
        )
        _shares("cost", cost, OneOffCostShare, c.get("shares"), councils)
    _invoicing(data["invoicing"], partnerships, councils)
    issued = 0
    for st in data["statements"]:
        year = parse_year(st["year"])
        _, _, done = services.recharges_run(
            partnership=partnerships[st["partnership"]],
            year=year,
            period=st["period"],
            issue=st.get("issue", False),
            # Issued on the day they would have been: ten days after the quarter ended, not today.
            issue_date=period_dates(year, st["period"])[1] + timedelta(days=ISSUE_DELAY_DAYS),
        )
        issued += len(done)
    if stdout:
        stdout.write(
            f"Finance: budgets, forecasts, savings and settlement settings loaded; {issued} statements issued."
        )
