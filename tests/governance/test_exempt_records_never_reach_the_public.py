"""Generic leak test: no public page, feed, search, public PDF or pack shows any text of an exempt record or
of a record that hangs off an exempt item.

It walks `_meta.get_fields()` of every governance model, so a model or text field added later is covered
without editing this test: every CharField/TextField (without choices) of every such record gets a unique
marker, except the fields the public projections whitelist (an exempt item's public title, an exempt officer
decision's title and public summary). Then it crawls every URL the access table opens to the public, with ids
from the data, signed out, reads every PDF as text, and finds no marker."""

import io
import itertools
import re
from datetime import date, timedelta

import pypdf
import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.urls.exceptions import NoReverseMatch

from governance.committees import public as committees_public
from governance.committees import services
from governance.delegations import public as delegations_public
from governance.delegations import services as delegation_services
from governance.models import AgendaItem, Body, Meeting, OfficerDecision, Partnership
from governance.papers import public as papers_public
from governance.papers.services import appendix_add, pack_build, report_sign_off
from sharedservice.access import ACCESS, PUBLIC
from tests.test_access_table import all_patterns

from .conftest import member
from .delegation_helpers import cio, save_decision, shares_with_haringey
from .papers import uploaded_pdf, write_report

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
    write_report(first, officer, "Network services transformation")
    secret, report = write_report(
        first,
        officer,
        "Secret contract",
        exempt=True,
        appendix_pdf=uploaded_pdf("Private"),
        appendix_text="x",
    )
    report_sign_off(report=report, by=officer, signed_by="Ed Garcez")
    services.agenda_publish(meeting=first, by=officer)
    Meeting.objects.filter(pk=first.pk).update(date=date.today() - timedelta(days=1))
    first.refresh_from_db()
    services.meeting_mark_held(meeting=first, by=officer)
    services.minute_entry_save(
        item=secret, members_commented="a", officer_responses="b", discussion="c", by=officer
    )
    services.resolution_add(item=secret, clauses="THAT it be agreed", reasons="r", by=officer)
    services.action_add(item=secret, text="t", owner="o", by=officer)
    services.declaration_add(item=secret, member=member(jc, "Councillor Jason Arthur"), text="d", by=officer)
    services.deputation_add(
        meeting=first, requester="Jo Requester", received=date.today(), item=secret, heard=True, by=officer
    )
    later = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=40), venue="Town Hall", by=officer
    )
    open_item, open_report = write_report(later, officer, "Budget monitoring")
    report_sign_off(report=open_report, by=officer, signed_by="Ed Garcez")
    _, later_secret = write_report(later, officer, "Another secret", exempt=True)
    appendix_add(report=later_secret, title="Private appendix", body="p", by=officer)
    report_sign_off(report=later_secret, by=officer, signed_by="Ed Garcez")
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
    }


def public_paths(partnership):
    data = samples(partnership)
    Pack = apps.get_model("governance", "AgendaPack")
    Appendix = apps.get_model("governance", "Appendix")
    paths = []
    for name, _ns, _pattern, params in all_patterns():
        rule = ACCESS.get(name) if name else None
        if rule is None or PUBLIC not in rule.read or not name.startswith("governance:"):
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
            elif p == "decision":
                combos = [{**c, p: v} for c in combos for v in data["decision"]]
            elif p == "pack":
                combos = [
                    {**c, p: v}
                    for c in combos
                    for v in Pack.objects.filter(meeting_id=c["meeting"]).values_list("pk", flat=True)
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
    return paths


def content_text(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(body)).pages)
    return body.decode()


def test_no_text_of_an_exempt_record_reaches_any_public_url_or_pdf(jc, officer, client):
    partnership = Partnership.objects.get(slug="shared-digital")
    first, later = business(jc, officer)
    assert mark_every_exempt_record() >= 12
    # The public pack is built after the marking, so it would carry any marker that got through.
    pack = pack_build(meeting=later, audience="public", by=officer)
    assert pack.is_published
    paths = public_paths(partnership)
    assert f"/shared-digital/meetings/{first.pk}/minutes.pdf" in paths
    assert f"/shared-digital/meetings/{later.pk}/papers/packs/{pack.pk}/" in paths
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
