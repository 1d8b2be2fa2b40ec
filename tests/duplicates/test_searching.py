"""The duplicate check searches each distinct name once, on every core, and holds the same rows.

Its answer must be the one a search per row, in one process, gives: the same rows held, each
against the same person with the same score.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

import pytest

from rollcall.duplicates import detection, searching
from rollcall.duplicates.detection import Candidate, Hold, find_holds
from rollcall.events.models import Event
from rollcall.names import Match, NameIndex
from rollcall.people.likeness import SEARCH_FLOOR
from rollcall.people.matching import registry_index
from rollcall.people.models import Person, PersonName

pytestmark = pytest.mark.django_db

# A crowded corner of a registry: few surnames, shared by many, in Cyrillic and Latin.
GIVEN = [("Аляксандр", "Aliaksandr"), ("Сяргей", "Siarhei"), ("Ігар", "Ihar"), ("Павел", "Pavel")]
SURNAMES = [
    ("Іваноў", "Ivanou"),
    ("Каваленка", "Kavalenka"),
    ("Лосік", "Losik"),
    ("Новік", "Navik"),
]
SLIPS = {"Ivanou": "Ivanov", "Losik": "Lossik", "Kavalenka": "Kovalenko", "Navik": "Novik"}


def crowded_registry(rng: random.Random, count: int) -> None:
    for n in range(count):
        (given, given_latin), (surname, surname_latin) = rng.choice(GIVEN), rng.choice(SURNAMES)
        person = Person.objects.create(uid=f"registered-{n}", birth_date=date(1960 + n % 40, 1, 1))
        PersonName.objects.create(person=person, value=f"{given} {surname}", kind="primary")
        PersonName.objects.create(person=person, value=f"{given_latin} {surname_latin}")
        state = rng.choice(["BY", "RU"])
        Event.objects.create(person=person, type="arrest", date=date(2021, 1, 1), country=state)


def crowded_list(rng: random.Random, count: int) -> list[Candidate]:
    """Namesakes, registered people in another spelling or with a slip, and strangers."""
    rows = []
    for n in range(count):
        (given, given_latin), (surname, surname_latin) = rng.choice(GIVEN), rng.choice(SURNAMES)
        kind = n % 4
        if kind == 0:
            names: tuple[str, ...] = (f"{given} {surname}",)
        elif kind == 1:
            names = (f"{given_latin} {SLIPS[surname_latin]}",)
        elif kind == 2:
            names = (f"{given} {surname}", f"{given_latin} {surname_latin}")
        else:
            names = (f"{given_latin} Zhukouski{n}",)
        rows.append(
            Candidate(
                line=n + 2,
                uid=f"listed-{n}",
                names=names,
                birth_year=1960 + rng.randrange(40) if n % 3 else None,
                states=frozenset([rng.choice(["BY", "RU"])]),
                digest="",
                publish_on_keep=True,
            )
        )
    return rows


def searched_per_row(
    index: NameIndex, queries: Sequence[str], *, limit: int, min_score: float, description: str
) -> dict[str, list[Match]]:
    """The check as it was: a search for every name of every row, one after the other."""
    answers: dict[str, list[Match]] = {}
    for query in queries:
        answers[query] = index.search(query, limit=limit, min_score=min_score)
    return answers


def as_compared(holds: dict[int, Hold]) -> list[tuple[int, str, int | None, float, str]]:
    return sorted(
        (line, h.match_uid, h.match_line, h.likeness.score, h.likeness.explained())
        for line, h in holds.items()
    )


def test_a_list_searched_once_per_name_on_every_core_holds_what_a_search_per_row_holds(
    monkeypatch: pytest.MonkeyPatch,
):
    rng = random.Random(7)
    crowded_registry(rng, 60)
    candidates = crowded_list(rng, 120)
    monkeypatch.setattr(searching, "_workers", lambda: 2)
    monkeypatch.setattr(searching, "PARALLEL_FROM", 1)  # fork even for this short list

    fast = find_holds(candidates)
    with monkeypatch.context() as plain:
        plain.setattr(detection, "search_names", searched_per_row)
        registry_index.reset()
        slow = find_holds(candidates)

    assert as_compared(fast) == as_compared(slow)
    on_registry = [h for h in fast.values() if h.match_line is None]
    assert len(on_registry) > 20, "the list meets the registry often, as a crowded one does"
    assert any(h.match_line is not None for h in fast.values()), "and repeats itself"


def test_the_workers_answer_every_name_as_one_process_does(monkeypatch: pytest.MonkeyPatch):
    rng = random.Random(11)
    crowded_registry(rng, 40)
    queries = [name for c in crowded_list(rng, 80) for name in c.names]
    index = registry_index.refresh()
    monkeypatch.setattr(searching, "_workers", lambda: 3)
    monkeypatch.setattr(searching, "PARALLEL_FROM", 1)

    answers = searching.search_names(
        index, queries, limit=5, min_score=SEARCH_FLOOR, description="checking"
    )

    assert list(answers) == list(dict.fromkeys(queries)), "each name once, in the list's order"
    for query, found in answers.items():
        assert found == index.search(query, limit=5, min_score=SEARCH_FLOOR), query
    assert sum(1 for found in answers.values() if found) > len(answers) / 2
