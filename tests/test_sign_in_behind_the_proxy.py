"""Behind the documented TLS proxy every request comes from the proxy's address; django-axes reads each
visitor's own address from X-Forwarded-For through django-ipware, so wrong passwords lock that username at the
attacker's address only, never the real user (nor the administrator) everywhere. A visitor cannot choose their
address with a forged header, behind the proxy or without one."""

import pytest
from axes.helpers import IPWARE_INSTALLED, get_client_ip_address
from django.conf import settings
from django.test import RequestFactory, override_settings

from sharedservice.settings import sign_in_address
from tests.test_settings_and_deployment import run_manage

LOGIN = "/accounts/login/"
RIGHT = "correct-horse-battery"
PROXY = "10.0.0.2"  # the TLS proxy, as the application server sees it
ATTACKER = "81.2.69.142"
REAL_USER = "2.125.160.216"
SECRET = "k" * 20 + "x7Qp!zR2vN9wL4mT8sY1cB6dF3gH5jK0"


def behind_the_proxy(proxies=1):
    count, order, strict = sign_in_address(proxies)
    return override_settings(
        AXES_IPWARE_PROXY_COUNT=count, AXES_IPWARE_META_PRECEDENCE_ORDER=order, IPWARE_STRICT=strict
    )


def through_proxy(client, username, password, visitor, forged=""):
    """A sign-in that came through the proxy, which appends the visitor's address to X-Forwarded-For."""
    chain = f"{forged}, {visitor}" if forged else visitor
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def test_django_ipware_is_what_axes_uses():
    assert IPWARE_INSTALLED


def test_production_settings_read_the_address_the_proxy_appended():
    probe = (
        "from django.conf import settings as s; "
        "print('ipware', s.AXES_IPWARE_PROXY_COUNT, list(s.AXES_IPWARE_META_PRECEDENCE_ORDER), getattr(s, 'IPWARE_STRICT', None), "
        "s.AXES_LOCKOUT_PARAMETERS)"
    )
    result = run_manage("shell", "-c", probe, DEBUG="0", SECRET_KEY=SECRET)
    assert "ipware 0 ['HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR'] False [['username', 'ip_address']]" in (
        result.stdout
    ), result.stdout + result.stderr
    assert sign_in_address(2)[0] == 1  # a CDN before the TLS proxy: the visitor is second from the right
    direct = run_manage("shell", "-c", probe, DEBUG="0", SECRET_KEY=SECRET, BEHIND_TLS_PROXY="0")
    assert "['REMOTE_ADDR']" in direct.stdout, direct.stdout + direct.stderr


@pytest.mark.parametrize(
    "chain, expected",
    [
        (REAL_USER, REAL_USER),
        # A forged entry before the proxy's own is ignored: the visitor is who the proxy saw.
        (f"{ATTACKER}, {REAL_USER}", REAL_USER),
        (f"1.1.1.1, 8.8.8.8, {ATTACKER}", ATTACKER),
    ],
)
def test_the_visitor_is_the_address_the_proxy_appended(chain, expected):
    request = RequestFactory().post(LOGIN, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)
    with behind_the_proxy():
        assert get_client_ip_address(request) == expected


def test_without_a_proxy_the_header_is_not_believed():
    request = RequestFactory().post(LOGIN, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=REAL_USER)
    assert list(settings.AXES_IPWARE_META_PRECEDENCE_ORDER) == ["REMOTE_ADDR"]
    assert get_client_ip_address(request) == ATTACKER


@pytest.mark.django_db
def test_wrong_passwords_behind_the_proxy_lock_the_attacker_not_the_real_user(client, make_user):
    make_user(username="admin.user", is_staff=True, is_superuser=True)
    with behind_the_proxy():
        for _ in range(settings.AXES_FAILURE_LIMIT * 3):
            through_proxy(client, "admin.user", "wrong-password", ATTACKER)
        # The attacker's address is locked for that username, even with the right password ...
        locked = through_proxy(client, "admin.user", RIGHT, ATTACKER)
        assert locked.status_code == 429 and not signed_in(client)
        # ... and forging the real user's address in front of their own does not help them.
        forged = through_proxy(client, "admin.user", RIGHT, ATTACKER, forged=REAL_USER)
        assert forged.status_code == 429 and not signed_in(client)
        # The real user, through the same proxy, signs in.
        response = through_proxy(client, "admin.user", RIGHT, REAL_USER)
        assert response.status_code == 302 and signed_in(client)
