"""A NUL character in a request is refused at the door with a 400: no text column can hold one (PostgreSQL raises
an error), so no view, filter or search ever passes one to the database."""

import pytest

NUL = "a\x00b"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/shared-digital/search/", "/shared-digital/forward-plan/", "/shared-digital/meetings/", "/accounts/login/"],
)
def test_a_nul_character_in_a_query_value_or_name_is_a_400(client, demo, path):
    assert client.get(path, {"q": NUL}).status_code == 400
    assert client.get(path, {NUL: "1"}).status_code == 400
    assert client.get(path, {"q": "plain"}).status_code in {200, 302}


@pytest.mark.django_db
def test_a_nul_character_in_a_form_value_is_a_400_and_signs_no_one_in(client, make_user):
    make_user(username="ada")
    response = client.post("/accounts/login/", {"username": "ada", "password": "correct-horse-battery" + "\x00"})
    assert response.status_code == 400 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_400_page_is_the_sites_own(client, demo):
    response = client.get("/shared-digital/search/", {"q": NUL})
    assert response.status_code == 400 and "<html" in response.content.decode().lower()
