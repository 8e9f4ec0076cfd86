"""Writers that used to deadlock on PostgreSQL, run at once in two threads (two connections), both finish.

Each change used to bump its partnership's versions as its history row was written, so a writer held the
partnership row from its first change until it committed, and a change that belonged to no one partnership (a
new supplier) bumped, and locked, every partnership. Two contract imports into different partnerships then each
held its own partnership and waited for the other's; a restructure held the partnership while it waited for a
holder that a secondment's extension had locked and was about to bump the same partnership. Now a transaction's
partnerships are bumped once each, in id order, as it commits (governance/partners/freshness.py), and a
restructure takes posts before holders, as holder edits do. A barrier makes each pair meet at the point where
the old order deadlocked."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, transaction

from governance.models import Council, Partnership

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and deadlocks are PostgreSQL's"),
    pytest.mark.postgres,
]


def _run_together(barrier, *jobs):
    """Runs each job in its own thread and connection; returns the errors they raised."""
    errors = []

    def run(job):
        try:
            job()
        except Exception as error:  # noqa: BLE001 (reported below, whatever it is)
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,), name=job.__name__) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def _meet_after_first_call(module, name, barrier, monkeypatch, threads=None):
    """Patches module.name so that its first call in each thread (of `threads`, when given) is followed by a
    meeting with the other thread at the barrier."""
    original, seen = getattr(module, name), threading.local()

    def patched(*args, **kwargs):
        result = original(*args, **kwargs)
        if not getattr(seen, "done", False) and (
            threads is None or threading.current_thread().name in threads
        ):
            seen.done = True
            barrier.wait()
        return result

    monkeypatch.setattr(module, name, patched)


def test_two_contract_imports_into_different_partnerships_both_finish(demo, monkeypatch):
    from procurement import services
    from procurement.models import Contract

    sd = Partnership.objects.get(slug="shared-digital")
    tri = Partnership.objects.get(slug="triborough-ict")
    header = ",".join(services.COLUMNS)

    def row(reference, supplier, shares):
        return (
            f"{reference},Service desk tooling,software,{supplier},,yes,no,ICT,Licences,"
            f"90000.00,30000.00,0,2018-04-01,2021-03-31,3,open,,,live,legacy,bau_non_staff,{shares},"
        )

    # In each file the first contract has no supplier and the second brings a new one (a record that belongs
    # to no one partnership, which used to bump every partnership).
    sd_shares, tri_shares = (
        "LBC:30000.00;LBH:30000.00;LBI:30000.00",
        "LBHF:30000.00;RBKC:30000.00;WCC:30000.00",
    )
    files = {
        sd: [row("LOCK-SD-1", "", sd_shares), row("LOCK-SD-2", "Camden Kit Ltd", sd_shares)],
        tri: [row("LOCK-TRI-1", "", tri_shares), row("LOCK-TRI-2", "Westway Kit Ltd", tri_shares)],
    }
    versions = dict(Partnership.objects.values_list("pk", "data_version"))
    barrier = threading.Barrier(2, timeout=30)
    _meet_after_first_call(services, "contract_save", barrier, monkeypatch)

    def importing(partnership):
        return lambda: services.contracts_import(
            partnership=partnership, text="\n".join([header, *files[partnership]]) + "\n", by=None
        )

    assert _run_together(barrier, importing(sd), importing(tri)) == []
    assert set(
        Contract.objects.filter(reference__startswith="LOCK-").values_list("reference", flat=True)
    ) == {
        "LOCK-SD-1",
        "LOCK-SD-2",
        "LOCK-TRI-1",
        "LOCK-TRI-2",
    }
    after = dict(Partnership.objects.values_list("pk", "data_version"))
    assert (after[sd.pk], after[tri.pk]) == (versions[sd.pk] + 1, versions[tri.pk] + 1)  # once each


def test_a_restructure_and_a_secondment_extended_in_a_post_it_deletes_both_finish(demo, monkeypatch):
    from staffing import services
    from staffing.models import Grade, Post, PostHolder

    sd = Partnership.objects.get(slug="shared-digital")
    lbc = Council.objects.get(code="LBC")
    grade = Grade.objects.create(partnership=sd, code="LOCK5", name="PO5", rank=5)

    def post(reference):
        return services.post_create(
            partnership=sd,
            by=None,
            reference=reference,
            title=f"Head of {reference}",
            grade=grade,
            fte=Decimal("1"),
            team="Leadership",
            employing_council=lbc,
            funding_line="bau_staff",
            effective_from=date(2010, 4, 1),
        )

    first, second = post("LOCK-A"), post("LOCK-B")
    for each in (first, second):
        services.holder_add(
            post=each,
            by=None,
            person=f"Seconded to {each.reference}",
            kind=PostHolder.Kind.SECONDED_IN,
            fte=Decimal("1"),
            start=date(2012, 1, 1),
            end=date(2015, 6, 30),
            terms_council=lbc,
            seconded_from=Council.objects.get(code="LBH"),
        )
    restructure = services.restructure_create(
        partnership=sd,
        by=None,
        name="Lock test",
        effective_date=date(2015, 4, 1),
        staff_affected=2,
        decision_text="Executive decision, 1 December 2014",
    )
    for each in (first, second):
        services.restructure_delete_post(restructure=restructure, post=each, by=None)
    held = PostHolder.objects.get(post=second)
    barrier = threading.Barrier(2, timeout=30)
    # The restructure meets the extension after its first change (the first post's holder ended).
    _meet_after_first_call(services, "_save", barrier, monkeypatch, threads={"restructuring"})

    def restructuring():
        services.restructure_apply(restructure=restructure, by=None)

    def extending():
        with transaction.atomic():
            PostHolder.objects.select_for_update().get(pk=held.pk)  # the form's save has the holder
            barrier.wait()
            services.secondment_extend(holder=held, new_end=date(2015, 9, 30), reason="Cover", by=None)

    errors = _run_together(barrier, restructuring, extending)
    assert errors == []
    held.refresh_from_db()
    assert held.end == date(2015, 3, 31)  # the restructure, which waited for the extension, ended it
    assert Post.objects.get(pk=second.pk).effective_to == date(2015, 3, 31)
