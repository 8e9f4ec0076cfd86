"""The co-terminus plan: which contracts must be extended or re-let to end in the target month, and the gap
(seed TC22: the social care case management contracts and their July 2020 target)."""

from datetime import date

from procurement import coterminus as C
from procurement import selectors
from procurement.dates import Period

JULY_2020 = date(2020, 7, 31)


def test_camden_reaches_july_2020_by_taking_its_one_year_extension():
    line = C.plan_line(JULY_2020, date(2019, 7, 9), [Period(date(2019, 7, 10), date(2020, 7, 9))])
    assert (line.action, line.reaches, line.options_taken) == (C.EXTEND, date(2020, 7, 9), [0])
    assert line.gap_text == "None"


def test_haringey_with_no_extension_must_re_let_across_a_gap_from_april_2019():
    line = C.plan_line(JULY_2020, date(2019, 4, 30), [])
    assert line.action == C.RE_LET
    assert (line.gap_months, line.gap_days) == (15, 1)
    assert line.gap_text == "15 months 1 day"


def test_islington_with_its_extension_to_be_confirmed_shows_gaps_of_about_28_and_25_months():
    support = C.plan_line(JULY_2020, date(2018, 3, 31), [], to_confirm=True)
    licences = C.plan_line(JULY_2020, date(2018, 6, 17), [], to_confirm=True)
    assert support.action == licences.action == C.TO_CONFIRM
    assert (support.gap_months, licences.gap_months) == (28, 25)


def test_a_contract_ending_in_the_target_month_is_aligned():
    line = C.plan_line(JULY_2020, date(2020, 7, 1), [])
    assert line.action == C.ALIGNED and line.gap_months == 0


def test_a_contract_running_past_the_target_must_be_varied_or_ended_early():
    line = C.plan_line(JULY_2020, date(2021, 3, 31), [])
    assert line.action == C.OVERRUNS
    assert line.gap_text == "8 months past the target"


def test_options_that_do_not_reach_the_target_are_taken_and_the_rest_is_the_gap():
    line = C.plan_line(JULY_2020, date(2019, 3, 31), [Period(date(2019, 4, 1), date(2019, 9, 30))])
    assert line.action == C.RE_LET and line.reaches == date(2019, 9, 30)
    assert (line.gap_months, line.options_taken) == (10, [0])


def test_only_the_options_needed_are_taken():
    options = [Period(date(2019, 7, 10), date(2020, 7, 9)), Period(date(2020, 7, 10), date(2021, 7, 9))]
    line = C.plan_line(JULY_2020, date(2019, 7, 9), options)
    assert line.options_taken == [0]


def test_the_demo_plan_lists_each_council_and_what_its_case_management_contracts_need(procurement_demo, sd):
    plan = selectors.coterminus_plan(sd, JULY_2020, "case_management")
    got = {
        c.code: [(r.contract.reference, r.line.action, r.line.gap_months) for r in rows] for c, rows in plan
    }
    assert got == {
        "LBC": [("LBC-CM", C.EXTEND, 0)],
        "LBH": [("LBH-CM", C.RE_LET, 15)],
        "LBI": [("LBI-CM-SM", C.TO_CONFIRM, 28), ("LBI-CM-LIC", C.TO_CONFIRM, 25)],
    }


def test_a_contract_shared_by_three_councils_appears_in_each_councils_plan(procurement_demo, sd):
    plan = dict(selectors.coterminus_plan(sd, date(2023, 3, 31), "wan"))
    assert sorted(c.code for c in plan) == ["LBC", "LBH", "LBI"]
    assert all(rows[0].line.action == C.ALIGNED for rows in plan.values())
