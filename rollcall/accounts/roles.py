"""Staff roles. Every role is staff (may see anonymous and hidden records); what each may change
is set by the group's permissions, so the admin site and the staff pages enforce it without
extra code."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ROLES = ("editor", "reviewer", "admin")
REGISTRY_APPS = ("people", "events", "collective", "sources")
# Deciding what an article's facts become is the reviewer's: accepting writes published records.
REVIEW = Q(content_type__app_label="ingest", codename="change_proposal")
READ_PROPOSALS = Q(content_type__app_label="ingest", codename="view_proposal")


def ensure_group(role: str) -> Group:
    """The group for a role, with its permissions (re)applied, so upgrades widen old groups."""
    group, _ = Group.objects.get_or_create(name=role)
    registry = Q(content_type__app_label__in=REGISTRY_APPS)
    if role == "reviewer":
        wanted = (registry & Q(codename__startswith="view_")) | READ_PROPOSALS | REVIEW
    elif role == "editor":
        wanted = (registry & ~Q(codename__startswith="delete_")) | READ_PROPOSALS
    else:
        wanted = registry | READ_PROPOSALS | REVIEW
    group.permissions.set(Permission.objects.filter(wanted))
    return group
