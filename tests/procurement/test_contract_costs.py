"""Contract costs by partnership, year, council and funding line, for finance and the CIO dashboard."""

from datetime import date
from decimal import Decimal

from finance.models import Line
from procurement import selectors
from procurement.models import FUNDING_LINES

D = Decimal


def test_procurements_funding_lines_are_finances(db):
    assert {code for code, _ in FUNDING_LINES} <= set(Line.values)


def test_a_live_contract_costs_its_annual_value_shared_as_its_shares(make_contract, sd, councils):
    shares = [(councils["LBC"], D("60000")), (councils["LBH"], D("30000")), (councils["LBI"], D("30000"))]
    make_contract(total_value="120000.00", annual_value="40000.00", shares=shares, status="live")
    costs = selectors.contract_costs(sd, 2018)
    assert costs == {
        ("LBC", "bau_non_staff"): D("20000.00"),
        ("LBH", "bau_non_staff"): D("10000.00"),
        ("LBI", "bau_non_staff"): D("10000.00"),
    }


def test_part_years_cost_by_the_day_and_split_exactly_to_the_penny(make_contract, sd):
    # £100,000 a year from 1 January 2019: 90 of the 365 days of 2018/19; thirds of £24,657.53.
    make_contract(
        total_value="300000.00",
        annual_value="100000.00",
        start_date=date(2019, 1, 1),
        end_date=date(2021, 12, 31),
        status="live",
    )
    costs = selectors.contract_costs(sd, 2018)
    assert sum(costs.values()) == D("24657.53")
    assert sorted(costs.values()) == [D("8219.17"), D("8219.18"), D("8219.18")]


def test_pipeline_contracts_cost_nothing_yet(make_contract, sd):
    make_contract(status="pipeline")
    assert selectors.contract_costs(sd, 2018) == {}


def test_costs_filter_by_council_and_funding_line(make_contract, sd, councils):
    make_contract(total_value="90000.00", annual_value="30000.00", status="live")
    make_contract(total_value="30000.00", annual_value="30000.00", status="live", funding_line="evergreening")
    assert selectors.contract_costs(sd, 2018, council=councils["LBH"], funding_line="evergreening") == {
        ("LBH", "evergreening"): D("10000.00")
    }


def test_a_taken_extension_adds_its_days_to_the_year(make_contract, sd):
    make_contract(
        total_value="120000.00",
        annual_value="36500.00",
        start_date=date(2017, 4, 1),
        end_date=date(2018, 3, 31),
        status="in_extension",
        extensions=[(date(2018, 4, 1), 6, date(2018, 1, 31), date(2018, 1, 15))],
    )
    # 1 April to 30 September 2018: 183 days of 365 at £100 a day.
    assert sum(selectors.contract_costs(sd, 2018).values()) == D("18300.00")
