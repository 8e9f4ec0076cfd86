"""The minutes editor shows each item's minute (apologies, declarations, discussion, actions, resolutions) with the
one template the minutes page uses, from the same record: what the officer sees while minuting is what the
minutes will say."""

from django.template.loader import render_to_string
from django.urls import reverse

from governance.committees.models import Meeting
from governance.committees.public import minutes_record


def test_every_item_of_the_editor_reads_as_on_the_minutes_page(client, officer):
    meeting = Meeting.objects.filter(items__resolutions__isnull=False).order_by("-date").first()
    client.force_login(officer)
    kwargs = {"partnership": meeting.body.partnership.slug, "meeting": meeting.pk}
    editor = client.get(reverse("governance:minutes_edit", kwargs=kwargs))
    page = client.get(reverse("governance:minutes", kwargs=kwargs))
    assert editor.status_code == 200 and page.status_code == 200
    record = minutes_record(meeting, public=False)
    bodies = [
        render_to_string(
            "governance/committees/_minute_record_body.html", {"item": item, "record": record}
        ).strip()
        for item in record.items
    ]
    assert any("RESOLVED" in body for body in bodies)
    for body in bodies:
        assert body in editor.content.decode()
        assert body in page.content.decode()
