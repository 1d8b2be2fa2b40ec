"""Citizenships among the people an event concerns ("six Lithuanians", "Ukrainian nationals")."""

from __future__ import annotations

import regex

from rollcall.extraction.countries import CountryMention
from rollcall.extraction.lang.en_events import PEOPLE_NOUNS, PERSON_NOUNS
from rollcall.extraction.numbers import CountMention
from rollcall.extraction.sentences import Sentence

# "citizens of Ukraine and Moldova": every country of the coordination after "of".
_CITIZENS_OF = regex.compile(
    r"\b(?i:citizens?|nationals?|passport[- ]holders?)\s+of\s+(?:the\s+)?"
    r"(?:\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*(?:\s*,\s*|\s+and\s+)(?:the\s+)?){0,3}$"
)
_COORDINATED = regex.compile(r"^(?:\s*,\s*|\s+and\s+)(?:the\s+)?\p{Lu}")
# "a dual Iranian-Swedish citizen": adjectives joined by hyphens share the noun after the last.
_JOINED_ADJECTIVES = regex.compile(r"^(?:[-–/]\p{Lu}\p{L}+)+")
_BETWEEN_COUNT = regex.compile(r"[\s-]*(?:\p{Ll}[\p{Ll}-]*\s+)?")
_NATIONALS_NOUN = regex.compile(
    r"^\s+(?:nationals?|citizens?|passport[- ]holders?)\b", regex.IGNORECASE
)
# "two Cambodian activists": a counted group of people named by the adjective of their country.
_PEOPLE_NOUN = regex.compile(
    rf"^\s+(?:[\p{{Ll}}-]+\s+)?(?:{'|'.join(sorted(PEOPLE_NOUNS))})\b", regex.IGNORECASE
)


_PERSON_NOUN = regex.compile(
    rf"^\s+(?:[\p{{Ll}}-]+\s+)?(?:{'|'.join(sorted(PERSON_NOUNS))})\b", regex.IGNORECASE
)


def described_nationals(sentence: Sentence, countries: list[CountryMention]) -> list[str]:
    """Citizenships told by describing one person ("a French schoolteacher", "the British-Iranian
    engineer"). Whether they say anything depends on the event: a Belarusian blogger freed by
    Belarus is no foreigner, so the caller keeps only those of another state."""
    found: list[str] = []
    for country in countries:
        if country.form != "adjective":
            continue
        rest = _JOINED_ADJECTIVES.sub("", sentence.text[country.end - sentence.start :])
        if _PERSON_NOUN.match(rest) and country.code not in found:
            found.append(country.code)
    return found


def find_nationals(
    sentence: Sentence, countries: list[CountryMention], counts: list[CountMention]
) -> list[tuple[str, CountMention | None]]:
    """Each citizenship named in the sentence as a group of people, with the count before it."""
    found: list[tuple[str, CountMention | None]] = []
    text = sentence.text
    for country in countries:
        local_end = country.end - sentence.start
        local_start = country.start - sentence.start
        count = next(
            (
                c
                for c in counts
                if c.end <= country.start
                # "ten jailed Americans": one lower-case word may stand between.
                and _BETWEEN_COUNT.fullmatch(text[c.end - sentence.start : local_start])
            ),
            None,
        )
        counted_group = (
            country.form == "adjective"
            and count is not None
            and _PEOPLE_NOUN.match(text[local_end:]) is not None
        )
        if (
            country.form == "demonym"
            or counted_group
            or (
                country.form == "adjective"
                and _NATIONALS_NOUN.match(_JOINED_ADJECTIVES.sub("", text[local_end:]))
            )
        ):
            if not any(code == country.code for code, _ in found):
                found.append((country.code, count))
            continue
        of = _CITIZENS_OF.search(text[:local_start])
        if country.form in {"name", "capital"} and of:
            # "two citizens of Lithuania": the count stands before "citizens"; shared by several
            # countries ("five citizens of Ukraine and Moldova") it counts none of them.
            joint = _COORDINATED.match(text[local_end:])
            shared = (
                joint is not None
                and any(c.start == country.end + joint.end() - 1 for c in countries)
            ) or bool(regex.search(r"(?:,|\band)\s*(?:the\s+)?$", of.group()))
            count = (
                None
                if shared
                else next(
                    (
                        c
                        for c in counts
                        if c.end - sentence.start <= of.start()
                        and not text[c.end - sentence.start : of.start()].strip()
                    ),
                    None,
                )
            )
            if not any(code == country.code for code, _ in found):
                found.append((country.code, count))
    return found
