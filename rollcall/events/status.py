"""Who is held on a date, and a person's status on a date: the one definition of each.

Both are read off the derived custody intervals (see events.custody), in SQL, so the figures, the
API's people filter and each person's own `status` ask the database the same question:

- *held on D* (`held_on`): an interval has started by D (or started on an unknown date) and has
  not ended by the end of D, nor has the term of its latest sentence with nothing recorded after
  it (`term_ends`, see events.custody). A person released on D is not held on D.
- *term ended, release unconfirmed on D* (`term_ended_by`): an interval started by D whose
  `term_ends` is on or before D: the list stopped following the person, who is counted apart.
- *status on D* (`with_status`): `held` when held on D; `term_ended_unconfirmed` when their term
  ended as above; otherwise what ended the person's latest interval that ended on or before D
  (`died_in_custody`, `died`, `deported` when they were taken abroad, else `released`);
  `unknown` when no custody has started and ended by D.
- *kind of custody on D* (`custody_kind_on`): the kind of the person's `CustodySpan` in force on
  D, the same question as *held on D* asked of spans.

The status is one value per person. The stats count differently on purpose: there *released*
means released at some point up to D, whatever happened later (see stats.queries).
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from django.db import models
from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from rollcall.events.choices import CustodyKind, EventType
from rollcall.events.models import CustodyInterval, CustodySpan
from rollcall.people.models import Person

# The ends of custody that free a person (the others are deaths).
RELEASES = (EventType.RELEASE, EventType.DEPORTATION)
# The name of the annotation `with_status` adds.
STATUS = "status"

People = TypeVar("People", bound=QuerySet[Person])


class Status(models.TextChoices):
    HELD = "held", _("held")
    TERM_ENDED_UNCONFIRMED = "term_ended_unconfirmed", _("term ended, release unconfirmed")
    RELEASED = "released", _("released")
    DEPORTED = "deported", _("released and taken abroad")
    DIED_IN_CUSTODY = "died_in_custody", _("died in custody")
    DIED = "died", _("died")
    UNKNOWN = "unknown", _("no custody on record")


def started_by(day: date) -> Q:
    """Custody intervals that started on or before `day`, or on a date nobody knows.

    An unknown start (a list gave only a release date, or "held" with no date) counts as
    started at every date: the person was held at some point before the interval's end.
    """
    return Q(start__lte=day) | Q(start__isnull=True)


def held_on(day: date) -> Q:
    """Custody intervals (or spans) that hold their person at the end of `day`.

    `end` is the first day free, so an interval ending on `day` does not hold anyone on `day`;
    `term_ends` likewise, for a term whose end nobody recorded as a release. Intervals of one
    person never overlap, so at most one interval per person matches.
    """
    return (
        started_by(day)
        & (Q(end__isnull=True) | Q(end__gt=day))
        & (Q(term_ends__isnull=True) | Q(term_ends__gt=day))
    )


def term_ended_by(day: date) -> Q:
    """Custody intervals whose term ended on or before `day` with no release recorded.

    Only an interval still open carries `term_ends`, so these are not ended by any event.
    """
    return started_by(day) & Q(term_ends__lte=day)


def custody_kind_on(day: date, kind: str) -> Q:
    """People (a Person queryset's rows) whose kind of custody at the end of `day` is `kind`.

    A span of a held kind is in force while its interval holds the person; one of a kind that
    is not held (on trial while free) until the person's next custody event.
    """
    spans = CustodySpan.objects.filter(held_on(day), kind=kind)
    return Q(pk__in=spans.values("person_id"))


def custody_kind_of(person_id: int, day: date) -> CustodyKind | None:
    """The kind of custody a person is in at the end of `day`, when the sources said it: the same
    span `custody_kind_on` finds, so the page and the filter never disagree."""
    kind = (
        CustodySpan.objects.filter(held_on(day), person_id=person_id)
        .exclude(kind="")
        .order_by("-start")
        .values_list("kind", flat=True)
        .first()
    )
    return CustodyKind(kind) if kind else None


def _outcome() -> Case:
    """What the end of an interval makes of its person."""
    return Case(
        When(end_type=EventType.DEATH_IN_CUSTODY, then=Value(Status.DIED_IN_CUSTODY.value)),
        When(end_type=EventType.DEATH, then=Value(Status.DIED.value)),
        When(deported=True, then=Value(Status.DEPORTED.value)),
        default=Value(Status.RELEASED.value),
        output_field=CharField(),
    )


def status_on(day: date) -> Case:
    """A Person row's status at the end of `day`, as an SQL expression.

    Lookups per person on the custody table's person index: whether an interval holds them,
    else whether their term ended unconfirmed, else how the latest interval ended by `day`
    ended. Ties on the end date (a person released twice on one day) go to the interval derived
    last, the later on their timeline.
    """
    intervals = CustodyInterval.objects.filter(person=OuterRef("pk"))
    latest_end = (
        intervals.filter(end__lte=day)
        .order_by("-end", "-id")
        .annotate(outcome=_outcome())
        .values("outcome")[:1]
    )
    return Case(
        When(Exists(intervals.filter(held_on(day))), then=Value(Status.HELD.value)),
        When(
            Exists(intervals.filter(term_ended_by(day))),
            then=Value(Status.TERM_ENDED_UNCONFIRMED.value),
        ),
        default=Coalesce(
            Subquery(latest_end, output_field=CharField()),
            Value(Status.UNKNOWN.value),
            output_field=CharField(),
        ),
        output_field=CharField(),
    )


def with_status(people: People, day: date) -> People:
    """`people` with their status at the end of `day` annotated as `status`.

    Filter on it with `status_is()` to keep the people a status describes, and read it back
    with `status_of()`: both come from the same expression.
    """
    return people.annotate(**{STATUS: status_on(day)})


def status_is(value: str) -> Q:
    """The people of a `with_status()` queryset whose status is `value`."""
    return Q(**{STATUS: value})


def status_of(person: Person) -> str:
    """The status `with_status` annotated on a person loaded through it."""
    value = person.__dict__.get(STATUS)
    if value is None:
        raise LookupError("load people through events.status.with_status() to read a status")
    return str(value)
