"""Demo data for finance, from fixtures/demo/finance.json and the CSV files it names, loaded through the
import services. Idempotent: a second run changes nothing."""

import json
from datetime import date
from decimal import Decimal

from django.conf import settings

from governance.models import Council, Partnership

from . import services
from .models import BudgetLine, OneOffCost, OneOffCostShare, SavingsShare, SavingsTarget
from .periods import parse_year

FIXTURES = settings.BASE_DIR / "fixtures" / "demo"
FIXTURE = FIXTURES / "finance.json"


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
    issued = 0
    for st in data["statements"]:
        _, _, done = services.recharges_run(
            partnership=partnerships[st["partnership"]],
            year=parse_year(st["year"]),
            period=st["period"],
            issue=st.get("issue", False),
        )
        issued += len(done)
    if stdout:
        stdout.write(
            f"Finance: budgets, forecasts, savings and settlement settings loaded; {issued} statements issued."
        )
