"""Figures over a population or period ("1,000 are still held"), and their source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from rollcall.extraction.lang import en_estimates as lang
from rollcall.extraction.numbers import CountMention
from rollcall.extraction.sentences import Sentence


def _re(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    joined = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{joined})(?![\p{{L}}])", regex.IGNORECASE)


_MEASURES = tuple((measure, _re(cues)) for measure, cues in lang.MEASURES)
_PERIOD = _re(lang.PERIOD)
_VERB = _re(lang.ATTRIBUTION_VERBS)
_ACCORDING = _re(lang.ACCORDING)


@dataclass(frozen=True)
class Estimate:
    measure: str
    count: CountMention
    attributed_to: str
    sentence: int


def _attribution(sentence: Sentence) -> str:
    text = sentence.text
    according = _ACCORDING.search(text)
    if according:
        phrase = regex.split(r"[,;:.()]", text[according.end() :])[0]
        return _tidy(phrase, initial=False)
    for verb in _VERB.finditer(text):
        head = regex.split(r"[,;:()]|\bthat\b", text[: verb.start()])[-1]
        words = head.split()
        if 0 < len(words) <= 8:
            return _tidy(
                head,
                initial=head is text[: verb.start()]
                or text[: verb.start()].strip() == head.strip(),
            )
    return ""


def _tidy(phrase: str, *, initial: bool) -> str:
    words = phrase.strip().split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words.pop(0)
        initial = True
    if not words:
        return ""
    if (
        initial
        and (words[0].lower() in lang.COMMON_SOURCES or any(w.islower() for w in words[1:]))
        and not words[0].isupper()
    ):
        words[0] = words[0].lower()
    return " ".join(words)


def find_estimate(
    sentence: Sentence,
    index: int,
    counts: list[CountMention],
    people_count: Callable[[CountMention], bool],
) -> Estimate | None:
    """The sentence's standing or period figure, if it gives one with a count of people."""
    for measure, pattern in _MEASURES:
        found = pattern.search(sentence.text)
        if not found:
            continue
        if measure in {"released", "detained"} and not _PERIOD.search(sentence.text):
            continue
        usable = [c for c in counts if people_count(c)]
        if not usable:
            return None
        nearest = min(usable, key=lambda c: abs(c.start - sentence.start - found.start()))
        return Estimate(measure, nearest, _attribution(sentence), index)
    return None
