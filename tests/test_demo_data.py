from io import StringIO

from django.core.management import call_command

from governance.models import Council, Membership, Partnership, RoleAssignment


def test_load_demo_is_idempotent_and_prints_the_logins(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    counts = [m.objects.count() for m in (Council, Partnership, Membership, RoleAssignment)]
    histories = Council.history.count()
    call_command("load_demo", stdout=StringIO())
    assert [m.objects.count() for m in (Council, Partnership, Membership, RoleAssignment)] == counts
    assert Council.history.count() == histories  # a second run changes nothing
    assert counts[:3] == [6, 2, 6]
    text = out.getvalue()
    assert "finance.haringey" in text and "demo-pass-2026" in text
    assert sorted(Council.objects.values_list("code", flat=True)) == [
        "LBC",
        "LBH",
        "LBHF",
        "LBI",
        "RBKC",
        "WCC",
    ]
