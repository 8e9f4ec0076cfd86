"""The portfolio's rules as plain functions (no Django): the "real project" rule, gateway scores and ranking,
and risk scores. Tested with plain values in tests/governance/portfolio/ (test_real_project_rule.py,
test_gateway_ranking.py, test_risk_scores.py).

Sources: the 2014 governance model (D0 L370–385) for real projects and the gateway; the 2017 strategy (D1
L2667–2675) for the six prioritisation criteria; the governance options report (D1 L1210–1254) for risks
rated Low/Medium/High.
"""

from dataclasses import dataclass
from datetime import date

# The real-project rule (D0 2.2–2.4) ---------------------------------------------------------------------

PROJECT_MANAGER = "an assigned project manager"
SPONSOR = "a sponsor"
SCOPE = "a defined scope"
BUDGET_AND_TIMELINES = "an allocated budget and timelines"
ICT_LEAD = "a single ICT Lead"
REAL_PROJECT_FACTS = (PROJECT_MANAGER, SPONSOR, SCOPE, BUDGET_AND_TIMELINES, ICT_LEAD)


def missing_facts(*, project_manager, sponsor, scope, budget, start, end, ict_lead):
    """The real-project facts a project lacks, in the seed's order. A budget counts when it is more than
    nothing; timelines are a start and an end, the end not before the start."""
    missing = []
    if not (project_manager or "").strip():
        missing.append(PROJECT_MANAGER)
    if not (sponsor or "").strip():
        missing.append(SPONSOR)
    if not (scope or "").strip():
        missing.append(SCOPE)
    if budget is None or budget <= 0 or start is None or end is None or end < start:
        missing.append(BUDGET_AND_TIMELINES)
    if not (ict_lead or "").strip():
        missing.append(ICT_LEAD)
    return missing


def exclusion_reasons(missing, *, duplicate_of_title=None):
    """Why a project is left out of the shared technology portfolio (empty when it is a real project).
    A duplicate of another council's project is left out until the two converge (D0 2.3)."""
    reasons = [f"It has no {fact.removeprefix('an ').removeprefix('a ')}." for fact in missing]
    if duplicate_of_title:
        reasons.append(f"It duplicates “{duplicate_of_title}” at another council: the two should converge.")
    return reasons


# Gateway scoring and ranking (D1 L2667–2675) ------------------------------------------------------------

CRITERIA = (
    ("partnership", "Partnership"),
    ("customer_need", "Responding to customer need"),
    ("service_needs", "Embedding with service needs"),
    ("aggregation", "Aggregation"),
    ("resilience", "Building resilience"),
    ("transformation", "Transforming the business"),
)
CRITERION_MIN, CRITERION_MAX = 0, 5
MAX_SCORE = CRITERION_MAX * len(CRITERIA)


def total_score(scores):
    """The sum of the six criteria scores (each 0 to 5); None while any criterion is unscored."""
    values = [scores.get(key) for key, _label in CRITERIA]
    if any(v is None for v in values):
        return None
    for v in values:
        if not CRITERION_MIN <= v <= CRITERION_MAX:
            raise ValueError(f"A criterion is scored from {CRITERION_MIN} to {CRITERION_MAX}, not {v}.")
    return sum(values)


@dataclass(frozen=True)
class Ranked:
    rank: int | None  # None for a proposal not yet scored
    key: object
    score: int | None


def rank(proposals):
    """Ranks (key, score, submitted_on) proposals: highest score first; equal scores share a rank ("1, 2, 2,
    4") and are listed oldest submission first; unscored proposals follow, unranked, oldest first."""
    scored = sorted((p for p in proposals if p[1] is not None), key=lambda p: (-p[1], p[2]))
    unscored = sorted((p for p in proposals if p[1] is None), key=lambda p: p[2])
    out, previous, current = [], None, 0
    for position, (key, score, _submitted) in enumerate(scored, start=1):
        if score != previous:
            current, previous = position, score
        out.append(Ranked(current, key, score))
    out.extend(Ranked(None, key, None) for key, _s, _d in unscored)
    return out


# Risks -------------------------------------------------------------------------------------------------

SCALE = (1, 2, 3, 4, 5)
SCALE_LABELS = {1: "Very low", 2: "Low", 3: "Medium", 4: "High", 5: "Very high"}
# The seed rates risks in words ("Medium/High", "Low/Medium", "Medium"): Low, Medium and High are the middle
# three points of the 1–5 scale, leaving room either side.
WORD_TO_LEVEL = {"very low": 1, "low": 2, "medium": 3, "high": 4, "very high": 5}

BAND_LOW, BAND_MEDIUM, BAND_HIGH = "Low", "Medium", "High"


def parse_rating(text):
    """(likelihood, impact) from the seed's words: "Medium/High" -> (3, 4); a single word rates both."""
    parts = [p.strip().lower() for p in (text or "").split("/") if p.strip()]
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or any(p not in WORD_TO_LEVEL for p in parts):
        raise ValueError(
            f"Cannot read the rating “{text}”: use Low, Medium or High, or a pair such as Medium/High."
        )
    return WORD_TO_LEVEL[parts[0]], WORD_TO_LEVEL[parts[1]]


def risk_score(likelihood, impact):
    """Likelihood times impact, each 1 to 5: a score from 1 to 25."""
    for v in (likelihood, impact):
        if v not in SCALE:
            raise ValueError(f"Likelihood and impact run from 1 to 5, not {v}.")
    return likelihood * impact


def risk_band(score):
    """Low up to 4, Medium from 5 to 11, High from 12 (a Medium/High risk, 3 x 4, is High)."""
    if score >= 12:
        return BAND_HIGH
    if score >= 5:
        return BAND_MEDIUM
    return BAND_LOW


def heat_map(pairs):
    """Counts of open risks in each cell: {(likelihood, impact): count} for all 25 cells."""
    grid = {(likelihood, impact): 0 for likelihood in SCALE for impact in SCALE}
    for likelihood, impact in pairs:
        risk_score(likelihood, impact)  # checks the range
        grid[(likelihood, impact)] += 1
    return grid


def is_past_review(review_date, *, today: date, is_open=True):
    """An open risk whose review date has gone by."""
    return bool(is_open and review_date is not None and review_date < today)
