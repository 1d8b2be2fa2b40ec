"""A person's events in the order they happened; the facility and the sentence they end on.

One order for every reader of a timeline (the person page, the letters page, the API), so that
"held at" means the same facility wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rollcall.events.choices import DAY_ORDER, EventType
from rollcall.events.models import Event, Facility


def timeline_key(event: Event) -> tuple[bool, date, int, int]:
    """Dated events in the order they happened (same-day ones as custody applies them), then
    the events no source dates."""
    return (event.date is None, event.date or date.min, DAY_ORDER.get(event.type, 99), event.pk)


def in_order(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=timeline_key)


def last_facility(events: Iterable[Event]) -> Facility | None:
    """The facility named by the latest event on the timeline that names one.

    Where the person was last recorded, not proof they are still there: a transfer no source
    reported leaves it behind. Read from events already loaded (with their facility selected),
    so a page of people costs no query per person.
    """
    held_in = [e.facility for e in in_order(events) if e.facility is not None]
    return held_in[-1] if held_in else None


def last_sentence(events: Iterable[Event]) -> Event | None:
    """The latest sentence on the timeline: the one in force, whose `term_ends_on` a release is
    due on (an appeal or a new case is a sentence of its own, later on the timeline)."""
    sentences = [e for e in in_order(events) if e.type == EventType.SENTENCE]
    return sentences[-1] if sentences else None
