"""Each request issue 23 found answering 500 now answers 400 (or 404 for a file that cannot exist): numbers and
dates are read by the one set of parsers and bounded form fields (governance.parsing, governance.formfields),
which take only the ASCII digits (a superscript ² passes str.isdigit() and str.isdecimal()) and only years the
date arithmetic of the page can hold."""

import io

import pytest
from django.contrib.auth import get_user_model

from procurement import services as procurement_services
from tests.procurement.test_contract_import import GOOD, rows

pytestmark = pytest.mark.django_db
SD = "/shared-digital"


@pytest.fixture
def cio_client(client, demo):
    client.force_login(get_user_model().objects.get(username="cio"))
    return client


def test_transparency_year_in_superscript_digits_is_a_400(client, demo):
    assert client.get(f"{SD}/procurement/transparency/?year=%C2%B2").status_code == 400
    assert client.get(f"{SD}/procurement/transparency/?year=%D9%A2%D9%A0%D9%A1%D9%A8").status_code == 400
    assert client.get(f"{SD}/procurement/transparency/?year=2018").status_code == 200


@pytest.mark.parametrize("name", ["0-q1", "10000-q1", "9999-q4", "1999-q4", "2100-q1"])
def test_a_transparency_file_of_a_year_outside_the_register_does_not_exist(client, demo, name):
    assert client.get(f"{SD}/procurement/transparency/LBH/{name}.csv").status_code == 404


def test_the_pipeline_on_a_day_past_what_dates_can_hold_is_a_400(cio_client):
    assert cio_client.get(f"{SD}/procurement/pipeline/?on=9998-12-31").status_code == 400
    assert cio_client.get(f"{SD}/procurement/pipeline/?on=2199-12-31").status_code == 200


def test_staff_ending_on_a_day_past_what_dates_can_hold_is_a_400(cio_client):
    assert cio_client.get(f"{SD}/staffing/ending/?on=9999-12-30").status_code == 400
    assert cio_client.get(f"{SD}/staffing/ending/?on=2199-12-31").status_code == 200


@pytest.mark.parametrize("meeting", ["²", "٣", "1" * 40, "0", "-1"])
def test_a_board_pack_for_a_meeting_that_is_not_a_number_is_a_400(cio_client, meeting):
    response = cio_client.post(f"{SD}/dashboard/board.pdf", {"meeting": meeting})
    assert response.status_code == 400


@pytest.mark.parametrize("months", ["²", "1" * 20, "241"])
def test_a_contracts_import_with_a_bad_notice_period_reports_the_row(demo, months):
    from governance.models import Partnership

    cio = get_user_model().objects.get(username="cio")
    partnership = Partnership.objects.get(slug="shared-digital")
    bad = GOOD.replace(",2021-03-31,3,open,", f",2021-03-31,{months},open,")
    with pytest.raises(procurement_services.ImportRejected) as caught:
        procurement_services.contracts_import(partnership=partnership, text=rows(bad), by=cio)
    assert [n for n, _ in caught.value.errors] == [2]
    assert "notice_months" in caught.value.errors[0][1]


def test_the_import_page_answers_a_bad_notice_period_with_a_400(cio_client):
    bad = GOOD.replace(",2021-03-31,3,open,", ",2021-03-31,²,open,")
    upload = io.BytesIO(rows(bad).encode())
    upload.name = "contracts.csv"
    response = cio_client.post(f"{SD}/procurement/import/", {"file": upload})
    assert response.status_code == 400 and "notice_months" in response.content.decode()
