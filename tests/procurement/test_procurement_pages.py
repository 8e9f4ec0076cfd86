"""The register's pages: who reads and who edits (every role), bad filters refused with a 400, a fixed
number of queries however many contracts, edits carrying their version, and GETs that write nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.audit import versions
from governance.audit.versions import current_version
from governance.roles import Role
from procurement.models import Contract

SD = {"partnership": "shared-digital"}
READERS = {
    Role.CIO,
    Role.ADMINISTRATOR,
    Role.AUDITOR,
    Role.COMMITTEE_OFFICER,
    Role.FINANCE_OFFICER,
    Role.MEMBER,
}
EDITORS = {Role.CIO, Role.ADMINISTRATOR}


def url(name, **kwargs):
    return reverse(f"procurement:{name}", kwargs={**SD, **kwargs})


@pytest.fixture
def as_role(client, sd, councils, make_user):
    def sign_in(role):
        council = councils["LBH"] if role == Role.FINANCE_OFFICER else None
        client.force_login(make_user(role, sd, council))
        return client

    return sign_in


@pytest.mark.parametrize("role", list(Role))
def test_who_reads_the_register_pipeline_and_plan(as_role, procurement_demo, role):
    client = as_role(role)
    contract = Contract.objects.get(reference="SD-WAN-2018")
    for target in (
        url("contracts"),
        url("pipeline"),
        url("coterminus"),
        url("contract", contract=contract.pk),
    ):
        assert client.get(target).status_code == (200 if role in READERS else 403), target


@pytest.mark.parametrize("role", list(Role))
def test_who_edits_contracts(as_role, procurement_demo, role):
    client = as_role(role)
    contract = Contract.objects.get(reference="SD-WAN-2018")
    expected = 200 if role in EDITORS else 403
    assert client.get(url("contract_create")).status_code == expected
    assert client.get(url("contract_edit", contract=contract.pk)).status_code == expected
    response = client.post(url("contract_award", contract=contract.pk), {"awarded_on": "2018-02-20"})
    assert response.status_code == (400 if role in EDITORS else 403)  # editors: the award fails its checks


def test_the_public_reaches_only_the_transparency_data(client, procurement_demo):
    assert client.get(url("transparency")).status_code == 200
    assert client.get(url("transparency_csv", council="LBI", year=2018, quarter=1)).status_code == 200
    response = client.get(url("contracts"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_role_for_another_partnership_reads_nothing_here(client, procurement_demo, tri, make_user):
    client.force_login(make_user(Role.CIO, tri))
    assert client.get(url("contracts")).status_code == 403


@pytest.mark.parametrize(
    "query",
    ["colour=red", "end_from=2017-02-31", "status=finished", "council=XX", "supplier=999999", "page=9"],
)
def test_bad_filters_are_refused_with_a_400_and_a_message(as_role, procurement_demo, query):
    response = as_role(Role.AUDITOR).get(url("contracts") + "?" + query)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_filters_narrow_the_register(as_role, procurement_demo):
    client = as_role(Role.AUDITOR)
    page = client.get(
        url("contracts") + "?council=LBI&category=case_management&end_to=2018-12-31"
    ).content.decode()
    assert 'data-reference="LBI-CM-SM"' in page and 'data-reference="LBI-CM-LIC"' in page
    assert 'data-reference="LBC-CM"' not in page and 'data-reference="SD-WAN-2018"' not in page
    page = client.get(url("contracts") + "?route=framework").content.decode()
    assert page.count("data-reference=") == 1 and 'data-reference="SD-WAN-2018"' in page


def _queries(client, target):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(target).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "target",
    [
        url("contracts"),
        url("pipeline") + "?on=2017-10-30",
        url("coterminus") + "?target=2020-07-31",
        url("export"),
        url("transparency"),
        url("transparency_csv", council="LBH", year=2018, quarter=3),
    ],
)
def test_list_pages_run_the_same_queries_with_twice_the_contracts(as_role, make_contract, councils, target):
    client = as_role(Role.AUDITOR)

    def add(n):
        for _ in range(n):
            make_contract(
                award="legacy",
                status="live",
                start_date=date(2017, 4, 1),
                end_date=date(2018, 6, 30),
                extensions=[(date(2018, 7, 1), 6, date(2018, 3, 31))],
                supplier=None,
                total_value=Decimal("90000.00"),
            )

    add(3)
    first = _queries(client, target)
    add(3)
    assert _queries(client, target) == first


def test_a_get_writes_nothing(as_role, procurement_demo):
    client = as_role(Role.CIO)
    before = (Contract.history.count(), Contract.objects.count())
    contract = Contract.objects.get(reference="SD-WAN-2018")
    for target in (
        url("contracts"),
        url("contract", contract=contract.pk),
        url("contract_edit", contract=contract.pk),
    ):
        client.get(target)
    assert (Contract.history.count(), Contract.objects.count()) == before


def _form_data(contract, **changes):
    data = {
        "reference": contract.reference,
        "title": contract.title,
        "description": contract.description,
        "category": contract.category,
        "department": contract.department,
        "contract_type": contract.contract_type,
        "total_value": contract.total_value,
        "annual_value": contract.annual_value,
        "capital_value": contract.capital_value,
        "vat_not_recoverable": contract.vat_not_recoverable,
        "start_date": contract.start_date.isoformat(),
        "end_date": contract.end_date.isoformat(),
        "notice_months": contract.notice_months,
        "route": contract.route,
        "framework_name": contract.framework_name,
        "framework_lot": contract.framework_lot,
        "invitation": contract.invitation,
        "status": contract.status,
        "funding_line": contract.funding_line,
        "award": contract.award,
        "version": current_version(contract),
    }
    for share in contract.shares.all():
        data[f"share_{share.council.code}"] = share.amount
    data.update(changes)
    return data


def test_an_editor_changes_a_contract_and_the_page_shows_the_change_in_its_history(as_role, procurement_demo):
    client = as_role(Role.CIO)
    contract = Contract.objects.get(reference="SD-WAN-2018")
    response = client.post(
        url("contract_edit", contract=contract.pk), _form_data(contract, title="WAN (revised)")
    )
    assert response.status_code == 302
    page = client.get(url("contract", contract=contract.pk)).content.decode()
    assert "WAN (revised)" in page and "Title: Wide area network" in page


def test_an_edit_from_a_stale_version_is_refused_and_shows_the_other_change(as_role, procurement_demo):
    client = as_role(Role.CIO)
    contract = Contract.objects.get(reference="SD-WAN-2018")
    stale = _form_data(contract, title="Mine")
    client.post(url("contract_edit", contract=contract.pk), _form_data(contract, title="Theirs"))
    response = client.post(url("contract_edit", contract=contract.pk), stale)
    assert response.status_code == 409
    page = response.content.decode()
    # The other person's change is named beside ours (which the form keeps), and the form carries their version.
    assert versions.STALE in page and "Changed by somebody else" in page
    other = contract.history.latest("history_id").history_user
    changes = response.context["form"].conflict_changes
    assert [c["who"] for c in changes] == [other.get_username()] and "title" in changes[0]["fields"]
    assert 'value="Mine"' in page
    contract.refresh_from_db()
    assert contract.title == "Theirs"
    resent = response.context["form"].data
    assert resent["version"] == str(current_version(contract))
    assert client.post(url("contract_edit", contract=contract.pk), resent).status_code == 302
    contract.refresh_from_db()
    assert contract.title == "Mine"


@pytest.mark.parametrize("version", [None, "", "x1", "9" * 40])
def test_an_edit_without_a_good_version_is_refused_with_a_form_error(as_role, procurement_demo, version):
    client = as_role(Role.CIO)
    contract = Contract.objects.get(reference="SD-WAN-2018")
    data = _form_data(contract, title="Mine")
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    response = client.post(url("contract_edit", contract=contract.pk), data)
    assert response.status_code == 400 and versions.VERSION_MISSING in response.content.decode()
    contract.refresh_from_db()
    assert contract.title != "Mine"


def test_the_form_refuses_shares_that_do_not_add_up(as_role, procurement_demo):
    client = as_role(Role.CIO)
    contract = Contract.objects.get(reference="SD-WAN-2018")
    response = client.post(url("contract_edit", contract=contract.pk), _form_data(contract, share_LBI="1.00"))
    assert response.status_code == 400
    assert "must add up exactly to the total value" in response.content.decode()


def test_a_failed_award_shows_which_rule_failed_and_why(as_role, procurement_demo):
    client = as_role(Role.CIO)
    contract = Contract.objects.get(reference="SD-WAN-2018")
    response = client.post(url("contract_award", contract=contract.pk), {"awarded_on": "2018-02-20"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "The contract was not awarded" in page
    assert "the Shared Digital Joint Committee decides" in page


def test_the_pipeline_as_at_the_october_2017_meeting(as_role, procurement_demo):
    page = as_role(Role.AUDITOR).get(url("pipeline") + "?on=2017-10-30").content.decode()
    within_6 = page.split('id="within-6"')[1].split("</table>")[0]
    within_18 = page.split('id="within-18"')[1].split("</table>")[0]
    assert "LBI-CM-SM" in within_6 and "LBI-CM-LIC" not in within_6  # 31 Mar 2018; 17 Jun is month 8
    assert "LBI-CM-LIC" in page.split('id="within-12"')[1].split("</table>")[0]
    assert "LBH-CM" in within_18 and "Extension must be taken by" in within_18  # Camden's option, 9 Jan 2019


def test_a_bad_as_at_date_is_refused(as_role, procurement_demo):
    assert as_role(Role.AUDITOR).get(url("pipeline") + "?on=yesterday").status_code == 400
    assert as_role(Role.AUDITOR).get(url("coterminus") + "?target=July").status_code == 400


@pytest.mark.parametrize("role", list(Role))
def test_who_adds_suppliers(as_role, demo, role):
    from procurement.models import Supplier

    client = as_role(role)
    response = client.post(url("supplier_create"), {"name": f"Supplier for {role}", "company_number": "0123"})
    assert response.status_code == (302 if role in EDITORS else 403)
    assert Supplier.objects.filter(name=f"Supplier for {role}").exists() is (role in EDITORS)
    if role in EDITORS:
        supplier = Supplier.objects.get(name=f"Supplier for {role}")
        assert supplier.history.get().history_user is not None
