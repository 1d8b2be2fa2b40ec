"""The staff pages of likely duplicates: the queue, a pair side by side, merge, keep apart, undo.

`/staff/duplicates/` lists the flags imports raised, undecided first; `/staff/duplicates/<id>/`
shows the held person and the person they may duplicate side by side (names in every script,
birth, gender, holding states, status, events and sources with their quotes), with the forms to
merge them or keep them apart, and, once merged, to undo the merge. Any staff role may look;
reviewers and admins decide (`rollcall.duplicates.merging`, the rules the command line uses too).
Every form is a POST with CSRF and works without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from rollcall.duplicates.merging import NotDecidable, keep_apart, merge, undo
from rollcall.duplicates.models import DuplicateFlag, FlagState, Merge
from rollcall.events.models import Event
from rollcall.events.status import status_of, with_status
from rollcall.people.models import Person
from rollcall.people.publishing import may_publish
from rollcall.web.staff import staff_only

LISTED = 500


@dataclass(frozen=True)
class Side:
    """One of the two people as the page shows them (None when merged away)."""

    uid: str
    person: Person | None
    events: list[Event]
    states: list[str]
    status: object


def _side(uid: str, person: Person | None) -> Side:
    if person is None:
        return Side(uid, None, [], [], None)
    found = Person.objects.prefetch_related(
        "names", "external_ids", "citizenships", "citations__source"
    ).get(pk=person.pk)
    events = list(
        found.events.select_related("facility", "collective")
        .prefetch_related("articles", "citations__source")
        .order_by("date", "id")
    )
    states = sorted({e.country for e in events if e.country})
    status = status_of(with_status(Person.objects.filter(pk=found.pk), date.today()).get())
    return Side(uid, found, events, states, status)


@require_safe
@staff_only
def duplicates(request: HttpRequest) -> HttpResponse:
    """Every flag, those awaiting a decision first (oldest first), then the latest decided."""
    flags = (
        DuplicateFlag.objects.annotate(
            rank=Case(
                When(state=FlagState.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("held", "candidate")
        .prefetch_related("held__names", "candidate__names")
        .order_by("rank", "id")
    )
    pending = DuplicateFlag.objects.filter(state=FlagState.PENDING).count()
    return render(
        request,
        "web/staff/duplicates.html",
        {"flags": flags[:LISTED], "pending": pending, "count": flags.count(), "listed": LISTED},
    )


@require_safe
@staff_only
def duplicate(request: HttpRequest, flag_id: int) -> HttpResponse:
    """One flag: the two people side by side, and the decision (or its undo)."""
    flag = get_object_or_404(DuplicateFlag.objects.select_related("decided_by"), pk=flag_id)
    merges = list(flag.merges.select_related("merged_by", "undone_by").order_by("-id"))
    return render(
        request,
        "web/staff/duplicate.html",
        {
            "flag": flag,
            "held": _side(flag.held_uid, flag.held),
            "candidate": _side(flag.candidate_uid, flag.candidate),
            "merges": merges,
            "undoable": next((m for m in merges if m.undone_at is None), None),
            "may_decide": may_publish(request.user),
            "is_pending": flag.state == FlagState.PENDING,
        },
    )


@require_POST
@staff_only
def decide(request: HttpRequest, flag_id: int) -> HttpResponse:
    """Merge the held person into the other, or keep them apart (reviewers and admins)."""
    if not may_publish(request.user):
        raise PermissionDenied
    flag = get_object_or_404(DuplicateFlag, pk=flag_id)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "").strip()
    try:
        if action == "merge":
            done = merge(flag, request.user, reason)
            messages.success(
                request,
                _("Merged %(held)s into %(kept)s.")
                % {"held": done.held_uid, "kept": done.kept_uid},
            )
        elif action == "keep_apart":
            published = keep_apart(flag, request.user, reason)
            messages.success(
                request,
                _("Kept apart: %(held)s is published.") % {"held": flag.held_uid}
                if published
                else _("Kept apart: %(held)s stays a draft.") % {"held": flag.held_uid},
            )
        else:
            messages.error(request, _("Choose to merge or to keep apart."))
    except NotDecidable as refused:
        messages.error(request, str(refused))
    return HttpResponseRedirect(reverse("web:staff-duplicate", args=[flag.pk]))


@require_POST
@staff_only
def undo_merge(request: HttpRequest, merge_id: int) -> HttpResponse:
    """Undo a merge: the held person comes back as they were (reviewers and admins)."""
    if not may_publish(request.user):
        raise PermissionDenied
    done = get_object_or_404(Merge, pk=merge_id)
    try:
        held = undo(done, request.user, request.POST.get("reason", "").strip())
    except NotDecidable as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Merge undone: %(held)s is back.") % {"held": held.uid})
    return HttpResponseRedirect(reverse("web:staff-duplicate", args=[done.flag_id]))
