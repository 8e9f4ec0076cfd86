"""The dashboard's figures are cached by the partnership's data version (governance/partners/data_version.py):
a second read runs only the queries of the signed-in page itself, and a write made through the services, one by
one with history rows or in bulk, shows on the very next read."""

import re
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import services as finance
from finance.models import BudgetLine, Line
from governance.models import Action, Council, Partnership
from governance.partners.data_version import partnership_id_of, route_to_partnership
from procurement.models import ContractShare

URL = "/shared-digital/dashboard/"
QUERY = {"year": "2017-18"}
HEADER = "partnership,date,line,amount,incurred_by,charged_to,description\n"


def _figure(page, label):
    match = re.search(rf"{label}</dt><dd[^>]*><a[^>]*>£([0-9,.]+)</a>", page)
    assert match, label
    return Decimal(match.group(1).replace(",", ""))


def _actual_one_off(page):
    """The one-off part of "Actual spend recorded" (evergreening is one-off funding)."""
    match = re.search(r"Actual spend recorded</dt>.*?revenue, <span[^>]*>£([0-9,.]+)</span> one-off", page)
    assert match, "Actual spend recorded"
    return Decimal(match.group(1).replace(",", ""))


def _read(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, QUERY)
    assert response.status_code == 200
    return response.content.decode(), len(ctx)


def test_a_second_read_comes_from_the_cache(as_user):
    client = as_user("cio")
    first, computed = _read(client)
    again, cached = _read(client)
    assert cached < computed / 4, (computed, cached)
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)  # noqa: E731
    assert strip(again) == strip(first)


def test_a_write_through_a_service_shows_on_the_next_read(as_user):
    client = as_user("cio")
    sd = Partnership.objects.get(slug="shared-digital")
    # A one-off line: the one-off provisions are read at their current budget (the revenue budget is read at the
    # seed's printed totals until a revision, which are £1k off the lines' sum).
    label = "One-off provisions: current budget"
    before = _figure(_read(client)[0], label)
    version = sd.data_version
    line = BudgetLine.objects.filter(partnership=sd, year=2017, line=Line.EVERGREENING).order_by("pk").first()
    finance.budget_revise(
        budget_line=line, amount=line.amount + Decimal("1000.00"), effective=date(2017, 9, 1), reason="Test"
    )
    sd.refresh_from_db()
    assert sd.data_version > version
    assert _figure(_read(client)[0], label) == before + Decimal("1000.00")


def test_an_action_completed_in_the_action_log_leaves_the_open_actions_at_once(as_user):
    """The action log's service marks nothing public changed, and calls nothing for the dashboard either: its
    history row is what marks the figures out of date."""
    from django.contrib.auth import get_user_model

    from governance.audit.versions import current_version
    from governance.committees import services as committees

    client = as_user("cio")
    count = lambda page: int(re.search(r"Open actions from minutes, overdue first: (\d+) recorded", page)[1])  # noqa: E731
    before = count(_read(client)[0])
    action = Action.objects.filter(
        item__meeting__body__partnership__slug="shared-digital",
        item__meeting__date__lte=date(2018, 3, 31),
        done_on__isnull=True,
    ).first()
    committees.action_update(
        action=action,
        progress="Done.",
        done_on=action.item.meeting.date,
        version=current_version(action),
        by=get_user_model().objects.get(username="cio"),
    )
    assert count(_read(client)[0]) == before - 1


def test_ledger_lines_imported_in_bulk_show_on_the_next_read(as_user):
    client = as_user("cio")
    before = _actual_one_off(_read(client)[0])
    finance.import_actuals(text=HEADER + "shared-digital,2017-06-01,evergreening,500.00,LBC,LBH,Kit\n")
    assert _actual_one_off(_read(client)[0]) == before + Decimal("500.00")


def test_a_history_row_marks_its_own_partnership_changed_through_its_foreign_keys(as_user):
    as_user("cio")
    assert route_to_partnership(Action) == ("item", "meeting", "body", "partnership")
    assert route_to_partnership(ContractShare) == ("contract", "partnership")
    assert route_to_partnership(Partnership) == ()
    assert route_to_partnership(Council) is None  # shared by partnerships: a change to one marks them all
    action = Action.objects.select_related("item__meeting__body").first()
    owner = action.item.meeting.body.partnership_id
    assert partnership_id_of(action) == owner
    versions = dict(Partnership.objects.values_list("pk", "data_version"))
    action.owner = "Someone else"
    action.save()
    after = dict(Partnership.objects.values_list("pk", "data_version"))
    assert after[owner] == versions[owner] + 1
    assert all(after[pk] == versions[pk] for pk in versions if pk != owner)


def test_saving_a_partnership_loaded_earlier_never_puts_its_versions_back(as_user):
    from governance.partners.data_version import data_changed

    stale = Partnership.objects.get(slug="shared-digital")
    data_changed(stale.pk)  # another change, committed after `stale` was read
    bumped = Partnership.objects.values_list("data_version", "public_version").get(pk=stale.pk)
    stale.description = "Edited"
    stale.save()
    data, public = Partnership.objects.values_list("data_version", "public_version").get(pk=stale.pk)
    assert data > bumped[0] and public == bumped[1]
    assert Partnership.objects.get(pk=stale.pk).description == "Edited"
