"""A key decision on an agenda and its forward plan notice (Local Authorities (Executive Arrangements)
(Meetings and Access to Information) (England) Regulations 2012, regulations 9–11).

An agenda item ticked "key decision" is linked to its forward plan entry (created from the item, or chosen).
Publishing the agenda is refused, naming the item, nothing published, unless the notice was published at
least 28 clear days before the meeting, or the entry records general exception (regulation 10: the chair of
overview and scrutiny told, the notice published at least 5 clear days before) or special urgency (regulation
11: the chair's agreement), with who and why. Clear days: neither the day of publication nor the day of the
meeting counts (calendar days, as the regulations count them)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from governance.committees import services
from governance.committees.publication_checks import publication_checks, publication_problems
from governance.delegations import decision_rules as R
from governance.delegations import services as delegation_services
from governance.delegations.key_decisions import key_decision_problems
from governance.models import Council, ForwardPlanEntry, Meeting

from ..conftest import add_business, give_notice

pytestmark = pytest.mark.django_db

MEETING = date(2027, 3, 1)  # a Monday
WHO = "Councillor Jane Doe, Chair of Overview and Scrutiny"
WHY = "The supplier's price holds only until the end of the month."


# The rule, at its bounds, on plain values -------------------------------------------------------------------


def test_28_clear_days_is_notice_enough_and_27_is_not():
    assert R.clear_days(MEETING - timedelta(days=29), MEETING) == 28
    assert R.key_decision_notice_problem(MEETING, MEETING - timedelta(days=29)) == ""
    problem = R.key_decision_notice_problem(MEETING, MEETING - timedelta(days=28), reference="SD/2027/01")
    assert problem == R.NOTICE_TOO_SHORT.format(
        reference="SD/2027/01",
        published=MEETING - timedelta(days=28),
        clear=27,
        required=28,
        latest=date(2027, 1, 31),
    )
    assert "27 clear days" in problem and "published by 31 January 2027" in problem


def test_general_exception_needs_5_clear_days_and_who_was_told_and_why():
    six_before, five_before = MEETING - timedelta(days=6), MEETING - timedelta(days=5)
    exception = {"urgency": R.GENERAL_EXCEPTION, "agreed_by": WHO, "reason": WHY}
    assert R.key_decision_notice_problem(MEETING, six_before, **exception) == ""  # 5 clear days
    problem = R.key_decision_notice_problem(MEETING, five_before, reference="SD/2027/02", **exception)
    assert problem.startswith(
        "general exception (regulation 10) needs its notice SD/2027/02 published at least 5"
    )
    assert "4 clear days before" in problem
    no_one = R.key_decision_notice_problem(
        MEETING, six_before, reference="X", urgency=R.GENERAL_EXCEPTION, agreed_by=" ", reason=WHY
    )
    assert no_one == R.URGENCY_WITHOUT_WHO_OR_WHY.format(reference="X")


def test_special_urgency_needs_the_chairs_agreement_and_why_but_no_period():
    urgent = {"urgency": R.SPECIAL_URGENCY, "agreed_by": WHO, "reason": WHY}
    assert R.key_decision_notice_problem(MEETING, MEETING - timedelta(days=1), **urgent) == ""  # 0 clear days
    assert R.key_decision_notice_problem(MEETING, MEETING, **urgent) == ""
    assert R.key_decision_notice_problem(MEETING, MEETING + timedelta(days=1), reference="X", **urgent) == (
        R.NOTICE_AFTER_MEETING.format(reference="X", published=MEETING + timedelta(days=1))
    )
    assert R.key_decision_notice_problem(
        MEETING, MEETING - timedelta(days=1), urgency=R.SPECIAL_URGENCY, agreed_by=WHO, reason=""
    )


def test_no_notice_at_all_is_a_problem():
    assert R.key_decision_notice_problem(MEETING, None) == R.NO_NOTICE


# Publishing the agenda ------------------------------------------------------------------------------------


@pytest.fixture
def meeting(jc, officer):
    """A draft meeting 40 days ahead with one key decision on its agenda."""
    meeting = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=40), venue="Town Hall", by=officer
    )
    add_business(meeting, officer, "Strategy")
    add_business(meeting, officer, "Managed wide area network: award", is_key_decision=True, is_decision=True)
    return meeting


def key_item(meeting):
    return meeting.items.get(is_key_decision=True)


def refused(meeting, officer, today):
    with pytest.raises(ValidationError) as error:
        services.agenda_publish(meeting=meeting, by=officer, today=today)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT and not meeting.publications.exists()  # nothing published
    return error.value.messages


def test_delegations_registers_its_check_with_committees_when_the_app_is_ready():
    assert key_decision_problems in publication_checks()


def test_a_key_decision_without_an_entry_is_refused_naming_the_item_and_nothing_is_published(
    meeting, officer
):
    number = next(i.number for i in services.numbered(list(meeting.items.all())) if i.is_key_decision)
    messages = refused(meeting, officer, date.today())
    assert messages == [
        f"Item {number}, “Managed wide area network: award”, is a key decision: {R.NO_NOTICE}."
    ]
    assert publication_problems(meeting, today=date.today()) == messages


def test_notice_28_clear_days_before_publishes_and_27_is_refused(meeting, officer):
    entry = give_notice(key_item(meeting), officer, published_on=meeting.date - timedelta(days=28))
    assert entry.clear_days_notice == 27
    [message] = refused(meeting, officer, date.today())
    assert "“Managed wide area network: award”" in message and "27 clear days before the meeting" in message
    ForwardPlanEntry.objects.filter(pk=entry.pk).update(published_on=meeting.date - timedelta(days=29))
    publication = services.agenda_publish(meeting=meeting, by=officer)
    assert publication.number == 0


def test_general_exception_publishes_at_5_clear_days_not_4(meeting, officer):
    entry = give_notice(key_item(meeting), officer, published_on=meeting.date - timedelta(days=5))
    delegation_services.forward_plan_urgency_record(
        entry=entry, urgency="general_exception", agreed_by=WHO, reason=WHY, by=officer
    )
    [message] = refused(meeting, officer, date.today())
    assert "general exception (regulation 10)" in message and "4 clear days before" in message
    ForwardPlanEntry.objects.filter(pk=entry.pk).update(published_on=meeting.date - timedelta(days=6))
    services.agenda_publish(meeting=meeting, by=officer)


def test_special_urgency_with_who_and_why_publishes(meeting, officer):
    entry = give_notice(key_item(meeting), officer, published_on=meeting.date - timedelta(days=3))
    assert refused(meeting, officer, date.today())
    with pytest.raises(ValidationError) as error:  # who and why, or nothing is recorded
        delegation_services.forward_plan_urgency_record(
            entry=entry, urgency="special_urgency", agreed_by="", reason=WHY, by=officer
        )
    assert "Record who agreed to the urgency and why." in error.value.messages
    entry.refresh_from_db()
    assert entry.urgency == ""
    delegation_services.forward_plan_urgency_record(
        entry=entry, urgency="special_urgency", agreed_by=WHO, reason=WHY, by=officer
    )
    services.agenda_publish(meeting=meeting, by=officer)
    assert entry.history.first().history_change_reason == WHY[:100]


def test_a_supplement_adding_a_key_decision_without_notice_is_refused(future_meeting, officer):
    services.agenda_publish(meeting=future_meeting, by=officer)
    add_business(future_meeting, officer, "Data centre move", is_key_decision=True)
    with pytest.raises(ValidationError) as error:
        services.agenda_publish(meeting=future_meeting, by=officer)
    assert "“Data centre move”, is a key decision" in error.value.messages[0]
    assert future_meeting.publications.count() == 1


# Linking an entry to the item ---------------------------------------------------------------------------


def test_linking_an_entry_takes_the_meetings_date_and_one_entry_serves_one_item(meeting, officer, sd):
    entry = delegation_services.forward_plan_entry_create(
        partnership=sd,
        by=officer,
        councils=[Council.objects.get(code="LBH")],
        reference="SD/2027/09",
        title="Wide area network award",
        decision_maker="Shared Digital Joint Committee",
        decision_due=meeting.date + timedelta(days=90),
        published_on=meeting.date - timedelta(days=60),
    )
    item = key_item(meeting)
    delegation_services.forward_plan_entry_link(entry=entry, item=item, by=officer)
    entry.refresh_from_db()
    assert entry.agenda_item_id == item.pk and entry.decision_due == meeting.date
    services.agenda_publish(meeting=meeting, by=officer)
    other = add_business(meeting, officer, "Second key decision", is_key_decision=True)
    with pytest.raises(ValidationError) as error:
        delegation_services.forward_plan_entry_link(entry=entry, item=other, by=officer)
    assert error.value.message_dict == {"entry": [delegation_services.ENTRY_ALREADY_LINKED]}
    plain = meeting.items.get(title="Strategy")
    with pytest.raises(ValidationError) as error:
        delegation_services.forward_plan_entry_create_from_item(
            item=plain,
            by=officer,
            councils=[],
            reference="X",
            title="X",
            decision_maker="X",
            published_on=date.today(),
        )
    assert error.value.messages == [delegation_services.ITEM_NOT_KEY_DECISION]


# The pages ----------------------------------------------------------------------------------------------


def notice_url(meeting, item):
    return f"/shared-digital/meetings/{meeting.pk}/agenda/items/{item.pk}/forward-plan/"


def test_the_officer_creates_the_entry_from_the_item_and_publishing_names_the_item(meeting, officer, client):
    client.force_login(officer)
    item = key_item(meeting)
    editor = client.get(f"/shared-digital/meetings/{meeting.pk}/agenda/edit/").content.decode()
    assert "The agenda cannot be published until:" in editor and notice_url(meeting, item) in editor
    page = client.get(notice_url(meeting, item)).content.decode()
    assert "Create the entry from this item" in page and 'value="Managed wide area network: award"' in page
    data = {
        "action": "create",
        "create-reference": "SD/2027/05",
        "create-title": "Managed wide area network: award",
        "create-decision_maker": "Shared Digital Joint Committee",
        "create-councils": [Council.objects.get(code="LBH").pk],
        "create-published_on": (meeting.date - timedelta(days=10)).isoformat(),
    }
    # Bad input: no councils named is a field error, nothing saved.
    response = client.post(notice_url(meeting, item), {**data, "create-councils": []})
    assert (
        response.status_code == 400 and not ForwardPlanEntry.objects.filter(reference="SD/2027/05").exists()
    )
    assert client.post(notice_url(meeting, item), data).status_code == 302
    entry = ForwardPlanEntry.objects.get(reference="SD/2027/05")
    assert entry.agenda_item_id == item.pk and entry.decision_due == meeting.date

    response = client.post(f"/shared-digital/meetings/{meeting.pk}/agenda/publish/")
    body = response.content.decode()
    assert response.status_code == 400 and "“Managed wide area network: award”, is a key decision" in body
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT

    # Special urgency without who: a field error, nothing recorded; with who and why, publishing goes ahead.
    urgency = {"action": "urgency", "urgency-urgency": "special_urgency", "urgency-reason": WHY}
    assert client.post(notice_url(meeting, item), urgency).status_code == 400
    entry.refresh_from_db()
    assert entry.urgency == ""
    response = client.post(notice_url(meeting, item), {**urgency, "urgency-agreed_by": WHO})
    assert response.status_code == 302
    assert "The notice suffices" in client.get(notice_url(meeting, item)).content.decode()
    # The editor's button asks for confirmation first; the confirmation (with the agenda's version) publishes.
    publish = f"/shared-digital/meetings/{meeting.pk}/agenda/publish/"
    assert "Publish the agenda?" in client.post(publish).content.decode()
    meeting.refresh_from_db()
    assert client.post(publish, {"confirm": "yes", "version": meeting.agenda_version}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_a_malformed_action_is_a_400(meeting, officer, client):
    client.force_login(officer)
    item = key_item(meeting)
    assert client.post(notice_url(meeting, item), {"action": "nonsense"}).status_code == 400
    assert client.post(notice_url(meeting, item), {"action": "urgency"}).status_code == 400  # no entry yet
    assert (
        client.get(f"/shared-digital/meetings/{meeting.pk}/agenda/items/999999/forward-plan/").status_code
        == 404
    )


def test_the_forward_plan_lists_it_names_its_councils_and_links_the_meeting_once_published(
    meeting, officer, client
):
    client.force_login(officer)
    plan = client.get("/shared-digital/forward-plan/").content.decode()
    assert "Key decisions on agendas without a forward plan entry" in plan
    assert notice_url(meeting, key_item(meeting)) in plan
    give_notice(
        key_item(meeting), officer, published_on=meeting.date - timedelta(days=30), reference="SD/2027/07"
    )
    client.logout()
    plan = client.get("/shared-digital/forward-plan/").content.decode()
    assert "SD/2027/07" in plan and "Key for London Borough of Camden, London Borough of Haringey" in plan
    assert "without a forward plan entry" not in plan  # officers' only
    assert meeting.get_absolute_url() not in plan  # the agenda is not yet published
    services.agenda_publish(meeting=meeting, by=officer)
    plan = client.get("/shared-digital/forward-plan/").content.decode()
    assert f'href="{meeting.get_absolute_url()}"' in plan
    api = client.get("/api/v1/partnerships/shared-digital/forward-plan/").json()
    assert next(e for e in api["results"] if e["reference"] == "SD/2027/07")["meeting"] == meeting.pk


def test_key_for_names_the_councils_of_decisions_that_fell_due_too(demo, client):
    page = client.get("/shared-digital/forward-plan/").content.decode()
    fell = page[page.index('id="fell-due"') :]
    assert "SD/2017/01" in fell and (
        "Key for London Borough of Camden, London Borough of Haringey, London Borough of Islington" in fell
    )
    assert 'href="/shared-digital/meetings/' in fell  # the 30 October 2017 meeting, published
