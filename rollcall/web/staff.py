"""The staff person pages: a record as the staff see it, whatever the public may not.

`/staff/people/` lists the records the public site does not name (drafts awaiting review,
hidden and anonymous people); `/staff/people/<uid>/` shows one person in full, drafts and
hidden or anonymous people included: names, timeline with its sources, the audit history of the
person and of everything recorded about them (who changed what, and when; publishing
included), and links to edit each record in the admin. Reviewers and admins publish and
unpublish there (`people.publishing`, the rule the admin and the API also call).

Any staff role may read these pages; a visitor is sent to the login page, and a logged-in user
without staff rights is refused. Staff pages are never cached: what they show is not public.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, user_passes_test
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Model, Q, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from simple_history.utils import get_history_manager_for_model

from rollcall.audit.changes import AUDITED, Change, changes
from rollcall.duplicates.models import DuplicateFlag, FlagState
from rollcall.events.models import Event
from rollcall.events.status import status_of, with_status
from rollcall.people.choices import Publication, Visibility
from rollcall.people.models import Person
from rollcall.people.publishing import (
    NotPublishable,
    may_publish,
    publication_problems,
    set_publication,
)
from rollcall.sources.models import Citation

View = Callable[..., HttpResponse]
# The longest list of people the index shows; the admin's list filters the rest.
LISTED = 500


def _is_staff(user: object) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if not getattr(user, "is_staff", False):
        raise PermissionDenied
    return True


def staff_only(view: View) -> View:
    """Logged in (else the login page), and staff (else 403): every role may read."""
    checked: View = user_passes_test(_is_staff)(view)
    return never_cache(login_required(checked))


@require_safe
@staff_only
def people(request: HttpRequest) -> HttpResponse:
    """The records the public site does not name: drafts first, then hidden, then anonymous."""
    shown = (
        Person.objects.filter(Q(publication=Publication.DRAFT) | ~Q(visibility=Visibility.PUBLIC))
        .annotate(
            rank=Case(
                When(publication=Publication.DRAFT, then=Value(0)),
                When(visibility=Visibility.HIDDEN, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "-updated_at", "id")
        .prefetch_related("names")
    )
    return render(
        request,
        "web/staff/people.html",
        {"people": shown[:LISTED], "count": shown.count(), "listed": LISTED},
    )


@dataclass(frozen=True)
class Entry:
    """One version in the audit trail of a person or of something recorded about them."""

    record: str  # what it is about, as the page names it ("person", "event 12", …)
    change: Change


def _history_ids(model: type[Model], **match: object) -> list[int]:
    """Every record of `model` that ever matched, deleted ones included (from its history)."""
    history = get_history_manager_for_model(model)
    return sorted(set(history.filter(**match).values_list("id", flat=True)))


def audit_trail(person: Person) -> list[Entry]:
    """The person's history and that of their names, ids, citizenships, events and
    citations, newest first."""
    entries = [Entry(_("person"), change) for change in changes("person", str(person.pk))]
    related = [
        ("name", _("name"), {"person_id": person.pk}),
        ("external_id", _("external id"), {"person_id": person.pk}),
        ("citizenship", _("citizenship"), {"person_id": person.pk}),
        ("event", _("event"), {"person_id": person.pk}),
    ]
    for key, label, match in related:
        for pk in _history_ids(AUDITED[key], **match):
            entries += [Entry(f"{label} {pk}", c) for c in changes(key, str(pk))]
    event_ids = _history_ids(Event, person_id=person.pk)
    facts = [
        (ContentType.objects.get_for_model(Person), [person.pk]),
        (ContentType.objects.get_for_model(Event), event_ids),
    ]
    # Outside the f-string: makemessages does not find a string marked inside one.
    citation = _("citation")
    for content_type, ids in facts:
        for pk in _history_ids(Citation, content_type_id=content_type.pk, object_id__in=ids):
            entries += [Entry(f"{citation} {pk}", c) for c in changes("citation", str(pk))]
    entries.sort(key=lambda entry: entry.change["when"], reverse=True)
    return entries


@require_safe
@staff_only
def person(request: HttpRequest, uid: str) -> HttpResponse:
    """One person as the staff see them, with the history of everything recorded about them."""
    found = get_object_or_404(
        Person.objects.prefetch_related(
            "names", "external_ids", "citizenships", "citations__source"
        ),
        uid=uid,
    )
    events = list(
        found.events.select_related("facility", "collective")
        .prefetch_related("articles", "citations__source")
        .order_by("date", "id")
    )
    status = status_of(with_status(Person.objects.filter(pk=found.pk), date.today()).get())
    citation_type = ContentType.objects.get_for_model(Person)
    return render(
        request,
        "web/staff/person.html",
        {
            "person": found,
            "events": events,
            "status": status,
            "trail": audit_trail(found),
            "may_publish": may_publish(request.user),
            "problems": publication_problems(found)
            if found.publication == Publication.DRAFT
            else [],
            "is_draft": found.publication == Publication.DRAFT,
            "duplicate_flags": DuplicateFlag.objects.filter(
                held=found, state=FlagState.PENDING
            ),
            "cite_person": f"{reverse('admin:sources_citation_add')}"
            f"?content_type={citation_type.pk}&object_id={found.pk}",
            "add_event": f"{reverse('admin:events_event_add')}?person={found.pk}",
        },
    )


@require_POST
@staff_only
def publication(request: HttpRequest, uid: str) -> HttpResponse:
    """Publish or unpublish one person (reviewers and admins), then back to their page."""
    if not may_publish(request.user):
        raise PermissionDenied
    found = get_object_or_404(Person, uid=uid)
    wanted = request.POST.get("publication", "")
    if wanted not in Publication.values:
        messages.error(request, _("Choose to publish or to unpublish."))
    else:
        try:
            changed = set_publication(found, wanted, request.user)
        except NotPublishable as refused:
            for field, message in refused.problems:
                messages.error(request, f"{field}: {message}")
        else:
            if not changed:
                messages.info(request, _("Nothing to change: the record was already so."))
            elif wanted == Publication.PUBLISHED:
                messages.success(request, _("Published."))
            else:
                messages.success(request, _("Unpublished: the record is a draft again."))
    return HttpResponseRedirect(reverse("web:staff-person", args=[found.uid]))
