"""Labelled-synthetic registry and queries for the name-matching benchmark.

Everything is drawn from one seeded random.Random, so a run is reproducible.  People
are Belarusians (stored in Belarusian and Russian Cyrillic plus a passport-style
Latin form), Russians (Russian Cyrillic, BGN/PCGN and ICAO Latin) and Chinese (Han
characters, "Surname Given" pinyin and "Given Surname").  No two people share a name
in either language's spelling (or, for Chinese, in pinyin): such pairs are
indistinguishable by name alone and would measure luck, not the matcher.

Queries are labelled with the person they must find (positives) or with nobody
(negatives, checked to be absent from the registry).  Typos never touch a surname's
last two letters: those carry the gender and suffix (-ov/-ova, -ik/-ikau), so a change
there makes a different, valid name, not a misspelling.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from anyascii import anyascii
from pypinyin import Style, lazy_pinyin

from bench.names.parts import (
    CHINESE_GIVEN,
    CHINESE_SURNAMES,
    FEMALE,
    MALE,
    ROOTS,
    SUFFIXES,
    belarusian,
)
from bench.names.schemes import BY_SCHEMES, RU_SCHEMES, romanise

HERE = Path(__file__).resolve().parent

_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Names typed in Cyrillic slip on the Russian or Belarusian ЙЦУКЕН layout (a QWERTY
# neighbour of a Cyrillic letter does not exist: the slip used to be a no-op).
_KEYBOARD_RU = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
_KEYBOARD_BY = ("йцукенгшўзх", "фывапролджэ", "ячсмітьбю")


@dataclass
class Person:
    pid: str
    kind: str  # by | ru | zh | real
    gender: str = ""
    given: int = -1
    root: str = ""
    suffix: int = -1
    han: str = ""
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Query:
    text: str
    expected: str | None  # person id, or None for "nobody"
    kind: str


def _real_rows() -> list[list[str]]:
    with open(HERE / "real_people.tsv", encoding="utf-8") as fh:
        return [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]


def _surname_ru(root: str, suffix: int, gender: str) -> str:
    if re.search(r"(ов|ев|ин)$", root):
        return root + ("а" if gender == "f" else "")
    if root.endswith("ич"):
        return root
    male, female = SUFFIXES[suffix]
    if male == "ый" and root[-1] in "кгхжшчщ":
        male, female = "ов", "ова"  # "Бойкая" is no surname (and folds onto Бойко)
    if root[-1] in "цзс" and male in ("ский", "ко"):
        male, female = "ук", None  # Russian spells ц/з/с + ский as цкий/зкий/ский
    if root.endswith("ск") and male == "ко":
        male, female = "ий", "ая"  # "Бельскко" is no surname; -ский is
    end = female if gender == "f" and female is not None else male
    if root[-1] == end[0]:
        end = end[1:]  # Коваленк + ко = Коваленко, not Коваленкко
    return root + end


def _given(gender: str, idx: int) -> tuple[str, str]:
    return (FEMALE if gender == "f" else MALE)[idx]


def _pinyin(han: str, tones: bool = False) -> tuple[str, str]:
    style = Style.TONE if tones else Style.NORMAL
    syl = lazy_pinyin(han, style=style)
    sur, given = syl[0], "".join(syl[1:])
    return sur.capitalize(), given.capitalize()


class Generator:
    def __init__(self, seed: int = 4) -> None:
        self.rng = random.Random(seed)
        self.taken: set[tuple[str, ...]] = set()
        self.people: list[Person] = []
        self.roots: list[str] = ROOTS  # where look-alike strangers find a root one letter away
        # No synthetic Chinese person may bear a real person's (or real stranger's)
        # name: "Liu Xia" would then be two people with one name.
        for _pid, _use, name, _source in _real_rows():
            words = [anyascii(w).lower() for w in name.split()]
            if len(words) == 2 and all(w.isalpha() for w in words):
                self.taken.add(("zh", words[0] + words[1]))
                self.taken.add(("zh", words[1] + words[0]))

    # -- registry -------------------------------------------------------------
    def _slavic_keys(
        self, gender: str, given: int, root: str, suffix: int
    ) -> list[tuple[str, ...]]:
        ru = _surname_ru(root, suffix, gender)
        g_ru, g_by = _given(gender, given)
        # Voicing pairs are one name (Snak/Znak): two people may not differ only there.
        # Nor may they differ only by е/ё/я: Belarusian yakanye writes Russian е as я
        # (Лебедик/Лебядзік), and Russian ё is often written е.
        by = belarusian(ru)
        fold = str.maketrans("зжёя", "сшее")
        return [
            ("ru", g_ru, ru),
            ("by", g_by, by),
            ("ru~", g_ru, ru.translate(fold)),
            ("by~", g_by, by.translate(fold)),
        ]

    def _free(self, keys: list[tuple[str, ...]]) -> bool:
        return not any(k in self.taken for k in keys)

    def make_people(self, n: int) -> list[Person]:
        rng = self.rng
        while len(self.people) < n:
            pid = f"syn-{len(self.people):06d}"
            r = rng.random()
            if r < 0.1:
                sur = rng.choice(CHINESE_SURNAMES)
                han = sur + "".join(rng.choice(CHINESE_GIVEN) for _ in range(rng.choice((1, 2, 2))))
                syl = lazy_pinyin(han)
                # Either order of the pinyin must be free: 魏松 "Wei Song" vs 宋伟
                # "Song Wei" written given-name first would be a coin toss.
                keys = [("zh", "".join(syl)), ("zh", "".join(syl[1:] + syl[:1]))]
                if not self._free(keys):
                    continue
                s, g = _pinyin(han)
                person = Person(pid, "zh", han=han, names=[han, f"{s} {g}", f"{g} {s}"])
            else:
                kind = "by" if r < 0.7 else "ru"
                gender = rng.choice("mf")
                given = rng.randrange(len(FEMALE if gender == "f" else MALE))
                root = rng.choice(ROOTS)
                suffix = rng.randrange(len(SUFFIXES))
                keys = self._slavic_keys(gender, given, root, suffix)
                if not self._free(keys):
                    continue
                person = Person(pid, kind, gender, given, root, suffix)
                ru_full = f"{_given(gender, given)[0]} {_surname_ru(root, suffix, gender)}"
                by_full = (
                    f"{_given(gender, given)[1]} {belarusian(_surname_ru(root, suffix, gender))}"
                )
                if kind == "by":
                    person.names = [by_full, ru_full, romanise(by_full, "icao", russian=False)]
                else:
                    person.names = [
                        ru_full,
                        romanise(ru_full, "bgn", russian=True),
                        romanise(ru_full, "icao", russian=True),
                    ]
            self.taken.update(keys)
            self.people.append(person)
        return self.people

    def add_real(self) -> tuple[list[Person], list[Query]]:
        real: dict[str, Person] = {}
        queries: list[Query] = []
        for pid, use, name, _source in _real_rows():
            if use == "registry":
                real.setdefault(pid, Person("real-" + pid, "real")).names.append(name)
            elif use == "query":
                queries.append(Query(name, "real-" + pid, "real"))
            else:
                queries.append(Query(name, None, "real-stranger"))
        self.people.extend(real.values())
        return list(real.values()), queries

    # -- rendering ------------------------------------------------------------
    def _render(
        self,
        given_ru: str,
        given_by: str,
        sur_ru: str,
        kind: str,
        order_swap: bool,
        patronymic: tuple[str, str] | None = None,
    ) -> str:
        rng = self.rng
        use_by = kind == "by" and rng.random() < 0.6
        g, s = (given_by, belarusian(sur_ru)) if use_by else (given_ru, sur_ru)
        parts = [g]
        if patronymic:
            parts.append(patronymic[1] if use_by else patronymic[0])
        if s:
            parts.append(s)
        if not g:
            parts = [s]
        if order_swap and len(parts) > 1:
            parts = [parts[-1], *parts[:-1]]
        text = " ".join(p for p in parts if p)
        if rng.random() < 0.2:
            return text  # Cyrillic as written
        schemes = BY_SCHEMES if use_by else RU_SCHEMES
        return romanise(text, rng.choice(schemes), russian=not use_by)

    def _typo(self, text: str) -> str:
        rng = self.rng
        words = text.split()
        i = max(range(len(words)), key=lambda k: len(words[k]))
        w = words[i]
        if len(w) < 6:
            return text
        pos = rng.randrange(1, len(w) - 2)
        op = rng.choice(("sub", "del", "swap", "dup"))
        ch = w[pos].lower()
        if op == "sub":
            if any("\u0400" <= c <= "\u04ff" for c in w):
                layout = _KEYBOARD_BY if any(c in "іў" for c in text.lower()) else _KEYBOARD_RU
            else:
                layout = _KEYBOARD
            near = [
                r[j] for r in layout for j in range(len(r)) if ch in r and abs(r.index(ch) - j) == 1
            ]
            if not near:
                return text
            w = w[:pos] + rng.choice(near) + w[pos + 1 :]
        elif op == "del":
            w = w[:pos] + w[pos + 1 :]
        elif op == "swap":
            w = w[:pos] + w[pos + 1] + w[pos] + w[pos + 2 :]
        else:
            w = w[:pos] + w[pos] + w[pos:]
        words[i] = w
        return " ".join(words)

    def _patronymic(self, gender: str) -> tuple[str, str]:
        ru, by = self.rng.choice(MALE[:40])
        ru = re.sub(r"(ий|ь|й)$", "", ru)
        by = re.sub(r"(ій|ь|ы|й)$", "", by)
        by = re.sub(r"ў$", "в", by)  # Станіслаў -> Станіслававіч, not Станіслаўавіч
        if gender == "f":
            return ru + "овна", by + "аўна"
        return ru + "ович", by + "авіч"

    # -- queries --------------------------------------------------------------
    def positive(self, p: Person) -> Query:
        rng = self.rng
        if p.kind == "zh":
            s, g = _pinyin(p.han, tones=rng.random() < 0.3)
            forms = [f"{s} {g}", f"{g} {s}", f"{s}{g}".lower(), f"{s.upper()} {g}", p.han]
            return Query(rng.choice(forms), p.pid, "pinyin")
        g_ru, g_by = _given(p.gender, p.given)
        sur = _surname_ru(p.root, p.suffix, p.gender)
        r = rng.random()
        if r < 0.45:
            return Query(self._render(g_ru, g_by, sur, p.kind, False), p.pid, "scheme")
        if r < 0.6:
            return Query(self._render(g_ru, g_by, sur, p.kind, True), p.pid, "order")
        if r < 0.72:
            pat = self._patronymic(p.gender)
            return Query(
                self._render(g_ru, g_by, sur, p.kind, rng.random() < 0.5, pat), p.pid, "patronymic"
            )
        text = self._render(g_ru, g_by, sur, p.kind, rng.random() < 0.2)
        return Query(self._typo(text), p.pid, "typo")

    def negative(self, p: Person) -> Query | None:
        rng = self.rng
        if p.kind == "zh":
            chars = list(p.han)
            if len(chars) == 3 and rng.random() < 0.5:
                han = "".join(chars[:2])
            else:
                han = chars[0] + rng.choice(CHINESE_GIVEN) * (len(chars) - 1)
            syl = lazy_pinyin(han)
            if {("zh", "".join(syl)), ("zh", "".join(syl[1:] + syl[:1]))} & self.taken:
                return None
            s, g = _pinyin(han)
            return Query(rng.choice([f"{s} {g}", han, f"{g} {s}"]), None, "zh-other")
        g_list = FEMALE if p.gender == "f" else MALE
        r = rng.random()
        gender, given, root, suffix = p.gender, p.given, p.root, p.suffix
        if r < 0.3:
            kind = "same-surname"
            given = rng.randrange(len(g_list))
        elif r < 0.5:
            kind = "spouse"
            if SUFFIXES[suffix][1] is None and not re.search(r"(ов|ев|ин)$", root):
                return None
            gender = "m" if p.gender == "f" else "f"
            given = rng.randrange(len(FEMALE if gender == "f" else MALE))
        elif r < 0.8:
            kind = "lookalike"
            if rng.random() < 0.5:
                suffix = rng.randrange(len(SUFFIXES))
            else:
                near = [x for x in self.roots if x != root and _one_consonant_apart(x, root)]
                if not near:
                    return None
                root = rng.choice(near)
        elif r < 0.9:
            g_ru, g_by = _given(gender, given)
            return Query(self._render(g_ru, g_by, "", p.kind, False), None, "first-name-only")
        else:
            sur = _surname_ru(root, suffix, gender)
            text = rng.choice([sur, belarusian(sur)])
            if rng.random() < 0.7:
                text = romanise(text, rng.choice(BY_SCHEMES), russian=False)
            return Query(text, None, "surname-only")
        keys = self._slavic_keys(gender, given, root, suffix)
        if not self._free(keys):
            return None
        sur = _surname_ru(root, suffix, gender)
        if sur == _surname_ru(p.root, p.suffix, p.gender) and kind == "lookalike":
            return None
        g_ru, g_by = _given(gender, given)
        return Query(self._render(g_ru, g_by, sur, p.kind, rng.random() < 0.2), None, kind)

    def make_queries(self, n: int, positive_share: float = 0.7) -> list[Query]:
        rng = self.rng
        synthetic = [p for p in self.people if p.kind != "real"]
        out: list[Query] = []
        n_pos = round(n * positive_share)
        while len(out) < n_pos:
            out.append(self.positive(rng.choice(synthetic)))
        while len(out) < n:
            q = self.negative(rng.choice(synthetic))
            if q is not None:
                out.append(q)
        return out


_VOICING = [
    set("бп"),
    set("дт"),
    set("зс"),
    set("вф"),
    set("гкх"),
    set("жш"),
    set("ао"),
    set("еэёя"),
    set("иы"),
]


def _one_consonant_apart(a: str, b: str) -> bool:
    """Roots that differ in exactly one letter, and not by a mere voicing, akanye or
    yakanye pair: those are spellings of one name (Snak/Znak, Лебед/Лебяд), not
    look-alikes."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a.lower(), b.lower(), strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    return not any(x in g and y in g for g in _VOICING)
