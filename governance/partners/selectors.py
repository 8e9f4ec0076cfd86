"""Reads shared by views, the access middleware and other apps."""

from governance.roles import EVERY_COUNCILS_FINANCE, Role

from .models import Partnership, RoleAssignment


def role_assignments_for(user):
    """Every role the user holds, with partnership and council, fetched once per request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_role_assignments", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).select_related("partnership", "council").order_by("pk")
        )
        user._role_assignments = cached
    return cached


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
