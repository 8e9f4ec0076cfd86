"""Two officers editing the same agenda: the later save is refused and shows the other's change."""

from governance.audit import versions
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
        assert [c["fields"] for c in conflict.changes] == [["Edited “Strategy” (now “Digital strategy”)"]]
        assert conflict.changes[0]["who"] == other_officer.get_full_name()
        assert isinstance(conflict, versions.StaleRecord) and conflict.current == loaded + 1
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
    page = response.content.decode()
    assert "Added “Network”" in page and "Sam Second" in page and "Changed by somebody else" in page
    assert AgendaItem.objects.get(pk=item.pk).title == "Strategy"
    # Ours stays in the form, which now carries the agenda's version: sent again, it saves.
    resent = response.context["form"].data
    future_meeting.refresh_from_db()
    assert resent["title"] == "Strategy 2018" and resent["version"] == str(future_meeting.agenda_version)
    assert client.post(f"{url}{item.pk}/", resent).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).title == "Strategy 2018"


def test_an_agenda_form_without_a_good_version_is_refused_with_a_message(future_meeting, officer, client):
    item = add_business(future_meeting, officer, "Strategy")
    client.force_login(officer)
    url = f"/shared-digital/meetings/{future_meeting.pk}/agenda/items/"
    for data in [
        {"direction": "down"},
        {"direction": "down", "version": "x"},
        {"direction": "down", "version": "9" * 40},
    ]:
        response = client.post(f"{url}{item.pk}/move/", data)
        assert response.status_code == 400, data
    for data in [{"title": "Renamed"}, {"title": "Renamed", "version": "x"}]:
        response = client.post(f"{url}{item.pk}/", data)
        assert response.status_code == 400 and versions.VERSION_MISSING in response.content.decode(), data
    response = client.post(url, {"title": "Network"})
    assert response.status_code == 400 and versions.VERSION_MISSING in response.content.decode()
    assert [i.title for i in future_meeting.items.filter(standard="")] == ["Strategy"]


def test_a_dragged_order_from_a_stale_agenda_is_a_conflict_and_one_without_a_version_is_not(
    future_meeting, officer, client
):
    add_business(future_meeting, officer, "Strategy")
    future_meeting.refresh_from_db()
    loaded = future_meeting.agenda_version
    add_business(future_meeting, officer, "Network")
    order = ",".join(
        str(pk) for pk in future_meeting.items.order_by("-position").values_list("pk", flat=True)
    )
    client.force_login(officer)
    url = f"/shared-digital/meetings/{future_meeting.pk}/agenda/order/"
    json = {"HTTP_ACCEPT": "application/json"}
    stale = client.post(url, {"order": order, "version": loaded}, **json)
    assert stale.status_code == 409 and services.AGENDA_CHANGED in stale.json()["error"]
    missing = client.post(url, {"order": order}, **json)
    assert missing.status_code == 400
    future_meeting.refresh_from_db()
    assert future_meeting.agenda_version == loaded + 1  # nothing of either saved
