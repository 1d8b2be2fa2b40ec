"""What part each country mention plays in its sentence: holder, destination, nationals, partner."""

from __future__ import annotations

import regex

from rollcall.extraction.compiled import rx
from rollcall.extraction.countries import CountryMention
from rollcall.extraction.lang import en_roles as lang

HOLDER = "holder"
DESTINATION = "destination"
NATIONALS = "nationals"
PARTNER = "partner"
LOCATION = "location"
MENTION = "mention"

_WORDS = regex.compile(r"[\p{L}]+")
_DATELINE = regex.compile(
    # "KYIV, 2 March …", "CARACAS, Jan 31 …", "MOSCOW (Reuters)", "HANOI - …", "ABU DHABI/MOSCOW,"
    r"(?:/[\p{Lu} ]+)?"
    r"(?:\s*,\s*(?:\p{L}+\s+)?\d{1,2}\b|\s*,\s*\p{L}{3,9}\.?\s+\d|\s*\(|\s+[-–—]{1,2}\s)"
)


def _next_word(text: str, end: int) -> str:
    following = rx(r"(?:['’]s)?[\s]*(-?[\p{L}]+(?:-[\p{L}]+)?)").match(text[end : end + 40])
    if following is None:
        return ""
    word: str = following.group(1)
    if text[end : end + 1] == "-":
        return "-" + word.split("-")[-1].lower()
    return word.lower()


def _previous_words(text: str, start: int, limit: int = 3) -> list[str]:
    window = text[max(0, start - 40) : start]
    # A clause boundary ends the look-back: the words before it belong to another phrase.
    window = rx(r"[,;:.()\n]|\s[-–—]+\s").split(window)[-1]
    words = [w.lower() for w in _WORDS.findall(window)]
    return list(reversed(words))[:limit]


def _arrived(before: list[str]) -> bool:
    """Whether the words before a place (nearest first) say people arrived there."""
    if not before or before[0] not in lang.ARRIVAL_IN:
        return False
    for word in before[1:]:
        if word in lang.ARRIVAL_VERBS:
            return True
        if word not in lang.ARRIVAL_FILLERS and word not in lang.ARRIVAL_IN:
            return False
    return False


def role_of(text: str, mention: CountryMention) -> tuple[str, int]:
    """The mention's role and how strongly it names the holding state (0 for other roles)."""
    after = _next_word(text, mention.end)
    if after in lang.INSTITUTION_MODIFIERS:
        # "the Mahiliou Regional Court", "Gomel city court": the noun after the modifier decides.
        modifier = rx(r"(?:['’]s)?\s*-?[\p{L}]+").match(text, mention.end)
        noun = _next_word(text, modifier.end()) if modifier is not None else ""
        if noun in lang.HOLDER_NOUNS:
            after = noun
    words_before = _previous_words(text, mention.start, 7)
    before = words_before[:3]
    if _DATELINE.match(text, mention.end) and (
        mention.start == 0 or text[mention.start - 1] == "\n"
    ):
        # "KYIV, 2 March 2025 -", "MOSCOW (Reuters) -": where the report was filed, often in the
        # holding state, but never the subject of the sentence's verb.
        return LOCATION, 2
    if _arrived(words_before):
        # "arrived in Vilnius", "landed at an airport in Texas": where the freed were taken.
        return DESTINATION, 0
    if after in lang.NATIONALS_NOUNS or mention.form == "demonym":
        return NATIONALS, 0
    if after in lang.PARTNER_AFTER:
        return PARTNER, 0
    nearest = [
        w for w in before if w not in {"the", "directly", "back", "neighbouring", "neighboring"}
    ]
    if nearest and nearest[0] in lang.DESTINATION_BEFORE:
        if after in lang.CUSTODY_PLACE_NOUNS:
            return HOLDER, 2  # "moved to a Mordovia penal colony": a place the state holds people
        if after in lang.ONE_PERSON_TITLES or after in lang.PARTNER_AFTER:
            return PARTNER, 0  # "a gesture to US President Donald Trump": to a person, not a place
        return DESTINATION, 0
    if nearest and nearest[0] in lang.PARTNER_BEFORE:
        return PARTNER, 0
    if after in lang.HOLDER_NOUNS:
        return HOLDER, 1 if after in lang.WEAK_HOLDER_NOUNS else 3
    if nearest and nearest[0] in lang.LOCATION_BEFORE:
        if len(nearest) > 1 and nearest[1] in lang.TOPIC_BEFORE:
            return MENTION, 1
        return LOCATION, 2
    if mention.form in {"name", "capital"} and (
        not before or before[0] in {"the"} or before[0] in lang.CLAUSE_OPENERS
    ):
        # A state or its capital as the subject: "Belarus releases", "Minsk freed".
        return HOLDER, 3
    return MENTION, 1
