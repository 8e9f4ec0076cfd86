"""Demo data for governance, from fixtures/demo/governance.json (taken from the two seed documents).
Idempotent: running it again changes nothing that is already as the fixture says."""

import json
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model

from .models import Council, HostAuthority, Membership, Partnership, RoleAssignment

DEMO_PASSWORD = "demo-pass-2026"
FIXTURE = settings.BASE_DIR / "fixtures" / "demo" / "governance.json"


def _save_if_changed(model, lookup, values):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    elif all(getattr(obj, k) == v for k, v in values.items()):
        return obj
    for k, v in values.items():
        setattr(obj, k, v)
    obj.full_clean()
    obj.save()
    return obj


def load(stdout=None):
    data = json.loads(FIXTURE.read_text())
    councils = {}
    for c in data["councils"]:
        code = c.pop("code")
        councils[code] = _save_if_changed(Council, {"code": code}, c)
    partnerships = {}
    for p in data["partnerships"]:
        p = dict(p)
        members, hosts = p.pop("members"), p.pop("hosts")
        p["start_date"] = date.fromisoformat(p["start_date"])
        slug = p.pop("slug")
        partnership = _save_if_changed(Partnership, {"slug": slug}, p)
        partnerships[slug] = partnership
        for code, joined in members:
            _save_if_changed(
                Membership,
                {"partnership": partnership, "council": councils[code], "joined": date.fromisoformat(joined)},
                {},
            )
        for code, start in hosts:
            _save_if_changed(
                HostAuthority,
                {"partnership": partnership, "start": date.fromisoformat(start)},
                {"council": councils[code]},
            )
    User = get_user_model()
    for u in data["users"]:
        user, created = User.objects.get_or_create(username=u["username"])
        superuser = u.get("superuser", False)
        changed = created or (user.first_name, user.last_name, user.is_superuser) != (
            u["first_name"],
            u["last_name"],
            superuser,
        )
        if changed:
            user.first_name, user.last_name = u["first_name"], u["last_name"]
            user.is_superuser = user.is_staff = superuser
            user.email = f"{u['username']}@example.org"
            user.set_password(DEMO_PASSWORD)
            user.save()
        for role, slug, code in u["roles"]:
            lookup = {
                "user": user,
                "role": role,
                "partnership": partnerships.get(slug),
                "council": councils.get(code),
            }
            if not RoleAssignment.objects.filter(**lookup).exists():
                assignment = RoleAssignment(**lookup)
                assignment.full_clean()
                assignment.save()
    if stdout:
        stdout.write(
            f"Governance: {len(councils)} councils, {len(partnerships)} partnerships, {len(data['users'])} demo users."
        )
    return {"partnerships": partnerships, "councils": councils}


def demo_logins():
    data = json.loads(FIXTURE.read_text())
    return [
        (u["username"], ", ".join(dict.fromkeys(r[0].replace("_", " ") for r in u["roles"])))
        for u in data["users"]
    ]
