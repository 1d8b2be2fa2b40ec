"""A recurring cast of registry records for tests, built from plain descriptions.

`person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])` reads like the timeline it makes.
The names are real people's only where the facts are public record; dates in stats fixtures are
chosen for the arithmetic and say so where they differ from life.
"""

from __future__ import annotations

from typing import Any

from rollcall.events.custody import rebuild_custody
from rollcall.events.models import Event
from rollcall.lib.dates import PartialDate
from rollcall.people.models import Person, PersonName


def person(
    name: str,
    events: list[tuple[Any, ...]] = (),  # type: ignore[assignment]
    aliases: tuple[str, ...] = (),
    **fields: Any,
) -> Person:
    """Create a person with a primary name, aliases and events `(type, date, country, **extra)`."""
    p = Person.objects.create(**fields)
    PersonName.objects.create(person=p, value=name, kind="primary")
    for alias in aliases:
        PersonName.objects.create(person=p, value=alias, kind="alias")
    for spec in events:
        kind, when, country, *rest = spec
        extra: dict[str, Any] = rest[0] if rest else {}
        parsed = PartialDate.parse(when) if when else None
        Event.objects.create(
            person=p,
            type=kind,
            date=parsed.value if parsed else None,
            date_precision=parsed.precision if parsed else "day",
            country=country,
            **extra,
        )
    rebuild_custody([p.pk])  # as every writer of events does (events.custody)
    return p
