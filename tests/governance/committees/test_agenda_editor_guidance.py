"""The agenda editor tells the officer what is wrong before and after they act: errors in one GOV.UK error
summary at the top, a form that cannot succeed says why instead of offering its button, labels say when a
field is required, the exempt paragraph is asked for only with Exempt ticked, new items go before any other
business, and removing an item is confirmed first."""

from datetime import date, timedelta

from governance.committees import services
from governance.committees.services import numbered
from governance.models import AgendaItem, Meeting
from governance.papers.documents import MEMBERS, cover_html

from ..conftest import add_business

AOB = "Any other business that the Chair decides to take as urgent"


def editor(meeting):
    return f"/shared-digital/meetings/{meeting.pk}/agenda/edit/"


def test_publishing_an_agenda_whose_meeting_has_passed_is_explained_before_the_button(client, officer, jc):
    past = Meeting.objects.filter(body=jc, date__lt=date.today()).order_by("-date").first()
    client.force_login(officer)
    page = client.get(editor(past)).content.decode()
    assert services.PUBLISH_AFTER_MEETING in page
    assert "Publish the agenda</button>" not in page and "Publish supplementary agenda" not in page
    # Posted anyway: a 400 whose one error sits in the summary at the top, about the meeting, not a date field.
    response = client.post(f"/shared-digital/meetings/{past.pk}/agenda/publish/", {"urgency_reason": ""})
    page = response.content.decode()
    assert response.status_code == 400
    summary = page.index('class="govuk-error-summary"')
    assert summary < page.index('id="items-heading"')
    assert services.PUBLISH_AFTER_MEETING in page[summary : page.index("</div></div>", summary)]
    assert 'data-module="govuk-error-summary"' in page  # GOV.UK Frontend moves focus to it
    assert "choose today or a later date" not in page


def test_an_error_in_the_add_form_is_summarised_at_the_top_with_a_link_to_the_field(
    client, officer, future_meeting
):
    client.force_login(officer)
    response = client.post(
        f"/shared-digital/meetings/{future_meeting.pk}/agenda/items/",
        {"version": future_meeting.agenda_version, "title": "Supplier pricing", "is_exempt": "on"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    summary = page[page.index('class="govuk-error-summary"') : page.index('id="items-heading"')]
    assert 'href="#id_exempt_paragraph"' in summary and 'href="#id_public_title"' in summary


def test_the_reason_for_urgency_is_labelled_required_when_publication_is_late(client, officer, jc):
    client.force_login(officer)
    soon = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=2), venue="Civic Centre", by=officer
    )
    page = client.get(editor(soon)).content.decode()
    assert "Reason for urgency (required)" in page and "Reason for urgency (optional)" not in page
    later = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=60), venue="Civic Centre", by=officer
    )
    assert "Reason for urgency (optional)" in client.get(editor(later)).content.decode()


def test_the_exempt_paragraph_is_revealed_only_when_exempt_is_ticked(client, officer, future_meeting):
    client.force_login(officer)
    page = client.get(editor(future_meeting)).content.decode()
    assert "Not exempt" not in page
    assert 'data-aria-controls="id_is_exempt-conditional"' in page
    reveal = page.index('id="id_is_exempt-conditional"')
    assert "govuk-checkboxes__conditional--hidden" in page[reveal - 80 : reveal]
    # Without JavaScript the fields are in the page, inside the reveal, under the checkbox.
    assert (
        page.index('id="id_is_exempt"')
        < page.index('id="id_exempt_paragraph"')
        < page.index('id="id_public_title"')
    )
    assert reveal < page.index('id="id_exempt_paragraph"')
    assert "Schedule 12A paragraph (required)" in page and "Public title (required)" in page


def test_new_items_go_before_any_other_business(future_meeting, officer):
    a = add_business(future_meeting, officer, "Strategy")
    b = add_business(future_meeting, officer, "Finance update")
    titles = [i.title for i in numbered(list(future_meeting.items.all()))]
    assert titles[-3:] == [a.title, b.title, AOB]
    # A demo meeting's any other business stays last too.
    demo_meeting = Meeting.objects.get(body=future_meeting.body, date=date(2017, 10, 30))
    assert demo_meeting.items.get(title=AOB).standard == AgendaItem.Standard.AOB


def test_report_of_is_stored_without_its_own_the(client, officer, future_meeting):
    client.force_login(officer)
    client.post(
        f"/shared-digital/meetings/{future_meeting.pk}/agenda/items/",
        {
            "version": future_meeting.agenda_version,
            "title": "Strategy",
            "report_of": "the Chief Digital Officer",
        },
    )
    item = future_meeting.items.get(title="Strategy")
    assert item.report_of == "Chief Digital Officer"
    assert "the the" not in client.get(editor(future_meeting)).content.decode().lower()


def test_removing_an_item_is_confirmed_on_a_page_of_its_own(client, officer, future_meeting):
    item = add_business(future_meeting, officer, "Strategy")
    future_meeting.refresh_from_db()
    client.force_login(officer)
    page = client.get(editor(future_meeting)).content.decode()
    assert (
        "govuk-button--warning" not in page
    )  # no row of red buttons: one Remove link in each item's actions
    remove = f"/shared-digital/meetings/{future_meeting.pk}/agenda/items/{item.pk}/remove/"
    assert page.count(f'href="{remove}"') == 1
    confirm = client.get(remove)
    assert confirm.status_code == 200 and "Remove this item from the agenda?" in confirm.content.decode()
    assert future_meeting.items.filter(pk=item.pk).exists()  # asking is not removing
    response = client.post(remove, {"version": future_meeting.agenda_version})
    assert response.status_code == 302
    assert not future_meeting.items.filter(pk=item.pk).exists()


def test_the_pack_cover_numbers_items_as_the_agenda_does(demo):
    meeting = Meeting.objects.get(body__slug="shared-digital-joint-committee", date=date(2017, 10, 30))
    items = numbered(list(meeting.items.all()))
    html = cover_html(meeting, items, audience=MEMBERS)
    minutes = next(i for i in items if i.standard == "minutes")
    assert f"<li>{minutes.number}. {minutes.title}</li>" in html
    assert "<li>1. " not in html
