"""A board approves or rejects a proposal at its meeting; the decision is that board's resolution (recorded
through the committees' service), so it appears in the decisions register. A board approves only a scored
proposal that aligns with the architecture and the strategy and is a real project (D0 2.6–2.7)."""

import pytest
from django.core.exceptions import ValidationError

from governance.audit import versions
from governance.committees import services as committee_services
from governance.models import AgendaItem, Body, Resolution
from governance.portfolio import services
from governance.portfolio.models import GatewayAssessment, Project

from .conftest import propose, score


@pytest.mark.django_db
def test_approval_is_the_boards_resolution_and_puts_the_project_in_the_portfolio(
    client, sd, officer, councils, infrastructure, board_item
):
    assessment = score(propose(sd, officer, councils, programme=infrastructure), officer, total_each=4)
    services.proposal_decide(assessment=assessment, item=board_item, approve=True, by=officer)

    assessment.refresh_from_db()
    assert assessment.status == GatewayAssessment.Status.APPROVED
    assert assessment.board.slug == "strategy-and-portfolio-management-board"
    resolution = Resolution.objects.get(pk=assessment.resolution_id)
    assert resolution.meeting.body == assessment.board
    assert "“Cloud-hosted telephony” be approved onto the shared technology portfolio" in resolution.clauses
    assert "scored 24 of 30" in resolution.clauses
    assert Project.objects.get(pk=assessment.project_id).stage == Project.Stage.IN_FLIGHT

    client.force_login(officer)
    register = client.get("/shared-digital/decisions/").content.decode()
    assert "“Cloud-hosted telephony” be approved onto the shared technology portfolio" in register
    portfolio = client.get("/shared-digital/portfolio/").content.decode()
    section = portfolio.split('id="programme-6"')[1]  # the sixth theme, enabling infrastructure
    assert section.index("Enabling infrastructure") < section.index("Cloud-hosted telephony")
    assert (
        'Projects in the portfolio</dt><dd class="govuk-summary-list__value" id="count-in-portfolio">1<'
        in portfolio
    )


@pytest.mark.django_db
def test_rejection_is_recorded_and_closes_the_proposal(sd, officer, councils, board_item):
    assessment = score(propose(sd, officer, councils), officer, total_each=1)
    services.proposal_decide(
        assessment=assessment, item=board_item, approve=False, by=officer, reasons="Low."
    )
    assessment.refresh_from_db()
    assert assessment.status == GatewayAssessment.Status.REJECTED
    assert "not be approved" in assessment.resolution.clauses
    assert assessment.project.stage == Project.Stage.CLOSED


@pytest.mark.django_db
def test_an_unscored_proposal_cannot_be_decided(sd, officer, councils, board_item):
    assessment = propose(sd, officer, councils)
    with pytest.raises(ValidationError) as error:
        services.proposal_decide(assessment=assessment, item=board_item, approve=True, by=officer)
    assert error.value.messages == [services.NOT_SCORED]
    assert not Resolution.objects.filter(item=board_item).exists()


@pytest.mark.django_db
def test_a_proposal_out_of_line_with_the_architecture_is_not_approved(sd, officer, councils, board_item):
    assessment = score(propose(sd, officer, councils), officer, aligned=False)
    with pytest.raises(ValidationError) as error:
        services.proposal_decide(assessment=assessment, item=board_item, approve=True, by=officer)
    assert error.value.messages == [services.NOT_ALIGNED]


@pytest.mark.django_db
def test_a_proposal_that_is_not_a_real_project_is_not_approved(sd, officer, councils, board_item):
    assessment = score(propose(sd, officer, councils, sponsor="", allocated_budget=None), officer)
    with pytest.raises(ValidationError) as error:
        services.proposal_decide(assessment=assessment, item=board_item, approve=True, by=officer)
    assert error.value.messages == [
        services.NOT_A_REAL_PROJECT.format(missing="a sponsor; an allocated budget and timelines")
    ]
    assert not Resolution.objects.filter(item=board_item).exists()


@pytest.mark.django_db
def test_the_joint_committee_is_not_a_gateway_board(sd, officer, councils):
    jc = Body.objects.get(partnership=sd, slug="shared-digital-joint-committee")
    item = AgendaItem.objects.filter(meeting__body=jc, standard="").first()
    assessment = score(propose(sd, officer, councils), officer)
    with pytest.raises(ValidationError) as error:
        services.proposal_decide(assessment=assessment, item=item, approve=True, by=officer)
    assert error.value.message_dict == {"item": [services.ITEM_NOT_A_BOARD]}


@pytest.mark.django_db
def test_a_decided_proposal_is_not_decided_or_rescored_again(sd, officer, councils, board_item):
    assessment = score(propose(sd, officer, councils), officer)
    services.proposal_decide(assessment=assessment, item=board_item, approve=True, by=officer)
    with pytest.raises(ValidationError) as error:
        services.proposal_decide(assessment=assessment, item=board_item, approve=False, by=officer)
    assert error.value.messages == [services.ALREADY_DECIDED]
    with pytest.raises(ValidationError):
        score(assessment, officer)


@pytest.mark.django_db
def test_a_board_meeting_whose_minutes_are_signed_takes_no_more_decisions(sd, officer, councils, board_item):
    assessment = score(propose(sd, officer, councils), officer)
    meeting = board_item.meeting
    meeting.status = meeting.Status.MINUTES_APPROVED
    meeting.save()
    with pytest.raises(ValidationError) as error:
        services.proposal_decide(assessment=assessment, item=board_item, approve=True, by=officer)
    assert error.value.messages == [committee_services.MINUTES_SIGNED]
    assessment.refresh_from_db()
    assert assessment.status == GatewayAssessment.Status.SCORED


@pytest.mark.django_db
def test_scores_carry_the_version_the_editor_read(sd, officer, councils):
    assessment = score(propose(sd, officer, councils), officer)
    with pytest.raises(ValidationError) as error:
        services.proposal_score(assessment=assessment, version=0, by=officer, aggregation=5)
    assert error.value.messages == [versions.STALE]


@pytest.mark.django_db
def test_the_decision_is_made_through_the_page(client, sd, officer, councils, board_item):
    assessment = score(propose(sd, officer, councils), officer)
    client.force_login(officer)
    url = f"/shared-digital/portfolio/gateway/{assessment.project_id}/decision/"
    assert board_item.title in client.get(url).content.decode()
    response = client.post(url, {"item": board_item.pk, "outcome": "approve", "reasons": "Aligned."})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == GatewayAssessment.Status.APPROVED
    assert assessment.history.first().history_user == officer


@pytest.mark.django_db
def test_a_proposal_is_put_on_a_board_meetings_agenda_for_decision(client, sd, officer, councils, board_item):
    assessment = score(propose(sd, officer, councils), officer)
    meeting = board_item.meeting
    client.force_login(officer)
    response = client.post(
        f"/shared-digital/portfolio/gateway/{assessment.project_id}/table/", {"meeting": meeting.pk}
    )
    assert response.status_code == 302
    item = meeting.items.get(title="Portfolio gateway: Cloud-hosted telephony")
    assert item.is_decision
    # The decision page offers that item first.
    page = client.get(response["Location"]).content.decode()
    assert f'<option value="{item.pk}" selected>' in page


@pytest.mark.django_db
def test_only_a_boards_coming_meeting_takes_the_proposal(sd, officer, councils):
    jc = Body.objects.get(partnership=sd, slug="shared-digital-joint-committee")
    assessment = propose(sd, officer, councils)
    with pytest.raises(ValidationError) as error:
        services.proposal_table(assessment=assessment, meeting=jc.meetings.first(), by=officer)
    assert error.value.message_dict == {"meeting": [services.ITEM_NOT_A_BOARD]}
