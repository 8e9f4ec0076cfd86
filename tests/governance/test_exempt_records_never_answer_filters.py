"""Generic probe: an exempt record never answers a public filter, search or sort by a field its public page
hides. A public list may filter only on what the public projection shows.

An exempt officer decision and an exempt item's resolution are given, in every field the public projection
withholds, one set of values (unique markers in every text field, the other boolean, another delegation, body,
office, councils' shares, dates and sums) and then another. Every public list (the register page, the API's
officer decisions and resolutions, the search page) is asked with every filter of its FilterSet and every value
either set could answer; the two sets of answers must be the same, byte for byte: counts, rows and their order.
The hidden fields are found from the models and the projection, so a field or filter added later is probed too.
"""

import dataclasses
import itertools
from datetime import date, timedelta
from decimal import Decimal

import django_filters
import pytest
from django.db import models
from django.urls import URLPattern, URLResolver

from engagement.search import index_partnership
from governance.committees import services as committee_services
from governance.committees.forms import DecisionFilter
from governance.delegations import public as delegations_public
from governance.delegations import services as delegation_services
from governance.delegations.forms import OfficerDecisionFilter
from governance.models import (
    AgendaItem,
    Body,
    Council,
    DecisionShare,
    Delegation,
    Meeting,
    Office,
    OfficerDecision,
    Resolution,
)
from governance.partners.public_cache import public_changed
from governance.projection import ProjectionFilterSet, filter_reads
from sharedservice import api_urls

from .conftest import add_business
from .delegation_helpers import cio, equal_shares, save_decision

pytestmark = pytest.mark.django_db

API = "/api/v1/partnerships/shared-digital"
PREFIX = "QZHIDE"
# Fields no filter is about: who recorded it, which partnership, whether it is taken (only taken ones are listed).
NOT_PROBED = {"id", "partnership", "status", "recorded_by", "is_exempt"}


def shown_of_exempt(decision):
    """The model fields whose values the public projection shows of an exempt decision."""
    view = delegations_public.officer_decision_view(decision)
    shown = {
        f.name
        for f in dataclasses.fields(view)
        if getattr(view, f.name) != (f.default if f.default is not dataclasses.MISSING else None)
    }
    return shown | {"exempt_paragraph"}


def variant_value(field, n, sd):
    """A value of the field for variant n (0 or 1): the two differ in every way a filter could see."""
    if isinstance(field, models.ForeignKey):
        candidates = list(field.related_model.objects.filter(partnership=sd).order_by("pk"))
        choices = ([None] if field.null else []) + candidates
        return choices[0] if n == 0 else choices[-1]
    if field.choices:
        return field.choices[n][0]
    if isinstance(field, models.BooleanField):
        return bool(n)
    if isinstance(field, models.DecimalField):
        return Decimal(1000 * (n + 1))
    if isinstance(field, models.DateField):
        return date(2019, 1, 1) + timedelta(days=400 * n)
    if isinstance(field, models.IntegerField):
        return n + 1
    if isinstance(field, models.CharField | models.TextField):
        marker = f"{PREFIX}{n}{field.name.replace('_', '')}"
        return marker[: field.max_length] if field.max_length else marker
    raise AssertionError(f"No variants for {field!r}: teach the probe this kind of field.")


def hidden_fields(model, shown):
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in shown and f.name not in NOT_PROBED and not f.primary_key
    ]


@pytest.fixture
def exempt_records(demo, officer, jc, sd):
    # A second office, so that which office decided can differ between the variants.
    Office.objects.create(partnership=sd, name="QZ Chief Finance Officer", short_name="QZCFO")
    decision, _ = save_decision(
        shares=equal_shares("1000"),
        title="Exempt award of a contract",
        value=Decimal("1000"),
        is_exempt=True,
        exempt_paragraph=3,
        public_summary="A contract was awarded; the terms are commercially sensitive.",
        decided_on=date(2018, 3, 2),
    )
    decision = delegation_services.officer_decision_take(
        decision=decision, by=cio(), published_on=decision.decided_on
    )
    meeting = committee_services.meeting_create(
        body=jc, date=date.today() + timedelta(days=30), venue="Town Hall", by=officer
    )
    add_business(meeting, officer, "Open business")
    item = add_business(
        meeting, officer, "Secret business", is_exempt=True, exempt_paragraph=3, public_title="Exempt matter"
    )
    committee_services.agenda_publish(meeting=meeting, by=officer)
    Meeting.objects.filter(pk=meeting.pk).update(
        date=date.today() - timedelta(days=7), deputation_deadline=date.today() - timedelta(days=11)
    )
    meeting.refresh_from_db()
    committee_services.meeting_mark_held(meeting=meeting, by=officer)
    item.refresh_from_db()
    resolution = committee_services.resolution_add(item=item, clauses="THAT the contract be let.", by=officer)
    return decision, resolution


def apply_variant(n, decision, resolution, sd):
    shown = shown_of_exempt(decision)
    OfficerDecision.objects.filter(pk=decision.pk).update(
        **{f.name: variant_value(f, n, sd) for f in hidden_fields(OfficerDecision, shown)}
    )
    councils = list(Council.objects.filter(memberships__partnership=sd).distinct().order_by("code"))
    DecisionShare.objects.filter(decision=decision).delete()
    for council in councils[:1] if n == 0 else councils[1:]:
        DecisionShare.objects.create(
            decision=decision, council=council, amount=Decimal(500 * (n + 1)), wards=n
        )
    # The resolution on the exempt item, and the item's own text beyond its public title.
    Resolution.objects.filter(pk=resolution.pk).update(
        **{f.name: variant_value(f, n, sd) for f in hidden_fields(Resolution, {"item", "meeting"})}
    )
    resolution.councils.set(councils[:1] if n == 0 else councils[1:])
    item_text = [
        f
        for f in AgendaItem._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices and f.name != "public_title"
    ]
    AgendaItem.objects.filter(pk=resolution.item_id).update(
        **{f.name: variant_value(f, n, sd) for f in item_text}
    )
    public_changed(sd)  # the writes above bypass the services: start from a cold public cache


def candidate_values(filter_, sd, texts):
    """Every value of a filter that either variant could answer to."""
    if isinstance(filter_, django_filters.BooleanFilter):
        return ["true", "false"]
    if isinstance(filter_, django_filters.DateFilter):
        return ["2018-03-01", "2018-03-02", "2018-03-03", "2019-01-01", "2020-02-05"]
    if isinstance(filter_, django_filters.CharFilter):
        return texts
    ids = itertools.chain(
        Body.objects.filter(partnership=sd).values_list("pk", flat=True),
        Council.objects.filter(memberships__partnership=sd).values_list("pk", flat=True),
        Delegation.objects.filter(partnership=sd).values_list("pk", flat=True),
    )
    return sorted({str(i) for i in ids})


def probes(sd, texts):
    lists = [
        ("/shared-digital/decisions/", DecisionFilter),
        ("/shared-digital/decisions/", OfficerDecisionFilter),
        (f"{API}/officer-decisions/", OfficerDecisionFilter),
        (f"{API}/resolutions/", DecisionFilter),
    ]
    asked = [(url, None, None) for url, _ in lists]
    for url, filterset in lists:
        for name, filter_ in filterset.base_filters.items():
            for value in candidate_values(filter_, sd, texts):
                asked.append((url, name, value))
    asked += [("/shared-digital/search/", "q", text) for text in texts]
    asked += [(f"{API}/search/", "q", text) for text in texts]
    asked += [("/shared-digital/search.atom", "q", text) for text in texts]
    return sorted(set(asked), key=str)


def answers(client, asked):
    out = {}
    for url, name, value in asked:
        response = client.get(url, {name: value} if name else {})
        out[(url, name, value)] = (response.status_code, response.content)
    return out


def test_no_public_list_answers_a_filter_by_a_field_an_exempt_record_hides(client, sd, exempt_records):
    decision, resolution = exempt_records
    texts = sorted(
        {
            variant_value(f, n, sd)
            for n in (0, 1)
            for model, shown in (
                (OfficerDecision, shown_of_exempt(decision)),
                (Resolution, {"item", "meeting"}),
                (AgendaItem, {"public_title"}),
            )
            for f in hidden_fields(model, shown)
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        }
    )
    assert len(texts) > 20
    asked = probes(sd, texts)
    apply_variant(0, decision, resolution, sd)
    index_partnership(sd)  # the search reads its index, brought up to date after each change
    first = answers(client, asked)
    apply_variant(1, decision, resolution, sd)
    index_partnership(sd)
    second = answers(client, asked)
    differ = [key for key in asked if first[key] != second[key]]
    assert not differ, f"answered by a hidden field: {differ[:10]}"
    # The exempt decision is listed, by what the public sees of it.
    listed = client.get(f"{API}/officer-decisions/", {"text": "commercially sensitive"}).json()
    assert [r["id"] for r in listed["results"]] == [decision.pk]
    # And a search for its hidden text finds nothing: the reported prefix search.
    for text in texts:
        assert client.get(f"{API}/officer-decisions/", {"text": text[:8]}).json()["count"] == 0


def test_insiders_filter_exempt_decisions_by_everything(client, sd, exempt_records, make_user):
    from governance.roles import Role

    decision, resolution = exempt_records
    apply_variant(0, decision, resolution, sd)
    client.force_login(make_user(Role.COMMITTEE_OFFICER, sd, username="probe.officer"))
    page = client.get("/shared-digital/decisions/", {"text": f"{PREFIX}0reasons"}).content.decode()
    assert "Exempt award of a contract" in page


def public_filtered_api_views(patterns=api_urls.urlpatterns):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from public_filtered_api_views(p.url_patterns)
        elif isinstance(p, URLPattern):
            view = getattr(p.callback, "view_class", None)
            if getattr(view, "filterset_class", None) is not None:
                yield p.name, view


def test_every_filter_of_a_list_with_exempt_records_reads_only_the_projection():
    """Structural: the FilterSets of lists that hold exempt records read only `shown_` fields (checked when
    a FilterSet is made), and every filtered API list is probed above or holds no exempt record."""
    for name in OfficerDecisionFilter.base_filters:
        for field in filter_reads(OfficerDecisionFilter, name):
            assert field.startswith("shown_") or field in OfficerDecisionFilter.always_shown
    with pytest.raises(Exception, match="does not project"):
        OfficerDecisionFilter({}, queryset=OfficerDecision.objects.all())
    probed = {"officer_decisions", "resolutions"}
    # Meetings hold no exempt record (an exempt item is inside a meeting, which is itself public).
    without_exempt_records = {"meetings"}
    names = {name for name, _ in public_filtered_api_views()}
    assert names <= probed | without_exempt_records, names - probed - without_exempt_records
    assert issubclass(OfficerDecisionFilter, ProjectionFilterSet)
