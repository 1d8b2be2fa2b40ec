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
# Putting a draft before the public is the reviewer's too: editors write drafts, never publish.
PUBLISH = Q(content_type__app_label="people", codename="publish_person")


def ensure_group(role: str) -> Group:
    """The group for a role, with its permissions (re)applied, so upgrades widen old groups."""
    group, _ = Group.objects.get_or_create(name=role)
    registry = Q(content_type__app_label__in=REGISTRY_APPS)
    if role == "reviewer":
        wanted = (registry & Q(codename__startswith="view_")) | READ_PROPOSALS | REVIEW | PUBLISH
    elif role == "editor":
        wanted = (registry & ~Q(codename__startswith="delete_") & ~PUBLISH) | READ_PROPOSALS
    else:
        wanted = registry | READ_PROPOSALS | REVIEW | PUBLISH
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def refresh_groups() -> None:
    """Re-apply every existing role's permissions, so an upgrade that adds a permission (such
    as publishing) reaches groups made before it; roles nobody has made yet stay unmade."""
    for role in Group.objects.filter(name__in=ROLES).values_list("name", flat=True):
        ensure_group(role)
