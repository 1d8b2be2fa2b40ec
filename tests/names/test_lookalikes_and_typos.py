"""Look-alike surnames one letter apart stay apart; one keystroke slip still matches.

Each list is a class of failures the names benchmark found, with real-looking names. The rules
behind them are phonetic.plausible_typo's (tested on their own in test_phonetic.py) and score's
look-alike guards.
"""

from __future__ import annotations

import pytest

from rollcall.names import THRESHOLD, score

DIFFERENT_PEOPLE = [
    # -ovich/-evich are different suffixes, also when "ch" has several readings.
    ("Leonid Melnikevich", "Leanid Melnikavich"),
    ("Denis Shepelevich", "Denis Shepelovich"),
    ("Leonid Bogdanowicz", "Leanid Bahdanevich"),
    ("Anastasiya Hnatovich", "Anastasiya Ihnatsevich"),
    # A different first letter is a different surname, not a slip.
    ("Mikhail Baranionak", "Mikhail Varanionak"),
    ("Fiodar Aksionin", "Fiodar Kasianin"),
    ("Valentina Semashina", "Valentina Timoshina"),
    ("Ekaterina Nazarevich", "Ekaterina Mazurevich"),
    # The consonant before the ending is part of the suffix (-ska/-ka, -цкая/-тка).
    ("Maryia Kabzarka", "Maryia Kabzarskaya"),
    ("Yevgenia Denisenskaya", "Yevgenia Denisenko"),
    ("Sviatlana Gnatskaya", "Sviatlana Hnatka"),
    # The last two letters: -uk/-ik.
    ("Nikita Rybaluk", "Nikita Rybalik"),
    # u/a is no scheme or language difference (Zhuk/Zhak).
    ("Oksana Zhukina", "Oksana Zhakina"),
    ("Andrei Zhukenko", "Andrei Zhakenko"),
    # One unrelated consonant never passes, however long the word.
    ("Vladimir Garbuzevich", "Vladimir Gorbulevich"),
    ("Vera Osipovich", "Vera Astapovich"),
    ("Veronika Voronenko", "Veronika Voronetsenko"),
    # Closed given-name vocabulary: Oleg/Olga are two names, not a typo.
    ("Oleg Ivanov", "Olga Ivanov"),
    ("Ivan Petrov", "Ivana Petrov"),
]

SAME_PERSON = [
    # One slip in a given name (the given-name vocabulary is closed).
    ("Ruslan Kozlov", "Rulsan Kozlov"),  # transposition
    ("Vitalii Sokolev", "Vitlii Sokolev"),  # omission
    ("Halina Asipuk", "Hslina Asipuk"),  # keyboard neighbour
    ("Antonina Bondarets", "Atonina Bondarets"),
    # One slip in a long surname.
    ("Mikalai Statkevich", "Mikalai Statekvich"),
    ("Pavel Sevyarynets", "Pavel Sevyraynets"),
    ("Ales Bialiatski", "Ales Bialaitski"),
    ("Eduard Babaryka", "Eduard Babarkya"),
    ("Maria Kolesnikova", "Maria Kolesnkova"),
    # German z = ц before soft vowels; GOST 7.79-B cz = ц; Polish final -icz = -ич.
    ("Kanstantsin Baranski", "Kanstanzin Baranski"),
    ("Руслан Чижец", "Ruslan Chizhecz"),
    ("Tatsiana Khomich", "Tatsiana Khomicz"),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_lookalikes_do_not_match(a: str, b: str) -> None:
    assert score(a, b) < THRESHOLD, (a, b)


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_one_slip_still_matches(a: str, b: str) -> None:
    assert score(a, b) >= THRESHOLD, (a, b)


def test_short_surnames_stay_strict() -> None:
    assert score("Ihar Losik", "Ihar Lsoik") < THRESHOLD
    assert score("Maxim Znak", "Maxim Zank") < THRESHOLD
