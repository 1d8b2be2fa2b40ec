"""The registry's figures recomputed from its events alone, to check what a writer left behind.

Custody is a derived table; a writer that changes events without re-deriving it leaves figures
that no longer match the facts. `assert_figures_follow_the_events` recomputes every person's
custody with the pure derivation, straight from the events, and compares it with the stored
table, the published counts and each person's status.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date
from typing import Any

from rollcall.events.choices import EventType
from rollcall.events.custody import EventFact, Interval, derive_intervals
from rollcall.events.models import CustodyInterval, Event
from rollcall.events.status import Status, status_of, with_status
from rollcall.people.choices import Publication, Visibility
from rollcall.people.models import Person
from rollcall.stats.queries import totals

_COLUMNS = (
    "country",
    "start",
    "end",
    "end_type",
    "release_kind",
    "destination",
    "deported",
    "term_ends",
)
_FACT_FIELDS = [f.name for f in dataclasses.fields(EventFact)]


def recomputed_intervals() -> dict[int, list[Interval]]:
    """Every person's custody derived afresh from their events (people without any: empty)."""
    facts: dict[int, list[EventFact]] = defaultdict(list)
    for values in Event.objects.values("person_id", *_FACT_FIELDS):
        facts[values.pop("person_id")].append(EventFact(**values))
    return {pk: derive_intervals(facts[pk]) for pk in Person.objects.values_list("pk", flat=True)}


def _rows(intervals: list[Any]) -> list[tuple[Any, ...]]:
    rows = [tuple(getattr(i, column) for column in _COLUMNS) for i in intervals]
    return sorted(rows, key=lambda row: (row[1] is not None, row[1] or date.min, repr(row)))


def stored_intervals() -> dict[int, list[tuple[Any, ...]]]:
    by_person: dict[int, list[CustodyInterval]] = defaultdict(list)
    for interval in CustodyInterval.objects.all():
        by_person[interval.person_id].append(interval)
    return {pk: _rows(intervals) for pk, intervals in by_person.items() if intervals}


def _held(interval: Interval, day: date) -> bool:
    started = interval.start is None or interval.start <= day
    term_over = interval.term_ends is not None and interval.term_ends <= day
    return started and (interval.end is None or interval.end > day) and not term_over


def _released(interval: Interval, day: date) -> bool:
    ended = interval.end is not None and interval.end <= day
    return ended and interval.end_type in (EventType.RELEASE, EventType.DEPORTATION)


def _status(intervals: list[Interval], day: date) -> str:
    """A person's status on `day`, as docs/data-model.md and events.status define it."""
    if any(_held(i, day) for i in intervals):
        return Status.HELD
    if any(i.term_ends is not None and i.term_ends <= day for i in intervals):
        return Status.TERM_ENDED_UNCONFIRMED
    ended = [i for i in intervals if i.end is not None and i.end <= day]
    if not ended:
        return Status.UNKNOWN
    # The latest end; on a tie, the interval derived last (later on the timeline).
    last = max(reversed(ended), key=lambda i: i.end or date.min)
    if last.end_type == EventType.DEATH_IN_CUSTODY:
        return Status.DIED_IN_CUSTODY
    if last.end_type == EventType.DEATH:
        return Status.DIED
    return Status.DEPORTED if last.deported else Status.RELEASED


def assert_figures_follow_the_events(day: date | None = None) -> None:
    """The stored custody, the published counts and every status equal a recomputation."""
    day = day or date.today()
    derived = recomputed_intervals()
    expected = {pk: _rows(intervals) for pk, intervals in derived.items() if intervals}
    assert stored_intervals() == expected, "stored custody differs from the events"

    counted = Person.objects.filter(publication=Publication.PUBLISHED).exclude(
        visibility=Visibility.HIDDEN
    )
    counted_ids = set(counted.values_list("pk", flat=True))
    held = sum(_held(i, day) for pk in counted_ids for i in derived[pk])
    released = [pk for pk in counted_ids if any(_released(i, day) for i in derived[pk])]
    deported = [
        pk for pk in counted_ids if any(_released(i, day) and i.deported for i in derived[pk])
    ]
    figures = totals(day)
    assert (figures.held, figures.released, figures.deported) == (
        held,
        len(released),
        len(deported),
    ), "the published counts differ from the events"

    for person in with_status(Person.objects.all(), day):
        expected_status = _status(derived[person.pk], day)
        assert status_of(person) == expected_status, f"the status of {person.uid}"
