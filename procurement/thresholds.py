"""Whether a contract's value reaches the public procurement threshold in force on its date. No Django here.

Thresholds from 1 January 2022 (and under the Procurement Act 2023 from 24 February 2025) include VAT; the
earlier ones are net of VAT (Public Procurement (Agreement on Government Procurement) (Thresholds)
(Amendment) Regulations 2021). Contract values in the register are held net of VAT, so a VAT-inclusive
threshold is compared with the value plus VAT at the standard rate (20%, Value Added Tax Act 1994 s.2,
as amended from 4 January 2011).
"""

from decimal import Decimal

STANDARD_VAT_RATE = Decimal("0.20")


def value_for_threshold(net_value: Decimal, vat_inclusive: bool) -> Decimal:
    value = Decimal(net_value)
    return (value * (1 + STANDARD_VAT_RATE)).quantize(Decimal("0.01")) if vat_inclusive else value


def reaches_threshold(net_value: Decimal, threshold: Decimal, vat_inclusive: bool) -> bool:
    """A contract is regulated when its estimated value is not less than the threshold (PCR 2015 reg. 5;
    Procurement Act 2023 s.3(2)(b))."""
    return value_for_threshold(net_value, vat_inclusive) >= Decimal(threshold)
