"""Typing slips judged on the written word, and the look-alikes that must stay apart.

Three slip classes the skeleton alone cannot see (see docs/names.md, "Typos"):
slips the folding turns into two skeleton edits, ЙЦУКЕН slips typed in Cyrillic, and
short-word / near-ending swaps and doublings when the rest of the name is identical.
phonetic.written_slip and phonetic.edge_slip judge them (test_phonetic.py); here, whole names.
"""

from __future__ import annotations

import random

import pytest

from bench.names.synthetic import Generator
from rollcall.names import THRESHOLD, NameIndex, score

SAME_PERSON = [
    # One slip that the folding turns into two skeleton edits.
    ("Ivan Buslevich", "Ivan Buslevch"),  # в before a consonant now reads ў
    ("Mikalai Klimavich", "Mikalay Klimavch"),
    ("Liliia Kasianovich", "Liliia Kasianovch"),
    ("Anton Tsvirkskii", "Anton Tsivrkskii"),  # ts before i now reads т
    ("Nadzeya Shashkova", "Nadzeya Shhashkova"),  # a doubled h makes shh (щ)
    # A keyboard slip typed in Cyrillic (ЙЦУКЕН neighbours а/в, л/о, е/н).
    ("Кирилл Глушакенко", "Кирилл Глушвкенко"),
    ("Ирина Коваленкина", "Ирина Коваоенкина"),
    # Short word or near the ending: a swap or a dropped vowel, the rest identical.
    ("Руслан Марчуко", "Руслан Марчкуо"),
    ("Ryhor Klimin", "Ryhor Kilmin"),
    ("Юрый Клімін", "Юрый Клмін"),
]

DIFFERENT_PEOPLE = [
    # A broken digraph is another letter, not a slip (ж vs г).
    ("Vasil Snehik", "Vasilii Snezhik"),
    ("Viachaslau Snehavich", "Vyachaslaw Snezhavich"),
    # One consonant apart is another root, however the skeleton folds (ч).
    ("Михаил Кравчец", "Kravets Mikhail"),
    # а/е are ЙЦУКЕН neighbours, but -avich/-evich are two suffixes.
    ("Анатоль Багданевіч", "Анатоль Багданавіч"),
    ("Любоў Казлавіч", "Любоў Казлевіч"),
    # Near the ending only swaps and doublings: -au/-eu are -ov/-ev.
    ("Stsiapan Baikau", "Stsiapan Baikeu"),
    ("Ihar Kiryleu", "Ihar Kiryłau"),
    # Never the last letter (-ko/-ok), never two consonants swapped in a short root.
    ("Ivan Zubko", "Ivan Zubok"),
    ("Anatol Vertsin", "Anatol Vetryn"),
    # Spouses stay apart.
    ("Vladislav Galuzov", "Vladislav Galuzev"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_written_slip_matches(a: str, b: str) -> None:
    assert score(a, b) >= THRESHOLD, (a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_written_lookalike_does_not_match(a: str, b: str) -> None:
    assert score(a, b) < THRESHOLD, (a, b)


def test_edge_slip_needs_the_rest_identical() -> None:
    # Each slip alone passes; two of them in one name do not.
    assert score("Руслан Марчуко Клімін", "Руслан Марчкуо Клмін") < THRESHOLD
    # Short words with a consonant swap stay strict: Losik/Lsoik could be another surname.
    assert score("Ihar Losik", "Ihar Lsoik") < THRESHOLD


def test_index_finds_slip_through_any_stored_spelling() -> None:
    # The Russian spelling is stored first; the query slips on the Belarusian one.
    ix = NameIndex()
    ix.add("p", "Николай Климович")
    ix.add("p", "Mikalai Klimavich")
    top = ix.search("Mikalay Klimavch")[0]
    assert top.person_id == "p"
    assert top.score >= THRESHOLD


def test_generator_cyrillic_keyboard_slip_changes_the_name() -> None:
    gen = Generator(1)
    for seed in range(200):
        gen.rng = random.Random(seed)
        text = "Руслан Марчуковский"
        assert gen._typo(text) != text
