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

from rollcall.names.phonetic import ROW_NEIGHBOURS, WRITTEN_NEIGHBOURS
from rollcall.names.translit import multigraph_spans, skeletons


def _pair_map(pairs: frozenset[frozenset[str]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for pair in pairs:
        x, y = tuple(pair)
        out.setdefault(x, set()).add(y)
        out.setdefault(y, set()).add(x)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _neighbour_map() -> dict[str, frozenset[str]]:
    return _pair_map(WRITTEN_NEIGHBOURS)


@cache
def _row_map() -> dict[str, frozenset[str]]:
    return _pair_map(ROW_NEIGHBOURS)


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


_TRANSPARENT = "ьъ'’ʹ"  # dropped by the folding: look past them for neighbours
_CONSONANTS = "bcdfghjklmnpqrstvwxzйцкнгшщзхфвпрлджчсмтб"
_MIN_SKELETON = 6  # shorter repaired surnames stay strict (Kazlaja is not Kozelaja)


def _neighbours_of(text: str, i: int) -> tuple[str, str]:
    j = i - 1
    while j > 0 and text[j] in _TRANSPARENT:
        j -= 1
    k = i + 1
    while k < len(text) - 1 and text[k] in _TRANSPARENT:
        k += 1
    return text[j], text[k : k + 1]


def _merges(word: str, start: int, end: int) -> bool:
    """A digraph of the repaired `word` takes in the repaired letters [start, end),
    or for a removal (start == end) the letters on both sides of it."""
    if start == end:
        return any(a < start < b for a, b in multigraph_spans(word))
    return any(a < end and b > start for a, b in multigraph_spans(word))


def _surname_repairs(text: str) -> dict[str, int]:
    """undo_slip for surnames, each repair with the number of skeleton letters it
    may change, and without the repairs that make look-alike surnames meet.

    Substitutions undo a key beside the intended one in its row.  Left out: a vowel
    put back for a vowel (Zhuk/Zhak, -ava/-eva: vowels are where
    surnames differ, and transliteration noise there is already priced); a letter
    put back or removed where the folding would swallow its neighbours as a doubled
    letter or a glide (Радзивович is not Радзиввич, Бобриков not Бобриов; soft signs
    are looked through); a consonant removed from the last four letters unless
    doubled (Kravcheva is not Kraveva, -ska is not -ka).

    Allowed change in skeleton length: none for a swap, one letter for a removal or
    a substitution, two more where the repair joins letters into a digraph
    (Sneshowitach -> Sneshowitch: t-a-ch becomes one ч; Scthsch -> Schtsch: s-k-t-ш
    becomes щ).
    """
    near = _row_map()
    out: dict[str, int] = {}
    end = len(text) - 2
    # A final cluster of three or more consonants is one or two sounds (-tsch,
    # -szcz): a slip inside it is not a change of ending (Anikejawitcsh).
    if len(text) - len(text.rstrip(_CONSONANTS)) >= 3:
        end = len(text) - 1

    def put(word: str, loss: int, at: int, width: int) -> None:
        if _merges(word, at, at + width):
            loss += 2  # sch+t+sch -> schtsch: up to three letters become two
        if out.get(word, -1) < loss:
            out[word] = loss

    for i in range(1, end):
        head, ch, tail = text[:i], text[i], text[i + 1 :]
        before, after = _neighbours_of(text, i)
        doubled = ch in (before, after)
        joins = before == after or (before in _VOWELS and after in _VOWELS)
        if (ch in _VOWELS or doubled or len(tail) > 3) and (doubled or not joins):
            put(head + tail, 1, i, 0)
        if i + 1 < end:
            put(head + tail[0] + ch + tail[1:], 0, i, 2)
        for other in near.get(ch, ()):
            if ch in _VOWELS and other in _VOWELS:
                continue
            if other in (before, after):
                continue  # the folding would swallow it as a doubled letter
            if other in _VOWELS and (before in _VOWELS or after in _VOWELS):
                continue  # ... or as a glide (Кравыева reads Кравева)
            put(head + other + tail, 1, i, 1)
    return out


@lru_cache(maxsize=300_000)
def repaired_skeletons(text: str) -> frozenset[str]:
    """Skeletons of the one-slip repairs of a surname-like written word.

    A repair whose skeleton differs in length from the word's own skeleton (in the
    same reading) by more than the slip explains is dropped (see _surname_repairs),
    as are skeletons too short for a typo to be told from another surname.
    """
    own = skeletons(text)
    if not own:
        return frozenset()
    out: set[str] = set()
    for word, loss in _surname_repairs(text).items():
        # Only the readings the word as written already had: a repair must not
        # bring in a new one (Snehavich -> Snejavich, read the French way, is ж).
        for sk, was in zip(skeletons(word), own, strict=False):
            if abs(len(sk) - len(was)) <= loss and len(sk) >= _MIN_SKELETON:
                out.add(sk)
    return frozenset(out)
