"""Generic leak test: no public page, feed, search, public PDF or pack shows any text of an exempt record or
of a record that hangs off an exempt item.

It walks `_meta.get_fields()` of every governance model, so a model or text field added later is covered
without editing this test: every CharField/TextField (without choices) of every such record gets a unique
marker, except the fields the public projections whitelist (an exempt item's public title, an exempt officer
decision's title and public summary). Then it crawls every URL the access table opens to the public, with ids
from the data, signed out, reads every PDF as text, and finds no marker."""

import itertools
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.urls.exceptions import NoReverseMatch

from engagement.models import SearchDocument
from engagement.search import index_partnership
from governance.committees import public as committees_public
from governance.committees import services
from governance.delegations import public as delegations_public
from governance.delegations import services as delegation_services
from governance.models import (
    AgendaItem,
    Body,
    BodyMember,
    Meeting,
    OfficerDecision,
    Partnership,
    PublishedAgenda,
)
from governance.papers import public as papers_public
from governance.papers.services import appendix_add, pack_build, report_sign_off
from sharedservice.access import ACCESS, PUBLIC
from tests.pdf_text import pdf_text
from tests.test_access_table import all_patterns

from .conftest import add_business, give_notice, member
from .delegation_helpers import cio, save_decision, shares_with_haringey
from .paper_helpers import uploaded_pdf, write_report

PREFIX = "QZLEAK"
MARKER = re.compile(PREFIX + r"\s*\d", re.IGNORECASE)

WHITELIST = {
    **committees_public.EXEMPT_PUBLIC_FIELDS,
    **delegations_public.EXEMPT_PUBLIC_FIELDS,
    **papers_public.EXEMPT_PUBLIC_FIELDS,
}


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def governance_models():
    return [
        m for m in apps.get_app_config("governance").get_models() if not m.__name__.startswith("Historical")
    ]


def text_fields(model):
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.concrete
        and not f.primary_key
        and f.name not in WHITELIST.get(model._meta.model_name, ())
    ]


def is_exempt(obj, depth=0):
    """An exempt record, or one hanging off one (through any foreign key, a few levels up)."""
    if getattr(obj, "is_exempt", False) is True:
        return True
    if depth >= 3:
        return False
    for f in obj._meta.get_fields():
        if f.concrete and (f.many_to_one or f.one_to_one) and f.related_model is not None:
            parent = getattr(obj, f.name, None)
            if (
                isinstance(parent, models.Model)
                and f.related_model is not Meeting
                and is_exempt(parent, depth + 1)
            ):
                return True
    return False


def mark_every_exempt_record():
    counter = itertools.count(1)
    marked = 0
    for model in governance_models():
        fields = text_fields(model)
        if not fields:
            continue
        for obj in model.objects.all():
            if not is_exempt(obj):
                continue
            values = {}
            for f in fields:
                marker = f"{PREFIX}{next(counter):04d}"
                values[f.name] = marker[: f.max_length] if f.max_length else marker
            model.objects.filter(pk=obj.pk).update(**values)
            marked += 1
    return marked


def business(jc, officer):
    """A meeting with an open item and an exempt item carrying everything that can hang off an item: a
    signed report with appendices, a minute, a resolution, an action, a declaration and a deputation; held,
    its minutes approved at the next meeting, which has its own exempt report and a published public pack."""
    first = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=30), venue="Civic Centre", by=officer
    )
    open_first, _ = write_report(first, officer, "Network services transformation")
    secret, report = write_report(
        first,
        officer,
        "Secret contract",
        exempt=True,
        appendix_pdf=uploaded_pdf("Private"),
        appendix_text="x",
    )
    report_sign_off(report=report, by=officer)
    services.agenda_publish(meeting=first, by=officer)
    Meeting.objects.filter(pk=first.pk).update(date=date.today() - timedelta(days=1))
    first.refresh_from_db()
    services.meeting_mark_held(meeting=first, by=officer)
    services.minute_entry_save(
        item=secret, members_commented="a", officer_responses="b", discussion="c", by=officer
    )
    services.resolution_add(item=secret, clauses="THAT it be agreed", reasons="r", by=officer)
    # A public resolution too, so that the decision notice of an open item is among the PDFs read.
    services.resolution_add(item=open_first, clauses="THAT the strategy be agreed", reasons="r", by=officer)
    services.action_add(item=secret, text="t", owner="o", by=officer)
    services.declaration_add(item=secret, member=member(jc, "Councillor Jason Arthur"), text="d", by=officer)
    services.deputation_add(
        meeting=first, requester="Jo Requester", received=date.today(), item=secret, heard=True, by=officer
    )
    later = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=40), venue="Town Hall", by=officer
    )
    open_item, open_report = write_report(later, officer, "Budget monitoring")
    report_sign_off(report=open_report, by=officer)
    _, later_secret = write_report(later, officer, "Another secret", exempt=True)
    appendix_add(report=later_secret, title="Private appendix", body="p", by=officer)
    report_sign_off(report=later_secret, by=officer)
    services.agenda_publish(meeting=later, by=officer)
    services.minutes_approve(meeting=later, by=officer)
    decision, _ = save_decision(
        shares=shares_with_haringey("1"),
        is_exempt=True,
        exempt_paragraph=3,
        public_summary="A contract award.",
    )
    delegation_services.officer_decision_take(decision=decision, by=cio())
    return first, later


def samples(partnership):
    """Values for each URL parameter, from the data."""
    meetings = list(Meeting.objects.filter(body__partnership=partnership))
    items = list(AgendaItem.objects.filter(meeting__body__partnership=partnership).select_related("meeting"))
    return {
        "partnership": [partnership.slug],
        "body": list(Body.objects.filter(partnership=partnership).values_list("slug", flat=True)),
        "meeting": [m.pk for m in meetings],
        "decision": list(
            OfficerDecision.objects.filter(partnership=partnership).values_list("pk", flat=True)
        ),
        "items_of": {m.pk: [i.pk for i in items if i.meeting_id == m.pk] for m in meetings},
        "person": sorted(
            set(BodyMember.objects.filter(body__partnership=partnership).values_list("person_id", flat=True))
        ),
    }


def public_paths(partnership):
    data = samples(partnership)
    Pack = apps.get_model("governance", "AgendaPack")
    Appendix = apps.get_model("governance", "Appendix")
    paths = []
    for name, _ns, _pattern, params in all_patterns():
        rule = ACCESS.get(name) if name else None
        # The public site and the public JSON API (its schema and docs page hold no records).
        if rule is None or PUBLIC not in rule.read or not name.startswith(("governance:", "api:", "mg_")):
            continue
        combos = [{}]
        for p in params:
            if p == "partnership":
                combos = [{**c, p: partnership.slug} for c in combos]
            elif p == "body":
                combos = [{**c, p: v} for c in combos for v in data["body"]]
            elif p == "meeting":
                combos = [{**c, p: v} for c in combos for v in data["meeting"]]
            elif p == "item":
                combos = [{**c, p: v} for c in combos for v in data["items_of"][c["meeting"]]]
            elif p == "operation":  # the Modern.gov-compatible service; those with parameters are added below
                combos = [
                    {**c, p: v}
                    for c in combos
                    for v in ("GetCommittees", "GetMeetings", "GetCouncillorsByWard")
                ]
            elif p == "person":  # the members' pages and the API's people
                combos = [{**c, p: v} for c in combos for v in data["person"]]
            elif p == "decision":
                combos = [{**c, p: v} for c in combos for v in data["decision"]]
            elif p == "pack":
                combos = [
                    {**c, p: v}
                    for c in combos
                    for v in Pack.objects.filter(meeting_id=c["meeting"]).values_list("pk", flat=True)
                ]
            elif p == "number":  # supplementary agendas (and one more, which answers 404)
                combos = [
                    {**c, p: v}
                    for c in combos
                    for v in [
                        *PublishedAgenda.objects.filter(meeting_id=c["meeting"], number__gt=0).values_list(
                            "number", flat=True
                        ),
                        99,
                    ]
                ]
            elif p == "appendix":
                combos = [
                    {**c, p: v}
                    for c in combos
                    for v in Appendix.objects.filter(report__item_id=c["item"]).values_list("pk", flat=True)
                ]
            else:
                raise AssertionError(f"No sample values for {p} in {name}: add them to this test.")
        for kwargs in combos:
            try:
                paths.append(reverse(name, kwargs=kwargs))
            except NoReverseMatch:
                continue
    base = f"/{partnership.slug}"
    paths += [f"{base}/search/?q={PREFIX}", f"{base}/decisions/?text={PREFIX}"]
    paths += [f"{base}/search.atom?q={PREFIX}", f"/api/v1/partnerships/{partnership.slug}/search/?q={PREFIX}"]
    api = f"/api/v1/partnerships/{partnership.slug}"
    paths += [f"{api}/resolutions/?text={PREFIX}", f"{api}/officer-decisions/?text={PREFIX}"]
    paths += [f"{api}/forward-plan/?all=1"]
    paths += [f"{base}/mgWebService.asmx/GetMeeting?lMeetingId={pk}" for pk in data["meeting"]]
    paths += [f"{base}/mgWebService.asmx/GetCommitteesByUser?lUserId={pk}" for pk in data["person"]]
    paths += [f"{base}/mgWebService.asmx/GetAllMeetingsByDate?sStartDate=01/01/2000&sEndDate=31/12/2099"]
    # OParl (opendata): the body and every external list, which embed every object (agenda items, files,
    # consultations, memberships); with modified_since, the deleted ones too; and the first of each at its id
    # (an object at its id is the list's entry: each such request builds the whole partnership).
    oparl = f"/oparl/v1.1/body/{partnership.slug}/"
    kinds = ("organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file")
    paths += ["/oparl/v1.1/", "/oparl/v1.1/body/", oparl]
    for kind in kinds:
        paths += [f"{oparl}{kind}/", f"{oparl}{kind}/?modified_since=2000-01-01T00:00:00%2B00:00"]
        listed = Client().get(f"{oparl}{kind}/?modified_since=2000-01-01T00:00:00%2B00:00").json()["data"]
        paths += [urlsplit(o["id"]).path for o in listed[:1]]
    return paths


def content_text(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(body)
    return body.decode()


def test_no_text_of_an_exempt_record_reaches_any_public_url_or_pdf(jc, officer, client):
    partnership = Partnership.objects.get(slug="shared-digital")
    first, later = business(jc, officer)
    assert mark_every_exempt_record() >= 12
    # The public pack is built after the marking, so it would carry any marker that got through.
    pack = pack_build(meeting=later, audience="public", by=officer)
    assert pack.is_published
    # The search index, rebuilt after the marking as the worker would: it holds no marker at all.
    documents, _, _ = index_partnership(partnership, read_files=True)
    assert documents > 10
    indexed = SearchDocument.objects.filter(partnership=partnership)
    assert not indexed.filter(
        Q(title__icontains=PREFIX) | Q(summary__icontains=PREFIX) | Q(body__icontains=PREFIX)
    ).exists()
    paths = public_paths(partnership)
    assert f"/shared-digital/meetings/{first.pk}/minutes.pdf" in paths
    assert f"/shared-digital/meetings/{later.pk}/papers/packs/{pack.pk}/" in paths
    assert f"/api/v1/partnerships/shared-digital/meetings/{first.pk}/" in paths
    arthur = member(jc, "Councillor Jason Arthur").person_id  # declared an interest in the exempt item
    assert f"/shared-digital/members/{arthur}/" in paths and "/shared-digital/members/" in paths
    assert f"/shared-digital/mgWebService.asmx/GetCommitteesByUser?lUserId={arthur}" in paths
    pdfs = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200:
            continue
        text = content_text(response)
        pdfs += response.get("Content-Type", "").startswith("application/pdf")
        # A search echoes its word (the bare prefix); a marker is the prefix and digits.
        leaked = MARKER.search(text)
        assert leaked is None, f"text of an exempt record ({leaked.group()}) reached the public at {path}"
    assert pdfs >= 3  # the public pack, the minutes and at least one report


# A worked example with readable words: the public sees the public title and paragraph; members read it all.

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
        # The JSON API reads the same projections.
        "/api/v1/partnerships/shared-digital/meetings/",
        f"/api/v1/partnerships/shared-digital/meetings/{meeting.pk}/",
        "/api/v1/partnerships/shared-digital/resolutions/",
    ]
    paths = [(path, None) for path in paths]
    for word in MARKERS:
        paths.append((f"{p}/search/?q={word}", word))
        paths.append((f"{p}/search.atom?q={word}", word))
        paths.append((f"/api/v1/partnerships/shared-digital/search/?q={word}", word))
        paths.append((f"{p}/decisions/?text={word}", word))
        paths.append((f"/api/v1/partnerships/shared-digital/resolutions/?text={word}", None))
    for path, query in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        if query:
            # A search echoes its words back; what matters is that it finds nothing.
            if "/decisions/" in path:
                assert "No decisions match" in page, path
            elif "/api/" in path:
                assert response.json()["count"] == 0, path
            elif path.endswith(f"search/?q={query}"):
                assert f"Nothing public matches “{query}”" in page, path
            else:
                assert "<entry>" not in page, path
            page = page.replace(query, "")
        yield path, page


def test_no_public_page_feed_or_search_shows_an_exempt_item_members_read_it_in_full(jc, officer, client):
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
    give_notice(secret, officer, title=PUBLIC_TITLE, is_exempt=True, exempt_paragraph=3)  # 29 clear days
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

    index_partnership(jc.partnership)  # as the worker does after each of these commits
    seen_public_title = False
    for path, page in public_pages(client, meeting):
        for word in MARKERS:
            assert word.lower() not in page.lower(), f"text of an exempt item ({word}) leaked on {path}"
        seen_public_title |= PUBLIC_TITLE.upper() in page or PUBLIC_TITLE in page
    assert seen_public_title, "the public title should be shown"
    agenda = client.get(f"/shared-digital/meetings/{meeting.pk}/").content.decode()
    assert "Schedule 12A paragraph 3" in agenda
    # The API gives an exempt item as its public title and paragraph, and nothing else.
    api = client.get(f"/api/v1/partnerships/shared-digital/meetings/{meeting.pk}/").json()
    exempt = [i for i in api["agenda_items"] if i["is_exempt"]]
    assert [(i["title"], i["exempt_paragraph"]) for i in exempt] == [(PUBLIC_TITLE, 3)]
    assert not any(exempt[0][k] for k in ("description", "report_title", "report_of", "wards", "pages"))

    # Members (who sit on the committee) and committee officers read the item in full.
    client.force_login(get_user_model().objects.get(username="member"))
    page = client.get(f"/shared-digital/meetings/{meeting.pk}/").content.decode()
    assert SECRETS["title"].upper() in page and SECRETS["description"] in page
    page = client.get(f"/shared-digital/meetings/{meeting.pk}/minutes/").content.decode()
    assert SECRETS["discussion"] in page
    assert all(any(w in text for text in SECRETS.values()) for w in MARKERS)
