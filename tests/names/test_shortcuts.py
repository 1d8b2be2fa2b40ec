"""The speed shortcuts of the scoring and folding give exactly what the plain rules give."""

from __future__ import annotations

import importlib
import itertools
import random
import re

from rapidfuzz.distance import Levenshtein

from bench.names.crowded import CrowdedGenerator
from rollcall.names import translit
from rollcall.names.phonetic import distance, distance_below
from rollcall.names.translit import skeletons

# The module, not the function the package exports under the same name.
score_module = importlib.import_module("rollcall.names.score")


def _words(seed: int, people: int) -> list[str]:
    gen = CrowdedGenerator(seed)
    found = {w for p in gen.make_people(people) for name in p.names for w in name.split()}
    return sorted(found)


def _full_form_similarity(a: str, b: str) -> float:
    """form_similarity as the model states it: the whole weighted distance, then the
    ending and first-letter penalties, then the slope."""
    if a == b:
        return 1.0
    length = max(len(a), len(b))
    lev = Levenshtein.distance(a, b)
    allow = score_module.allowance(length)
    d = lev * 0.8 if lev > max(3, length // 2) else distance(a, b)
    if score_module._different_ending(a, b):
        d += score_module._ENDING_PENALTY
    d += score_module._first_letter_penalty(a, b)
    if d <= allow:
        sim = 1.0 - 0.3 * d / allow
    else:
        sim = max(0.0, 0.7 - 0.35 * (d - allow) / max(allow, 0.3))
    if score_module._gender_conflict(a, b):
        sim = min(sim, score_module._GENDER_CAP)
    return sim


def test_far_apart_and_capped_pairs_score_what_the_whole_weighted_distance_gives() -> None:
    forms = sorted({f for w in _words(11, 800) for f in skeletons(w)})
    rng = random.Random(5)
    pairs = [(rng.choice(forms), rng.choice(forms)) for _ in range(20_000)]
    # Near pairs too, where the weighted distance decides: one letter changed.
    for form in forms:
        i = rng.randrange(len(form))
        pairs.append((form, form[:i] + rng.choice("aeioubdhkmnpqrstuvxz") + form[i + 1 :]))
    assert sum(1 for a, b in pairs if 0 < _full_form_similarity(a, b) < 1) > 500
    for a, b in pairs:
        assert score_module.form_similarity(a, b) == _full_form_similarity(a, b), (a, b)


def test_distance_below_is_the_distance_under_the_cap_and_none_from_it() -> None:
    forms = sorted({f for w in _words(12, 300) for f in skeletons(w)})[:150]
    for a, b in itertools.product(forms[:40], forms):
        full = distance(a, b)
        for cap in (0.5, 1.0, 2.0, 3.5):
            below = distance_below(a, b, cap)
            assert below == (full if full < cap else None), (a, b, cap)


def test_the_folding_steps_give_what_the_folding_rules_give() -> None:
    def by_rules(word: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
        for pattern, repl in rules:
            word = pattern.sub(repl, word)
        return word

    words = [*_words(13, 2_000), "Iachine", "Dziadok", "Matsvei", "Yevgeny", "Navumenka"]
    for word in words:
        folded = translit.fold_chars(word)
        for reading in (*translit._readings(word, folded), folded.upper()):
            latin = by_rules(reading, translit._LATIN_RULES)
            assert translit._latin(reading) == latin, word
            skeleton = by_rules(latin, translit._SKELETON_RULES).lower()
            assert translit._skeleton(latin) == skeleton, word
