"""The dashboard's figures, composed from the apps' selectors only: this module imports no model. Each part
runs a fixed number of queries whatever the data size, so the page does too (tests/test_query_counts.py)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from finance import selectors as finance
from finance.periods import year_end, year_label, year_of, year_slug, year_start
from governance.committees import selectors as committees
from governance.delegations import selectors as delegations
from governance.portfolio import selectors as portfolio
from procurement import selectors as procurement
from staffing import selectors as staffing

ZERO = Decimal("0.00")
TOP_RISKS = 5
STAFF_LINE = "bau_staff"


def default_year(partnership, today):
    """The year the dashboard opens on: the latest year up to today's with a forecast, else the latest with a
    budget, else today's financial year."""
    current = year_of(today)
    budgets, forecasts = finance.years_with_budget_and_forecast(partnership)
    for years in (forecasts, budgets):
        known = [y for y in years if y <= current]
        if known:
            return max(known)
    return current


def as_at(year, today):
    """The day the dashboard reads as at: today within the year, else the year's last (or first) day."""
    if today < year_start(year):
        return year_start(year)
    if today > year_end(year):
        return year_end(year)
    return today


@dataclass
class Dashboard:
    partnership: object
    year: int
    council: object
    day: date
    money: dict = field(default_factory=dict)
    contracts: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    decisions: dict = field(default_factory=dict)
    portfolio: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    @property
    def year_label(self):
        return year_label(self.year)

    @property
    def year_slug(self):
        return year_slug(self.year)


def _money(partnership, year, council, day):
    figures = finance.money_by_council_and_line(partnership, year, council=council)
    by_council = defaultdict(
        lambda: {"budget": ZERO, "forecast": ZERO, "actual": ZERO, "has_forecast": False}
    )
    for row in figures["rows"]:
        c = by_council[row["council"]]
        c["budget"] += row["budget"]
        c["actual"] += row["actual"]
        c.setdefault("forecast_budget", ZERO)
        if row["forecast"] is not None:
            c["forecast"] += row["forecast"]
            c["forecast_budget"] += row["budget"]
            c["has_forecast"] = True
    # A council's variance is over the lines forecast by council (the others are forecast for the whole).
    councils = [
        {"council": c, **v, "variance": (v["forecast"] - v["forecast_budget"]) if v["has_forecast"] else None}
        for c, v in by_council.items()
    ]
    totals = {key: sum((c[key] for c in councils), ZERO) for key in ("budget", "actual")}
    totals["forecast"] = figures["forecast_total"]
    if council is not None:
        totals["forecast_budget"] = sum((c["forecast_budget"] for c in councils), ZERO)
    else:
        totals["forecast_budget"] = totals["budget"]
    totals["variance"] = totals["forecast"] - totals["forecast_budget"] if figures["month"] else None
    seed = finance.revenue_and_one_off(partnership, year, council=council, month=figures["month"])
    trend = finance.monthly_trend(partnership, year, council=council, lines=finance.PERMANENT_LINES)
    latest = None
    if not seed["has_budget"]:
        budgets = finance.years_with_budget_and_forecast(partnership)[0]
        latest = max(budgets) if budgets else None
    return {
        "rows": figures["rows"],
        "unsplit": figures["unsplit"],
        "month": figures["month"],
        "month_name": seed["month_name"],
        "month_start": seed["month_start"],
        "seed": seed,
        # Spend recorded on the revenue lines and on the one-off lines, kept apart as their budgets are.
        "actual_revenue": sum(
            (r["actual"] for r in figures["rows"] if r["line"] in finance.PERMANENT_LINES), ZERO
        ),
        "actual_one_off": sum(
            (r["actual"] for r in figures["rows"] if r["line"] not in finance.PERMANENT_LINES), ZERO
        ),
        "latest_budget_year": latest,
        "latest_budget_label": year_label(latest) if latest is not None else "",
        "latest_budget_slug": year_slug(latest) if latest is not None else "",
        "councils": councils,
        "totals": totals,
        "trend": {**trend, "budget": seed["revenue_budget"]},
        "savings": finance.savings_by_council(partnership, year, council=council),
        "plan": finance.savings_against_costs(partnership),
        "recharges": finance.recharges_summary(partnership, year, day, council=council),
    }


def forecast_label(money):
    """"Month 5 (August 2017)": the forecast the figures use, named by the financial year's month."""
    if not money["month"]:
        return ""
    return f"Month {money['month']} ({money['month_start']:%B %Y})"


def _contracts(partnership, year, council, day):
    due = procurement.pipeline(partnership, day)
    horizons = [(h, procurement.for_council(items, council)) for h, items in due.items()]
    return {
        "horizons": horizons,
        "count": sum(len(items) for _h, items in horizons),
        "gaps": procurement.coterminus_gaps(partnership, council=council),
        "reconciliation": finance.contract_reconciliation(partnership, year, council=council),
    }


def _people(partnership, year, council, day, money_rows):
    summary = staffing.establishment_summary(partnership, day, council=council)
    cost_rows, cost_problem = [], ""
    try:
        cost_rows = staffing.staffing_cost(
            partnership, year, councils=[council] if council is not None else None
        )
    except staffing.MissingRates as exc:
        cost_problem = str(exc)
    budget = defaultdict(lambda: ZERO)
    for row in money_rows:
        if row["line"] == STAFF_LINE:
            budget[row["council"].code] += row["budget"]
    by_council = defaultdict(lambda: {"fte": Decimal("0"), "cost": ZERO, "agency": ZERO, "staff_cost": ZERO})
    for r in cost_rows:
        c = by_council[r.council.code]
        c["council"] = r.council
        c["fte"] += r.fte_years
        c["cost"] += r.total
        c["agency"] += r.agency
        if r.funding_line == STAFF_LINE:
            c["staff_cost"] += r.total
    costs = []
    for code, c in sorted(by_council.items()):
        c["budget"] = budget.get(code, ZERO)
        c["variance"] = c["staff_cost"] - c["budget"]
        costs.append(c)
    ending = [
        h
        for h in staffing.ending_soon(partnership, day)
        if council is None or h.post.employing_council_id == council.pk
    ]
    return {
        **summary,
        "costs": costs,
        "cost_total": sum((c["cost"] for c in costs), ZERO),
        "agency_cost": sum((c["agency"] for c in costs), ZERO),
        "staff_cost": sum((c["staff_cost"] for c in costs), ZERO),
        "staff_budget": sum(budget.values(), ZERO),
        "cost_problem": cost_problem,
        "ending": ending,
        "restructures": staffing.restructures_in_consultation(partnership, day),
        "reconciliation": finance.staff_reconciliation(partnership, year, day, council=council),
    }


def _decisions(partnership, council, day):
    first, last = delegations.quarter_of(day)
    actions, actions_total, actions_overdue = committees.open_actions(partnership, day)
    return {
        "meetings": committees.upcoming_meetings(partnership, day),
        "key_decisions": delegations.key_decisions_due(partnership, day, council=council),
        "quarter": (first, last),
        "officer_decisions": delegations.officer_decisions_between(partnership, first, last, council=council),
        "call_in": delegations.in_call_in(partnership, day, council=council),
        "parallel": delegations.parallel_awaited(partnership, day, council=council),
        "actions": actions,
        "actions_total": actions_total,
        "actions_overdue": actions_overdue,
    }


def _portfolio(partnership, council, day):
    view = portfolio.portfolio_for(partnership)
    programmes = [
        {"view": p, "rag": portfolio.programme_rag(p), "projects": len(p.projects)}
        for p in view.programmes
        if p.programme is not None
    ]
    excluded = [
        project
        for p in view.programmes
        for project in p.excluded
        if council is None or any(c.pk == council.pk for c in project.councils.all())
    ]
    risks = portfolio.open_risks(partnership)
    return {
        "programmes": programmes,
        "in_portfolio": view.in_portfolio,
        "excluded": excluded,
        "top_risks": risks[:TOP_RISKS],
        "open_risks": len(risks),
        "past_review": portfolio.past_review(risks, today=day),
    }


def dashboard(partnership, year, *, council=None, day):
    """Every section's figures for a partnership and financial year (for one council, if given), read as at
    `day`."""
    d = Dashboard(partnership, year, council, day)
    d.money = _money(partnership, year, council, day)
    d.contracts = _contracts(partnership, year, council, day)
    d.people = _people(partnership, year, council, day, d.money["rows"])
    # A rate missing for a year with no budget is not the board's problem: the page says the year has no
    # budget and links to the latest (the People section still says why the cost is not worked out).
    if d.people["cost_problem"] and d.money["seed"]["has_budget"]:
        d.problems.append(d.people["cost_problem"])
    d.decisions = _decisions(partnership, council, day)
    d.portfolio = _portfolio(partnership, council, day)
    return d
