"""Staff roles. Every role is staff (may see anonymous and hidden records); what each may change
is set by the group's permissions, so the admin site enforces it without extra code."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

ROLES = ("editor", "reviewer", "admin")
REGISTRY_APPS = ("people", "events", "collective", "sources")


def ensure_group(role: str) -> Group:
    """The group for a role, with its permissions (re)applied, so upgrades widen old groups."""
    group, _ = Group.objects.get_or_create(name=role)
    perms = Permission.objects.filter(content_type__app_label__in=REGISTRY_APPS)
    if role == "reviewer":
        perms = perms.filter(codename__startswith="view_")
    elif role == "editor":
        perms = perms.exclude(codename__startswith="delete_")
    group.permissions.set(perms)
    return group
