"""Figures over a population or period ("1,000 are still held"), and their source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from rollcall.extraction.compiled import rx
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
_NUMBER_AT = regex.compile(
    rf"\bnumber of (?:\w+ ){{0,2}}(?:{'|'.join(lang.HELD_NOUNS)})\b[^.;]{{0,60}}?"
    r"\b(?:at|to|is|was|stands at|stood at)\s+(?:\w+\s+){0,2}$",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class Estimate:
    measure: str
    count: CountMention
    attributed_to: str
    sentence: int


def _attribution(sentence: Sentence) -> str:
    # Relative clauses stand between a source and its verb ("The 88 Project, which documents …,
    # counts"): read the sentence without them.
    text = rx(r",\s+(?:which|who|that)\b[^,]*,").sub("", sentence.text)
    text = rx(r"\s*\([^)]*\)").sub("", text)  # "(GYLA)": an acronym between source and verb
    according = _ACCORDING.search(text)
    if according:
        phrase = rx(r"[,;:.()]").split(text[according.end() :])[0]
        return _tidy(phrase, initial=False)
    for verb in _VERB.finditer(text):
        before = text[: verb.start()]
        head = rx(r"[,;:()]|\bthat\b").split(before)[-1]
        head = rx(r"\s(?:have|has|had|is|are|was|were|also|still)\s*$").sub(" ", head)
        words = head.split()
        if 0 < len(words) <= 8:
            source = _tidy(head, initial=before.strip() == head.strip())
            if source:  # "An estimated 1,200 …, Foro Penal said": the next verb has the source
                return source
    return ""


def _tidy(phrase: str, *, initial: bool) -> str:
    words = phrase.strip().strip('"“”').split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words.pop(0)
        initial = True
    if not words:
        return ""
    # Sentence case capitalises a common noun phrase's first word ("Human rights organizations"),
    # not a name ("Viasna", "OVD-Info").
    if (
        initial
        and not words[0].isupper()
        and all(not w[0].isupper() for w in words[1:])
        and (len(words) > 1 or words[0].lower() in lang.COMMON_SOURCES)
    ):
        words[0] = words[0].lower()
    return " ".join(words)


def find_estimate(
    sentence: Sentence,
    index: int,
    counts: list[CountMention],
    people_count: Callable[[CountMention], bool],
) -> Estimate | None:
    """The sentence's standing or period figure, if it gives one with a count of people.

    Each measure's cue competes for the counts; the pair nearest together wins, so a sentence
    counting people imprisoned and mentioning, without a number, some who died is a detained figure.
    """
    best: tuple[int, str, CountMention] | None = None
    period = _PERIOD.search(sentence.text) is not None
    for measure, pattern in _MEASURES:
        if measure != "held" and not period:
            continue
        for found in pattern.finditer(sentence.text):
            for count in counts:
                noun = sentence.text[count.end - sentence.start :].split()[:1]
                deaths = measure == "died_in_custody" and bool(noun) and noun[0] in lang.DEATH_NOUNS
                # "1,900 arrests since the election": arrests counted over a period.
                arrests = measure == "detained" and bool(noun) and noun[0] in lang.ARREST_NOUNS
                # "put the number of political prisoners at more than 350".
                numbered = measure == "held" and _NUMBER_AT.search(
                    sentence.text, 0, count.start - sentence.start
                )
                if not (people_count(count) or deaths or arrests or numbered):
                    continue
                distance = abs(count.start - sentence.start - found.start())
                if best is None or distance < best[0]:
                    best = (distance, measure, count)
    if best is None:
        return None
    return Estimate(best[1], best[2], _attribution(sentence), index)
