"""A crowded labelled-synthetic registry: common surnames shared by hundreds, namesakes.

The look-alike population (synthetic.py) forbids two people one name, which keeps its
accuracy figures about the matcher; but its speed then holds only where every surname
is rare.  A real registry of 100,000 Belarusians holds hundreds of Ivanou, Kavalenka
and Novik, dozens of Aliaksandr Ivanou, and Belarusians written Ivanou beside Russians
written Ivanov.  This population has those shapes:

* surname families (root + suffix, both genders) drawn with a Zipf-Mandelbrot
  frequency, weight 1 / (rank + 20): the most common family is shared by about 0.7 %
  of the registry (~690 people in 100,000), rank 100 by ~120, rank 1,000 by ~13, and
  the tail by one or nobody.  The head is the most common real Belarusian surnames,
  then the look-alike roots × suffixes, then roots built from a small syllable space;
* given names drawn with weight 1 / (rank + 4), so Aliaksandr is common and Hleb rare;
* no uniqueness rule: namesakes (one full name, several people) happen as they do in
  life, and a Belarusian stored as Іван Іваноў meets a Russian stored as Иван Иванов.

Where the name alone cannot decide, the benchmark counts a positive query as found when
the right person is among those tied at the top score (bench/names/__main__.py).
Negative queries are still checked absent from the registry.  Everything is synthetic
and drawn from one seeded random.Random; person ids say so (``crowd-000042``).
"""

from __future__ import annotations

import bisect
import itertools

from bench.names.parts import FEMALE, MALE, ROOTS, SUFFIXES, belarusian
from bench.names.schemes import romanise
from bench.names.synthetic import Generator, Person, _given, _surname_ru

# The most common surnames of Belarus (root, index into SUFFIXES): the head of the
# frequency ranking.  Generic surnames, each borne by thousands of real people.
COMMON: list[tuple[str, int]] = [
    ("Иван", 0),  # Иванов / Іваноў
    ("Ковал", 6),  # Коваленко / Каваленка
    ("Нови", 8),  # Новик
    ("Козл", 0),
    ("Кузнец", 0),
    ("Мельн", 8),
    ("Новик", 0),
    ("Шевч", 7),
    ("Кравч", 6),
    ("Ковальч", 7),
    ("Макар", 5),
    ("Бондар", 6),
    ("Поп", 0),
    ("Ткач", 7),
    ("Марч", 6),
    ("Клим", 4),
    ("Павл", 0),
    ("Василь", 1),
    ("Петр", 0),
    ("Мороз", 0),
    ("Лукаш", 5),
    ("Сокол", 0),
    ("Ж", 7),  # Жук
    ("Карп", 4),
    ("Михайл", 0),
    ("Волк", 0),
    ("Пашк", 5),
]

# A small syllable space for the tail: no voicing pairs (б/п, з/с, ж/ш, д/т, г/к) and
# the vowels fixed by the consonants, so two roots built here differ in a consonant:
# roots one vowel apart (Кикашич/Какашич) are spellings of one name to the matcher
# (akanye, і/е, unstressed vowels), which would make a look-alike stranger a positive.
_ONSETS = "бвклмнрстшхч"
_VOWELS = "ауи"
_CODAS = "клмнрстш"


_FAMILY_SHIFT = 20  # Zipf-Mandelbrot q: flattens the head to "hundreds", not "a tenth"
_GIVEN_SHIFT = 4


def _syllable_roots() -> list[str]:
    out = []
    for c1, c2 in itertools.product(_ONSETS, _CODAS):
        v1 = _VOWELS[(ord(c1) + ord(c2)) % 3]
        out.append((c1 + v1 + c2).capitalize())
        for c3 in _CODAS:
            v2 = _VOWELS[(ord(c1) + 2 * ord(c2) + ord(c3)) % 3]
            out.append((c1 + v1 + c2 + v2 + c3).capitalize())
    return out


def _cumulative(n: int, shift: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + shift) for rank in range(n)))


class CrowdedGenerator(Generator):
    def __init__(self, seed: int = 4) -> None:
        super().__init__(seed)
        rng = self.rng
        roots = sorted(set(ROOTS))
        look_alike = [(r, s) for r in roots for s in range(len(SUFFIXES))]
        syllables = _syllable_roots()
        tail = [(r, s) for r in syllables for s in range(len(SUFFIXES))]
        rng.shuffle(look_alike)
        rng.shuffle(tail)
        # One family per surname: a root that already ends in a suffix (Мазуров, Зорин)
        # gives the same surname with every suffix.
        seen: set[tuple[str, str]] = set()
        self.families: list[tuple[str, int]] = []
        for root, suffix in (*COMMON, *look_alike, *tail):
            forms = (_surname_ru(root, suffix, "m"), _surname_ru(root, suffix, "f"))
            if forms not in seen:
                seen.add(forms)
                self.families.append((root, suffix))
        self.roots = [*roots, *syllables]
        self._family_cw = _cumulative(len(self.families), _FAMILY_SHIFT)
        self._given_cw = {
            "m": _cumulative(len(MALE), _GIVEN_SHIFT),
            "f": _cumulative(len(FEMALE), _GIVEN_SHIFT),
        }

    def _draw(self, cumulative: list[float]) -> int:
        return bisect.bisect_right(cumulative, self.rng.random() * cumulative[-1])

    def make_people(self, n: int) -> list[Person]:
        rng = self.rng
        while len(self.people) < n:
            pid = f"crowd-{len(self.people):06d}"
            root, suffix = self.families[self._draw(self._family_cw)]
            gender = rng.choice("mf")
            given = self._draw(self._given_cw[gender])
            kind = "by" if rng.random() < 0.7 else "ru"
            person = Person(pid, kind, gender, given, root, suffix)
            g_ru, g_by = _given(gender, given)
            sur_ru = _surname_ru(root, suffix, gender)
            ru_full = f"{g_ru} {sur_ru}"
            by_full = f"{g_by} {belarusian(sur_ru)}"
            if kind == "by":
                person.names = [by_full, ru_full, romanise(by_full, "icao", russian=False)]
                if rng.random() < 0.15:  # a second Latin spelling from another source
                    scheme = rng.choice(("by2007", "lacinka", "bgn"))
                    person.names.append(romanise(by_full, scheme, russian=False))
            else:
                person.names = [
                    ru_full,
                    romanise(ru_full, "bgn", russian=True),
                    romanise(ru_full, "icao", russian=True),
                ]
                if rng.random() < 0.15:  # court records: surname first
                    person.names.append(f"{sur_ru} {g_ru}")
            self.taken.update(self._slavic_keys(gender, given, root, suffix))
            self.people.append(person)
        return self.people
