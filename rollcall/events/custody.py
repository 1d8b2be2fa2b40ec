"""Custody derived from events: the one place that decides who was held when.

Rules, applied to one person's dated events in date order (same-day events in `DAY_ORDER`):
- an arrest, a custodial sentence or a transfer opens custody if the person is free;
- a release, deportation, death in custody or death closes it;
- freed and later arrested again opens a new interval: the person is held again;
- a release with no earlier custody event (a list that gives only `released_on`) closes an
  interval whose start is unknown;
- a deportation of a free person within `DEPORTATION_WINDOW` of their release marks that release
  as a deportation abroad; a later one is an event of its own and rewrites nothing.
Undated events cannot be placed on the timeline, except that an undated arrest or sentence of a
person with no other custody events still records that they are held, since an unknown date.

`derive_intervals` is pure (plain data in, plain data out). `rebuild_custody` writes its result
and is the only writer of `CustodyInterval`: every writer of events calls it, in the transaction
of its write, with the people whose events it changed, or writes inside `writing_events`, which
does that for it (docs/data-model.md, "Who re-derives custody"). `Event.save()` does not, on
purpose: a side effect hidden in `save()` is skipped by every bulk path (queryset `update` and
`delete`, `bulk_create`, the admin's bulk actions, cascades), and that is how the figures drifted
from the events once. `drifted_people` finds anyone a writer has left behind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, timedelta

from django.db import transaction

from rollcall.events.choices import (
    CUSTODY_ENDS,
    CUSTODY_STARTS,
    DAY_ORDER,
    EventType,
    SentenceKind,
)
from rollcall.events.models import CustodyInterval, Event
from rollcall.lib.dates import DatePrecision, PartialDate, period_end
from rollcall.lib.signals import registry_written

# How long after a release a deportation still belongs to it. Belarus (and Nicaragua, Cuba,
# Russia in exchanges) "release" prisoners by driving them to the border or onto a plane the same
# day; sources date the pardon, the release and the crossing a day or a few apart, and lists
# record them days or weeks later still. A deportation months or years after a release is
# something else (the expulsion of someone living free) and must not turn an old release into an
# exile after the fact.
DEPORTATION_WINDOW = timedelta(days=30)


@dataclass
class EventFact:
    """The part of an event custody depends on (plain data, so it can be tested without a DB)."""

    id: int
    type: str
    date: date | None
    country: str = ""
    release_kind: str = ""
    destination: str = ""
    sentence_kind: str = ""
    # The fields are named as Event's, so that a fact can be built from an Event's values.
    date_precision: str = DatePrecision.DAY


@dataclass
class Interval:
    """One stretch of custody, as `CustodyInterval` stores it (`end`: the first day free)."""

    start: date | None
    country: str
    end: date | None = None
    end_type: str = ""
    release_kind: str = ""
    destination: str = ""
    deported: bool = False


# The Event columns a fact is read from, in the fact's own order.
_FACT_FIELDS = [field.name for field in fields(EventFact)]


def _opens_custody(event: EventFact) -> bool:
    if event.type == EventType.SENTENCE and event.sentence_kind == SentenceKind.NON_CUSTODIAL:
        return False
    return event.type in CUSTODY_STARTS


def derive_intervals(events: Iterable[EventFact]) -> list[Interval]:
    """One person's custody intervals, in order, from their events (the rules above)."""
    events = list(events)
    dated = sorted(
        (e for e in events if e.date is not None),
        key=lambda e: (e.date, DAY_ORDER.get(e.type, 99), e.id),
    )
    undated = [e for e in events if e.date is None]
    intervals: list[Interval] = []
    current: Interval | None = None
    released: EventFact | None = None  # the release that ended the latest interval, if one did
    for event in dated:
        if _opens_custody(event):
            if current is None:
                current = Interval(start=event.date, country=event.country)
            elif not current.country:
                current.country = event.country
        elif event.type in CUSTODY_ENDS:
            if current is None:
                if event.type == EventType.DEPORTATION:
                    if released is not None and _within_window(released, event):
                        _mark_deported(intervals[-1], event)
                    continue
                if event.type == EventType.DEATH:
                    continue
                current = Interval(start=None, country=event.country)
            current.end = event.date
            current.end_type = event.type
            current.release_kind = event.release_kind
            current.destination = event.destination
            if not current.country:
                current.country = event.country
            current.deported = event.type == EventType.DEPORTATION or bool(
                event.destination and event.destination != current.country
            )
            intervals.append(current)
            current = None
            released = event if event.type == EventType.RELEASE else None
    if current is not None:
        intervals.append(current)
    if not intervals and any(_opens_custody(e) for e in undated):
        first = next(e for e in undated if _opens_custody(e))
        intervals.append(Interval(start=None, country=first.country))
    return intervals


def _within_window(release: EventFact, deportation: EventFact) -> bool:
    """Whether a deportation may have followed the release within `DEPORTATION_WINDOW`.

    Partial dates are given the benefit of the doubt: a release known only as "December 2025"
    may have been on 31 December, so it is measured from the last day its date may stand for.
    """
    if release.date is None or deportation.date is None:
        return False  # undated events are not on the timeline
    released_by = period_end(PartialDate(release.date, release.date_precision))
    return deportation.date <= released_by + DEPORTATION_WINDOW


def _mark_deported(interval: Interval, event: EventFact) -> None:
    interval.deported = True
    if event.destination:
        interval.destination = event.destination


@transaction.atomic
def _event_facts(person_ids: list[int]) -> defaultdict[int, list[EventFact]]:
    """The custody-relevant part of these people's events, by person, in one query."""
    facts: defaultdict[int, list[EventFact]] = defaultdict(list)
    rows = Event.objects.filter(person_id__in=person_ids).values_list("person_id", *_FACT_FIELDS)
    for person_id, *values in rows:
        facts[person_id].append(EventFact(*values))
    return facts


def rebuild_custody(person_ids: Iterable[int]) -> None:
    """Replace the derived intervals of these people with ones computed from their events.

    In one transaction (joining the caller's, when there is one): a failure half-way leaves
    every person with the custody they had, never with none.
    """
    ids = list(set(person_ids))
    # Bulk writes send no model signals; whatever is derived from custody must learn of this.
    registry_written.send(sender=CustodyInterval)
    for offset in range(0, len(ids), 500):
        chunk = ids[offset : offset + 500]
        by_person = _event_facts(chunk)
        CustodyInterval.objects.filter(person_id__in=chunk).delete()
        CustodyInterval.objects.bulk_create(
            [
                CustodyInterval(
                    person_id=person_id,
                    country=interval.country,
                    start=interval.start,
                    end=interval.end,
                    end_type=interval.end_type,
                    release_kind=interval.release_kind,
                    destination=interval.destination,
                    deported=interval.deported,
                )
                for person_id, facts in by_person.items()
                for interval in derive_intervals(facts)
            ],
            batch_size=1000,
        )


@contextmanager
def writing_events(events: Iterable[Event] = (), people: Iterable[int] = ()) -> Iterator[None]:
    """Write events inside this block; custody of everyone concerned follows at its end.

    All in one transaction: if the writes or the re-derivation fail, nothing of either is kept.
    `events`: the events the block saves or deletes. Their people are read before the block (an
    event moved to another person leaves the first one's custody to re-derive too) and after it.
    `people`: ids of anyone else whose events the block writes (a person's inline events, the
    people of a queryset about to be deleted); read on entry, so a lazy queryset of ids is read
    before the block deletes what it names.
    """
    with transaction.atomic():
        events = list(events)
        touched = set(people)
        stored = [event.pk for event in events if event.pk is not None]
        touched.update(Event.objects.filter(pk__in=stored).values_list("person_id", flat=True))
        yield
        touched.update(event.person_id for event in events if event.person_id is not None)
        rebuild_custody(touched)


def _canonical(intervals: Iterable[Interval | CustodyInterval]) -> list[tuple[object, ...]]:
    columns = ("start", "end", "country", "end_type", "release_kind", "destination", "deported")
    rows = [tuple(getattr(interval, column) for column in columns) for interval in intervals]
    return sorted(rows, key=lambda row: (row[0] is not None, row[0] or date.min, repr(row)))


def drifted_people(person_ids: Iterable[int] | None = None) -> list[int]:
    """The people (all, or these) whose stored custody is not what their events derive.

    Empty as long as every writer re-derives. Anything else (a writer that forgot, a queryset
    `update`, SQL typed into a database shell, a restore of only some tables) shows up here, and
    `rebuild_custody` of the same ids repairs it. `rollcall manage custody` runs both.
    """
    if person_ids is None:
        found = set(Event.objects.values_list("person_id", flat=True).distinct())
        found |= set(CustodyInterval.objects.values_list("person_id", flat=True).distinct())
    else:
        found = set(person_ids)
    ids = sorted(found)
    drifted: list[int] = []
    for offset in range(0, len(ids), 500):
        chunk = ids[offset : offset + 500]
        facts = _event_facts(chunk)
        stored: dict[int, list[CustodyInterval]] = defaultdict(list)
        for interval in CustodyInterval.objects.filter(person_id__in=chunk):
            stored[interval.person_id].append(interval)
        drifted += [
            pk for pk in chunk if _canonical(stored[pk]) != _canonical(derive_intervals(facts[pk]))
        ]
    return drifted
