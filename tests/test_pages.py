"""Home pages per role, the public pages, sign in and out, and fixed query counts."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import Council, Membership, Partnership
from governance.roles import Role

ROLE_HOMES = {
    "officer": "Committee officer",
    "finance.haringey": "Finance officer, London Borough of Haringey",
    "cio": "Chief information officer",
    "member": "Member",
    "auditor": "Auditor",
    "admin": "Administrator",
}


@pytest.mark.parametrize("username,heading", ROLE_HOMES.items())
def test_each_demo_role_sees_its_home_page(demo, client, username, heading):
    client.force_login(get_user_model().objects.get(username=username))
    page = client.get("/").content.decode()
    assert f">{heading}" in page
    assert "Sign out" in page


def test_visitors_see_the_partnerships_without_signing_in(demo, client):
    page = client.get("/").content.decode()
    assert "Shared Digital" in page and "London Borough of Islington" in page
    assert "Sign in" in page
    detail = client.get("/shared-digital/").content.decode()
    assert "London Borough of Camden" in detail and "1 April 2018" in detail
    assert client.get("/no-such-partnership/").status_code == 404


def test_sign_in_with_a_wrong_password_says_so(demo, client):
    response = client.post("/accounts/login/", {"username": "cio", "password": "wrong"})
    assert "Enter a correct username and password" in response.content.decode()
    response = client.post("/accounts/login/", {"username": "cio", "password": "demo-pass-2026"})
    assert response.status_code == 302
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/changes/").status_code == 302


def test_a_partnership_auditor_cannot_read_the_system_wide_change_history(demo, make_user, client):
    client.force_login(make_user(Role.AUDITOR, Partnership.objects.get(slug="shared-digital")))
    assert client.get("/changes/").status_code == 403


def _grow(n):
    """Adds n councils and a partnership of them, to show pages do not query per row."""
    p = Partnership.objects.create(
        name=f"Grown {n}", slug=f"grown-{n}", legal_basis="s113", start_date="2020-04-01"
    )
    for i in range(n):
        code = "Z" + "".join(chr(65 + int(d)) for d in f"{n:02d}{i:02d}")
        c = Council.objects.create(name=f"Council {code}", code=code, kind="district")
        Membership.objects.create(partnership=p, council=c, joined="2020-04-01")
    return p


@pytest.mark.parametrize("path", ["/", "/shared-digital/", "/changes/"])
def test_pages_run_a_fixed_number_of_queries(demo, client, path):
    client.force_login(get_user_model().objects.get(username="auditor"))
    counts = []
    for n in (1, 12):
        _grow(n)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
            assert response.status_code == 200
        # The change history reads each kind of record on its page in one query: its count follows the kinds
        # shown (at most the kinds there are), never the rows.
        counts.append(len(ctx) - response.context.get("kinds_on_page", 0))
    assert counts[0] == counts[1], counts
