"""Custody derived from events: the one place that decides who was held when.

Rules, applied to one person's dated events in date order (same-day events in `DAY_ORDER`):
- an arrest, a custodial sentence or a transfer opens custody if the person is free;
- a release, deportation, death in custody or death closes it;
- freed and later arrested again opens a new interval: the person is held again;
- a release with no earlier custody event (a list that gives only `released_on`) closes an
  interval whose start is unknown;
- a deportation of a free person within `DEPORTATION_WINDOW` of their release marks that release
  as a deportation abroad; a later one is an event of its own and rewrites nothing.
- an undated arrest or custodial sentence (a list that says "held" and no date) opens an interval
  of unknown start at the beginning of the timeline, unless the first dated custody event opens
  custody itself; a dated release or death then ends it. Undated events are otherwise not on the
  timeline.
- an open interval whose latest sentence ends on a known day, with nothing recorded after that
  day, carries that day as `term_ends`: from then on the person is counted as "term ended,
  release unconfirmed", not as held (`events.status`). A list that gives a term's end and never
  records the release has stopped following the person; counting them as held for ever would
  be a guess, and so would counting them as released.
- kinds of custody (`CustodyKind`): an event that gives a kind that is held (`HELD_KINDS`) opens
  custody or changes its kind, which splits the interval's spans (`CustodySpan`) and never ends
  the interval; one that gives a kind that is not held (on trial while free) opens no custody,
  and ends custody as a release does. An event with no kind is read as before: an arrest or a
  transfer holds, a sentence holds unless it is non-custodial.

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
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from django.db import transaction

from rollcall.events.choices import (
    CUSTODY_ENDS,
    CUSTODY_STARTS,
    DAY_ORDER,
    HELD_KINDS,
    EventType,
    SentenceKind,
)
from rollcall.events.models import CustodyInterval, CustodySpan, Event
from rollcall.lib.dates import DatePrecision, PartialDate, period_end
from rollcall.lib.signals import registry_written

# How long after a release a deportation still belongs to it. Belarus (and Nicaragua, Cuba,
# Russia in exchanges) "release" prisoners by driving them to the border or onto a plane the same
# day; sources date the pardon, the release and the crossing a day or a few apart, and lists
# record them days or weeks later still. A deportation months or years after a release is
# something else (the expulsion of someone living free) and must not turn an old release into an
# exile after the fact.
DEPORTATION_WINDOW = timedelta(days=30)
# `EventFact.date` is a field, so inside that class `date` names it, not the type.
Day = date


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
    custody_kind: str = ""
    term_ends_on: Day | None = None


@dataclass
class Span:
    """A stretch of one kind of custody, as `CustodySpan` stores it (`kind` "": not said)."""

    start: date | None
    kind: str
    country: str = ""
    end: date | None = None
    term_ends: date | None = None


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
    term_ends: date | None = None
    # The interval's kinds of custody, in order; together they cover it exactly.
    spans: list[Span] = field(default_factory=list)


@dataclass
class Custody:
    """One person's derived custody: the intervals, and every span (those outside custody too)."""

    intervals: list[Interval]
    spans: list[Span]


# The Event columns a fact is read from, in the fact's own order.
_FACT_FIELDS = [field.name for field in fields(EventFact)]


def _holds(event: EventFact) -> bool | None:
    """Whether a custody event (arrest, sentence, transfer) leaves its person held; None for the
    other events. A kind given says it (`HELD_KINDS`); without one, only a non-custodial sentence
    leaves the person free."""
    if event.type not in CUSTODY_STARTS:
        return None
    if event.custody_kind:
        return event.custody_kind in HELD_KINDS
    return not (
        event.type == EventType.SENTENCE and event.sentence_kind == SentenceKind.NON_CUSTODIAL
    )


def _opens_custody(event: EventFact) -> bool:
    return _holds(event) is True


def _latest_seen(event: EventFact) -> date | None:
    """The last day an event may stand for: "in March 2021" may be 31 March."""
    if event.date is None:
        return None
    return period_end(PartialDate(event.date, event.date_precision))


class _Timeline:
    """The walk over one person's dated events that `derive_custody` makes."""

    def __init__(self) -> None:
        self.intervals: list[Interval] = []
        self.spans: list[Span] = []
        self.current: Interval | None = None
        self.free: Span | None = None  # a span of a kind that is not held, still running
        self.released: EventFact | None = None  # the release that ended the latest interval
        self.sentenced = False  # whether the current interval has a dated sentence
        self.sentence_ends: date | None = None  # the end of its latest dated sentence
        self.last_seen: date | None = None  # the latest day an event of it may stand for

    def open(self, start: date | None, country: str, kind: str) -> None:
        span = Span(start=start, kind=kind, country=country)
        self.current = Interval(start=start, country=country, spans=[span])
        self.spans.append(span)
        self.sentenced, self.sentence_ends, self.last_seen = False, None, None

    def change_kind(self, day: date, kind: str) -> None:
        assert self.current is not None
        last = self.current.spans[-1]
        if not kind or kind == last.kind:
            return
        if last.start == day:  # the same day: the kind was only made precise
            last.kind = kind
            return
        last.end = day
        span = Span(start=day, kind=kind, country=self.current.country)
        self.current.spans.append(span)
        self.spans.append(span)

    def close(self, event: EventFact, end_type: str) -> None:
        current = self.current
        assert current is not None
        current.end = event.date
        current.end_type = end_type
        current.release_kind = event.release_kind
        current.destination = event.destination
        if not current.country:
            current.country = event.country
        current.deported = end_type == EventType.DEPORTATION or bool(
            event.destination and event.destination != current.country
        )
        current.spans[-1].end = event.date
        _place_spans(current)
        self.intervals.append(current)
        self.current = None
        self.released = event if end_type == EventType.RELEASE else None

    def end_free(self, day: date | None) -> None:
        if self.free is not None:
            self.free.end = day
            self.free = None

    def apply(self, event: EventFact) -> None:
        if self.current is not None:
            seen = _latest_seen(event)
            if seen is not None and (self.last_seen is None or seen > self.last_seen):
                self.last_seen = seen
        holds = _holds(event)
        if holds is True:
            self._custody(event)
        elif holds is False:
            if event.custody_kind:  # freed to stand trial, or never detained
                self.end_free(event.date)
                if self.current is not None:
                    self.close(event, EventType.RELEASE)
                self.free = Span(start=event.date, kind=event.custody_kind, country=event.country)
                self.spans.append(self.free)
            elif event.type == EventType.SENTENCE:
                self.end_free(event.date)  # the trial is over
        elif event.type in CUSTODY_ENDS:
            self.end_free(event.date)
            self._end(event)

    def _custody(self, event: EventFact) -> None:
        assert event.date is not None
        self.end_free(event.date)
        if self.current is None:
            self.open(event.date, event.country, event.custody_kind)
            self.last_seen = _latest_seen(event)
        else:
            if not self.current.country:
                self.current.country = event.country
            self.change_kind(event.date, event.custody_kind)
        if event.type == EventType.SENTENCE:
            self.sentenced = True
            self.sentence_ends = event.term_ends_on

    def _end(self, event: EventFact) -> None:
        if self.current is None:
            if event.type == EventType.DEPORTATION:
                if self.released is not None and _within_window(self.released, event):
                    _mark_deported(self.intervals[-1], event)
                return
            if event.type == EventType.DEATH:
                return  # the death of someone free ends no custody
            self.open(None, event.country, "")
        self.close(event, event.type)

    def finish(self, undated: list[EventFact]) -> None:
        """Close the walk: the interval still open carries its term's end, if it is known, and
        the kind undated events give when nothing dated gave one (a list's "sentenced, serving
        it in a colony" beside a dated arrest)."""
        current = self.current
        if current is None:
            return
        kinds = [e.custody_kind for e in undated if e.custody_kind]
        if kinds and not current.spans[-1].kind:
            current.spans[-1].kind = kinds[-1]
        undated_sentences = [e for e in undated if e.type == EventType.SENTENCE]
        ends = self.sentence_ends
        if not self.sentenced and undated_sentences:
            # Undated sentences belong to the custody still open; with several and no order
            # among them, the term is known only if every one of them gives its end.
            known = [e.term_ends_on for e in undated_sentences if e.term_ends_on is not None]
            ends = max(known) if len(known) == len(undated_sentences) else None
        if ends is not None and (self.last_seen is None or self.last_seen <= ends):
            current.term_ends = ends
            current.spans[-1].term_ends = ends
        _place_spans(current)
        self.intervals.append(current)
        self.current = None


def _place_spans(interval: Interval) -> None:
    """An interval's spans are in its holding state, so that per-state figures add up."""
    for span in interval.spans:
        span.country = interval.country


def derive_custody(events: Iterable[EventFact]) -> Custody:
    """One person's custody intervals and spans, in order, from their events (the rules above)."""
    events = list(events)
    dated = sorted(
        (e for e in events if e.date is not None),
        key=lambda e: (e.date, DAY_ORDER.get(e.type, 99), e.id),
    )
    undated = sorted(
        (e for e in events if e.date is None and _opens_custody(e)),
        key=lambda e: (DAY_ORDER.get(e.type, 99), e.id),
    )
    timeline = _Timeline()
    first = next((e for e in dated if _opens_custody(e) or e.type in CUSTODY_ENDS), None)
    if undated and (first is None or not _opens_custody(first)):
        # Held since a date nobody gave, before anything dated: what is dated comes after.
        kinds = [e.custody_kind for e in undated if e.custody_kind]
        timeline.open(None, undated[0].country, kinds[-1] if kinds else "")
    for event in dated:
        timeline.apply(event)
    timeline.finish(undated)
    return Custody(timeline.intervals, timeline.spans)


def derive_intervals(events: Iterable[EventFact]) -> list[Interval]:
    """One person's custody intervals, in order, from their events (the rules above)."""
    return derive_custody(events).intervals


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
        derived = {
            person_id: derive_custody(facts) for person_id, facts in _event_facts(chunk).items()
        }
        CustodyInterval.objects.filter(person_id__in=chunk).delete()
        CustodySpan.objects.filter(person_id__in=chunk).delete()
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
                    term_ends=interval.term_ends,
                )
                for person_id, custody in derived.items()
                for interval in custody.intervals
            ],
            batch_size=1000,
        )
        CustodySpan.objects.bulk_create(
            [
                CustodySpan(person_id=person_id, **span_columns(span))
                for person_id, custody in derived.items()
                for span in custody.spans
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


def span_columns(span: Span) -> dict[str, object]:
    """A derived span as the columns of a `CustodySpan` row."""
    return {
        "country": span.country,
        "kind": span.kind,
        "start": span.start,
        "end": span.end,
        "term_ends": span.term_ends,
    }


_INTERVAL_COLUMNS = (
    "start",
    "end",
    "country",
    "end_type",
    "release_kind",
    "destination",
    "deported",
    "term_ends",
)
_SPAN_COLUMNS = ("start", "end", "country", "kind", "term_ends")


def _canonical(rows: Iterable[object], columns: tuple[str, ...]) -> list[tuple[object, ...]]:
    values = [tuple(getattr(row, column) for column in columns) for row in rows]
    return sorted(values, key=lambda row: (row[0] is not None, row[0] or date.min, repr(row)))


def drifted_people(person_ids: Iterable[int] | None = None) -> list[int]:
    """The people (all, or these) whose stored custody is not what their events derive.

    Empty as long as every writer re-derives. Anything else (a writer that forgot, a queryset
    `update`, SQL typed into a database shell, a restore of only some tables) shows up here, and
    `rebuild_custody` of the same ids repairs it. `rollcall manage custody` runs both.
    """
    if person_ids is None:
        found = set(Event.objects.values_list("person_id", flat=True).distinct())
        found |= set(CustodyInterval.objects.values_list("person_id", flat=True).distinct())
        found |= set(CustodySpan.objects.values_list("person_id", flat=True).distinct())
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
        spans: dict[int, list[CustodySpan]] = defaultdict(list)
        for span in CustodySpan.objects.filter(person_id__in=chunk):
            spans[span.person_id].append(span)
        for pk in chunk:
            custody = derive_custody(facts[pk])
            if _canonical(stored[pk], _INTERVAL_COLUMNS) != _canonical(
                custody.intervals, _INTERVAL_COLUMNS
            ) or _canonical(spans[pk], _SPAN_COLUMNS) != _canonical(custody.spans, _SPAN_COLUMNS):
                drifted.append(pk)
    return drifted
