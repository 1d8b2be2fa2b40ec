"""Chinese names: Han characters <-> Hanyu Pinyin, in either order, with or without
spaces and tones.

Why a separate path: pinyin syllables are short and minimal pairs are different
people (Liu Xia is not Liu Xiaobo, Wang Lin is not Wang Lan), so the fuzzy,
vowel-tolerant comparison used for Slavic names is wrong here.  A Chinese name is
instead reduced to its syllable string; two names match when the strings are equal
for some plausible order (surname first as in Chinese, or given name first as in
Western press).  Han names written with a middle dot (伊力哈木·土赫提) are
transcriptions of non-Chinese names (Uyghur, Tibetan, Western); their pinyin is kept
per part and compared by consonant frame with the original-language spelling.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import permutations

from rollcall.names.resources import chinese_surnames, han_name_readings, pinyin_syllables

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]")
FOREIGN_SEPARATORS = "·・•‧︰﹒．"


def has_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None


def _pinyin(chars: str) -> str:
    # Imported here: pypinyin's phrase tables take a third of a second to load, which every
    # process that only ever meets Latin and Cyrillic names would otherwise pay at start-up.
    from pypinyin import Style, lazy_pinyin

    syl = lazy_pinyin(chars, style=Style.NORMAL, errors="ignore", v_to_u=False)
    return "".join(s for s in syl if s.isascii() and s.isalpha()).replace("v", "u")


@lru_cache(maxsize=50_000)
def han_name(text: str) -> tuple[list[str], bool]:
    """Romanise a Han name into tokens; the flag is True for transcribed foreign names.

    Native names give [surname, given] (compound surnames kept whole); transcribed
    names give one token per dot-separated part.
    """
    chars = "".join(_HAN_RE.findall(text) + [c for c in text if c in FOREIGN_SEPARATORS])
    if any(sep in text for sep in FOREIGN_SEPARATORS):
        parts = re.split("[" + FOREIGN_SEPARATORS + r"\s]+", text)
        tokens = [_pinyin("".join(_HAN_RE.findall(p))) for p in parts]
        return [t for t in tokens if t], True
    chars = "".join(_HAN_RE.findall(text))
    if not chars:
        return [], False
    surname, given = _native_split(chars)
    tokens = [surname]
    if given:
        tokens.append(_pinyin(given))
    return [t for t in tokens if t], False


def _native_split(chars: str) -> tuple[str, str]:
    """(surname in pinyin, given name in Han characters); compound surnames kept whole."""
    special = chinese_surnames()
    if len(chars) >= 3 and chars[:2] in special:
        surname, given = special[chars[:2]], chars[2:]
    elif chars[0] in special and len(chars) >= 2:
        surname, given = special[chars[0]], chars[1:]
    else:
        surname, given = _pinyin(chars[0]), chars[1:]
    return surname.replace("v", "u"), given


def native_forms(text: str) -> frozenset[str]:
    """Unspaced readings of a native Han name, both orders, every kept given-name
    reading (see given_readings)."""
    chars = "".join(_HAN_RE.findall(text))
    if not chars or any(sep in text for sep in FOREIGN_SEPARATORS):
        return frozenset()
    surname, given = _native_split(chars)
    if not given:
        return han_forms([surname])
    out: set[str] = set()
    for reading in given_readings(given):
        out |= han_forms([surname, reading])
    return frozenset(out)


@lru_cache(maxsize=100_000)
def syllable_count(token: str) -> int:
    """Number of pinyin syllables `token` splits into, or 0 if it is not pinyin.

    Greedy longest-match fails on strings like "xian" vs "xi'an"; the dynamic
    programme prefers the split with the fewest syllables, which is how people read
    unspaced pinyin.
    """
    syll = pinyin_syllables()
    n = len(token)
    if n == 0 or n > 18:
        return 0
    best = [0] + [99] * n
    for i in range(1, n + 1):
        for k in range(max(0, i - 6), i):
            if best[k] < 99 and token[k:i] in syll and best[k] + 1 < best[i]:
                best[i] = best[k] + 1
    return best[n] if best[n] < 99 else 0


def pinyin_forms(tokens: list[str]) -> frozenset[str]:
    """Unspaced syllable strings a Latin name could stand for, if it reads as pinyin.

    Only names of at most four syllables qualify: Chinese personal names are two to
    four syllables, and the limit keeps European names out of this path.
    """
    if not tokens or len(tokens) > 3:
        return frozenset()
    total = 0
    for t in tokens:
        n = syllable_count(t)
        if n == 0:
            return frozenset()
        total += n
    if total < 2 or total > 4:
        return frozenset()
    return frozenset("".join(p) for p in permutations(tokens))


_MAX_READINGS = 4


@lru_cache(maxsize=50_000)
def given_readings(chars: str) -> tuple[str, ...]:
    """Unspaced readings of a Han given name, pypinyin's first.

    pypinyin reads a character with several readings by its most frequent one, which
    is not always the one used in names: 高智晟 is Gao Zhisheng, not Gao Zhicheng.
    Characters listed in resources/han_name_readings.tsv add their name readings (at
    most four combinations); other heteronyms are not expanded, so a rare reading
    cannot make two different names meet (刘晓波 is not Liu Xiaobei).
    """
    table = han_name_readings()
    per_char: list[list[str]] = [[]]
    for ch in chars:
        first = _pinyin(ch)
        if not first:
            continue
        options = dict.fromkeys((first, *table.get(ch, ())))
        per_char = [[*p, o] for p in per_char for o in options]
    out = dict.fromkeys("".join(p) for p in per_char if p)
    return tuple(out)[:_MAX_READINGS]


def han_forms(tokens: list[str]) -> frozenset[str]:
    """Surname-first and given-first syllable strings of a native Han name."""
    if len(tokens) <= 1:
        # No token when pypinyin cannot read the only character (𠎈): no form, not an error.
        return frozenset(t for t in tokens if t)
    surname, given = tokens[0], "".join(tokens[1:])
    return frozenset({surname + given, given + surname})
