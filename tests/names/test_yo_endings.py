"""ё in a surname ending: printed е in Russian texts and passports, ё/yo/o elsewhere."""

from __future__ import annotations

import pytest

from rollcall.names import THRESHOLD, NameIndex, score


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mikhail Gorbachev", "Михаил Горбачёв"),  # ICAO and most English texts write ё as e
        ("Mikhail Gorbachyov", "Mikhail Gorbachev"),
        ("Mikhail Gorbachov", "Михаил Горбачёв"),
        ("Alla Pugacheva", "Алла Пугачёва"),
        ("Ivan Kiselyov", "Ivan Kiselev"),
        ("Ryhor Kastusiou", "Григорий Костусев"),  # Belarusian -ёў is Russian -ев
    ],
)
def test_yo_endings_match_their_e_spelling(a: str, b: str) -> None:
    assert score(a, b) >= THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ivan Kiselev", "Ivan Kiselov"),  # -ев and -ов are different surnames
        ("Ivan Baikau", "Ivan Baikeu"),
        ("Ivan Petrov", "Ivan Petrev"),
    ],
)
def test_ov_and_ev_endings_stay_apart(a: str, b: str) -> None:
    assert score(a, b) < THRESHOLD


def test_the_index_finds_a_yo_surname_by_its_e_spelling() -> None:
    index = NameIndex()
    index.add("gorbachev", "Михаил Горбачёв")
    index.add("kiselev", "Ivan Kiselev")
    assert [m.person_id for m in index.search("Mikhail Gorbachev") if m.score >= THRESHOLD] == [
        "gorbachev"
    ]
    assert [m.person_id for m in index.search("Ivan Kiselyov") if m.score >= THRESHOLD] == [
        "kiselev"
    ]
