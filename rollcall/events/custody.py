"""Custody derived from events: the one place that decides who was held when.

Rules, applied to one person's dated events in date order (same-day events in `DAY_ORDER`):
- an arrest, a custodial sentence or a transfer opens custody if the person is free;
- a release, deportation, death in custody or death closes it;
- freed and later arrested again opens a new interval: the person is held again;
- a release with no earlier custody event (a list that gives only `released_on`) closes an
  interval whose start is unknown;
- a deportation shortly after a release marks that release as a deportation abroad.
Undated events cannot be placed on the timeline, except that an undated arrest or sentence of a
person with no other custody events still records that they are held, since an unknown date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rollcall.events.choices import (
    CUSTODY_ENDS,
    CUSTODY_STARTS,
    DAY_ORDER,
    EventType,
    SentenceKind,
)


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


@dataclass
class Interval:
    start: date | None
    country: str
    end: date | None = None
    end_type: str = ""
    release_kind: str = ""
    destination: str = ""
    deported: bool = False


def _opens_custody(event: EventFact) -> bool:
    if event.type == EventType.SENTENCE and event.sentence_kind == SentenceKind.NON_CUSTODIAL:
        return False
    return event.type in CUSTODY_STARTS


def derive_intervals(events: Iterable[EventFact]) -> list[Interval]:
    events = list(events)
    dated = sorted(
        (e for e in events if e.date is not None),
        key=lambda e: (e.date, DAY_ORDER.get(e.type, 99), e.id),  # type: ignore[arg-type,return-value]
    )
    undated = [e for e in events if e.date is None]
    intervals: list[Interval] = []
    current: Interval | None = None
    for event in dated:
        if _opens_custody(event):
            if current is None:
                current = Interval(start=event.date, country=event.country)
            elif not current.country:
                current.country = event.country
        elif event.type in CUSTODY_ENDS:
            if current is None:
                if event.type == EventType.DEPORTATION and intervals:
                    _mark_deported(intervals[-1], event)
                    continue
                if event.type in (EventType.DEATH, EventType.DEPORTATION):
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
    if current is not None:
        intervals.append(current)
    if not intervals and any(_opens_custody(e) for e in undated):
        first = next(e for e in undated if _opens_custody(e))
        intervals.append(Interval(start=None, country=first.country))
    return intervals


def _mark_deported(interval: Interval, event: EventFact) -> None:
    interval.deported = True
    if event.destination:
        interval.destination = event.destination


def rebuild_custody(person_ids: Iterable[int]) -> None:
    """Replace the derived intervals of these people with ones computed from their events."""
    from rollcall.events.models import CustodyInterval, Event

    ids = list(set(person_ids))
    for offset in range(0, len(ids), 500):
        chunk = ids[offset : offset + 500]
        by_person: dict[int, list[EventFact]] = defaultdict(list)
        rows = Event.objects.filter(person_id__in=chunk).values_list(
            "person_id",
            "id",
            "type",
            "date",
            "country",
            "release_kind",
            "destination",
            "sentence_kind",
        )
        for person_id, *fields in rows:
            by_person[person_id].append(EventFact(*fields))
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
