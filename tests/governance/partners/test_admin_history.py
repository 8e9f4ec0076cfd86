"""Administrators manage councils, partnerships, people and roles in the admin, and see each record's history."""

from django.contrib.auth import get_user_model

from governance.models import Council


def test_the_admin_shows_every_governance_list_and_a_councils_history(demo, client):
    client.force_login(get_user_model().objects.get(username="admin"))
    for model in ("council", "partnership", "membership", "hostauthority", "roleassignment", "job"):
        assert client.get(f"/admin/governance/{model}/").status_code == 200, model
    council = Council.objects.get(code="LBH")
    client.post(
        f"/admin/governance/council/{council.pk}/change/",
        {"name": council.name, "code": "LBH", "kind": council.kind, "website": "https://haringey.example"},
    )
    page = client.get(f"/admin/governance/council/{council.pk}/history/").content.decode()
    assert "https://haringey.example" in Council.objects.get(pk=council.pk).website
    assert "Changed" in page or "changed" in page
    assert client.get("/admin/auth/user/").status_code == 200
