"""The UK public procurement thresholds for sub-central authorities (councils), from 1 January 2016, as
data with their sources. Figures before 1 January 2022 are net of VAT; from then they include VAT.

Checked against (November 2026): legislation.gov.uk and the Cabinet Office procurement policy notes named in
each row, cross-checked with published summaries (gov.uk PPN 18/15 and 04/17 pages; Mills & Reeve, Nov 2015; Salford University finance
news, Jan 2018; Anthony Collins Solicitors, Dec 2019; Browne Jacobson, Jan 2021; Blake Morgan, Dec 2023;
DAC Beachcroft, Mar 2025). A later revision (the Act's thresholds are reviewed every two years) is added as
a new row through the admin."""

from datetime import date
from decimal import Decimal

from django.db import migrations

PCR = "Public Contracts Regulations 2015"
PA = "Procurement Act 2023"
S = "supplies_services"
W = "works"
L = "light_touch"

SOURCE_2016 = (
    "Procurement Policy Note 18/15, New threshold levels 2016 (Public Contracts Regulations 2015 reg. 5), in force "
    "1 January 2016; net of VAT."
)
SOURCE_2018 = (
    "Procurement Policy Note 04/17, New threshold levels 2018 (Public Contracts Regulations 2015 reg. 5), in force "
    "1 January 2018; net of VAT."
)
SOURCE_2020 = (
    "Procurement Policy Note 06/19, New thresholds 2020 (Public Contracts Regulations 2015 reg. 5), in force "
    "1 January 2020 and kept after 1 January 2021; net of VAT."
)
SOURCE_2022 = (
    "Public Procurement (Agreement on Government Procurement) (Thresholds) (Amendment) Regulations 2021 "
    "and PPN 10/21 (Thresholds and inclusion of VAT), in force 1 January 2022; thresholds now include VAT."
)
SOURCE_2024 = (
    "Public Procurement (Agreement on Government Procurement) (Thresholds) (Amendment) Regulations 2023 "
    "(SI 2023/1117) and PPN 11/23, in force 1 January 2024; include VAT."
)
SOURCE_2025 = (
    "Procurement Act 2023 Schedule 1 as amended by the Procurement Act 2023 (Consequential and Other "
    "Amendments) Regulations 2025, in force 24 February 2025; include VAT."
)

# (regime, kind, amount, VAT inclusive, from, to, source)
THRESHOLDS = [
    (PCR, S, "164176", False, date(2016, 1, 1), date(2017, 12, 31), SOURCE_2016),
    (PCR, W, "4104394", False, date(2016, 1, 1), date(2017, 12, 31), SOURCE_2016),
    (PCR, L, "589148", False, date(2016, 1, 1), date(2017, 12, 31), SOURCE_2016),
    (PCR, S, "181302", False, date(2018, 1, 1), date(2019, 12, 31), SOURCE_2018),
    (PCR, W, "4551413", False, date(2018, 1, 1), date(2019, 12, 31), SOURCE_2018),
    (PCR, L, "615278", False, date(2018, 1, 1), date(2019, 12, 31), SOURCE_2018),
    (PCR, S, "189330", False, date(2020, 1, 1), date(2021, 12, 31), SOURCE_2020),
    (PCR, W, "4733252", False, date(2020, 1, 1), date(2021, 12, 31), SOURCE_2020),
    (PCR, L, "663540", False, date(2020, 1, 1), date(2021, 12, 31), SOURCE_2020),
    (PCR, S, "213477", True, date(2022, 1, 1), date(2023, 12, 31), SOURCE_2022),
    (PCR, W, "5336937", True, date(2022, 1, 1), date(2023, 12, 31), SOURCE_2022),
    (PCR, L, "663540", True, date(2022, 1, 1), date(2023, 12, 31), SOURCE_2022),
    (PCR, S, "214904", True, date(2024, 1, 1), date(2025, 2, 23), SOURCE_2024),
    (PCR, W, "5372609", True, date(2024, 1, 1), date(2025, 2, 23), SOURCE_2024),
    (PCR, L, "663540", True, date(2024, 1, 1), date(2025, 2, 23), SOURCE_2024),
    (PA, S, "214904", True, date(2025, 2, 24), None, SOURCE_2025),
    (PA, W, "5372609", True, date(2025, 2, 24), None, SOURCE_2025),
    (PA, L, "663540", True, date(2025, 2, 24), None, SOURCE_2025),
]


def load(apps, schema_editor):
    Threshold = apps.get_model("procurement", "ProcurementThreshold")
    for regime, kind, amount, vat, start, end, source in THRESHOLDS:
        Threshold.objects.update_or_create(
            kind=kind,
            effective_from=start,
            defaults={
                "regime": regime,
                "amount": Decimal(amount),
                "vat_inclusive": vat,
                "effective_to": end,
                "source": source,
            },
        )


def unload(apps, schema_editor):
    Threshold = apps.get_model("procurement", "ProcurementThreshold")
    for _regime, kind, _amount, _vat, start, _end, _source in THRESHOLDS:
        Threshold.objects.filter(kind=kind, effective_from=start).delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
