"""Proposals are scored against the six prioritisation criteria (D1 L2667–2675) and ranked by their total:
the highest first, equal scores sharing a rank, unscored proposals after the scored ones."""

from datetime import date

import pytest

from governance.portfolio import rules, selectors

from .conftest import propose, score


def test_the_total_is_the_sum_of_the_six_criteria():
    scores = dict.fromkeys([key for key, _ in rules.CRITERIA], 4)
    scores["aggregation"] = 1
    assert rules.total_score(scores) == 21
    assert rules.MAX_SCORE == 30


def test_a_proposal_missing_a_criterion_has_no_total():
    scores = dict.fromkeys([key for key, _ in rules.CRITERIA], 4)
    scores["resilience"] = None
    assert rules.total_score(scores) is None


def test_a_criterion_is_scored_from_0_to_5():
    scores = dict.fromkeys([key for key, _ in rules.CRITERIA], 6)
    with pytest.raises(ValueError):
        rules.total_score(scores)


def test_highest_score_ranks_first_and_equal_scores_share_a_rank():
    d = date(2018, 1, 1)
    ranked = rules.rank(
        [("a", 12, d), ("b", 25, d), ("c", 18, date(2018, 1, 2)), ("d", 18, d), ("e", None, d)]
    )
    assert [(r.key, r.rank) for r in ranked] == [("b", 1), ("d", 2), ("c", 2), ("a", 4), ("e", None)]


@pytest.mark.django_db
def test_the_gateway_page_ranks_proposals_by_score(client, sd, officer, councils):
    low = propose(sd, officer, councils, title="Low scorer")
    high = propose(sd, officer, councils, title="High scorer")
    unscored = propose(sd, officer, councils, title="Not yet scored")
    score(low, officer, total_each=1)
    score(high, officer, total_each=5)
    ranked, _decided = selectors.ranked_proposals(sd)
    assert [(r.rank, r.assessment.project.title) for r in ranked] == [
        (1, "High scorer"),
        (2, "Low scorer"),
        (None, "Not yet scored"),
    ]
    client.force_login(officer)
    page = client.get("/shared-digital/portfolio/gateway/").content.decode()
    assert page.index("High scorer") < page.index("Low scorer") < page.index(unscored.project.title)
