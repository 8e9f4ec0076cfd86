"""Two officers editing the same agenda: the later save is refused and shows the other's change."""

from governance.committees import services
from governance.models import AgendaItem

from ..conftest import add_business


def test_a_stale_save_is_refused_with_the_other_officers_change(future_meeting, officer, other_officer):
    item = add_business(future_meeting, officer, "Strategy")
    future_meeting.refresh_from_db()
    loaded = future_meeting.agenda_version  # both officers open the editor
    services.agenda_item_update(item=item, version=loaded, by=other_officer, title="Digital strategy")
    try:
        services.agenda_item_update(item=item, version=loaded, by=officer, title="Strategy 2018")
    except services.AgendaConflict as conflict:
        assert conflict.messages == [services.AGENDA_CHANGED]
        assert [c.summary for c in conflict.changes] == ["Edited “Strategy” (now “Digital strategy”)"]
        assert conflict.changes[0].by == other_officer
    else:
        raise AssertionError("The stale save was accepted")
    assert AgendaItem.objects.get(pk=item.pk).title == "Digital strategy"


def test_the_editor_shows_the_refusal_and_keeps_the_other_change(
    future_meeting, officer, other_officer, client
):
    item = add_business(future_meeting, officer, "Strategy")
    future_meeting.refresh_from_db()
    loaded = future_meeting.agenda_version
    client.force_login(other_officer)
    url = f"/shared-digital/meetings/{future_meeting.pk}/agenda/items/"
    assert client.post(url, {"title": "Network", "version": loaded}).status_code == 302
    client.force_login(officer)
    response = client.post(f"{url}{item.pk}/move/", {"direction": "down", "version": loaded})
    assert response.status_code == 409
    page = response.content.decode()
    assert services.AGENDA_CHANGED in page
    assert "Added “Network”" in page and "Sam Second" in page
    response = client.post(f"{url}{item.pk}/", {"title": "Strategy 2018", "version": loaded})
    assert response.status_code == 409
    assert "Added “Network”" in response.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).title == "Strategy"
