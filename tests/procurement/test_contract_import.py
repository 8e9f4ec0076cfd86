"""The CSV import is all-or-nothing: every bad row is reported by number and nothing is imported. An exported
register imports as it is."""

import pytest
from django.urls import reverse

from procurement import services
from procurement.models import Contract, Supplier

HEADER = ",".join(services.COLUMNS)
GOOD = (
    "IMP-1,Service desk tooling,software,Acme Ltd,01234567,yes,no,Shared Digital,Licences,"
    "90000.00,30000.00,0,2018-04-01,2021-03-31,3,open,,,live,legacy,bau_non_staff,"
    "LBC:30000.00;LBH:30000.00;LBI:30000.00,2021-04-01:12:2020-12-31"
)


def rows(*lines):
    return "\n".join([HEADER, *lines]) + "\n"


def test_a_good_file_adds_its_contracts_suppliers_and_options(sd, cio):
    result = services.contracts_import(partnership=sd, text=rows(GOOD), by=cio)
    contract = Contract.objects.get(partnership=sd, reference="IMP-1")
    assert result.summary() == "1 contracts added"
    assert contract.supplier.name == "Acme Ltd" and contract.supplier.is_sme
    assert [(s.council.code, s.amount) for s in contract.shares.all()][1][0] == "LBH"
    assert contract.extensions.get().months == 12
    assert contract.history.first().history_user == cio


def test_any_bad_row_imports_nothing_and_every_bad_row_is_numbered(sd, cio):
    bad_dates = GOOD.replace("IMP-1", "IMP-2").replace("2021-03-31", "2017-03-31")
    bad_shares = GOOD.replace("IMP-1", "IMP-3").replace("LBI:30000.00", "LBI:29999.00")
    bad_amount = GOOD.replace("IMP-1", "IMP-4").replace("90000.00", "ninety")
    overlapping = GOOD.replace("IMP-1", "IMP-5").replace(
        "2021-04-01:12:2020-12-31", "2021-04-01:12:2020-12-31;2022-01-01:12:2021-12-31"
    )
    with pytest.raises(services.ImportRejected) as caught:
        services.contracts_import(
            partnership=sd, text=rows(GOOD, bad_dates, bad_shares, bad_amount, overlapping), by=cio
        )
    errors = caught.value.errors
    assert {n for n, _ in errors} == {3, 4, 5, 6}
    assert (3, "end_date: The end date cannot be before the start date.") in errors
    assert (4, services.SHARES_DO_NOT_ADD_UP) in errors
    assert (5, services.ERROR_AMOUNT.format(column="total_value", value="ninety")) in errors
    assert (6, services.EXTENSION_OVERLAPS) in errors
    assert not Contract.objects.filter(reference__startswith="IMP-").exists()
    assert not Supplier.objects.filter(name="Acme Ltd").exists()


def test_a_wrong_header_is_reported_as_row_1(sd, cio):
    with pytest.raises(services.ImportRejected) as caught:
        services.contracts_import(partnership=sd, text="reference,title\nA,B\n", by=cio)
    assert caught.value.errors == [(1, services.ERROR_HEADER)]


def test_a_reference_already_in_the_register_or_twice_in_the_file_is_refused(sd, cio):
    services.contracts_import(partnership=sd, text=rows(GOOD), by=cio)
    with pytest.raises(services.ImportRejected) as caught:
        services.contracts_import(partnership=sd, text=rows(GOOD.replace("IMP-1", "IMP-9"), GOOD), by=cio)
    assert (3, "reference: " + services.DUPLICATE_REFERENCE) in caught.value.errors
    with pytest.raises(services.ImportRejected) as caught:
        services.contracts_import(
            partnership=sd, text=rows(GOOD.replace("IMP-1", "IMP-8"), GOOD.replace("IMP-1", "IMP-8")), by=cio
        )
    assert (3, services.ERROR_REPEATED.format(reference="IMP-8")) in caught.value.errors


def test_an_exported_register_imports_into_another_partnership_as_it_is(
    client, procurement_demo, tri, cio, make_user
):
    from governance.roles import Role

    client.force_login(make_user(Role.AUDITOR))
    text = client.get(
        reverse("procurement:export", kwargs={"partnership": "shared-digital"})
    ).content.decode()
    assert text.splitlines()[0] == HEADER
    tri_text = text.replace("LBC:", "LBHF:").replace("LBH:", "RBKC:").replace("LBI:", "WCC:")
    result = services.contracts_import(partnership=tri, text=tri_text, by=cio)
    assert len(result.created) == Contract.objects.filter(partnership__slug="shared-digital").count()


def test_the_import_page_shows_each_bad_row_and_answers_400(client, sd, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from governance.roles import Role

    client.force_login(make_user(Role.CIO, sd))
    upload = SimpleUploadedFile(
        "c.csv", rows(GOOD.replace("90000.00", "x")).encode(), content_type="text/csv"
    )
    response = client.post(
        reverse("procurement:import", kwargs={"partnership": "shared-digital"}), {"file": upload}
    )
    assert response.status_code == 400
    assert "Row 2: total_value" in response.content.decode()
    assert not Contract.objects.filter(reference="IMP-1").exists()
