"""The CIO records an officer decision through its pages: errors in the GOV.UK error summary, checks shown on
the draft, parallel decisions recorded, and the decision taken once every check passes. The public sees a
decision notice only when it has been taken."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from governance.audit.versions import current_version
from governance.models import Delegation, ForwardPlanEntry, Office

from ..delegation_helpers import (
    MOBILE,
    cio,
    council,
    no_decision_but_the_demos,
    save_decision,
    sd,
    shares_with_haringey,
    the_new_decision,
)

pytestmark = pytest.mark.django_db
URL = "/shared-digital/officer-decisions/"


@pytest.fixture
def cio_client(demo, client):
    client.force_login(cio())
    return client


def form_data(**overrides):
    today = timezone.localdate()
    data = {
        "title": "Award of the mobile devices, calls and data contract",
        "office": Office.objects.get(partnership=sd(), short_name="CDIO").pk,
        "decision_maker_name": "Ed Garcez",
        "decided_on": today.isoformat(),
        "subject": "contract_award",
        "delegation": Delegation.objects.get(partnership=sd(), title=MOBILE).pk,
        "value": "1500000.00",
        "capital_value": "0",
        "decision": "To award the contract to the single supplier.",
        "reasons": "The procurement strategy approved on 19 June 2017.",
        "share_LBC": "500000.00",
        "wards_LBC": "0",
        "share_LBH": "500000.00",
        "wards_LBH": "0",
        "share_LBI": "500000.00",
        "wards_LBI": "0",
    }
    data.update(overrides)
    return data


def test_shares_that_do_not_add_up_show_in_the_error_summary_and_nothing_is_saved(cio_client):
    response = cio_client.post(URL + "new/", form_data(share_LBI="499999.99"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "add up exactly to the value" in page
    assert no_decision_but_the_demos()


def test_the_cio_records_a_draft_sees_the_failures_and_takes_it_once_resolved(cio_client):
    response = cio_client.post(URL + "new/", form_data())
    decision = the_new_decision()
    assert response.status_code == 302 and response["Location"] == f"{URL}{decision.pk}/"
    page = cio_client.get(response["Location"]).content.decode()
    assert "This decision cannot be taken yet" in page
    assert "Forward plan notice" in page and "Parallel decision: London Borough of Haringey" in page
    assert "Record as taken and publish" not in page
    # Taking it anyway is refused.
    cio_client.post(f"{URL}{decision.pk}/take/")
    decision.refresh_from_db()
    assert decision.status == "draft"
    # The notice, published 40 days ago, and Haringey's Cabinet Member decision.
    today = timezone.localdate()
    cio_client.post(
        "/shared-digital/forward-plan/new/",
        {
            "reference": "SD/2026/01",
            "title": "Award of the mobile devices contract",
            "decision_maker": "Chief Digital and Information Officer",
            "councils": [council("LBH").pk],
            "decision_due": today.isoformat(),
            "published_on": (today - timedelta(days=40)).isoformat(),
        },
    )
    entry = ForwardPlanEntry.objects.get(reference="SD/2026/01")
    edit = form_data(forward_plan_entry=entry.pk, version=current_version(decision))
    assert cio_client.post(f"{URL}{decision.pk}/edit/", edit).status_code == 302
    parallel = decision.parallel_decisions.get()
    cio_client.post(
        f"{URL}{decision.pk}/parallel/{parallel.pk}/",
        {"decision_maker": "Cabinet Member for Corporate Resources", "decided_on": today.isoformat()},
    )
    page = cio_client.get(f"{URL}{decision.pk}/").content.decode()
    assert "This decision cannot be taken yet" not in page
    assert "Record as taken and publish" in page
    cio_client.post(f"{URL}{decision.pk}/take/")
    decision.refresh_from_db()
    assert decision.status == "taken" and decision.published_on == today
    assert "Can take effect" in cio_client.get(f"{URL}{decision.pk}/").content.decode()


def test_the_public_sees_a_notice_only_once_taken_and_never_its_exempt_parts(demo, client):
    decision, _ = save_decision(
        shares=shares_with_haringey("1"),
        is_exempt=True,
        exempt_paragraph=3,
        public_summary="Award of a contract for mobile devices.",
        reasons="The supplier's confidential pricing of £12 a device.",
    )
    assert client.get(f"{URL}{decision.pk}/").status_code == 404
    from governance.delegations import services

    services.officer_decision_take(decision=decision, by=cio())
    page = client.get(f"{URL}{decision.pk}/").content.decode()
    assert "Award of a contract for mobile devices." in page
    assert "confidential pricing" not in page and "Checks" not in page
    register = client.get("/shared-digital/decisions/").content.decode()
    assert decision.title in register and "confidential pricing" not in register
    searched = client.get("/shared-digital/decisions/", {"text": "confidential"}).content.decode()
    assert decision.title not in searched


def test_a_taken_decision_cannot_be_edited(cio_client):
    decision, _ = save_decision(shares=shares_with_haringey("1"))
    from governance.delegations import services

    services.officer_decision_take(decision=decision, by=cio())
    response = cio_client.post(f"{URL}{decision.pk}/edit/", form_data(value="1.00"))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.value == D("1500000.00")


def test_an_auditor_reads_drafts_and_checks_but_cannot_record(demo, client, make_user):
    from governance.roles import Role

    decision, _ = save_decision(shares=shares_with_haringey("500000.00"))
    client.force_login(make_user(Role.AUDITOR))
    page = client.get(f"{URL}{decision.pk}/").content.decode()
    assert "Parallel decision: London Borough of Haringey" in page
    assert "Record London Borough of Haringey" not in page
    assert client.post(f"{URL}{decision.pk}/take/").status_code == 403
