"""Phonetic edit distance on translit skeletons, and consonant keys for blocking.

Why a weighted distance: after translit.py has folded away scheme and language
differences, what is left between two spellings of *one* name is mostly vowel noise
(Belarusian yakanye Bialiatski/Belyatski), voicing (Maxim Snak/Maksim Znak) and
keyboard typos; what is left between *two* names is usually a different consonant
(Statkevich/Stankevich, Losik/Lozin).  A plain Levenshtein ratio treats all of these
alike, which is exactly why general-purpose matchers accept look-alike surnames one
letter apart.  Here a vowel change costs 0.3, a voicing or keyboard-neighbour change
0.4-0.7 and an unrelated consonant 1.0; the allowance grows with word length
(see score.token_similarity).
"""

from __future__ import annotations

import math
from functools import lru_cache

VOWELS = frozenset("aeiou")

_SIMILAR: dict[frozenset[str], float] = {}


def _pairs(cost: float, *groups: str) -> None:
    for group in groups:
        for x in group:
            for y in group:
                if x != y:
                    _SIMILAR[frozenset((x, y))] = min(cost, _SIMILAR.get(frozenset((x, y)), 9))


# Vowels: after akanye folding a/o are one letter; the rest are cheap but not free.
_pairs(0.3, "ae", "ei")
_pairs(0.4, "ai")
_pairs(0.5, "iu")  # ю/у after the glide is dropped, Polish ó
_pairs(0.65, "au", "eu")  # no scheme or language confuses these (Zhuk/Zhak)
# Voicing pairs and sound-alikes that transliteration or speech confuses.
_pairs(0.3, "qs", "qt")  # ц: German z, Polish c, tsekanye
_pairs(0.4, "bp", "dt", "vf", "xj", "vu", "xs", "qc")
_pairs(0.6, "st")
_pairs(0.5, "kh")
_pairs(0.5, "cx", "cj", "ct", "sj", "mn")
_pairs(0.7, "lr")

# Keyboard neighbours (QWERTY and the ЙЦУКЕН positions of the same keys are
# different, but typos in stored names come overwhelmingly from Latin input).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_PAIRS: set[frozenset[str]] = set()
for r, row in enumerate(_ROWS):
    for i, ch in enumerate(row):
        near = set()
        if i > 0:
            near.add(row[i - 1])
        if i + 1 < len(row):
            near.add(row[i + 1])
        for rr in (r - 1, r + 1):
            if 0 <= rr < len(_ROWS):
                for j in (i - 1, i, i + 1):
                    if 0 <= j < len(_ROWS[rr]):
                        near.add(_ROWS[rr][j])
        for other in near:
            key = frozenset((ch, other))
            _KEY_PAIRS.add(key)
            _SIMILAR[key] = min(0.7, _SIMILAR.get(key, 9))

_INDEL: dict[str, float] = {"i": 0.5, "h": 0.65, "u": 0.6}
for _v in "aeo":
    _INDEL[_v] = 0.5
_DEFAULT_INDEL = 0.8
_TRANSPOSE = 0.6


def sub_cost(x: str, y: str) -> float:
    if x == y:
        return 0.0
    return _SIMILAR.get(frozenset((x, y)), 1.0)


def indel_cost(x: str) -> float:
    return _INDEL.get(x, _DEFAULT_INDEL)


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_SUB: dict[str, dict[str, float]] = {x: {y: sub_cost(x, y) for y in _ALPHABET} for x in _ALPHABET}


@lru_cache(maxsize=500_000)
def distance(a: str, b: str) -> float:
    """Weighted optimal-string-alignment distance (Damerau with adjacent swaps)."""
    d = distance_below(a, b, math.inf)
    assert d is not None
    return d


def distance_below(a: str, b: str, cap: float) -> float | None:
    """distance(a, b) when it is below `cap`, else None, found out as soon as two
    rows of the table are at `cap` or more (every later cell adds to one of them):
    score.form_similarity needs no more than that a far pair scores 0."""
    if a == b:
        return 0.0
    lb = len(b)
    indel = _INDEL
    default = _DEFAULT_INDEL
    del_b = [indel.get(c, default) for c in b]
    prev2: list[float] = []
    prev = [0.0] * (lb + 1)
    for j in range(lb):
        prev[j + 1] = prev[j] + del_b[j]
    pa = ""
    for ca in a:
        row = _SUB.get(ca)
        cost_a = indel.get(ca, default)
        cur = [prev[0] + cost_a]
        pb = ""
        for j in range(lb):
            cb = b[j]
            best = prev[j] if ca == cb else prev[j] + (row.get(cb, 1.0) if row else 1.0)
            d = prev[j + 1] + cost_a
            if d < best:
                best = d
            d = cur[j] + del_b[j]
            if d < best:
                best = d
            if pa and pb and ca == pb and pa == cb:
                d = prev2[j - 1] + _TRANSPOSE
                if d < best:
                    best = d
            cur.append(best)
            pb = cb
        if min(cur) >= cap and min(prev) >= cap:
            return None
        prev2, prev = prev, cur
        pa = ca
    return prev[lb] if prev[lb] < cap else None


def consonants(skeleton: str) -> str:
    """Consonant frame of a skeleton: vowels carry most cross-language noise."""
    return "".join(c for c in skeleton if c not in VOWELS)


def deletion_keys(frame: str) -> set[str]:
    """The frame and its one-letter deletions (symmetric-delete blocking).

    Two frames one insertion, deletion, substitution or swap apart always share a
    key, so one consonant typo still finds the candidate.
    """
    keys = {frame}
    if len(frame) >= 3:
        for i in range(len(frame)):
            keys.add(frame[:i] + frame[i + 1 :])
    return keys


KEYBOARD_NEIGHBOURS: frozenset[frozenset[str]] = frozenset(_KEY_PAIRS)


def _neighbours(rows: tuple[str, ...]) -> set[frozenset[str]]:
    """Keys touching each other on a keyboard: same row +-1, row above/below -1..+1."""
    out: set[frozenset[str]] = set()
    for r, row in enumerate(rows):
        for i, ch in enumerate(row):
            for rr in (r - 1, r, r + 1):
                if 0 <= rr < len(rows):
                    for j in (i - 1, i, i + 1):
                        if 0 <= j < len(rows[rr]) and rows[rr][j] != ch:
                            out.add(frozenset((ch, rows[rr][j])))
    return out


# Written-form slips: Latin QWERTY, and the Russian and Belarusian ЙЦУКЕН layouts
# (Belarusian has і for и and ў for щ) for names typed in Cyrillic.
_LAYOUTS = (
    _ROWS,
    ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"),
    ("йцукенгшўзх", "фывапролджэ", "ячсмітьбю"),
)
WRITTEN_NEIGHBOURS: frozenset[frozenset[str]] = frozenset(
    pair for rows in _LAYOUTS for pair in _neighbours(rows)
)
# Keys side by side in one row: the commonest substitution slip, and the only one
# repair.py undoes in surnames (the diagonal ones make too many surnames meet).
ROW_NEIGHBOURS: frozenset[frozenset[str]] = frozenset(
    frozenset((row[i], row[i + 1]))
    for rows in _LAYOUTS
    for row in rows
    for i in range(len(row) - 1)
)


def single_edit(a: str, b: str) -> tuple[str, int, str, str] | None:
    """The one edit turning `a` into `b`, as (kind, position, letter_a, letter_b).

    kind is "sub", "swap" (adjacent transposition) or "indel" (letter_a is the letter
    present in the longer word, letter_b is "").  None when the words are equal or
    more than one edit apart.
    """
    la, lb = len(a), len(b)
    if la < lb:
        a, b, la, lb = b, a, lb, la
    if la - lb > 1 or a == b:
        return None
    i = 0
    while i < lb and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return ("sub", i, a[i], b[i])
        if i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]:
            return ("swap", i, a[i], a[i + 1])
        return None
    if a[i + 1 :] == b[i:]:
        return ("indel", i, a[i], "")
    return None


def plausible_typo(a: str, b: str, min_length: int) -> bool:
    """One keystroke slip between skeletons `a` and `b` of a long enough word.

    Attested typing errors are omissions, doublings (folded away by translit),
    adjacent transpositions and keyboard-neighbour substitutions, and they rarely hit
    the first letter.  What they do not produce is the signature of a *different*
    surname: an unrelated consonant in the stem, a changed first letter, a changed
    suffix consonant (-ska/-ka) or a change in the last two letters (-ik/-uk).
    """
    longest = max(len(a), len(b))
    if longest < min_length:
        return False
    edit = single_edit(a, b)
    if edit is None:
        return False
    if not typo_position(a, b, edit):
        return False
    kind, _pos, x, y = edit
    return kind != "sub" or frozenset((x, y)) in KEYBOARD_NEIGHBOURS


def typo_position(a: str, b: str, edit: tuple[str, int, str, str]) -> bool:
    """Whether the one edit between skeletons `a` and `b` sits where slips happen and
    look-alike surnames do not differ.

    Not the first letter; not the last two (-ov/-ova, -ik/-uk, -eu/-au).  An omitted
    vowel anywhere before them; an omitted consonant in the stem, or just before the
    ending only where its loss leaves two vowels side by side (Karpoich for
    Karpovich: no surname ends so), since -ska/-ka and -ovna/-ona are real endings.
    """
    kind, pos, x, _y = edit
    longest = max(len(a), len(b))
    if pos == 0 or pos + (kind == "swap") >= longest - 2:
        return False
    if kind != "indel" or x in VOWELS or pos < longest - 3:
        return True
    shorter = a if len(a) < len(b) else b
    return shorter[pos - 1] in VOWELS and shorter[pos] in VOWELS


def _consonants_around(word: str, pos: int) -> bool:
    return word[pos - 1] not in VOWELS and word[pos + 1] not in VOWELS


def _is_cyrillic(word: str) -> bool:
    return all("\u0400" <= c <= "\u04ff" for c in word)


def written_slip(
    a: str,
    b: str,
    a_spellings: tuple[str, ...],
    b_spellings: tuple[str, ...],
    a_forms: tuple[str, ...],
    b_forms: tuple[str, ...],
    min_length: int,
) -> bool:
    """One keystroke slip judged on the *written* words, where the skeleton cannot.

    Two cases the skeleton misjudges:

    * the folding turns one slip into two skeleton edits (Buslevch/Buslevich: в
      before a consonant reads ў; Shhashkov: shh reads щ).  Such a pair is accepted
      when the script-folded spellings (`translit.spellings`) are one omission,
      doubling or adjacent swap apart, with plausible_typo's position rules
      (never the first letter or the last two, except a vowel dropped between
      consonants: -evch; a consonant only well inside the stem).  A substitution
      there counts only between two plain QWERTY neighbours in the stem; one
      involving a placeholder (ч ш ж) is a broken digraph (Snezhik/Snehik).
    * a keyboard slip typed in Cyrillic (ЙЦУКЕН neighbours are not QWERTY ones).
      Accepted when both words are Cyrillic, one neighbour substitution apart in
      the stem, and the skeletons are one substitution apart there too.

    Pairs whose skeletons are equal or one edit apart are otherwise left to the
    skeleton rules.
    """
    if max(len(f) for f in (*a_forms, *b_forms)) < min_length:
        return False
    skeleton_edits = [single_edit(fa, fb) for fa in a_forms for fb in b_forms]
    if any(fa == fb for fa in a_forms for fb in b_forms):
        return False
    if any(skeleton_edits):
        if not (_is_cyrillic(a) and _is_cyrillic(b)):
            return False
        raw = single_edit(a, b)
        if raw is None or raw[0] != "sub":
            return False
        longest = max(len(a), len(b))
        kind, pos, x, y = raw
        if pos == 0 or pos >= longest - 3 or frozenset((x, y)) not in WRITTEN_NEIGHBOURS:
            return False
        for fa in a_forms:
            for fb in b_forms:
                e = single_edit(fa, fb)
                if e and e[0] == "sub" and 0 < e[1] < max(len(fa), len(fb)) - 2:
                    return True
        return False
    for sa in a_spellings:
        for sb in b_spellings:
            if abs(len(sa) - len(sb)) > 1 or sa[:1] != sb[:1]:
                continue
            edit = single_edit(sa, sb)
            if edit is None:
                continue
            kind, pos, x, y = edit
            n = max(len(sa), len(sb))
            if kind == "sub":
                # A QWERTY slip between two plain letters in the stem (Stswpanavitch);
                # a placeholder letter (ч ш ж) means a broken digraph (Snezhik/Snehik).
                if 0 < pos < n - 3 and frozenset((x, y)) in KEYBOARD_NEIGHBOURS:
                    return True
                continue
            if pos == 0 or pos + (kind == "swap") >= n - 1:
                continue
            longer = sa if len(sa) > len(sb) else sb
            if pos == n - 2 and not (
                kind == "indel" and x in VOWELS and _consonants_around(longer, pos)
            ):
                continue  # the last two letters, but -evch for -evich (no name ends so)
            if kind == "swap" or x in VOWELS or pos < n - 4:
                return True
    return False


def edge_slip(
    a_forms: tuple[str, ...],
    b_forms: tuple[str, ...],
    a_spellings: tuple[str, ...],
    b_spellings: tuple[str, ...],
    min_length: int = 6,
) -> bool:
    """A slip that plausible_typo refuses on its own (a short word, or near the
    ending) but that is harmless once the rest of the name is identical: an adjacent
    swap (not of the last letter: -ko/-ok), a doubled letter, a vowel dropped
    before the last three letters -- never a substitution (-ik/-uk), never a vowel
    near the ending (-au/-eu: ов/ев), never a dropped consonant (Kravets/Kravchets
    are two surnames).  score._score_tokens applies it
    only when every other word matches exactly.
    """
    if max(len(f) for f in (*a_forms, *b_forms)) < min_length:
        return False
    for xs, ys in ((a_forms, b_forms), (a_spellings, b_spellings)):
        for x in xs:
            for y in ys:
                edit = single_edit(x, y)
                if edit is None or edit[0] == "sub":
                    continue
                kind, pos, letter, other = edit
                n = max(len(x), len(y))
                if pos == 0:
                    continue
                if kind == "swap":
                    # Two consonants swapped in a short word make another root
                    # (Vetrin/Vertin); a vowel and a consonant, a slip (Kilmin).
                    pair = letter + other
                    mixed = (pair[0] in VOWELS) != (pair[1] in VOWELS)
                    if pos + 1 < n - 1 and (mixed or n >= 7):
                        return True
                    continue
                longer = x if len(x) > len(y) else y
                doubled = longer[pos - 1] == letter or longer[pos + 1 : pos + 2] == letter
                if (doubled and pos < n - 1) or (letter in VOWELS and pos < n - 3):
                    return True
    return False
