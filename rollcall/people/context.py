"""What a record says about a person besides their names: birth year and holding states.

`people.likeness` sharpens a name score with these when both sides give them; the import's
duplicate check and `rollcall match` (and the API's match) read the registry's side here, so
both judge a person by the same states.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from datetime import date

from rollcall.lib.dates import DatePrecision, future_problem
from rollcall.people.models import Person

# The earliest birth year a list or a query may give (as the CSV import reads `birth_year`).
FIRST_BIRTH_YEAR = 1850
_YEAR = re.compile(r"^\d{4}$")


def birth_year(value: str | int) -> int:
    """A year of birth as a query gives it, or ValueError saying what is wrong with it."""
    text = str(value).strip()
    if not _YEAR.match(text) or int(text) < FIRST_BIRTH_YEAR:
        raise ValueError(f"{text!r} is not a four-digit year of birth")
    if problem := future_problem(date(int(text), 1, 1), DatePrecision.YEAR):
        raise ValueError(problem)
    return int(text)


def holding_states(person_ids: Collection[int]) -> dict[int, frozenset[str]]:
    """id → the states that held, sentenced or released the person (their events' countries).

    People without such an event are left out: they say nothing of a state."""
    # The events model is read through the relation: `events` is a layer above `people`.
    events = Person.events.field.model._default_manager
    states: dict[int, set[str]] = defaultdict(set)
    ordered = sorted(set(person_ids))
    for offset in range(0, len(ordered), 900):
        chunk = ordered[offset : offset + 900]
        held_by = events.filter(person_id__in=chunk).exclude(country="")
        for person_id, country in held_by.values_list("person_id", "country").distinct():
            states[person_id].add(country)
    return {pid: frozenset(found) for pid, found in states.items()}
