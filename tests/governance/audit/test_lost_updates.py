"""Two people editing the same shared record: every edit form carries the version it was loaded at; the
later save of a stale version is refused (409) with the other person's change shown, and nothing of it is
saved; a form sent without its version is refused too. The agenda editor's remove needs its version."""

import re

from governance.models import AgendaItem, Meeting, OfficerDecision
from governance.papers.models import Report

from ..conftest import add_business
from ..delegation_helpers import cio, save_decision, shares_with_haringey
from ..paper_helpers import write_report


def loaded_form(client, url):
    """The form's fields as the page offers them (text inputs, textareas, selected options, hidden)."""
    page = client.get(url).content.decode()
    data = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    data.update(
        {k: v for k, v in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>\s*([^<]*)</textarea>', page)}
    )
    for name, select in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select)
        data[name] = chosen.group(1) if chosen else ""
    data.pop("csrfmiddlewaretoken", None)
    return data


def refused_through_the_one_helper(response, mine):
    """The 409 page shows the one conflict partial (who changed what) and its form carries the record's version
    now: returns my form with that version, which saves when sent again."""
    page = response.content.decode()
    assert response.status_code == 409
    assert 'id="conflict-title"' in page and "Changed by somebody else" in page
    version = re.search(r'<input[^>]*name="version"[^>]*value="([^"]*)"', page).group(1)
    assert version != mine["version"]
    return {**mine, "version": version}


def test_a_stale_report_save_is_refused_and_shows_the_other_change(
    future_meeting, officer, other_officer, client
):
    item, _ = write_report(future_meeting, officer, "Network Services")
    url = f"/shared-digital/meetings/{future_meeting.pk}/items/{item.pk}/report/edit/"
    client.force_login(officer)
    mine = loaded_form(client, url)
    assert mine["version"]
    client.force_login(other_officer)
    theirs = loaded_form(client, url)
    theirs["summary"] = "Their summary"
    assert client.post(url, theirs).status_code == 302
    client.force_login(officer)
    mine["summary"] = "My summary"
    response = client.post(url, mine)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Somebody else saved this record" in page and "Sam Second" in page
    assert Report.objects.get(item=item).summary == "Their summary"
    again = refused_through_the_one_helper(response, mine)
    # Without a version: refused, nothing saved.
    del mine["version"]
    assert client.post(url, mine).status_code == 400
    assert Report.objects.get(item=item).summary == "Their summary"
    # Sent again with the version the conflict page carries: my change is made.
    assert client.post(url, again).status_code == 302
    assert Report.objects.get(item=item).summary == "My summary"


def test_a_stale_meeting_save_is_refused_and_shows_the_other_change(
    future_meeting, officer, other_officer, client
):
    url = f"/shared-digital/meetings/{future_meeting.pk}/edit/"
    client.force_login(officer)
    mine = loaded_form(client, url)
    assert mine["version"]
    client.force_login(other_officer)
    theirs = loaded_form(client, url)
    theirs["venue"] = "Their venue"
    assert client.post(url, theirs).status_code == 302
    client.force_login(officer)
    mine["venue"] = "My venue"
    response = client.post(url, mine)
    assert response.status_code == 409
    assert "Sam Second" in response.content.decode()
    assert Meeting.objects.get(pk=future_meeting.pk).venue == "Their venue"
    again = refused_through_the_one_helper(response, mine)
    del mine["version"]
    assert client.post(url, mine).status_code == 400
    assert Meeting.objects.get(pk=future_meeting.pk).venue == "Their venue"
    assert client.post(url, again).status_code == 302
    assert Meeting.objects.get(pk=future_meeting.pk).venue == "My venue"


def test_an_agenda_remove_without_its_version_is_refused(future_meeting, officer, client):
    item = add_business(future_meeting, officer, "Strategy")
    client.force_login(officer)
    url = f"/shared-digital/meetings/{future_meeting.pk}/agenda/items/{item.pk}/"
    assert client.post(f"{url}remove/").status_code in {400, 409}
    assert client.post(f"{url}move/", {"direction": "down"}).status_code in {400, 409}
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_stale_officer_decision_edit_is_refused(demo, officer, client):
    decision, _ = save_decision(shares=shares_with_haringey("1"))
    url = f"/shared-digital/officer-decisions/{decision.pk}/edit/"
    client.force_login(officer)
    mine = loaded_form(client, url)
    assert mine["version"]
    client.force_login(cio())
    theirs = loaded_form(client, url)
    theirs["reasons"] = "Their reasons"
    assert client.post(url, theirs).status_code == 302
    client.force_login(officer)
    mine["reasons"] = "My reasons"
    response = client.post(url, mine)
    assert response.status_code == 409
    assert "Somebody else saved this record" in response.content.decode()
    assert OfficerDecision.objects.get(pk=decision.pk).reasons == "Their reasons"
    again = refused_through_the_one_helper(response, mine)
    del mine["version"]
    assert client.post(url, mine).status_code == 400
    assert OfficerDecision.objects.get(pk=decision.pk).reasons == "Their reasons"
    assert client.post(url, again).status_code == 302
    assert OfficerDecision.objects.get(pk=decision.pk).reasons == "My reasons"
