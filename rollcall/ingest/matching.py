"""The registry person each name in an extraction is, when the name engine is sure enough.

Matching is against every person the registry holds, anonymous and hidden people included: the
extraction is read by operators and reviewers, and a fact about a hidden person must be proposed
for that person, not for a duplicate of them. Whoever publishes the output must keep that in mind.
"""

from __future__ import annotations

import copy

from rollcall.people.matching import THRESHOLD, registry_index


def match_people(extraction: dict[str, object]) -> dict[str, object]:
    """A copy of the extraction with each event's `persons[].match` filled in.

    A match is the best-scoring person at or above THRESHOLD:
    `{"person_id": uid, "name": the name the registry shows, "score": s}`; otherwise None.
    """
    matched = copy.deepcopy(extraction)
    found: dict[str, dict[str, object] | None] = {}
    for event in list_of(matched.get("events")):
        for person in list_of(event.get("persons")):
            name = person.get("name")
            if not isinstance(name, str):
                continue
            if name not in found:
                found[name] = best_match(name)
            person["match"] = found[name]
    return matched


def best_match(name: str) -> dict[str, object] | None:
    if not name.strip():
        return None
    candidates = registry_index.match(name, limit=1, staff=True, min_score=THRESHOLD)
    if not candidates:
        return None
    best = candidates[0]
    return {"person_id": best.person_id, "name": best.name, "score": round(best.score, 4)}


def list_of(value: object) -> list[dict[str, object]]:
    """The objects of a JSON list (an absent list is an empty one)."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]
