from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from governance.committees import services
from governance.models import Body, BodyMember, Council, Meeting, Partnership
from governance.roles import Role


@pytest.fixture
def sd(demo):
    return Partnership.objects.get(slug="shared-digital")


@pytest.fixture
def jc(sd):
    """The demo Shared Digital Joint Committee."""
    return Body.objects.get(partnership=sd, slug="shared-digital-joint-committee")


@pytest.fixture
def officer(demo):
    return get_user_model().objects.get(username="officer")


@pytest.fixture
def other_officer(make_user, sd):
    return make_user(
        Role.COMMITTEE_OFFICER, sd, username="second.officer", first_name="Sam", last_name="Second"
    )


@pytest.fixture
def future_meeting(jc, officer):
    """A draft meeting two months ahead, with its standard items."""
    return services.meeting_create(
        body=jc,
        date=date.today() + timedelta(days=60),
        venue="Committee Room 3, Town Hall, Judd Street London WC1H 9JE",
        chair_council=Council.objects.get(code="LBI"),
        by=officer,
    )


def add_business(meeting, officer, title, **fields):
    meeting.refresh_from_db()
    return services.agenda_item_add(
        meeting=meeting, version=meeting.agenda_version, by=officer, title=title, **fields
    )


def give_notice(item, officer, published_on=None, **fields):
    """Puts a key-decision item on the forward plan (by default, published today), linked to the item: an
    agenda with a key decision is published only with its notice (governance/delegations/key_decisions.py)."""
    from governance.delegations.services import forward_plan_entry_create_from_item

    return forward_plan_entry_create_from_item(
        item=item,
        by=officer,
        councils=item.meeting.body.partnership.councils_on(item.meeting.date),
        reference=fields.pop("reference", f"SD/TEST/{item.pk}"),
        title=fields.pop("title", item.title),
        decision_maker=fields.pop("decision_maker", item.meeting.body.name),
        published_on=published_on or date.today(),
        **fields,
    )


def member(body, name):
    return BodyMember.objects.get(body=body, name=name)


@pytest.fixture
def held(jc, officer):
    """A meeting whose agenda was published, held a week ago, with one key business item, "Network service
    transformation" (demo members serve throughout)."""
    meeting = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=30), venue="Town Hall", by=officer
    )
    item = add_business(meeting, officer, "Network service transformation", is_key_decision=True)
    give_notice(item, officer)  # 29 clear days before the meeting: notice enough
    services.agenda_publish(meeting=meeting, by=officer)
    Meeting.objects.filter(pk=meeting.pk).update(
        date=date.today() - timedelta(days=7), deputation_deadline=date.today() - timedelta(days=11)
    )
    meeting.refresh_from_db()
    services.meeting_mark_held(meeting=meeting, by=officer)
    return meeting
