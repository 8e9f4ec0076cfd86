"""With a cache every process shares (Redis in production: settings.SHARED_CACHE), a signed-in request reads its
session, its user and its roles from the cache, not the database (sharedservice/signed_in.py); and a role taken
away, a sign-out or a password changed elsewhere takes effect on the very next request."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import RoleAssignment

PAGE = "/shared-digital/dashboard/"
TABLES = ("django_session", "auth_user", "governance_roleassignment")


@pytest.fixture
def shared_cache(settings, demo):
    settings.SHARED_CACHE = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _signed_in(username):
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _tables_read(client, url=PAGE):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    read = {t for q in ctx.captured_queries for t in TABLES if re.search(rf'\bFROM "?{t}"?', q["sql"])}
    return response, read


def test_a_signed_in_request_reads_its_session_user_and_roles_from_the_cache(shared_cache):
    client = _signed_in("cio")
    first, _ = _tables_read(client)
    assert first.status_code == 200
    again, read = _tables_read(client)
    assert again.status_code == 200
    assert read == set()


def test_without_a_shared_cache_they_are_read_from_the_database(settings, demo):
    settings.SHARED_CACHE = False
    client = _signed_in("cio")
    client.get(PAGE)
    response, read = _tables_read(client)
    assert response.status_code == 200 and read == set(TABLES)


def test_a_role_taken_away_takes_effect_on_the_next_request(shared_cache):
    client = _signed_in("cio")
    assert client.get(PAGE).status_code == 200
    cio = get_user_model().objects.get(username="cio")
    RoleAssignment.objects.filter(user=cio, role="cio").delete()
    assert client.get(PAGE).status_code == 403


def test_a_role_given_takes_effect_on_the_next_request(shared_cache):
    staffing = "/shared-digital/staffing/vacancies/"  # the CIO reads it, a member does not
    client = _signed_in("member")
    member = get_user_model().objects.get(username="member")
    assert client.get(staffing).status_code == 403
    assignment = RoleAssignment.objects.filter(user=member, partnership__slug="shared-digital").first()
    assignment.role = "cio"
    assignment.save()
    assert client.get(staffing).status_code == 200


def test_signing_out_ends_the_session_at_once_even_replayed(shared_cache):
    client = _signed_in("cio")
    assert client.get(PAGE).status_code == 200
    cookie = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    client.cookies["sessionid"] = cookie  # the old cookie, replayed
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_password_changed_elsewhere_signs_other_sessions_out(shared_cache):
    client = _signed_in("cio")
    assert client.get(PAGE).status_code == 200
    cio = get_user_model().objects.get(username="cio")
    cio.set_password("a-new-password-2026")
    cio.save()
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
