"""The quarterly contracts data each council publishes under the Local Government Transparency Code 2015:
contracts over £5,000, with the Code's fields, on the public site, and no formula can hide in a cell."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from governance.spreadsheet import neutralise
from procurement import public, services
from procurement.models import Supplier

CODE_FIELDS = [
    "Reference number",
    "Title of agreement",
    "Department responsible",
    "Description of the goods or services",
    "Supplier name",
    "Supplier details (address)",
    "Registered company or charity number",
    "Sum to be paid over the length of the contract (£)",
    "Estimated annual spending (£)",
    "VAT that cannot be recovered (£)",
    "Start date",
    "End date",
    "Review date",
    "Invitation to quote or published invitation to tender",
    "Supplier is a small or medium-sized enterprise",
    "Supplier is a voluntary or community sector organisation",
]


def download(client, council, year, quarter):
    url = reverse(
        "procurement:transparency_csv",
        kwargs={"partnership": "shared-digital", "council": council, "year": year, "quarter": quarter},
    )
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def published(make_contract, councils, cio):
    supplier = services.supplier_save(
        by=cio,
        name='=HYPERLINK("http://evil")',
        company_number="01234567",
        address="1 High St\nLondon",
        is_sme=True,
    )
    contract = make_contract(
        reference="SD-PUB-1",
        title="+Service desk",
        supplier=supplier,
        award="legacy",
        status="live",
        total_value="90000.00",
        vat_not_recoverable="150.00",
        review_date=date(2019, 4, 1),
        invitation="tender",
        description="-Support\tand maintenance",
    )
    return contract


def test_the_file_has_every_field_the_code_asks_for(client, published):
    rows = download(client, "LBH", 2018, 2)
    assert set(CODE_FIELDS) <= set(rows[0])


def test_a_council_publishes_its_contracts_with_its_share(client, published):
    [row] = download(client, "LBH", 2018, 2)
    assert row["Reference number"] == "SD-PUB-1"
    assert row["Sum to be paid over the length of the contract (£)"] == "90000.00"
    assert row["This council's share of that sum (£)"] == "30000.00"
    assert row["Registered company or charity number"] == "01234567"
    assert row["Supplier is a small or medium-sized enterprise"] == "Yes"
    assert row["Supplier is a voluntary or community sector organisation"] == "No"
    assert row["Invitation to quote or published invitation to tender"] == "Published invitation to tender"
    assert row["VAT that cannot be recovered (£)"] == "150.00"
    assert (row["Start date"], row["End date"], row["Review date"]) == (
        "2018-04-01",
        "2021-03-31",
        "2019-04-01",
    )


def test_cells_that_a_spreadsheet_would_read_as_formulas_are_neutralised(client, published):
    [row] = download(client, "LBH", 2018, 2)
    assert row["Supplier name"].startswith("'=")
    assert row["Title of agreement"] == "'+Service desk"
    assert row["Description of the goods or services"].startswith("'-")


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_every_dangerous_first_character_is_neutralised(first):
    assert neutralise(f"{first}1+1") == f"'{first}1+1"
    assert neutralise("Plain text") == "Plain text"


def test_contracts_of_5000_or_less_drafts_and_other_quarters_are_left_out(client, published, make_contract):
    make_contract(reference="SMALL", award="legacy", status="live", total_value="5000.00")
    make_contract(reference="DRAFT", total_value="90000.00")
    assert [r["Reference number"] for r in download(client, "LBH", 2018, 2)] == ["SD-PUB-1"]
    assert download(client, "LBH", 2018, 1) == []  # starts 1 April 2018
    assert download(client, "LBH", 2021, 2) == []  # ended 31 March 2021


def test_a_council_not_party_to_a_contract_does_not_publish_it(client, published, make_contract, councils):
    make_contract(
        reference="LBC-ONLY",
        award="legacy",
        status="live",
        total_value="60000.00",
        shares=[(councils["LBC"], Decimal("60000.00"))],
    )
    assert [r["Reference number"] for r in download(client, "LBH", 2018, 2)] == ["SD-PUB-1"]
    assert sorted(r["Reference number"] for r in download(client, "LBC", 2018, 2)) == ["LBC-ONLY", "SD-PUB-1"]


def test_the_public_reads_the_page_and_files_without_signing_in(client, published):
    page = client.get(reverse("procurement:transparency", kwargs={"partnership": "shared-digital"}))
    assert page.status_code == 200
    assert b"London Borough of Haringey" in page.content


def test_nothing_of_the_authorising_decision_reaches_the_public_file(client, make_contract, cio, demo):
    from tests.governance.delegation_helpers import save_decision

    decision, _ = save_decision(
        value=Decimal("90000.00"),
        decision="SECRET negotiating position",
        reasons="SECRET reasons",
        is_exempt=True,
        exempt_paragraph=3,
        public_summary="Award of a contract",
    )
    make_contract(reference="X-1", award="legacy", status="live", authorising_decision=decision)
    content = client.get(
        reverse(
            "procurement:transparency_csv",
            kwargs={"partnership": "shared-digital", "council": "LBH", "year": 2018, "quarter": 2},
        )
    ).content
    assert b"SECRET" not in content
    assert "authorising" not in " ".join(f for f, _ in public.FIELDS)


def test_an_unknown_council_or_quarter_is_not_found(client, published):
    for council, quarter in (("WCC", 1), ("LBH", 5)):
        url = reverse(
            "procurement:transparency_csv",
            kwargs={"partnership": "shared-digital", "council": council, "year": 2018, "quarter": quarter},
        )
        assert client.get(url).status_code == 404
    assert Supplier.objects.count() >= 1
