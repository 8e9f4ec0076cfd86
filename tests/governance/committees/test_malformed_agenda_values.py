"""A malformed agenda version or minutes item from a form is a 400 with a message, never a 500."""

from datetime import date

import pytest

from governance.committees import services
from governance.models import Meeting
from governance.parsing import RecordsField


@pytest.fixture
def editor(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.parametrize("version", ["abc", "1.5", "9" * 40, "-1"])
def test_a_malformed_version_on_move_order_or_remove_is_refused(editor, future_meeting, version):
    meeting = future_meeting
    item = meeting.items.filter(standard="").order_by("position").last() or meeting.items.order_by("position")[1]
    base = f"/shared-digital/meetings/{meeting.pk}/agenda"
    for url, data in (
        (f"{base}/items/{item.pk}/move/", {"direction": "up", "version": version}),
        (f"{base}/order/", {"order": ",".join(str(i.pk) for i in meeting.items.all()), "version": version}),
        (f"{base}/items/{item.pk}/remove/", {"version": version}),
    ):
        response = editor.post(url, data)
        assert response.status_code == 400, url
        assert services.VERSION_INVALID in response.content.decode()
    assert meeting.items.filter(pk=item.pk).exists()


@pytest.mark.parametrize("item", ["abc", "1.5", "9" * 40, ""])
def test_a_malformed_item_on_the_minutes_editor_is_refused(editor, demo, item):
    june = Meeting.objects.get(date=date(2017, 6, 19))
    response = editor.post(
        f"/shared-digital/meetings/{june.pk}/minutes/edit/", {"form": "minute", "item": item}
    )
    assert response.status_code == 400


def test_a_list_of_records_refuses_ids_no_column_can_hold(demo):
    from governance.models import Council

    field = RecordsField(queryset=Council.objects.all())
    for bad in (["9" * 40], ["abc"], ["1.5"]):
        with pytest.raises(Exception) as error:
            field.clean(bad)
        assert type(error.value).__name__ == "ValidationError"
