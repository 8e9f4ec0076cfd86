"""Who reaches staffing, for every role: staffing officers and administrators edit; the CIO and auditors read;
finance officers see only the cost page; members, committee officers and the public see nothing. Post holders'
names are personal data: only the CIO, administrators and the staffing officers of the holder's own council
see them."""

import pytest
from django.urls import reverse

from governance.models import Partnership
from governance.roles import Role

READERS = {Role.STAFFING_OFFICER, Role.CIO, Role.AUDITOR, Role.ADMINISTRATOR}
EDITORS = {Role.STAFFING_OFFICER, Role.ADMINISTRATOR}
SEE_EVERY_NAME = {Role.CIO, Role.ADMINISTRATOR}


@pytest.fixture
def posts(post_factory, holder_factory, councils):
    camden = post_factory(reference="C1", title="Camden analyst")
    haringey = post_factory(reference="H1", title="Haringey analyst", employing_council=councils["LBH"])
    holder_factory(post=camden, person="Carla Camden", terms_council=councils["LBC"])
    holder_factory(post=haringey, person="Harry Haringey", terms_council=councils["LBH"])
    return camden, haringey


def url(name, **kw):
    return reverse(f"staffing:{name}", kwargs={"partnership": "shared-digital", **kw})


def _user(make_user, role, sd, councils):
    if role is None:
        return None
    council = councils["LBC"] if role in (Role.STAFFING_OFFICER, Role.FINANCE_OFFICER) else None
    return make_user(role, sd, council)


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "public")
def test_who_reads_and_who_edits_staffing(client, make_user, sd, councils, posts, role):
    user = _user(make_user, role, sd, councils)
    if user:
        client.force_login(user)
    camden, _ = posts
    for path in [
        url("establishment"),
        url("chart"),
        url("vacancies"),
        url("ending"),
        url("restructures"),
        url("post", pk=camden.pk),
        url("export"),
    ]:
        response = client.get(path)
        if role in READERS:
            assert response.status_code == 200, (role, path)
        else:
            assert response.status_code in (302, 403), (role, path)
            if role is None:
                assert "/accounts/login/" in response["Location"]
    cost = client.get(url("cost") + "?year=2017/18")
    assert (cost.status_code == 200) == (role in READERS | {Role.FINANCE_OFFICER})
    edit = client.get(url("post_edit", pk=camden.pk))
    assert (edit.status_code == 200) == (role in EDITORS)
    created = client.post(
        url("post_create"),
        {
            "reference": "NEW",
            "title": "New post",
            "grade": camden.grade_id,
            "fte": "1",
            "team": "Ops",
            "employing_council": councils["LBC"].pk,
            "effective_from": "2017-04-01",
            "funding_line": "bau_staff",
        },
    )
    if role in EDITORS:
        assert created.status_code == 302 and "/staffing/posts/" in created["Location"]
    else:
        assert created.status_code == 403 or "/accounts/login/" in created["Location"]
    assert camden.partnership.posts.filter(reference="NEW").exists() == (role in EDITORS)


@pytest.mark.parametrize("role", [r for r in Role if r in READERS], ids=lambda r: r.value)
def test_names_are_shown_only_to_the_cio_administrators_and_their_councils_staffing_officers(
    client, make_user, sd, councils, posts, role
):
    client.force_login(_user(make_user, role, sd, councils))
    camden, haringey = posts
    for path in [url("chart"), url("post", pk=camden.pk), url("post", pk=haringey.pk)]:
        html = client.get(path).content.decode()
        if "Camden analyst" in html and path != url("post", pk=haringey.pk):
            assert ("Carla Camden" in html) == (role in SEE_EVERY_NAME | {Role.STAFFING_OFFICER}), (
                role,
                path,
            )
        if path != url("post", pk=camden.pk):
            # The Camden staffing officer does not see the Haringey holder's name.
            assert ("Harry Haringey" in html) == (role in SEE_EVERY_NAME), (role, path)
            if role not in SEE_EVERY_NAME:
                assert "Name withheld" in html


def test_a_staffing_officer_with_no_council_sees_no_names(client, make_user, sd, posts):
    client.force_login(make_user(Role.STAFFING_OFFICER, sd, None))
    html = client.get(url("chart")).content.decode()
    assert "Carla Camden" not in html and "Harry Haringey" not in html
    assert "Post holders' names are not shown to you." in html.replace("&#x27;", "'")


def test_a_role_for_another_partnership_gives_nothing_here(client, make_user, posts):
    tri = Partnership.objects.get(slug="triborough-ict")
    client.force_login(make_user(Role.STAFFING_OFFICER, tri, None))
    assert client.get(url("establishment")).status_code == 403


def test_the_export_carries_no_names(client, make_user, sd, councils, posts):
    client.force_login(make_user(Role.ADMINISTRATOR, None, None))
    text = client.get(url("export")).content.decode()
    assert "C1" in text and "Carla" not in text and "Harry" not in text


def test_the_public_reaches_no_staffing_page(client, posts):
    camden, _ = posts
    for path in [
        url("establishment"),
        url("chart"),
        url("post", pk=camden.pk),
        url("restructures"),
        url("cost"),
    ]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
