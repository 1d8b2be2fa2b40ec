"""Publishing a person: who may, what it needs, and the audit entry it leaves.

A draft (an editor's new record, an import with `--draft`, an API write) reaches the public site,
the API's visitors and the figures only once a reviewer or an admin publishes it; unpublishing
takes it back out. Every writer (the admin's actions, the staff person page, the API) calls
`set_publication`, so the rule and its audit entry cannot differ between them: the person's
history records the new state with the user who decided and the reason "published" or
"unpublished" (`rollcall history person UID`, the staff person page).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, PermissionsMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rollcall.people.choices import Publication
from rollcall.people.models import Person

PUBLISH_PERMISSION = "people.publish_person"
# The history reasons of the two decisions, as the audit trail shows them.
PUBLISHED = "published"
UNPUBLISHED = "unpublished"
# What `rollcall import` writes into the note of a row it holds back as a likely duplicate: a
# reviewer clears it (or merges the records) before the draft goes public.
DUPLICATE_FLAG = "possible duplicate of "
# What else keeps a draft from going public, added by the apps that know it without the people
# app importing them (the duplicates app: a likely duplicate nobody has decided on yet).
publication_checks: list[Callable[[Person], list[tuple[str, str]]]] = []


class NotPublishable(ValueError):
    """The person cannot be published as they are; `problems` says why, field by field."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems))
        self.problems = problems


def may_publish(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Reviewers and admins publish and unpublish; editors and visitors do not."""
    if not isinstance(user, PermissionsMixin) or not user.is_active:
        return False
    return bool(getattr(user, "is_staff", False)) and user.has_perm(PUBLISH_PERMISSION)


def publication_problems(person: Person) -> list[tuple[str, str]]:
    """What keeps a draft from going public, as (field, message) pairs."""
    problems: list[tuple[str, str]] = []
    if not person.names.exists():
        problems.append(("names", _("Give the person a name before publishing them.")))
    if DUPLICATE_FLAG in person.note:
        problems.append(
            (
                "note",
                _(
                    "An import flagged this person as a possible duplicate: merge the records "
                    "or clear the flag from the note before publishing."
                ),
            )
        )
    for check in publication_checks:
        problems += check(person)
    return problems


def set_publication(
    person: Person, publication: str, user: AbstractBaseUser | AnonymousUser
) -> bool:
    """Publish or unpublish `person` as `user`; whether anything changed.

    Raises PermissionDenied when the user may not publish, NotPublishable when a draft is not
    ready. Setting the state a person already has changes nothing and records nothing.
    """
    if not may_publish(user):
        raise PermissionDenied(_("Only reviewers and admins publish or unpublish people."))
    if publication not in Publication.values:
        raise ValueError(f"{publication!r} is not a publication state")
    if person.publication == publication:
        return False
    if publication == Publication.PUBLISHED and (problems := publication_problems(person)):
        raise NotPublishable(problems)
    person.publication = publication
    # simple_history reads both from the instance: the entry names who decided, and why.
    person._history_user = user  # type: ignore[attr-defined]
    person._change_reason = (  # type: ignore[attr-defined]
        PUBLISHED if publication == Publication.PUBLISHED else UNPUBLISHED
    )
    person.save(update_fields=["publication", "updated_at"])
    return True
