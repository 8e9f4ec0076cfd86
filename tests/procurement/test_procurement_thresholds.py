"""The public procurement threshold in force on a contract's date, held as data per period with its source."""

from datetime import date
from decimal import Decimal

import pytest

from procurement import services, thresholds
from procurement.models import ProcurementThreshold


@pytest.mark.parametrize(
    ("day", "amount", "vat_inclusive"),
    [
        (date(2016, 1, 1), "164176", False),
        (date(2017, 10, 30), "164176", False),
        (date(2018, 1, 1), "181302", False),
        (date(2020, 6, 1), "189330", False),
        (date(2022, 1, 1), "213477", True),
        (date(2024, 1, 1), "214904", True),
        (date(2025, 2, 23), "214904", True),
        (date(2025, 2, 24), "214904", True),
    ],
)
def test_the_supplies_and_services_threshold_in_force_on_a_date(db, day, amount, vat_inclusive):
    threshold = services.threshold_on("supplies_services", day)
    assert threshold.amount == Decimal(amount) and threshold.vat_inclusive is vat_inclusive


def test_the_procurement_act_applies_from_24_february_2025(db):
    assert services.threshold_on("works", date(2025, 2, 23)).regime == "Public Contracts Regulations 2015"
    assert services.threshold_on("works", date(2025, 2, 24)).regime == "Procurement Act 2023"


def test_every_threshold_names_its_source_and_periods_of_a_kind_do_not_overlap(db):
    for kind in ProcurementThreshold.Kind.values:
        rows = list(ProcurementThreshold.objects.filter(kind=kind).order_by("effective_from"))
        assert rows and all(r.source.strip() for r in rows)
        for earlier, later in zip(rows, rows[1:], strict=False):
            assert earlier.effective_to is not None and earlier.effective_to < later.effective_from


def test_no_threshold_before_the_first_recorded_period(db):
    assert services.threshold_on("supplies_services", date(2015, 12, 31)) is None


def test_a_vat_inclusive_threshold_is_compared_with_the_value_plus_vat():
    # £180,000 net is £216,000 with VAT: over £213,477 (2022, with VAT), under £189,330 (2020, net).
    assert thresholds.reaches_threshold(Decimal("180000"), Decimal("213477"), vat_inclusive=True)
    assert not thresholds.reaches_threshold(Decimal("180000"), Decimal("189330"), vat_inclusive=False)


def test_a_value_equal_to_the_threshold_reaches_it():
    assert thresholds.reaches_threshold(Decimal("181302"), Decimal("181302"), vat_inclusive=False)
    assert not thresholds.reaches_threshold(Decimal("181301.99"), Decimal("181302"), vat_inclusive=False)
