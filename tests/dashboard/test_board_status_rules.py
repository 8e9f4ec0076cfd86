"""The board paper's red/amber/green rules and directions, as plain values (sharedservice/dashboard/board.py)."""

from decimal import Decimal as D

from sharedservice.dashboard import board


def test_revenue_is_green_on_or_under_budget_amber_up_to_one_percent_over_and_red_beyond():
    budget = D("43710000")
    assert board.revenue_rag(budget, D("-1")) == board.GREEN
    assert board.revenue_rag(budget, D("0")) == board.GREEN
    assert board.revenue_rag(budget, D("45000")) == board.AMBER  # the seed's month 5: £45k over
    assert board.revenue_rag(budget, D("437100")) == board.AMBER  # exactly 1%
    assert board.revenue_rag(budget, D("437100.01")) == board.RED
    assert board.revenue_rag(budget, None) == board.NONE


def test_one_off_is_green_within_the_current_budget_and_red_over_it():
    assert board.one_off_rag(D("-5243000")) == board.GREEN
    assert board.one_off_rag(D("0.01")) == board.RED
    assert board.one_off_rag(None) == board.NONE


def test_vacancies_are_green_to_five_percent_amber_to_fifteen_and_red_beyond():
    assert board.vacancy_rag(5, 100) == board.GREEN
    assert board.vacancy_rag(6, 100) == board.AMBER
    assert board.vacancy_rag(54, 413) == board.AMBER  # the demo: 13%
    assert board.vacancy_rag(15, 100) == board.AMBER
    assert board.vacancy_rag(16, 100) == board.RED
    assert board.vacancy_rag(0, 0) == board.NONE


def test_counts_are_green_with_none_amber_with_some_and_red_from_a_threshold():
    assert board.count_rag(0, red_from=5) == board.GREEN
    assert board.count_rag(4, red_from=5) == board.AMBER
    assert board.count_rag(5, red_from=5) == board.RED
    assert board.count_rag(50) == board.AMBER


def test_direction_is_read_against_the_last_papers_figure():
    rows = [
        board.Headline("revenue", "Revenue", D("43755000"), "£43,755,000.00", board.AMBER, ""),
        board.Headline("vacancies", "Vacant posts", D("54"), "54", board.AMBER, "", money=False),
        board.Headline("new", "New", D("1"), "1", board.GREEN, ""),
    ]
    previous = {
        "revenue": {"value": "43700000.00", "shown": "£43,700,000.00"},
        "vacancies": {"value": "60", "shown": "60"},
    }
    board.with_directions(rows, previous)
    assert rows[0].direction == "Up £55,000.00"
    assert rows[1].direction == "Down 6"
    assert rows[2].direction == "First reported in this paper"
    board.with_directions(rows, None)
    assert rows[0].direction == "No earlier board paper"
