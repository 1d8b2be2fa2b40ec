"""The registry person each name in an extraction is, when the name engine is sure enough.

Matching is against every person the registry holds, anonymous and hidden people included: the
extraction is read by operators and reviewers, and a fact about a hidden person must be proposed
for that person, not for a duplicate of them. Whoever publishes the output must keep that in mind.

A name alone cannot tell two people apart, so what the article says of the person besides it
sharpens the score (`people.likeness`):

- the holding states of the events the person is named in. A person named in events of several
  states ("arrested in Russia, sentenced in Belarus") was held by each, so a registry person held
  by any one of them shares a state, and one held only by others does not, as likeness compares
  two sets of states;
- the person's age, when the article gives one ("Ales Bialiatski, 63,") and has a publication
  date. An age tells the year of birth only to within a year (63 on 13 December 2025: born in
  1961 or 1962), and likeness lowers a score for a year or two apart, so both years are asked and
  a person born in either counts as born that year: the uncertainty never lowers a right match.

The matcher takes one birth year and one state per question, so each pair is asked in turn and a
person's best answer is theirs: the score the two sets would give.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from itertools import product

from rollcall.people.matching import THRESHOLD, Candidate, registry_index


def match_people(extraction: dict[str, object]) -> dict[str, object]:
    """A copy of the extraction with each event's `persons[].match` filled in.

    A match is the best-scoring person at or above THRESHOLD:
    `{"person_id": uid, "name": the name the registry shows, "score": s}`, with the name's own
    `name_score` and the `context` that moved it when the article gives a holding state or an age
    for the person; otherwise None. A name is matched once for the whole article, with all it says
    of the person, so it is the same person in each of its events.
    """
    matched = copy.deepcopy(extraction)
    events = list_of(matched.get("events"))
    states = holding_states_of_names(events)
    years = birth_years_of_names(events, published_year(matched.get("document")))
    found: dict[str, dict[str, object] | None] = {}
    for event in events:
        for person in list_of(event.get("persons")):
            name = person.get("name")
            if not isinstance(name, str):
                continue
            if name not in found:
                found[name] = best_match(
                    name, states=states.get(name, ()), birth_years=years.get(name, ())
                )
            person["match"] = found[name]
    return matched


def holding_states_of_names(events: list[dict[str, object]]) -> dict[str, set[str]]:
    """name → the states whose authorities acted in the events naming it (`country`; events
    without one say nothing)."""
    states: dict[str, set[str]] = {}
    for event in events:
        country = event.get("country")
        for person in list_of(event.get("persons")):
            name = person.get("name")
            if not isinstance(name, str):
                continue
            named = states.setdefault(name, set())
            if isinstance(country, str) and country.strip():
                named.add(country.strip().upper())
    return states


def published_year(document: object) -> int | None:
    """The year of the article's publication date (`document.published`, ISO), if it has one."""
    published = document.get("published") if isinstance(document, dict) else None
    if isinstance(published, str) and published[:4].isdigit():
        return int(published[:4])
    return None


def birth_years_of_names(
    events: list[dict[str, object]], year: int | None
) -> dict[str, tuple[int, int]]:
    """name → the two years the person may have been born in, from the one age the article gives
    them; nothing without a publication year, or for a name given different ages."""
    if year is None:
        return {}
    ages: dict[str, set[int]] = {}
    for event in events:
        for person in list_of(event.get("persons")):
            name, age = person.get("name"), person.get("age")
            if isinstance(name, str) and isinstance(age, int) and not isinstance(age, bool):
                ages.setdefault(name, set()).add(age)
    return {
        name: (year - age - 1, year - age)
        for name, given in ages.items()
        if len(given) == 1
        for age in given
    }


def best_match(
    name: str, *, states: Collection[str] = (), birth_years: Collection[int] = ()
) -> dict[str, object] | None:
    """The match JSON of the best registry person for a name, sharpened by the holding states
    and the possible birth years the article gives the person (neither: the name alone, and the
    match has no context keys)."""
    if not name.strip():
        return None
    best: Candidate | None = None
    asked_years: list[int | None] = [*sorted(birth_years)] or [None]
    asked_states: list[str | None] = [*sorted(states)] or [None]
    for birth_year, country in product(asked_years, asked_states):
        for candidate in registry_index.match(
            name, limit=1, staff=True, min_score=THRESHOLD, birth_year=birth_year, country=country
        ):
            if best is None or ranks_above(candidate, best):
                best = candidate
    if best is None:
        return None
    # The match JSON's candidate, without the variant: an extraction names the person, and the
    # spelling it was found by is the article's own.
    return {key: value for key, value in best.as_json().items() if key != "variant"}


def ranks_above(candidate: Candidate, best: Candidate) -> bool:
    """Higher score first, then the better name (as the matcher itself ranks in context)."""
    return (candidate.score, candidate.name_score or 0.0) > (best.score, best.name_score or 0.0)


def list_of(value: object) -> list[dict[str, object]]:
    """The objects of a JSON list (an absent list is an empty one)."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]
