"""The dashboard runs the same number of queries when every list it shows doubles: posts and their holders,
contracts, restructures, meetings, actions, key decisions, officer and parallel decisions, statements,
projects and risks."""

from datetime import time

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance.models import RechargeStatement
from governance.models import Action, ForwardPlanEntry, Meeting, OfficerDecision
from governance.portfolio.models import Project, Risk
from procurement.models import Contract
from staffing.models import Post, Restructure

URL = "/shared-digital/dashboard/"
QUERY = {"year": "2017-18", "on": "2018-01-15"}


def _clone(obj, **changes):
    obj.pk = obj.id = None
    obj._state.adding = True
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def _double(partnership):
    for post in Post.objects.filter(partnership=partnership):
        holders, original = list(post.holders.all()), post.pk
        post = _clone(post, reference=f"{post.reference}-2", reports_to=None)
        for h in holders:
            _clone(h, post=post)
        assert original != post.pk
    for contract in Contract.objects.filter(partnership=partnership):
        shares, options = list(contract.shares.all()), list(contract.extensions.all())
        contract = _clone(contract, reference=f"{contract.reference}-2")
        for s in shares:
            _clone(s, contract=contract)
        for o in options:
            _clone(o, contract=contract)
    for r in Restructure.objects.filter(partnership=partnership):
        _clone(r, name=f"{r.name} (2)")
    for m in Meeting.objects.filter(body__partnership=partnership):
        items = list(m.items.prefetch_related("actions"))
        m = _clone(m, start_time=time(9, 1), next_meeting=None, minutes_approved_at=None)
        for item in items:
            actions = list(item.actions.all())
            new_item = _clone(item, meeting=m)
            for a in actions:
                _clone(a, item=new_item)
    for a in Action.objects.filter(item__meeting__body__partnership=partnership):
        _clone(a)
    for e in ForwardPlanEntry.objects.filter(partnership=partnership):
        councils = list(e.councils.all())
        e = _clone(e, reference=f"{e.reference}-2", agenda_item=None)
        e.councils.set(councils)
    for d in OfficerDecision.objects.filter(partnership=partnership):
        shares, parallel = list(d.shares.all()), list(d.parallel_decisions.all())
        d = _clone(d)
        for s in shares:
            _clone(s, decision=d)
        for p in parallel:
            _clone(p, decision=d)
    for s in RechargeStatement.objects.filter(partnership=partnership):
        _clone(s, sequence=s.sequence + 50, number=f"{s.number}-2" if s.number else None)
    for p in Project.objects.filter(partnership=partnership):
        councils = list(p.councils.all())
        p = _clone(p, title=f"{p.title} (2)", duplicate_of=None)
        p.councils.set(councils)
    for r in Risk.objects.filter(partnership=partnership):
        _clone(r)


def _count(client, query):
    client.get(URL, query)
    cache.clear()  # count the queries that compute the figures, not those of a cached copy
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, query)
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_the_dashboard_runs_the_same_queries_when_its_rows_double(as_user):
    client = as_user("cio")
    from governance.models import Partnership

    sd = Partnership.objects.get(slug="shared-digital")
    counts = {}
    for name, query in (("all", QUERY), ("haringey", {**QUERY, "council": "LBH"})):
        counts[name] = _count(client, query)[0]
    _double(sd)
    for name, query in (("all", QUERY), ("haringey", {**QUERY, "council": "LBH"})):
        count, page = _count(client, query)
        assert count == counts[name], (name, counts[name], count)
    assert "826 posts" in _count(client, QUERY)[1]
