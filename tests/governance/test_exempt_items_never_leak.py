"""No public page, feed or search result contains any text of an exempt item: only its public title and
its Schedule 12A paragraph."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model

from governance.committees import services
from governance.models import Meeting

from .conftest import add_business, member

SECRETS = {
    "title": "Zanzibar supplier termination",
    "description": "Quokka pricing schedule",
    "report_title": "Narwhal commercial terms",
    "report_of": "Head of Ocelot Procurement",
    "wards": "Xylophone Ward",
    "members_commented": "Pangolin penalty clauses",
    "officer_responses": "Axolotl legal advice",
    "discussion": "Wombat negotiation position",
    "clause": "THAT the Capybara settlement be agreed",
    "reasons": "Because of the Flamingo liability",
    "action": "Renegotiate the Tapir contract",
    "declaration": "Councillor owns Lemur Ltd",
}
# One word of each text that appears nowhere else.
MARKERS = [
    "Zanzibar",
    "Quokka",
    "Narwhal",
    "Ocelot",
    "Xylophone",
    "Pangolin",
    "Axolotl",
    "Wombat",
    "Capybara",
    "Flamingo",
    "Tapir",
    "Lemur",
]
PUBLIC_TITLE = "Contract matter (exempt)"


def public_pages(client, meeting):
    p = "/shared-digital"
    paths = [
        f"{p}/",
        f"{p}/meetings/",
        f"{p}/meetings/{meeting.pk}/",
        f"{p}/meetings/{meeting.pk}/minutes/",
        f"{p}/committees/shared-digital-joint-committee/",
        f"{p}/decisions/",
        f"{p}/decisions.atom",
        f"{p}/meetings.ics",
        "/",
    ]
    paths = [(path, None) for path in paths]
    for word in MARKERS:
        paths.append((f"{p}/search/?q={word}", word))
        paths.append((f"{p}/decisions/?text={word}", word))
    for path, query in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        if query:
            # A search echoes its words back; what matters is that it finds nothing.
            assert "No decisions match" in page, path
            if "/search/" in path:
                assert f"No agenda items match “{query}”" in page and f"No minutes match “{query}”" in page
            page = page.replace(query, "")
        yield path, page


def test_no_public_page_feed_or_search_shows_an_exempt_item(jc, officer, client):
    meeting = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=30), venue="Civic Centre", by=officer
    )
    add_business(meeting, officer, "Network service transformation", description="The open report.")
    secret = add_business(
        meeting,
        officer,
        SECRETS["title"],
        description=SECRETS["description"],
        report_title=SECRETS["report_title"],
        report_of=SECRETS["report_of"],
        wards=SECRETS["wards"],
        is_decision=True,
        is_key_decision=True,
        is_exempt=True,
        exempt_paragraph=3,
        public_title=PUBLIC_TITLE,
    )
    services.agenda_publish(meeting=meeting, by=officer)
    # The meeting takes place; the minutes record the private item in full and are approved later.
    Meeting.objects.filter(pk=meeting.pk).update(date=date.today() - timedelta(days=1))
    meeting.refresh_from_db()
    services.meeting_mark_held(meeting=meeting, by=officer)
    services.minute_entry_save(
        item=secret,
        members_commented=SECRETS["members_commented"],
        officer_responses=SECRETS["officer_responses"],
        discussion=SECRETS["discussion"],
        by=officer,
    )
    services.resolution_add(item=secret, clauses=SECRETS["clause"], reasons=SECRETS["reasons"], by=officer)
    services.action_add(
        item=secret, text=SECRETS["action"], owner="Chief Digital and Information Officer", by=officer
    )
    services.declaration_add(
        item=secret, member=member(jc, "Councillor Jason Arthur"), text=SECRETS["declaration"], by=officer
    )
    later = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=40), venue="Town Hall", by=officer
    )
    services.agenda_publish(meeting=later, by=officer)
    services.minutes_approve(meeting=later, by=officer)

    seen_public_title = False
    for path, page in public_pages(client, meeting):
        for word in MARKERS:
            assert word.lower() not in page.lower(), f"text of an exempt item ({word}) leaked on {path}"
        seen_public_title |= PUBLIC_TITLE.upper() in page or PUBLIC_TITLE in page
    assert seen_public_title, "the public title should be shown"
    agenda = client.get(f"/shared-digital/meetings/{meeting.pk}/").content.decode()
    assert "Schedule 12A paragraph 3" in agenda

    # Members (who sit on the committee) and committee officers read the item in full.
    client.force_login(get_user_model().objects.get(username="member"))
    page = client.get(f"/shared-digital/meetings/{meeting.pk}/").content.decode()
    assert SECRETS["title"].upper() in page and SECRETS["description"] in page
    page = client.get(f"/shared-digital/meetings/{meeting.pk}/minutes/").content.decode()
    assert SECRETS["discussion"] in page
    assert all(any(w in text for text in SECRETS.values()) for w in MARKERS)
