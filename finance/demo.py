"""Demo data for finance, from fixtures/demo/finance.json and the CSV files it names, loaded through the
import services. Idempotent: a second run changes nothing."""

import json
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings

from governance.audit.versions import UNCHECKED
from governance.models import Council, Partnership

from . import services
from .models import (
    Actual,
    BudgetLine,
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
        fields = {k: b[k] for k in services.BILLING_PROFILE_FIELDS}
        services.billing_profile_set(council=council, version=UNCHECKED, **fields)
    for s in data["settings"]:
        p = partnerships[s["partnership"]]
        fields = {k: s[k] for k in services.INVOICING_FIELDS}
        services.invoicing_settings_set(partnership=p, version=UNCHECKED, **fields)
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


# The year-end of 2018/19, the first year of the hosted budget -------------------------------------------
# The seed gives no ledger for 2018/19. Its only outturn is the hypothesis of the true-up test case in the
# seed notes (TC15, rule R20): the outturn equals the month-5 forecast of 2017/18, £43,755k (BAU staff
# £19,878k, non-staff £19,596k, continuous improvement £4,281k: D1 L3349), against the same budget carried
# into 2018/19 (D1 L3384). Loaded as three outturn lines in the host's (Camden's) ledger on 31 March 2019,
# shared by the partnership: no monthly phasing, nothing charged to one council alone, no one-off spending,
# since the seed gives none. It is an overspend, so the true-up charges Haringey and Islington their shares
# (the seed gives no underspend whose refund would be a credit note).
OUTTURN = FIXTURES / "finance_actuals_shared-digital_2018-19_outturn.csv"
YEAR_END = 2018
YEAR_END_PERIODS = ["Q1", "Q2", "Q3", "Q4", "true-up"]


def load_outturn():
    """The outturn lines of 2018/19, once. Returns the partnership (None without the demo)."""
    partnership = Partnership.objects.filter(slug="shared-digital").first()
    if partnership is None:
        return None
    if not Actual.objects.filter(
        partnership=partnership, year=YEAR_END, description__startswith="Outturn"
    ).exists():
        services.import_actuals(text=OUTTURN.read_text(), partnership=partnership)
    return partnership


def load_year_end(stdout=None):
    """2018/19 to its year-end: the outturn lines, then every quarter's statements and the true-up, each
    issued ten days after its period ended. Run by load_demo after the demo (the tests' finance demo stops
    at Q1, which they go on from). Idempotent: lines already imported and periods already issued are left."""
    partnership = load_outturn()
    if partnership is None:
        return
    issued = 0
    for period in YEAR_END_PERIODS:
        _, _, done = services.recharges_run(
            partnership=partnership,
            year=YEAR_END,
            period=period,
            issue=True,
            issue_date=period_dates(YEAR_END, period)[1] + timedelta(days=ISSUE_DELAY_DAYS),
        )
        issued += len(done)
    if stdout:
        stdout.write(f"Finance: 2018/19 to its year-end true-up; {issued} more statements issued.")
