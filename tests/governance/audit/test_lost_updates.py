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


def edited_by_two(client, url, me, them, field, stored, their_name):
    """Two people open the edit page; they save `field` first, then I save mine from my stale page. Mine is
    refused (409) through the one helper: the conflict partial shows who changed what, nothing of mine is
    saved (stored() still reads theirs), and the page carries the record's version now. Without a version the
    form is refused (400); sent again with the version the conflict page carries, my change is made."""
    client.force_login(me)
    mine = loaded_form(client, url)
    assert mine["version"]
    client.force_login(them)
    theirs = loaded_form(client, url)
    theirs[field] = "Theirs"
    assert client.post(url, theirs).status_code == 302
    client.force_login(me)
    mine[field] = "Mine"
    response = client.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Somebody else saved this record" in page and their_name in page
    assert 'id="conflict-title"' in page and "Changed by somebody else" in page
    assert stored() == "Theirs"
    version = re.search(r'<input[^>]*name="version"[^>]*value="([^"]*)"', page).group(1)
    assert version != mine["version"]
    assert client.post(url, {k: v for k, v in mine.items() if k != "version"}).status_code == 400
    assert stored() == "Theirs"
    assert client.post(url, {**mine, "version": version}).status_code == 302
    assert stored() == "Mine"


def test_a_stale_report_save_is_refused_and_shows_the_other_change(
    future_meeting, officer, other_officer, client
):
    item, _ = write_report(future_meeting, officer, "Network Services")
    url = f"/shared-digital/meetings/{future_meeting.pk}/items/{item.pk}/report/edit/"
    edited_by_two(
        client,
        url,
        officer,
        other_officer,
        "summary",
        lambda: Report.objects.get(item=item).summary,
        "Sam Second",
    )


def test_a_stale_meeting_save_is_refused_and_shows_the_other_change(
    future_meeting, officer, other_officer, client
):
    url = f"/shared-digital/meetings/{future_meeting.pk}/edit/"
    stored = lambda: Meeting.objects.get(pk=future_meeting.pk).venue  # noqa: E731
    edited_by_two(client, url, officer, other_officer, "venue", stored, "Sam Second")


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
    stored = lambda: OfficerDecision.objects.get(pk=decision.pk).reasons  # noqa: E731
    someone = cio()
    edited_by_two(
        client, url, officer, someone, "reasons", stored, someone.get_full_name() or someone.username
    )
