"""NameIndex in a crowded registry: hundreds share a surname, namesakes share a full name.

The pruning that keeps such queries fast must never change an answer: these tests hold
the index to what comparing the query with every stored name would give.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterator

import pytest

from bench.names.crowded import CrowdedGenerator
from rollcall.names import THRESHOLD, NameIndex
from rollcall.names import index as index_module
from rollcall.names.parse import ParsedName, parse

# The module, not the function the package exports under the same name.
score_module = importlib.import_module("rollcall.names.score")

GIVEN = [
    "Aliaksandr", "Aliaksei", "Andrei", "Siarhei", "Dzmitry", "Uladzimir", "Mikalai",
    "Viktar", "Pavel", "Maksim", "Aleh", "Ihar", "Raman", "Vadzim", "Yauhen", "Kiryl",
]  # fmt: skip


def _crowd(surname: str, size: int) -> Iterator[tuple[str, str]]:
    """`size` people called `surname`, with given names cycling through GIVEN."""
    for i, given in zip(range(size), itertools.cycle(GIVEN), strict=False):
        yield f"{surname.lower()}-{i}", f"{given} {surname}"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many stored names the index compares with the query."""
    calls = [0]
    compare = index_module.compare

    def counting(a: ParsedName, b: ParsedName, repair: bool = True) -> float:
        calls[0] += 1
        return compare(a, b, repair)

    monkeypatch.setattr(index_module, "compare", counting)
    return calls


def test_among_500_ivanou_the_one_with_the_queried_given_name_comes_first() -> None:
    ix = NameIndex()
    ix.add_many(_crowd("Ivanou", 500))
    ix.add("piatro", "Piatro Ivanou")
    ix.add("piatro", "Пётр Иванов")
    matches = ix.search("Petr Ivanov", limit=5)
    assert matches[0].person_id == "piatro"
    assert matches[0].score >= THRESHOLD
    assert all(m.score < THRESHOLD for m in matches[1:])


def test_namesakes_tie_at_the_top_and_every_one_of_them_is_reported() -> None:
    ix = NameIndex()
    ix.add_many(_crowd("Ivanou", 300))
    for pid in ("first", "second", "third"):
        ix.add(pid, "Hanna Ivanova")
    ix.add("fourth", "Ганна Іванова")
    matches = ix.search("Anna Ivanova", limit=10)
    top = [m for m in matches if m.score == matches[0].score]
    assert {m.person_id for m in top} == {"first", "second", "third", "fourth"}
    assert matches[0].score >= THRESHOLD


def test_namesakes_written_alike_are_compared_once(counted: list[int]) -> None:
    ix = NameIndex()
    ix.add_many((f"namesake-{i}", "Aliaksandr Ivanou") for i in range(200))
    matches = ix.search("Aleksandr Ivanov", limit=500)
    assert len(matches) == 200
    assert counted[0] == 1


def test_a_surname_one_slip_from_the_given_name_does_not_pull_in_everyone_with_that_given_name(
    counted: list[int],
) -> None:
    """Valery Valerau: a stored word similar to both query words (Valery) is one word,
    so the 400 other Valerys meet the query on one word only and are not compared."""
    ix = NameIndex()
    surnames = ["Ivanou", "Novik", "Kavalenka", "Melnik", "Shauchuk", "Tkachuk", "Kazlou", "Zhuk"]
    for i in range(400):
        ix.add(f"valery-{i}", f"Valery {surnames[i % len(surnames)]}{'a' * (i // 8 % 3)}")
    ix.add("valerau", "Valery Valerau")
    matches = ix.search("Valeryy Valeraw", limit=5)
    assert matches[0].person_id == "valerau"
    assert counted[0] < 20


def test_other_given_names_are_left_out_only_where_they_could_not_reach_min_score(
    counted: list[int],
) -> None:
    ix = NameIndex()
    ix.add_many((f"man-{i}", "Aliaksandr Ivanou") for i in range(150))
    ix.add_many((f"man-ru-{i}", "Александр Иванов") for i in range(150))
    ix.add("woman", "Aliaksandra Ivanova")
    matches = ix.search("Aleksandra Ivanova", limit=500)
    assert [m.person_id for m in matches] == ["woman"]
    assert counted[0] == 1
    # Asked for anything at all, the index still lists the men, each below 0.3.
    everyone = ix.search("Aleksandra Ivanova", limit=500, min_score=0.0)
    assert len(everyone) == 301
    assert all(m.score < 0.3 for m in everyone if m.person_id != "woman")


def test_the_one_word_shortcut_never_changes_a_score(monkeypatch: pytest.MonkeyPatch) -> None:
    gen = CrowdedGenerator(7)
    people = gen.make_people(80)
    words = sorted({w for p in people for name in p.names for w in name.split()})[:30]
    names = [name for p in people for name in p.names]
    shortcut = [[score_module.score(w, n) for n in names] for w in words]
    monkeypatch.setattr(score_module, "_one_word_capped", lambda *args: False)
    score_module.clear_caches()
    assert shortcut == [[score_module.score(w, n) for n in names] for w in words]


def test_search_finds_every_person_that_comparing_each_stored_name_would_find() -> None:
    """The candidate pruning is measured against brute force on a crowded registry:
    every person some stored name of whom scores >= 0.7 is found, with that score."""
    gen = CrowdedGenerator(11)
    people = gen.make_people(300)
    queries = gen.make_queries(50)
    ix = NameIndex()
    ix.add_many((p.pid, name) for p in people for name in p.names)
    parsed = [(p.pid, parse(name)) for p in people for name in p.names]
    for q in queries:
        pq = parse(q.text)
        brute: dict[str, float] = {}
        for pid, name in parsed:
            s = round(score_module.compare(pq, name), 4)
            if s >= THRESHOLD:
                brute[pid] = max(brute.get(pid, 0.0), s)
        found = {m.person_id: m.score for m in ix.search(q.text, limit=1000, min_score=THRESHOLD)}
        assert found == brute, q.text
