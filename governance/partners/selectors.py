"""Reads shared by views, the access middleware and other apps."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from governance.roles import EVERY_COUNCILS_FINANCE, Role

from .models import Partnership, RoleAssignment


def signed_in_key(user_id):
    """The shared cache's entry for a signed-in user and the roles they hold (sharedservice/signed_in.py keeps
    it; `roles_changed` drops it)."""
    return f"signed-in:{user_id}"


def role_assignments_for(user):
    """Every role the user holds, with partnership and council, fetched once per request (or, with a cache
    every process shares, once until a role, or a partnership or council one names, changes: the signed-in
    user read from that cache brings them)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_role_assignments", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).select_related("partnership", "council").order_by("pk")
        )
        user._role_assignments = cached
    return cached


def roles_changed(sender, instance, **kwargs):
    """post_save and post_delete of a role assignment, a partnership or a council (connected in
    GovernanceConfig.ready()): the cached roles of everyone they concern are read afresh, now and again as the
    change commits."""
    if not getattr(settings, "SHARED_CACHE", False):
        return
    if isinstance(instance, RoleAssignment):
        users = {instance.user_id}
    else:
        field = "partnership" if isinstance(instance, Partnership) else "council"
        users = set(RoleAssignment.objects.filter(**{field: instance.pk}).values_list("user_id", flat=True))
    keys = [signed_in_key(pk) for pk in users]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def roles_for(user, partnership=None):
    """The roles the user may act in for this partnership, or (partnership None) for any partnership.

    A superuser is an administrator everywhere; auditors and administrators with no partnership named
    hold their role for every partnership.
    """
    if not user.is_authenticated:
        return set()
    roles = {Role.ADMINISTRATOR} if user.is_superuser else set()
    for assignment in role_assignments_for(user):
        if (
            partnership is None
            or assignment.partnership_id is None
            or assignment.partnership_id == getattr(partnership, "pk", partnership)
        ):
            roles.add(Role(assignment.role))
    return roles


def has_system_wide_role(user, roles):
    """True when the user holds one of these roles for every partnership (no partnership named)."""
    if user.is_superuser and Role.ADMINISTRATOR in roles:
        return True
    return any(a.partnership_id is None and a.role in roles for a in role_assignments_for(user))


def partnerships_for(user):
    """The partnerships the user works in (all of them for system-wide roles), in name order."""
    assignments = role_assignments_for(user)
    if user.is_superuser or any(a.partnership_id is None for a in assignments):
        return list(Partnership.objects.order_by("name"))
    seen = {a.partnership_id: a.partnership for a in assignments}
    return sorted(seen.values(), key=lambda p: p.name)


def finance_council_ids(user, partnership):
    """Councils whose finance records the user may see in this partnership; None means every council.

    Finance officers see their own council's; the CIO, auditors and administrators see all. (The host
    authority's finance officers seeing all is decided by finance, which knows who hosts when.)
    """
    roles = roles_for(user, partnership)
    if roles & EVERY_COUNCILS_FINANCE:
        return None
    return {
        a.council_id
        for a in role_assignments_for(user)
        if a.role == Role.FINANCE_OFFICER and a.partnership_id == partnership.pk
    }


def public_partnerships():
    return Partnership.objects.order_by("name").prefetch_related("memberships__council", "hosts__council")
