"""The access table covers every URL of the project, and no role reaches what the table denies it."""

import itertools
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from governance.models import Council, Partnership
from governance.roles import Role
from sharedservice.access import ACCESS, PUBLIC, SIGNED_IN, rule_for

# Values to fill each URL parameter with; several are tried where a pattern accepts only some.
SAMPLES = {
    "partnership": ["shared-digital"],
    "job_id": [str(uuid.uuid4())],
    "object_id": ["1"],
    "app_label": ["governance", "auth"],
    "version_id": ["1"],
    "content_type_id": ["1"],
    "url": ["anything"],
    "user_id": ["1"],
    "id": ["1"],
    "pk": ["1"],
    "year": ["2017-18", "2018"],
    "council": ["LBH"],
    "quarter": ["1"],
    "statement_id": ["1"],
    "body": ["shared-digital-joint-committee"],
    "meeting": ["1"],
    "item": ["1"],
    "decision": ["1"],
    "parallel": ["1"],
    "pack": ["1"],
    "appendix": ["1"],
    "payment": ["1"],
    "action": ["1"],
    "operation": ["GetCommittees"],
}


def walk(resolver=None, namespace="", outer=()):
    """Every URL pattern of the project, as (view name, namespace, pattern, parameter names)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        params = tuple(outer) + tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if entry.namespace and namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from walk(entry, ns, params)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, namespace, entry, params


def all_patterns():
    return list(walk())


def path_for(name, pattern, params):
    if not name:
        return None
    for combo in itertools.product(*(SAMPLES.get(p, ["1"]) for p in params)):
        try:
            return reverse(name, kwargs=dict(zip(params, combo, strict=True)))
        except NoReverseMatch:
            continue
    positional = pattern.pattern.regex.groups - len(params)
    if positional and not params:
        try:
            return reverse(name, args=["1"] * positional)
        except NoReverseMatch:
            pass
    raise AssertionError(f"Cannot build a path for {name}; add a sample value to SAMPLES.")


def test_every_url_is_in_the_access_table():
    missing = []
    for name, namespace, pattern, _params in all_patterns():
        if name is None and not namespace:
            missing.append(f"unnamed pattern {pattern.pattern}")
        elif rule_for(name or "", namespace) is None:
            missing.append(name)
    assert not missing, f"URLs missing from sharedservice/access.py: {missing}"


def test_the_table_names_no_url_that_does_not_exist():
    names = {name for name, _, _, _ in all_patterns() if name}
    namespaces = {ns for _, ns, _, _ in all_patterns() if ns}
    stale = [k for k in ACCESS if not (k in names or (k.endswith(":*") and k[:-2] in namespaces))]
    assert not stale, f"The access table names URLs that no longer exist: {stale}"


ADMIN_SAMPLE_PRINCIPALS = {"anonymous", "no role", "Auditor (every partnership)"}


@pytest.fixture
def principals(demo, make_user):
    """(label, user or None, what the table should let them count as for shared-digital)."""
    sd = Partnership.objects.get(slug="shared-digital")
    tri = Partnership.objects.get(slug="triborough-ict")
    lbh = Council.objects.get(code="LBH")
    lbhf = Council.objects.get(code="LBHF")
    result = [("anonymous", None, {PUBLIC}), ("no role", make_user(), {PUBLIC, SIGNED_IN})]
    for role in Role:
        council_sd = lbh if role == Role.FINANCE_OFFICER else None
        council_tri = lbhf if role == Role.FINANCE_OFFICER else None
        result.append(
            (f"{role.label} (shared-digital)", make_user(role, sd, council_sd), {PUBLIC, SIGNED_IN, role})
        )
        # A role held for another partnership gives nothing here.
        result.append(
            (f"{role.label} (triborough-ict)", make_user(role, tri, council_tri), {PUBLIC, SIGNED_IN})
        )
    for role in (Role.AUDITOR, Role.ADMINISTRATOR):
        result.append((f"{role.label} (every partnership)", make_user(role), {PUBLIC, SIGNED_IN, role}))
    return result


VISITORS = (
    ["anonymous", "no role"]
    + [f"{role.label} ({slug})" for role in Role for slug in ("shared-digital", "triborough-ict")]
    + [f"{role.label} (every partnership)" for role in (Role.AUDITOR, Role.ADMINISTRATOR)]
)


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_no_role_reaches_what_the_table_denies(client, principals, visitor):
    """One test per visitor, so that the workers share the walk; each works out the whole walk (over a hundred
    requests the table denies, every visitor together) and makes this visitor's requests."""
    assert sorted(label for label, _, _ in principals) == sorted(VISITORS)
    patterns = [
        (
            name,
            pattern,
            params,
            path_for(name, pattern, params) if name else f"/{namespace}/anything/",
            rule_for(name or "", namespace),
        )
        for name, namespace, pattern, params in all_patterns()
    ]
    planned, mine = 0, []
    for label, user, held_here in principals:
        # Outside a partnership, a role held for any partnership counts.
        held_anywhere = held_here | {
            r for r in Role if user and user.role_assignments.filter(role=r).exists()
        }
        for name, _pattern, params, path, rule in patterns:
            # The admin's 174 pages share one wildcard rule, enforced before any admin view runs: its index is
            # tried by everyone, its other pages by the visitor, the person with no role and the auditor of
            # every partnership (the widest reader who is not an administrator).
            if (
                name
                and name.startswith("admin:")
                and name != "admin:index"
                and label not in ADMIN_SAMPLE_PRINCIPALS
            ):
                continue
            held = held_here if "partnership" in params else held_anywhere
            for method, allowed in (("get", rule.read), ("post", rule.write)):
                if held & allowed:
                    continue
                planned += 1
                if label == visitor:
                    mine.append((user, name, path, method))
    assert planned > 100
    checked = 0
    for user, name, path, method in mine:
        if checked == 0:  # one sign-in for the visitor, not one per URL
            client.logout()
            if user:
                client.force_login(user)
        response = getattr(client, method)(path)
        checked += 1
        denied = response.status_code == 403 or (
            user is None
            and (
                (response.status_code == 302 and "/accounts/login/" in response["Location"])
                # The JSON API asks an anonymous caller for credentials (a token) instead.
                or (response.status_code == 401 and path.startswith("/api/"))
            )
        )
        assert denied, f"{visitor} reached {method.upper()} {path} ({name}): {response.status_code}"
    assert checked == len(mine)
