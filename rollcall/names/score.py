"""Score two names in [0, 1]; >= THRESHOLD (0.7) means "same person".

How the pieces combine, and why:

* Tokens are aligned order-free (best one-to-one assignment), because registries
  hold "Kolesnikova Maria" as often as "Maria Kolesnikova".
* Each token pair gets a similarity calibrated on the same scale as the final
  score: >= 0.7 means "same word".  Given names use the equivalence table
  (given_names.py); other tokens use the phonetic distance on translit skeletons
  with an allowance that grows with length; gendered surname endings
  (-ski/-skaya, -ov/-ova, -y/-aya) that differ cap the pair at 0.4 because a
  husband and wife are different people.
* The name score is dominated by the *weakest* aligned pair (0.9 * min + 0.1 *
  mean): a perfect surname cannot compensate a different given name, which is the
  classic failure of token-set matchers (Viktar vs Eduard Babaryka).
* A one-token name cannot reach the threshold against a fuller name (first-name-only
  or surname-only queries); unmatched extra tokens cost 0.16 each (one is tolerated,
  two are not), except patronymics, which are optional.
* Chinese names take the pinyin path (chinese.py) first.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import permutations

from rapidfuzz.distance import Levenshtein

from rollcall.names.given_names import (
    group_skeletons,
    is_diminutive,
    is_listed_form,
    slip_groups,
)
from rollcall.names.parse import ParsedName, Token, make_token, parse
from rollcall.names.phonetic import (
    VOWELS,
    consonants,
    distance,
    distance_below,
    edge_slip,
    plausible_typo,
    single_edit,
    sub_cost,
    typo_position,
    written_slip,
)
from rollcall.names.repair import repaired_skeletons
from rollcall.names.translit import has_cyrillic, spellings

THRESHOLD = 0.7

_ONE_TOKEN_VS_MANY = 0.55  # "Maria" vs "Maria Kolesnikova": never a match
_ONE_TOKEN_VS_ONE = 0.65  # two mononyms: too little evidence for a match
_EXTRA_TOKEN = 0.16
_EXTRA_HYPHEN_PART = 0.06
DIFFERENT_GIVEN_NAME = 0.25
_GENDER_CAP = 0.4
_DIMINUTIVE = 0.85
_ENDING_PENALTY = 1.0
_FIRST_LETTER = 0.8
_TYPO_SIMILARITY = 0.72  # one plausible keystroke slip: just above the threshold
_TYPO_MIN_LENGTH = 7  # skeleton letters; shorter surnames stay strict
_TYPO_MIN_GIVEN = 5

_cache: dict[tuple[str, str], float] = {}
_slip_cache: dict[tuple[str, str], bool] = {}
_slip_candidates: set[tuple[str, str]] = set()  # token key pairs worth _written_slip
_edge_cache: dict[tuple[str, str], bool] = {}
_repair_cache: dict[tuple[str, str], bool] = {}
_PLACEHOLDERS = frozenset("cx")  # skeleton letters for ч and ш/ж
_CACHE_MAX = 1_000_000


def clear_caches() -> None:
    """Forget every cached verdict (a benchmark measuring a cold start calls this)."""
    for cache in (_cache, _slip_cache, _edge_cache, _repair_cache):
        cache.clear()
    _slip_candidates.clear()


def allowance(length: int) -> float:
    """Phonetic distance a word of `length` letters may absorb and still match.

    Short words get almost none: Znak/Zhak, Lin/Lan are different names; long
    surnames tolerate a dropped consonant or a keyboard slip.
    """
    return min(0.95, max(0.0, 0.15 * (length - 3)))


def _gender_conflict(a: str, b: str) -> bool:
    """Same stem, one form feminine (-a) and the other not: spouses or siblings."""
    if len(a) < 4 or len(b) < 4 or (a[-1] == "a") == (b[-1] == "a"):
        return False
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= min(len(a), len(b)) - 2


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _different_ending(a: str, b: str) -> bool:
    """Endings carry suffixes (-ik/-ikau, -uk/-ik, -ovich/-evich, -ova/-eva, -ska/-ka,
    -ova/-kova): a different ending is a different surname far more often than a
    typo.  Close consonant pairs (ц/с/т) are spelling, not suffix, differences."""
    for x, y in zip(a[-2:][::-1], b[-2:][::-1], strict=False):
        if x != y and (x in VOWELS or y in VOWELS or sub_cost(x, y) > 0.4):
            return True
    for tail in ("vic", "va", "vna"):
        if (
            a.endswith(tail)
            and b.endswith(tail)
            and min(len(a), len(b)) > len(tail)
            and a[-len(tail) - 1] != b[-len(tail) - 1]
            and (a[-len(tail) - 1] in VOWELS) == (b[-len(tail) - 1] in VOWELS)
        ):
            return True  # -ovich/-evich, -ova/-eva; not -pvich (a slip for -ovich)
    # The consonant just before a two- or three-letter ending (-ska/-ka, -ski/-ki,
    # Rybalova/Rybakova, Kabzarka/Kabzarskaya): a change there is a change of suffix.
    k = _common_suffix(a, b)
    if k in (2, 3) and min(len(a), len(b)) > k + 2:
        x, y = a[-k - 1], b[-k - 1]
        if x not in VOWELS and y not in VOWELS and (sub_cost(x, y) > 0.4 or "q" in (x + y)):
            return True  # -цкая is not -тка (Hnatskaya/Hnatka)
    return False


def _first_letter_penalty(a: str, b: str) -> float:
    """Misspellings rarely touch the first letter (and every scheme difference that
    does is folded away by translit), while look-alike surnames often differ there
    (Baranau/Varanau, Semashka/Timoshka, Aksionau/Kasianau)."""
    if a[0] == b[0] or sub_cost(a[0], b[0]) <= 0.4:
        return 0.0
    return _FIRST_LETTER


def form_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    length = max(len(a), len(b))
    far = max(3, length // 2)
    # Far-apart words (most pairs in an alignment matrix, and nearly every given name
    # against a surname) score 0 whatever their endings: their distance is at least
    # 0.8 * 4 = 3.2, past the 2.85 where the slope below reaches 0 for any length.
    if Levenshtein.distance(a, b, score_cutoff=far) > far:
        return 0.0
    allow = allowance(length)
    ending = _ENDING_PENALTY if _different_ending(a, b) else 0.0
    first = _first_letter_penalty(a, b)
    # The weighted distance is wanted only below the point where the slope reaches 0
    # (a margin keeps the rounding of the sums from mattering).
    d = distance_below(a, b, allow + 2 * max(allow, 0.3) - ending - first + 1e-9)
    if d is None:
        return 0.0
    d += ending
    d += first
    if d <= allow:
        sim = 1.0 - 0.3 * d / allow
    else:
        sim = max(0.0, 0.7 - 0.35 * (d - allow) / max(allow, 0.3))
    if _gender_conflict(a, b):
        sim = min(sim, _GENDER_CAP)
    return sim


def _foreign_similarity(a: Token, b: Token) -> float:
    """Han transcription vs original spelling: compare consonant frames only."""
    best = 0.0
    for fa in a.forms:
        for fb in b.forms:
            ca, cb = consonants(fa), consonants(fb)
            if not ca or not cb:
                continue
            d = distance(ca, cb)
            best = max(best, 0.85 if d == 0 else 0.75 if d <= 0.5 else 0.4)
    return best


def _compute(a: Token, b: Token) -> float:
    if a.foreign or b.foreign:
        if a.foreign and b.foreign:
            return 1.0 if a.word == b.word else 0.3
        return _foreign_similarity(a, b)
    best = max(form_similarity(fa, fb) for fa in a.forms for fb in b.forms)
    if a.groups and b.groups:
        shared = a.groups & b.groups
        if not shared:
            return min(best, DIFFERENT_GIVEN_NAME)
        if is_diminutive(a.groups | b.groups) and not is_diminutive(shared):
            return _DIMINUTIVE  # Sasha for Aleksandra: the name, less certainly
        return 1.0
    if a.groups or b.groups:
        # An unknown word against a known given name: the given-name vocabulary is
        # closed, so one slip in a 5+ letter word (Rulsan, Vitlii, Hslina) is that name.
        known, other = (a, b) if a.groups else (b, a)
        if (
            best < _TYPO_SIMILARITY
            and not other.patronymic
            and other.text
            and is_listed_form(known.text)
            and slip_groups(other.text, other.forms) & known.groups
        ):
            # One keystroke from one known name and from no other (Aleksanra).
            return _TYPO_SIMILARITY
        for gid in known.groups:
            for g in group_skeletons(gid):
                for f in other.forms:
                    s = form_similarity(f, g)
                    if s < _TYPO_SIMILARITY and plausible_typo(f, g, _TYPO_MIN_GIVEN):
                        s = _TYPO_SIMILARITY
                    if s > best:
                        best = s
        return best
    if best < _TYPO_SIMILARITY:
        for fa in a.forms:
            for fb in b.forms:
                if plausible_typo(fa, fb, _TYPO_MIN_LENGTH) and not _gender_conflict(fa, fb):
                    return _TYPO_SIMILARITY
    return best


def _written_slip(a: Token, b: Token) -> bool:
    """One keystroke slip in the written words that the skeleton shows as two edits."""
    if a.foreign or b.foreign or (a.groups and b.groups) or not a.text or not b.text:
        return False
    if a.patronymic != b.patronymic:
        return False
    min_length = _TYPO_MIN_GIVEN if (a.groups or b.groups) else _TYPO_MIN_LENGTH
    return _by_written_pair(
        _slip_cache,
        a,
        b,
        lambda: (
            written_slip(
                a.text, b.text, spellings(a.text), spellings(b.text), a.forms, b.forms, min_length
            )
            and not any(
                _gender_conflict(fa, fb)
                or (single_edit(fa, fb) is not None and _different_ending(fa, fb))
                for fa in a.forms
                for fb in b.forms
            )
        ),
    )


def _by_written_pair(
    cache: dict[tuple[str, str], bool], a: Token, b: Token, compute: Callable[[], bool]
) -> bool:
    """A slip test's verdict, cached by the pair of written words (either order)."""
    key = (a.text, b.text) if a.text < b.text else (b.text, a.text)
    hit = cache.get(key)
    if hit is None:
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        hit = cache[key] = compute()
    return hit


def _repaired_slip(a: Token, b: Token) -> bool:
    """One keystroke undone in either written word gives the other word's skeleton
    exactly (repair.py), and the skeletons as written do not carry the signature of
    a different surname.

    When the skeletons are one edit apart, that edit must pass plausible_typo's
    position rules (not the first letter, not the last two, a consonant dropped
    before the ending only where it leaves two vowels side by side: Karpoich) and
    must not change the ending (-ova/-eva, -ska/-ka); the written repair has already
    shown it was a neighbouring key.  When they are further apart, the slip broke a
    digraph or the folding (Tschysgawa, Anikejawitcsh) and the repair alone decides.
    Given names are left to given_names.slip_groups (a closed vocabulary).
    """
    if a.groups or b.groups or not a.text or not b.text:
        return False
    return _by_written_pair(
        _repair_cache, a, b, lambda: _repairs_meet(a, b) and _typo_shaped(a.forms, b.forms)
    )


def _repairs_meet(a: Token, b: Token) -> bool:
    """Either word, repaired, is the other -- except that a Cyrillic word is repaired
    only against another Cyrillic one.  Cyrillic has no digraphs, so its slips
    rarely hide behind the folding; and repairing every Cyrillic registry word
    against every romanised query cost more than it found (the reverse direction
    found 53 matches in 5,365 tries on the benchmark and halved the query rate)."""
    for x, y in ((a, b), (b, a)):
        if len(x.text) >= 6 and (not has_cyrillic(x.text) or has_cyrillic(y.text)):
            repaired = repaired_skeletons(x.text)
            if any(f in repaired for f in y.forms):
                return True
    return False


def _typo_shaped(a_forms: tuple[str, ...], b_forms: tuple[str, ...]) -> bool:
    pairs = [(fa, fb) for fa in a_forms for fb in b_forms]
    if any(_gender_conflict(fa, fb) for fa, fb in pairs):
        return False
    edits = [(fa, fb, e) for fa, fb in pairs if (e := single_edit(fa, fb)) is not None]
    if not edits:
        # A slip broke a digraph or the folding: the consonants differ.  The same
        # consonants with the vowels two edits apart are two names (Rybakova/Rabkova).
        return any(
            (fa[0] == fb[0] or sub_cost(fa[0], fb[0]) <= 0.4) and consonants(fa) != consonants(fb)
            for fa, fb in pairs
        )
    # One edit apart: where slips happen, not the ending, and not ч/ш/ж for another
    # sound, which is a digraph broken into a different surname (Snehavich/Snezhavich).
    return any(
        typo_position(fa, fb, e)
        and not _different_ending(fa, fb)
        and not (e[0] == "sub" and {e[2], e[3]} & _PLACEHOLDERS)
        for fa, fb, e in edits
    )


def _edge_slip(a: Token, b: Token) -> bool:
    if a.foreign or b.foreign or (a.groups and b.groups) or a.patronymic != b.patronymic:
        return False
    return _by_written_pair(
        _edge_cache,
        a,
        b,
        lambda: (
            not any(_gender_conflict(fa, fb) for fa in a.forms for fb in b.forms)
            and edge_slip(a.forms, b.forms, spellings(a.text), spellings(b.text))
        ),
    )


def token_similarity(a: Token, b: Token) -> float:
    """Similarity of two tokens, >= 0.7 meaning "the same name word"."""
    if a.key == b.key:
        return 1.0
    key = (a.key, b.key) if a.key < b.key else (b.key, a.key)
    hit = _cache.get(key)
    if hit is None:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
            _slip_candidates.clear()
        hit = _cache[key] = _compute(a, b)
        if hit < _TYPO_SIMILARITY and _could_be_slip(a, b):
            _slip_candidates.add(key)
    # Slips judged on the written words: cached by the words, not the skeletons.
    if (
        hit < _TYPO_SIMILARITY
        and key in _slip_candidates
        and a.text != b.text
        and _written_slip(a, b)
    ):
        return _TYPO_SIMILARITY
    return hit


def _could_be_slip(a: Token, b: Token) -> bool:
    """Cheap test on the skeletons (so cacheable by key) before the written check:
    one written slip leaves the skeletons at most three edits apart."""
    if a.foreign or b.foreign or (a.groups and b.groups) or a.patronymic != b.patronymic:
        return False
    min_length = _TYPO_MIN_GIVEN if (a.groups or b.groups) else _TYPO_MIN_LENGTH
    for fa in a.forms:
        for fb in b.forms:
            if (
                max(len(fa), len(fb)) >= min_length
                and abs(len(fa) - len(fb)) <= 2
                and (fa[0] == fb[0] or sub_cost(fa[0], fb[0]) <= 0.4)
                and Levenshtein.distance(fa, fb, score_cutoff=3) <= 3
            ):
                return True
    return False


def _strict_similarity(a: Token, b: Token) -> float:
    return 1.0 if a.word == b.word else 0.2


def _best_alignment(
    short: tuple[Token, ...], long: tuple[Token, ...], strict: bool
) -> tuple[list[float], list[int]]:
    sim = _strict_similarity if strict else token_similarity
    n, m = len(short), len(long)
    if n == 2 and m == 2:  # most names: the two pairings, spelled out (hot path)
        s0, s1 = short
        l0, l1 = long
        a, d = sim(s0, l0), sim(s1, l1)
        b, c = sim(s0, l1), sim(s1, l0)
        if min(a, d) * 2 + a + d >= min(b, c) * 2 + b + c:
            return [a, d], [0, 1]
        return [b, c], [1, 0]
    matrix = [[sim(s, t) for t in long] for s in short]
    best_total = -1.0
    best: tuple[list[float], list[int]] = ([], [])
    if n <= 4 and m <= 6:
        for perm in permutations(range(m), n):
            vals = [matrix[i][j] for i, j in enumerate(perm)]
            total = min(vals) * 2 + sum(vals)
            if total > best_total:
                best_total = total
                best = (vals, list(perm))
        return best
    # Long names (rare): greedy assignment, strongest pairs first.
    pairs = sorted(((matrix[i][j], i, j) for i in range(n) for j in range(m)), reverse=True)
    used_i: set[int] = set()
    used_j: set[int] = set()
    vals_by_i: dict[int, float] = {}
    for v, i, j in pairs:
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            vals_by_i[i] = v
    return [vals_by_i[i] for i in range(n)], sorted(used_j)


def _merged_variants(tokens: tuple[Token, ...]) -> list[tuple[tuple[Token, ...], int]]:
    """Versions with two neighbours joined (Kara Murza/Karamurza), with the join position."""
    out = []
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if a.foreign or b.foreign:
            continue
        joined = make_token(a.word + b.word)
        out.append(((*tokens[:i], joined, *tokens[i + 2 :]), i))
    return out


def _one_word_capped(word: Token, long: tuple[Token, ...], joined_at: int) -> bool:
    """True when a one-word name is sure to reach the one-word cap against `long`:
    one of its words is so like `word` that, whichever word the alignment takes and
    with every other word unmatched, the score stays above the cap.  A one-word query
    (a first name, a surname) meets a hundred fuller names; this skips comparing it
    with their other words, whose similarities would only be capped away."""
    costs = [_EXTRA_HYPHEN_PART if t.hyphen else _EXTRA_TOKEN for t in long]
    # The unmatched words cost at most all of them but the cheapest.
    worst = sum(costs) - min(costs) + (_EXTRA_TOKEN if joined_at >= 0 else 0.0)
    need = _ONE_TOKEN_VS_MANY + worst + 1e-9
    # The same word first: the one most likely to settle it without computing the rest.
    return any(
        token_similarity(word, t) >= need for t in sorted(long, key=lambda t: t.key != word.key)
    )


def _score_tokens(
    ta: tuple[Token, ...],
    tb: tuple[Token, ...],
    strict: bool,
    joined_at: int = -1,
    repair: bool = True,
) -> float:
    """Score aligned token lists; `joined_at` marks a token of the longer list that
    stands for two written words (it counts twice if left unmatched)."""
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1 < len(long) and not strict and _one_word_capped(short[0], long, joined_at):
        return _ONE_TOKEN_VS_MANY
    vals, used = _best_alignment(short, long, strict)
    if not vals:
        return 0.0
    low = min(vals)
    if low < THRESHOLD and not strict and len(short) == len(long) >= 2:
        # One slip, everything else identical: near the ending of a short word, or
        # one that the folding hides (judged by undoing it where it was typed; asked
        # only here because it is the costliest test).
        i = vals.index(low)
        a, b = short[i], long[used[i]]
        if all(v >= 1.0 for k, v in enumerate(vals) if k != i) and (
            _edge_slip(a, b) or (repair and _could_be_slip(a, b) and _repaired_slip(a, b))
        ):
            vals = [*vals]
            vals[i] = low = _TYPO_SIMILARITY
    score = 0.9 * low + 0.1 * (sum(vals) / len(vals))
    if len(long) > len(short):
        used_set = set(used)
        for j, tok in enumerate(long):
            if j not in used_set:
                score -= _EXTRA_HYPHEN_PART if tok.hyphen else _EXTRA_TOKEN
                if j == joined_at:
                    score -= _EXTRA_TOKEN
    if len(short) == 1:
        score = min(score, _ONE_TOKEN_VS_MANY if len(long) > 1 else _ONE_TOKEN_VS_ONE)
    return score


def compare(a: ParsedName, b: ParsedName, repair: bool = True) -> float:
    """Score two parsed names (see the module docstring for the model).

    `repair=False` skips the costliest test, a slip undone where it was typed
    (repair.py); NameIndex.search asks for it only when nothing matched without it.
    """
    if a.zh and b.zh and a.zh & b.zh:
        return 1.0
    if not a.core or not b.core:
        return 0.0
    # Both names read as pinyin: syllables must agree exactly (Liu/Lu, Xia/Xiaobo).
    strict = bool(a.zh and b.zh)
    ta, tb = a.core, b.core
    if strict:
        ta = tuple(t for t in a.tokens)
        tb = tuple(t for t in b.tokens)
    best = _score_tokens(ta, tb, strict, repair=repair)
    if len(ta) != len(tb) and best < THRESHOLD * 0.5 and not strict:
        longer_is_a = len(ta) > len(tb)
        for variant, at in _merged_variants(ta if longer_is_a else tb):
            pair = (variant, tb) if longer_is_a else (ta, variant)
            best = max(best, _score_tokens(pair[0], pair[1], strict, at, repair))
    if a.patronymics and b.patronymics:
        p = token_similarity(a.patronymics[0], b.patronymics[0])
        if p < THRESHOLD:
            best = min(best, 0.5)
    return max(0.0, min(1.0, best))


def score(a: str, b: str) -> float:
    """Similarity of two names as written; >= THRESHOLD means the same person."""
    return round(compare(parse(a), parse(b)), 4)
