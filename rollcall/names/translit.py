"""Fold any Cyrillic or Latin spelling of a name onto one canonical ASCII skeleton.

Why a skeleton instead of a transliteration: the registry receives the same person
romanised by a dozen conventions (BGN/PCGN, ICAO passports, GOST, Library of
Congress, the Belarusian 2007 national system, Łacinka, French, German, Polish press
usage) and in two languages whose spelling differs systematically (Belarusian
akanye Kalesnikava vs Russian Kolesnikova, ў vs в, дз/ц vs д/т).  Rather than guess
which scheme a string follows, every string is pushed through rules that erase the
differences *between* schemes and languages while keeping differences *between
names*.  What remains is compared with a phonetic edit distance (phonetic.py).

Placeholders used while folding: ``C`` = ч, ``X`` = ш, ``J`` = ж; they become
``c``, ``x``, ``j`` at the end (plain c, x and j never survive the folding, so the
letters are free), and ц (ts, tz, c) ends as ``q``.  Some Latin digraphs are
ambiguous between schemes ("ch" is ч in English, х in German/Polish/Czech, ш in
French; GOST 7.79 "x" is х); those words get several skeletons and the matcher
takes the best.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, partial
from itertools import product

from anyascii import anyascii

from rollcall.names.resources import cyrillic_table

# Latin letters whose diacritic carries the meaning (Łacinka, BY-2007, Czech-style
# scholarly transliteration, Polish).  anyascii would drop it: č -> c, losing ч.
_PREMAP: dict[str, str] = {
    "č": "C",
    "š": "X",
    "ž": "J",
    "ż": "J",
    "ŭ": "u",
    "ć": "ts",
    "ś": "s",
    "ź": "z",
    "ń": "n",
    "ł": "l",
    "ĺ": "l",
    "ľ": "l",
    "ü": "u",
    "ö": "o",
    "ä": "a",
    "ë": "e",
    "ï": "i",
    "ě": "ie",
    "ý": "i",
    "ĭ": "i",
    "ǎ": "a",
    "ó": "o",
    "ß": "ss",
    # Turkish, Crimean Tatar, Azerbaijani and Romanian letters for ш, ч, ц, ы
    # (Crimean political prisoners are often written in Crimean Tatar Latin).
    "ş": "X",
    "ș": "X",
    "ç": "C",
    "ț": "ts",
    "ţ": "ts",
    "ı": "y",
}

# Unambiguous digraphs/trigraphs, longest first (order matters: "tsch" before "sch").
_SEQUENCES: list[tuple[str, str]] = [
    ("schtsch", "XC"),
    ("shch", "XC"),
    ("szcz", "XC"),
    ("shh", "XC"),
    ("tsch", "C"),
    ("tch", "C"),
    ("sch", "X"),
    ("sh", "X"),
    ("zh", "J"),
    ("gue", "ge"),  # French gu = г before e/i (Agueev, Evgueni)
    ("gui", "gi"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "tsk"),
    ("tz", "ts"),
]
# Word-final spellings of Western press usage: German/English -ck is k (Znack), and the
# old French/English -off/-eff and the as-heard -of are -ов/-ев (Sentsoff, Rachmaninoff,
# Sentsof); inside a word
# "ck" stays Polish/Łacinka ц+к (Bialacki, Cichocka).
_FINAL_RE = re.compile(r"ck$|(?<=[oe])ff$|(?<=[b-df-hj-np-tv-z]o)f$")
_FINAL_MAP = {"ck": "k", "ff": "v", "f": "v"}

_SEQ_RE = re.compile("|".join(re.escape(k) for k, _ in _SEQUENCES))
_SEQ_MAP = dict(_SEQUENCES)
_MULTIGRAPH_RE = re.compile("|".join(re.escape(k) for k, _ in _SEQUENCES) + "|ch|cz|sz")


def multigraph_spans(word: str) -> list[tuple[int, int]]:
    """(start, end) of the letter sequences written for one sound (sh, tsch, szcz, ch
    ...) in a lower-case Latin word; used to tell a slip that merged two sounds
    into one digraph from one the folding swallowed."""
    return [m.span() for m in _MULTIGRAPH_RE.finditer(word)]


# Ambiguous spellings -> the phonemes they may stand for.
_AMBIGUOUS_RE = re.compile(
    r"ch|cz|sz|c(?=[aou])|x|(?<=[aeiouy])j(?=[aeiouy])|^j(?=ou)|z(?=[ijey])|dj(?=[aeiou])"
)
# Each reading list is aligned by scheme, so that the first readings _expand tries
# are coherent ones: 0 English, 1 German/Polish (and BY-2007 for ch), 2 French,
# 3 GOST 7.79-B.  (Zichanouskaja is German throughout: z = ц, ch = х, j = й.)
_AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "ch": ("C", "h", "X", "C"),  # English ч, German/Polish/BY-2007 х, French ш
    "cz": ("C", "C", "C", "ts"),  # Polish ч; GOST 7.79-B ц (it writes "c" before e, i, y, j)
    "czi": ("C",),
    "zi": ("z", "ts", "z", "z"),  # German z = ц before vowels (Tazjana, Krywezyk)
    "sz": ("X", "sts", "X", "X"),  # Polish ш; German с+ц (Szjapan, Kryszina)
    "ca": ("k", "ts", "k", "ts"),  # English Nicolas, but Łacinka/Polish Halubiecaja
    "j": ("j", "j", "J", "j"),  # German/Polish й, French ж (Tchyjevitch, Jouravlev)
    "dj": ("dj", "dj", "dJ", "dj"),  # French/Turkish dj = дж (Djelal, Djokhar)
    "x": ("ks", "ks", "ks", "h"),  # Alexander, but GOST 7.79-B Tixanovskaya
}
_MAX_VARIANTS = 6

_LATIN_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"c(?=[eiy])"), "ts"),  # Polish/Łacinka/BY-2007 c = ц
    (re.compile(r"c(?=[aoukt])"), "k"),  # English Victor, Nicolas
    (re.compile(r"c"), "ts"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"q"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"g"), "h"),  # Belarusian/Ukrainian г = h, х = h/kh/ch
    (re.compile(r"[yj]"), "i"),  # ы, й and the glide of я/ю/е
]

# Rules that erase language differences (Belarusian vs Russian) and vowel noise.
_SKELETON_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"ine$"), "in"),  # French -ine for -ин (Iachine)
    (re.compile(r"(?<=[aeiou])v(?=[^aeiou]|$)"), "u"),  # ў: Piatrou/Petrov, -ouski/-ovski
    (re.compile(r"[oa]u(?=[^aeiou]|$)"), "u"),  # French ou = у; оў/аў = ov
    # Belarusian puts в between а/о and у: Навуменка/Науменко, Белавус/Белоус.
    (re.compile(r"[ao]vu(?=[^aeiou])"), "u"),  # (not -аваў: the ending is kept)
    # tsekanye/dzekanye: Tsikhanouski/Tikhanovsky, Dziadok/Dedok (German ds), also
    # across в inside a word (Matsvei/Matvei, Miadzviedzieu/Medvedev); a word-initial
    # Цв- is Цв- in Russian too (Tsvirko).
    (re.compile(r"ts(?=[ie])|(?<=[aeiou])ts(?=v[ie])"), "t"),
    (re.compile(r"d[zs](?=[ie])|(?<=[aeiou])d[zs](?=v[ie])"), "d"),
    (re.compile(r"^ie"), "e"),  # Yermakov/Ermakov, Yevgeny/Evgeny
    (re.compile(r"(?<=[a-zA-Z])i(?=[aeiou])"), ""),  # palatal glide: Bialiatski/Belyatski
    (re.compile(r"o"), "a"),  # akanye: Kalesnikava/Kolesnikova
    (re.compile(r"z"), "s"),  # German s = з, Snak/Znak
    (re.compile(r"J"), "X"),  # ж/ш: German writes both "sch"
    (re.compile(r"ts"), "q"),  # ц is one sound: one letter
    (re.compile(r"(.)\1+"), r"\1"),
]

_CYR = cyrillic_table()


def fold_chars(word: str) -> str:
    """Lowercase, map Cyrillic and meaningful diacritics, drop everything else."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", word.lower()):
        if ch in _CYR:
            out.append(_CYR[ch])
        elif ch in _PREMAP:
            out.append(_PREMAP[ch])
        elif "a" <= ch <= "z":
            out.append(ch)
        else:
            folded = anyascii(ch).lower()
            out.append("".join(c for c in folded if "a" <= c <= "z"))
    return "".join(out)


def _readings(word: str, folded: str) -> list[str]:
    """A Cyrillic word has one reading: the ambiguities are those of Latin schemes
    (the folded Зина must not also read German Цина)."""
    if has_cyrillic(word):
        return [folded]
    return _expand(folded)


_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC_RE.search(text) is not None


def _expand(text: str) -> list[str]:
    """All readings of the ambiguous spellings in `text`."""
    parts: list[list[str]] = []
    pos = 0
    for m in _AMBIGUOUS_RE.finditer(text):
        parts.append([text[pos : m.start()]])
        key = m.group()
        final = m.end() == len(text) and text[m.start() - 1 : m.start()] in ("i", "y")
        if key in ("ch", "cz") and final:
            # Final -ich/-icz is the suffix -ич in every scheme that writes ч so;
            # reading it as х or ц would only blur the ending check (-evich/-avich).
            parts.append(["C"])
            pos = m.end()
            continue
        if key == "cz" and m.end() < len(text) and text[m.end()] in "eiyj":
            key = "czi"
        elif key == "z":
            key = "zi"
        elif key == "c":
            key = "ca"
        elif key == "j":
            key = "j"
        parts.append(list(_AMBIGUOUS[key]))
        pos = m.end()
    parts.append([text[pos:]])
    # Uniform readings first (every "ch" read the same way, as one scheme would),
    # then mixed ones, up to the cap.
    out: dict[str, None] = {}
    width = max(len(p) for p in parts)
    for n in range(width):
        out["".join(p[min(n, len(p) - 1)] for p in parts)] = None
    for combo in product(*(list(dict.fromkeys(p)) for p in parts)):
        if len(out) >= _MAX_VARIANTS:
            break
        out["".join(combo)] = None
    return list(out)


# A surname ending -ёв/-ёва/-ёў (after a consonant) is printed -ев/-ева in most Russian
# texts and in every ICAO passport (Горбачёв: Gorbachyov, Gorbachev; Киселёв: Kiselev),
# and Belarusian -ёў is Russian -ев (Кастусёў / Костусев). Such a word gets a second
# skeleton read with е, so it meets both spellings, while -ов and -ев themselves stay
# apart (they tell different surnames). Only the ending: inside a word the vowel costs
# are cheap enough already, and given names with ё are listed in the name table.
_YO_ENDING = re.compile(r"(?<=[b-df-hj-np-tv-zCXJ])io(?=(?:v|u|va)$)")


# Every match of these rules contains this letter or sequence: a word without it is
# left as it is without running the pattern.  (A word is folded through some twenty
# rules, and most rules do not apply to a given word; skeletons of the words a query
# meets for the first time were a tenth of a crowded registry's query time.)
_REQUIRED: dict[str, str] = {
    r"c(?=[eiy])": "c",
    r"c(?=[aoukt])": "c",
    r"(?<=[aeiou])v(?=[^aeiou]|$)": "v",
    r"[oa]u(?=[^aeiou]|$)": "u",
    r"[ao]vu(?=[^aeiou])": "vu",
    r"ts(?=[ie])|(?<=[aeiou])ts(?=v[ie])": "ts",
    r"d[zs](?=[ie])|(?<=[aeiou])d[zs](?=v[ie])": "d",
    r"^ie": "ie",
    r"(?<=[a-zA-Z])i(?=[aeiou])": "i",
    r"ine$": "ine",
}
_LITERAL_RE = re.compile(r"[A-Za-z]+")


def _steps(rules: list[tuple[re.Pattern[str], str]]) -> list[Callable[[str], str]]:
    """The rules as functions: a pattern that is a plain letter or sequence replaced by
    letters becomes str.replace (the same leftmost, non-overlapping replacement), the
    others run only on words holding what every match holds (_REQUIRED)."""
    return [_step(pattern, repl) for pattern, repl in rules]


def _step(pattern: re.Pattern[str], repl: str) -> Callable[[str], str]:
    source = pattern.pattern
    need = _REQUIRED.get(source)
    if _LITERAL_RE.fullmatch(source) and _LITERAL_RE.fullmatch(repl):

        def replace(word: str) -> str:
            return word.replace(source, repl)

        return replace
    if need is not None:

        def sub_if_present(word: str) -> str:
            return pattern.sub(repl, word) if need in word else word

        return sub_if_present
    return partial(pattern.sub, repl)


_LATIN_STEPS = _steps(_LATIN_RULES)
_SKELETON_STEPS = _steps(_SKELETON_RULES)


def _latin(variant: str) -> str:
    for step in _LATIN_STEPS:
        variant = step(variant)
    return variant


def _skeleton(latin: str) -> str:
    for step in _SKELETON_STEPS:
        latin = step(latin)
    return latin.lower()


@lru_cache(maxsize=200_000)
def spellings(word: str) -> tuple[str, ...]:
    """The word with script and digraph differences folded but *before* the skeleton
    rules (doubled letters, ў/в, the glide, akanye, ц): one typing slip in the written
    word is still one edit here, where the skeleton may show two (Buslevch: busleuc
    vs buslevic).  One per reading of the word's ambiguous spellings."""
    folded = fold_chars(word)
    if not folded:
        return ()
    folded = _FINAL_RE.sub(lambda m: _FINAL_MAP[m.group()], folded)
    folded = _SEQ_RE.sub(lambda m: _SEQ_MAP[m.group()], folded)
    return tuple(dict.fromkeys(_latin(v) for v in _readings(word, folded)))


@lru_cache(maxsize=200_000)
def skeletons(word: str) -> tuple[str, ...]:
    """Canonical skeletons of one word (usually one; several for ambiguous spellings).

    The first skeleton is the most likely reading (English conventions), so it can
    serve as the display/blocking form.
    """
    seen: dict[str, None] = {}
    for latin in spellings(word):
        sk = _skeleton(latin)
        if sk:
            seen[sk] = None
        if _YO_ENDING.search(latin):
            seen[_skeleton(_YO_ENDING.sub("e", latin))] = None
    return tuple(seen)


def ascii_form(word: str) -> str:
    """Plain lowercase ASCII of a word (tones and diacritics dropped), for pinyin."""
    return "".join(c for c in anyascii(word).lower() if "a" <= c <= "z")
