"""Person names in running text, and the part each named person plays in the sentence.

A name is a run of two or more capitalised words (Latin or Cyrillic, with particles such as "bin" or
"van" and prefixes such as "al-"), which is neither a country, a place, an organisation nor a date.
A known given name (rollcall.names' gazetteer, across scripts and romanisations) is the strongest
sign of a person; a run at the start of a sentence is kept only with that sign, or when the same
name recurs elsewhere, because sentence case capitalises any first word.

Roles: `official` (a title before the name or a role in apposition after it), `quoted` (the
subject of a speech verb), otherwise `person`, someone an event may have happened to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from rollcall.extraction.compiled import rx
from rollcall.extraction.countries import country_code
from rollcall.extraction.lang import en_people as lang
from rollcall.extraction.sentences import Sentence
from rollcall.names.given_names import is_given_name_skeleton
from rollcall.names.translit import skeletons


@dataclass(frozen=True)
class PersonSpan:
    start: int
    end: int
    name: str
    role: str  # "person" | "official" | "quoted"
    sentence: int  # index of the sentence it was found in


_WORD = (
    r"(?:(?:al|el|ad|ar|as|ash|az|at)[-‐])?"  # Arabic article prefixes: al-Haroun
    r"(?:\p{Lu}['’]\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?)"  # O'Brien, Smith, McCain
    r"(?:[-‐'’]\p{L}\p{Ll}*)*"  # Jean-Pierre, Bialiatski-Smith
)
_PARTICLE = "|".join(sorted(lang.NAME_PARTICLES, key=len, reverse=True))
_RUN = regex.compile(
    rf"(?<![\p{{L}}\d-])(?:{_WORD})(?:(?:\s(?:{_PARTICLE}))*\s(?:{_WORD}))*(?![\p{{L}}\d])"
)
_WORD_RE = regex.compile(rf"(?:{_WORD})|(?:{_PARTICLE})")
_TOKEN = regex.compile(r"[\p{L}'’-]+|[,;:.!?()\"“”]")


_AGE_APPOSITION = regex.compile(rf"^(?:{'|'.join(lang.AGE_APPOSITION)})", regex.IGNORECASE)
_AFFILIATION_SPEAKS = regex.compile(
    rf"\s+(?:of|from|at)\s+[^,.;:]{{1,60}}?\s+(?:{'|'.join(sorted(lang.SPEECH_VERBS))})\b"
)
_ACCORDING_TO = regex.compile(r"\baccording\s+to\s+(?:[\p{L}'’-]+\s+){0,4}$", regex.IGNORECASE)
# "Ali Rezaei was arrested": a run opening a sentence as the subject of custody is a person.
_CUSTODY_PASSIVE = regex.compile(
    r"\s+(?:was|were|has been|had been|have been|is|are)\s+(?:\p{Ll}+\s+)?"
    rf"(?:{'|'.join(lang.CUSTODY_PARTICIPLES)})\b"
)
# "Ali Rezaei's release", "Farhad Rostami's death in custody": whose custody it was.
_CUSTODY_POSSESSIVE = regex.compile(
    rf"['’]s\s+(?:{'|'.join(lang.CUSTODY_NOUNS)})\b", regex.IGNORECASE
)
# "Khurshed Nazarzoda, a former deputy chairman of …": who someone is, said of a person.
_ROLE_APPOSITION = regex.compile(
    r"^,\s+(?:a|an)\s+(?:[\p{Ll}-]+\s+){0,3}?"
    rf"(?:{'|'.join(sorted(lang.DESCRIPTOR_WORDS | lang.OFFICIAL_TITLES, key=len, reverse=True))})"
    r"\b"
)
_ALIAS = regex.compile(r"\((?:also|aka|a\.k\.a\.|or|née|born)\b[^()]*$", regex.IGNORECASE)


@cache
def is_given_name(word: str) -> bool:
    """Whether `word` is a given name or diminutive the name matcher knows, in any script."""
    return any(is_given_name_skeleton(s) for s in skeletons(word))


def _bare(word: str) -> str:
    bare: str = rx(r"['’]s$").sub("", word)
    return bare


@cache
def _is_stop(word: str) -> bool:
    low = _bare(word).lower()
    return (
        low in lang.NOT_NAME_WORDS
        or low in lang.THING_WORDS
        or low in lang.DESCRIPTOR_WORDS
        or low in lang.OFFICIAL_TITLES
        or country_code(_bare(word)) is not None
    )


def _inside_name(piece: list[tuple[int, int, str]], word: str) -> bool:
    """A place name after a name word is in the name ("Osniel Bravo Lima", "Michael Jordan")."""
    return (
        bool(piece)
        and country_code(_bare(word)) is not None
        and not _bare(word).lower().endswith(("ian", "ese", "ish", "ic", "i"))
    )


def _candidates(sentence: Sentence) -> list[tuple[int, int, list[str], bool]]:
    """Runs of name words in a sentence, split at words that cannot belong to a name.

    Each item: absolute start, absolute end, its words, whether it starts the sentence.
    """
    found: list[tuple[int, int, list[str], bool]] = []
    first_word = rx(r"\p{L}").search(sentence.text)
    first_at = first_word.start() if first_word else 0
    for run in _RUN.finditer(sentence.text):
        words = [
            (m.start() + run.start(), m.end() + run.start(), m.group())
            for m in _WORD_RE.finditer(run.group())
        ]
        piece: list[tuple[int, int, str]] = []
        for word in [*words, (0, 0, "")]:
            if word[2] and (not _is_stop(word[2]) or _inside_name(piece, word[2])):
                piece.append(word)
                continue
            while piece and piece[-1][2].lower() in lang.NAME_PARTICLES:
                piece.pop()
            while piece and piece[0][2].lower() in lang.NAME_PARTICLES:
                piece.pop(0)
            # An honorific (Burmese Ko, Ma, Daw) is dropped when a name of two words remains.
            if len(piece) > 2 and piece[0][2].lower() in lang.HONORIFICS:
                piece.pop(0)
            if piece:
                start, end = piece[0][0], piece[-1][1]
                text = sentence.text[start:end]
                trimmed = rx(r"['’]s$").sub("", text)
                found.append(
                    (
                        sentence.start + start,
                        sentence.start + start + len(trimmed),
                        [_bare(w[2]) for w in piece],
                        start == first_at,
                    )
                )
            piece = []
    return found


def _words_before(text: str, limit: int) -> list[str]:
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    for token in reversed(tokens):
        if not token[0].isalpha():
            break
        out.append(token.lower())
        if len(out) == limit:
            break
    return out  # nearest first


def _titled(words_nearest_first: list[str]) -> bool:
    for i, word in enumerate(words_nearest_first):
        if word in lang.SPEECH_VERBS:
            return False  # "prison officials said Rahmonov had …": the title is the speaker's
        if word in lang.OFFICIAL_TITLES:
            # "a former deputy chairman": a qualifier may stand before another title word.
            before = words_nearest_first[i + 1 : i + 3]
            return not any(w in lang.NON_OFFICIAL_QUALIFIERS for w in before)
    return False


def _role(text: str, start: int, end: int, sentence: Sentence) -> str:
    local_start = start - sentence.start
    local_end = end - sentence.start
    before = sentence.text[:local_start]
    after = sentence.text[local_end:]
    if _titled(_words_before(before, 3)):
        return "official"
    apposition = rx(r"['’]?s?\s*,\s*([^,;.]{1,80})").match(after)
    if apposition:
        words = [w.lower() for w in rx(r"[\p{L}-]+").findall(apposition.group(1))[:8]]
        if (
            _titled(list(reversed(words)))
            and not any(w in {"who", "whose", "was", "were"} for w in words[:2])
            # "deputy chairman of the banned party": an office in the opposition holds no power.
            and not any(w in lang.OPPOSITION_WORDS for w in words)
        ):
            return "official"
    next_words = [w.lower() for w in rx(r"[\p{L}-]+").findall(after)[:2]]
    if next_words and next_words[0] in lang.SPEECH_VERBS:
        return "quoted"
    if _AFFILIATION_SPEAKS.match(after):
        return "quoted"  # "Hadi Ghaemi of the Center for Human Rights in Iran told reporters"
    if _ACCORDING_TO.search(before):
        return "quoted"  # "according to his lawyer Mohammad Moghimi"
    kin = rx(
        r"(?:^|[^\p{L}])(\p{L}+)\s+(?:\p{L}+['’]s\s+|his\s+|her\s+|their\s+)(\p{L}+),?\s*$"
    ).search(before)
    if (
        kin is not None
        and kin.group(2).lower() in lang.KINSHIP
        and kin.group(1).lower() not in {"and", "or"}  # "A and her partner B": both
    ):
        return "relative"
    previous = _words_before(before, 2)
    if previous and (previous[0] in lang.SPEECH_VERBS or previous[:2] == ["to", "according"]):
        return "quoted"
    return "person"


@lru_cache(maxsize=4096)  # asked of each sentence by the name finder and the event finder
def is_headline(text: str) -> bool:
    words = rx(r"\p{L}[\p{L}'’-]*").findall(text)
    long_words = [w for w in words if len(w) > 3]
    if text.rstrip().endswith(".") and any(w[0].islower() for w in long_words):
        return False  # a body sentence full of names ("The … Court found A, B and C guilty.")
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def _place_like(text: str, start: int, end: int, *, gazetteer: bool) -> bool:
    """A run followed by "prison", "district" and the like names a place or a body, not a person;
    one after "in" or "at" too, unless a known given name says otherwise."""
    after = rx(r"\s+([\p{Ll}]+)").match(text[end : end + 30])
    if after and after.group(1) in lang.PLACE_AFTER:
        return True
    body = rx(r"\s+(\p{Lu}\p{Ll}+)").match(text[end : end + 30])
    if body and body.group(1).lower() in lang.BODY_AFTER:
        return True  # "Baku Grave Crimes Court": the run is part of a body's name
    before = rx(r"([\p{L}]+)\s+$").search(text[max(0, start - 20) : start])
    if before is not None and before.group(1) in lang.BODY_BEFORE:
        return True  # "the evangelical group Mountain Gateway", "the outlet Toplum TV"
    return not gazetteer and before is not None and before.group(1) in lang.PLACE_BEFORE


def _in_a_place_name(text: str, start: int, words: list[str]) -> bool:
    """Whether the run is a state's or a place's name, or its end ("[United] Arab Emirates")."""
    if country_code(" ".join(words)) is not None:
        return True
    before = rx(r"((?:\p{Lu}[\p{L}'’-]*\s+){1,2})$").search(text[max(0, start - 30) : start])
    return before is not None and country_code(before.group(1) + " ".join(words)) is not None


def _listed_with_names(
    text: str, end: int, raw: list[tuple[int, int, list[str], bool, int]]
) -> bool:
    """A run at the head of a list of names is one too ("Aziz Karimov, Leyla Huseynova and …")."""
    joint = rx(r"\s*(?:,\s*|\s+and\s+)").match(text[end : end + 8])
    if joint is None:
        return False
    following = end + joint.end()
    return any(start == following and len(words) > 1 for start, _, words, _, _ in raw)


def find_people(text: str, sentences: list[Sentence]) -> list[PersonSpan]:
    """Every person-name mention, in text order, with its role in its sentence."""
    raw: list[tuple[int, int, list[str], bool, int]] = []
    for index, sentence in enumerate(sentences):
        # A headline capitalises every word: there, only a known given name makes a name.
        headline = is_headline(sentence.text)
        for start, end, words, initial in _candidates(sentence):
            raw.append((start, end, words, initial or headline, index))
    # Names that occur away from a sentence's start: evidence that a sentence-initial run is a name.
    inner = {" ".join(w) for _, _, w, initial, _ in raw if not initial and len(w) > 1}
    surnames = {w[-1] for _, _, w, initial, _ in raw if not initial and len(w) > 1}
    # A surname used alone elsewhere ("Thanh, 41, was arrested") vouches for the full name.
    surnames |= {w[0] for _, _, w, _, _ in raw if len(w) == 1}
    found: list[PersonSpan] = []
    full: list[list[str]] = []
    for start, end, words, initial, index in raw:
        if len(words) < 2:
            continue
        gazetteer = any(is_given_name(w) for w in words[:-1]) or is_given_name(words[-1])
        if (
            initial
            and not gazetteer
            and " ".join(words) not in inner
            and words[-1] not in surnames
            and not _AGE_APPOSITION.match(text[end : end + 40])
            and not _ROLE_APPOSITION.match(text[end : end + 60])
            and not _CUSTODY_PASSIVE.match(text, end, end + 50)
            and not _CUSTODY_POSSESSIVE.match(text, end, end + 30)
            and not _listed_with_names(text, end, raw)
        ):
            continue
        if _place_like(text, start, end, gazetteer=gazetteer):
            continue
        if _in_a_place_name(text, start, words):
            continue  # "Costa Rica", "United Arab Emirates": a state or a place, each word unknown
        if _ALIAS.search(text[max(0, start - 40) : start]):
            continue  # "(also spelled Igor Lisovsky)": another spelling of a name already given
        name = text[start:end]
        full.append(words)
        found.append(PersonSpan(start, end, name, _role(text, start, end, sentences[index]), index))
    # A lone surname ("Kovrigin, who pleaded not guilty") is the full name given elsewhere; a lone
    # first word only when it is not a given name (family-name-first order: "Zhou, 52,").
    by_word: dict[str, set[str]] = {}
    for words in full:
        by_word.setdefault(words[-1], set()).add(" ".join(words))
        if not is_given_name(words[0]):
            by_word.setdefault(words[0], set()).add(" ".join(words))
    longer = {" ".join(w): w for w in full}
    for start, end, words, _initial, index in raw:
        if len(words) != 1:
            # "Fonseca Pupo" after "Yarelis Fonseca Pupo": the part stands for the whole.
            joined = " ".join(words)
            wholes = {
                name
                for name, w in longer.items()
                if len(w) > len(words) and (" ".join(w[-len(words) :]) == joined)
            }
            if len(wholes) == 1:
                found = [p for p in found if p.start != start]
                name = next(iter(wholes))
                role = _role(text, start, end, sentences[index])
                found.append(PersonSpan(start, end, name, role, index))
            continue
        if len(by_word.get(words[0], ())) != 1:
            continue
        if _place_like(text, start, end, gazetteer=True):
            continue
        name = next(iter(by_word[words[0]]))
        found.append(PersonSpan(start, end, name, _role(text, start, end, sentences[index]), index))
    found.sort(key=lambda p: p.start)
    return found
