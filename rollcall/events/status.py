"""Who is held on a date, and a person's status on a date: the one definition of each.

Both are read off the derived custody intervals (see events.custody), in SQL, so the figures, the
API's people filter and each person's own `status` ask the database the same question:

- *held on D* (`held_on`): an interval has started by D (or started on an unknown date) and has
  not ended by the end of D. A person released on D is not held on D.
- *status on D* (`with_status`): `held` when held on D; otherwise what ended the person's latest
  interval that ended on or before D (`died_in_custody`, `died`, `deported` when they were taken
  abroad, else `released`); `unknown` when no custody has started and ended by D.

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

from rollcall.events.choices import EventType
from rollcall.events.models import CustodyInterval
from rollcall.people.models import Person

# The ends of custody that free a person (the others are deaths).
RELEASES = (EventType.RELEASE, EventType.DEPORTATION)
# The name of the annotation `with_status` adds.
STATUS = "status"

People = TypeVar("People", bound=QuerySet[Person])


class Status(models.TextChoices):
    HELD = "held", _("held")
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
    """Custody intervals that hold their person at the end of `day`.

    `end` is the first day free, so an interval ending on `day` does not hold anyone on `day`.
    Intervals of one person never overlap, so at most one interval per person matches.
    """
    return started_by(day) & (Q(end__isnull=True) | Q(end__gt=day))


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

    Two lookups per person on the custody table's person index: whether an interval holds
    them, else how the latest interval ended by `day` ended. Ties on the end date (a person
    released twice on one day) go to the interval derived last, the later on their timeline.
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
