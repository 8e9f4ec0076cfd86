"""The action log: actions agreed in minutes, with progress and completion recorded by committee officers
after the meeting; the CIO's dashboard counts only the open ones."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.audit.versions import StaleRecord, current_version
from governance.committees import selectors, services
from governance.models import Action

URL = "/shared-digital/actions/"


def _add(meeting, officer, text, owner="Chief Digital and Information Officer", due=None):
    item = meeting.items.get(title="Network service transformation")
    return services.action_add(item=item, text=text, owner=owner, due=due, by=officer)


def test_completing_an_action_records_who_and_when_and_takes_it_off_the_dashboard(held, sd, officer):
    today = date.today()
    late = _add(held, officer, "Report the network options", due=today - timedelta(days=1))
    _add(held, officer, "Brief the members", due=today + timedelta(days=10))
    before, total, overdue = selectors.open_actions(sd, today)
    assert late in before and overdue >= 1
    services.action_update(
        action=late,
        progress="Options paper circulated.",
        done_on=today,
        version=current_version(late),
        by=officer,
    )
    late.refresh_from_db()
    assert (late.progress, late.done_on) == ("Options paper circulated.", today)
    latest = late.history.latest()
    assert latest.history_user == officer and latest.done_on == today
    after, total_after, overdue_after = selectors.open_actions(sd, today)
    assert late not in after
    assert (total_after, overdue_after) == (total - 1, overdue - 1)


def test_a_completion_date_must_fall_between_the_meeting_and_today(held, officer):
    action = _add(held, officer, "Report the network options")
    for done_on in (held.date - timedelta(days=1), date.today() + timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.action_update(
                action=action, progress="", done_on=done_on, version=current_version(action), by=officer
            )
        assert set(error.value.message_dict) == {"done_on"}
    action.refresh_from_db()
    assert action.done_on is None


def test_a_save_over_somebody_elses_is_refused_and_an_unchanged_save_writes_no_history(
    held, officer, other_officer
):
    action = _add(held, officer, "Report the network options")
    loaded = current_version(action)
    services.action_update(
        action=action, progress="Drafting.", done_on=None, version=loaded, by=other_officer
    )
    with pytest.raises(StaleRecord) as stale:
        services.action_update(
            action=action, progress="Done.", done_on=date.today(), version=loaded, by=officer
        )
    assert stale.value.changes[0]["who"] == "Sam Second"
    rows = action.history.count()
    services.action_update(
        action=action, progress="Drafting.", done_on=None, version=current_version(action), by=officer
    )
    assert action.history.count() == rows


def test_the_log_lists_open_before_completed_and_filters_by_status_and_owner(held, officer, client):
    today = date.today()
    done = _add(held, officer, "Circulate the slides", owner="Head of Democratic Services")
    services.action_update(action=done, progress="", done_on=today, version=current_version(done), by=officer)
    late = _add(held, officer, "Report the network options", due=today - timedelta(days=2))
    later = _add(held, officer, "Brief the members", due=today + timedelta(days=5))
    client.force_login(officer)
    response = client.get(URL)
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    mine = [a for a in rows if a.pk in {done.pk, late.pk, later.pk}]
    assert [a.pk for a in mine] == [late.pk, later.pk, done.pk]
    html = response.content.decode()
    assert "Overdue" in html and "Completed" in html
    overdue = client.get(URL, {"status": "overdue"}).context["page"].object_list
    assert late.pk in {a.pk for a in overdue} and later.pk not in {a.pk for a in overdue}
    completed = client.get(URL, {"status": "done"}).context["page"].object_list
    assert [a.pk for a in completed] == [done.pk]
    by_owner = client.get(URL, {"owner": "democratic"}).context["page"].object_list
    assert [a.pk for a in by_owner] == [done.pk]
    assert client.get(URL, {"status": "nonsense"}).status_code == 400


def test_the_update_form_saves_refuses_bad_dates_and_answers_409_on_a_stale_version(
    held, officer, other_officer, client
):
    action = _add(held, officer, "Report the network options")
    url = f"/shared-digital/actions/{action.pk}/"
    client.force_login(officer)
    page = client.get(url)
    assert page.status_code == 200 and "Update an action" in page.content.decode()
    version = current_version(action)
    tomorrow = date.today() + timedelta(days=1)
    bad = client.post(
        url,
        {
            "progress": "x",
            "done_on_day": tomorrow.day,
            "done_on_month": tomorrow.month,
            "done_on_year": tomorrow.year,
            "version": version,
        },
    )
    assert bad.status_code == 400 and services.ACTION_DONE_IN_FUTURE in bad.content.decode()
    assert client.post(url, {"progress": "x"}).status_code == 400  # no version: refused, nothing saved
    action.refresh_from_db()
    assert action.progress == ""
    services.action_update(action=action, progress="Theirs.", done_on=None, version=version, by=other_officer)
    stale = client.post(url, {"progress": "Mine.", "version": version})
    assert stale.status_code == 409 and "Sam Second" in stale.content.decode()
    action.refresh_from_db()
    assert action.progress == "Theirs."
    today = date.today()
    ok = client.post(
        url,
        {
            "progress": "Mine.",
            "done_on_day": today.day,
            "done_on_month": today.month,
            "done_on_year": today.year,
            "version": current_version(action),
        },
    )
    assert ok.status_code == 302
    action.refresh_from_db()
    assert (action.progress, action.done_on) == ("Mine.", today)


def test_another_partnerships_action_is_not_found_under_this_one(held, officer, client):
    action = _add(held, officer, "Report the network options")
    client.force_login(officer)  # a committee officer of both demo partnerships
    assert client.get(f"/triborough-ict/actions/{action.pk}/").status_code == 404
    assert (
        client.post(f"/triborough-ict/actions/{action.pk}/", {"progress": "x", "version": 1}).status_code
        == 404
    )
    assert action.pk not in {a.pk for a in client.get("/triborough-ict/actions/").context["page"].object_list}


def test_the_log_runs_the_same_queries_when_its_actions_double(held, officer, client):
    client.force_login(officer)

    def count():
        client.get(URL)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    for i in range(5):
        _add(held, officer, f"Action {i}", due=date.today() + timedelta(days=i))
    small = count()
    for i in range(5, 15):
        _add(held, officer, f"Action {i}")
    assert count() == small
    assert Action.objects.filter(item__meeting=held).count() == 15
