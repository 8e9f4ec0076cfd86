from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from governance.audit.versions import current_version
from governance.committees import services as committee_services
from governance.models import Body, Council, Partnership
from governance.portfolio import services
from governance.portfolio.models import Programme


@pytest.fixture
def sd(demo):
    return Partnership.objects.get(slug="shared-digital")


@pytest.fixture
def officer(demo):
    return get_user_model().objects.get(username="officer")


@pytest.fixture
def councils(demo):
    return {c.code: c for c in Council.objects.filter(code__in=["LBC", "LBH", "LBI"])}


@pytest.fixture
def infrastructure(sd):
    return Programme.objects.get(partnership=sd, slug="enabling-infrastructure")


def real_fields(**overrides):
    """Every one of the five real-project facts."""
    fields = {
        "title": "Cloud-hosted telephony",
        "ict_lead": "Michael Johnston",
        "project_manager": "Pat Manager",
        "manager_from": "ict",
        "sponsor": "Ed Garcez",
        "scope": "Move the councils' telephony to a cloud-hosted service.",
        "allocated_budget": Decimal("250000.00"),
        "funding_line": "Evergreening provision",
        "start": date(2026, 4, 1),
        "end": date(2027, 3, 31),
    }
    fields.update(overrides)
    return fields


def propose(sd, officer, councils, programme=None, **overrides):
    return services.proposal_submit(
        partnership=sd,
        councils=list(councils.values()) if isinstance(councils, dict) else councils,
        by=officer,
        programme=programme,
        **real_fields(**overrides),
    )


def score(assessment, officer, total_each=3, aligned=True):
    assessment.refresh_from_db()
    return services.proposal_score(
        assessment=assessment,
        version=current_version(assessment),
        by=officer,
        partnership_score=total_each,
        customer_need=total_each,
        service_needs=total_each,
        aggregation=total_each,
        resilience=total_each,
        transformation=total_each,
        aligns_with_strategy=aligned,
        aligns_with_architecture=aligned,
    )


@pytest.fixture
def board(sd):
    return Body.objects.get(partnership=sd, slug="strategy-and-portfolio-management-board")


@pytest.fixture
def board_item(board, officer):
    """A published meeting of the Strategy and Portfolio Management Board with a gateway item."""
    meeting = committee_services.meeting_create(
        body=board,
        date=date.today() + timedelta(days=30),
        venue="5 Pancras Square, London N1C 4AG",
        by=officer,
    )
    item = committee_services.agenda_item_add(
        meeting=meeting,
        version=meeting.agenda_version,
        by=officer,
        title="Portfolio gateway proposals",
        is_decision=True,
    )
    committee_services.agenda_publish(meeting=meeting, by=officer)
    return item
