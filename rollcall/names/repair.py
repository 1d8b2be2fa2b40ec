"""Undo one keystroke in a written word, and read the repaired word's skeletons.

Why on the written word: a typist slips on the keys of the script and scheme they
write in.  One slip inside a digraph of a romanisation (Tschysgawa for Tschyshawa,
Anikejawitcsh for Anikejawitsch) or beside a letter the folding rewrites (the
glide, в before a consonant, akanye) shows as two or three edits between skeletons,
which the skeleton rules must refuse; undoing the slip where it was made, and then
folding, gives the person's skeleton back exactly.  And keyboard adjacency is a fact
about written letters (o and p are neighbours; the skeleton has already turned o
into a).
"""

from __future__ import annotations

from functools import cache, lru_cache

from rollcall.names.phonetic import WRITTEN_NEIGHBOURS
from rollcall.names.translit import skeletons


@cache
def _neighbour_map() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for pair in WRITTEN_NEIGHBOURS:
        x, y = tuple(pair)
        out.setdefault(x, set()).add(y)
        out.setdefault(y, set()).add(x)
    return {k: frozenset(v) for k, v in out.items()}


_VOWELS = frozenset("aeiouyаеёиоуыэюяіў")


def undo_slip(text: str, keep_end: int = 1) -> set[str]:
    """The written word with one keystroke undone: a keyboard neighbour put back
    (QWERTY, or ЙЦУКЕН for Cyrillic), an extra or doubled letter removed, an
    adjacent swap undone.  Never at the first letter, nor in the last `keep_end`
    letters (they carry gender and suffix: Ivan/Ivana, -ik/-uk, -ov/-ova)."""
    near = _neighbour_map()
    out: set[str] = set()
    end = len(text) - keep_end
    for i in range(1, end):
        head, ch, tail = text[:i], text[i], text[i + 1 :]
        out.add(head + tail)
        if i + 1 < end:
            out.add(head + tail[0] + ch + tail[1:])
        for other in near.get(ch, ()):
            out.add(head + other + tail)
    return out


def _surname_repairs(text: str) -> dict[str, int]:
    """undo_slip for surnames, without the repairs that make look-alike surnames
    meet: a vowel put back for a vowel (Zhuk/Zhak, -ava/-eva: the vowels are where
    surnames differ and where transliteration noise is already priced), a letter
    put back or removed where the folding would swallow its neighbours (as a doubled
    letter or a glide: Радзивович is not Радзиввич, Бобриков not Бобриов), and a
    consonant removed from the last four letters unless doubled (Kravcheva is not
    Kraveva, -ska is not -ka)."""
    near = _neighbour_map()
    out: dict[str, int] = {}  # repaired word -> skeleton letters it may lose
    end = len(text) - 2
    for i in range(1, end):
        head, ch, tail = text[:i], text[i], text[i + 1 :]
        before, after = text[i - 1], tail[:1]
        doubled = ch in (before, after)
        joins = before == after or (before in _VOWELS and after in _VOWELS)
        if (ch in _VOWELS or doubled or len(tail) > 3) and (doubled or not joins):
            out[head + tail] = 2  # not when the neighbours would fold together
        if i + 1 < end:
            out.setdefault(head + tail[0] + ch + tail[1:], 1)
        for other in near.get(ch, ()):
            if ch in _VOWELS and other in _VOWELS:
                continue
            if other in (before, after):
                continue  # the folding would swallow it as a doubled letter
            if other in _VOWELS and (before in _VOWELS or after in _VOWELS):
                continue  # ... or as a glide (Кравыева reads Кравева)
            out.setdefault(head + other + tail, 1)
    return out


@lru_cache(maxsize=100_000)
def repaired_skeletons(text: str) -> frozenset[str]:
    """Skeletons of the one-slip repairs of a surname-like written word.

    A repair whose skeleton differs in length from the word's own skeleton (in the
    same reading) by more than the slip can explain is dropped: the folding has
    swallowed more than the slip.  A removed letter may take two skeleton letters
    with it (Sneshowitach -> Sneshowitch: t-a-ch becomes one ч), a letter put back
    or a swap one (Tschysgawa -> Tschyshawa: s-h becomes ш), never more (Мельникич
    with й for к would read Мельнич).
    """
    own = skeletons(text)
    if not own:
        return frozenset()
    out: set[str] = set()
    for word, loss in _surname_repairs(text).items():
        # Only the readings the word as written already had: a repair must not
        # bring in a new one (Snehavich -> Snejavich, read the French way, is ж).
        for sk, was in zip(skeletons(word), own, strict=False):
            if abs(len(sk) - len(was)) <= loss:
                out.add(sk)
    return frozenset(out)
