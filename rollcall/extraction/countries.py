"""Which states an article mentions, and where: names, adjectives, demonyms and capitals.

An event's country, its destinations and the nationals among the people it concerns are all read
from these mentions, so the finder has to be both broad (every state, every usual English form:
"Belarus", "Belarusian", "Belarusians", "Minsk") and careful about what is not a state ("us", "the
European Union", "New Mexico"). Matching is case-sensitive, because the capital letter is what tells
"US" from "us" and "Polish" from "polish".

All forms are compiled once, at import, into one regular expression shaped like a trie, so that a
1,000-word article is scanned in well under a millisecond and the longest form wins ("United States"
over "States", "South Sudanese" over "Sudanese").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import pycountry

from rollcall.extraction.lang import en_countries
from rollcall.extraction.tries import trie_pattern

#: What kind of word named the state, so the event assembler can weigh a mention: a capital often
#: stands for the government ("Minsk released ..."), a demonym for people of that nationality, and a
#: place inside the state (a city, region or prison: "a court in Gomel") only says where.
FORMS = ("name", "capital", "adjective", "demonym", "place")


@dataclass(frozen=True)
class CountryMention:
    """A mention of a state: `text[start:end]` is the form, `code` its ISO 3166-1 alpha-2 code.

    `form` is "name", "adjective", "demonym", "capital" or "place". A possessive ("Belarus's") is
    not part of the span.
    """

    start: int
    end: int
    code: str
    form: str


def _table_rows(name: str = "countries.tsv", width: int = 5) -> list[list[str]]:
    text = (
        resources.files("rollcall.extraction")
        .joinpath(f"resources/en/{name}")
        .read_text(encoding="utf-8")
    )
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        columns = (line.split("\t") + [""] * width)[:width]
        rows.append(columns)
    return rows


def _split(column: str) -> list[str]:
    return [part.strip() for part in column.split("|") if part.strip()]


def _load_forms() -> dict[str, tuple[str, str] | None]:
    """Every surface form mapped to (code, form); None for phrases that are not states.

    The first claim on a form wins, and names are claimed before capitals, adjectives and
    demonyms, so a shared form goes to the reading news usually means.
    """
    forms: dict[str, tuple[str, str] | None] = {}

    def claim(surface: str, code: str, form: str) -> None:
        forms.setdefault(surface, (code, form))

    rows = _table_rows()
    for code, names, _adjectives, _demonyms, _capitals in rows:
        for name in _split(names):
            claim(name, code, "name")
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            listed: str | None = getattr(country, attribute, None)
            if not listed or "," in listed or "(" in listed or listed in en_countries.DROPPED_NAMES:
                continue
            claim(listed, country.alpha_2, "name")
    for code, _names, _adjectives, _demonyms, capitals in rows:
        for capital in _split(capitals):
            claim(capital, code, "capital")
    for code, _names, adjectives, _demonyms, _capitals in rows:
        for adjective in _split(adjectives):
            claim(adjective, code, "adjective")
    for code, _names, adjectives, demonyms, _capitals in rows:
        singulars = _split(demonyms) or _split(adjectives)
        for demonym in singulars:
            claim(demonym, code, "demonym")
            claim(en_countries.plural(demonym), code, "demonym")
    # Places inside a state come last: a state's own forms always win over a place's.
    for code, places in _table_rows("places.tsv", 2):
        for place in _split(places):
            claim(place, code, "place")
    for phrase in en_countries.NOT_COUNTRIES:
        forms[phrase] = None
    # Datelines and headlines write names in capitals ("MINSK (Reuters) -"). Forms of up to three
    # letters are left out: in capitals they are more often acronyms than states.
    for surface, value in list(forms.items()):
        if len(surface) > 3:
            forms.setdefault(surface.upper(), value)
    return forms


_FORMS = _load_forms()
_PATTERN = re.compile(r"(?<!\w)" + trie_pattern(_FORMS) + r"(?!\w)")
_FOLDED = {surface.casefold(): value for surface, value in _FORMS.items() if len(surface) > 3}
_ISO_CODES = frozenset(country.alpha_2 for country in pycountry.countries) | {"XK"}


def find_countries(text: str) -> list[CountryMention]:
    """Every mention of a state in `text`, in text order, without overlaps."""
    mentions = []
    for match in _PATTERN.finditer(text):
        found = _FORMS.get(match.group())
        if found is None:
            continue
        code, form = found
        mentions.append(CountryMention(match.start(), match.end(), code, form))
    return mentions


def form_of(words: str) -> str | None:
    """The form ("name", "capital", "place", …) a surface form has in the table, or None."""
    found = _FORMS.get(words.strip())
    return found[1] if found is not None else None


def country_code(word: str) -> str | None:
    """The ISO alpha-2 code a single form stands for ("Belarusian" -> "BY"), or None.

    Accepts a leading "the" and a trailing possessive, an upper-case ISO code ("BY"), and any
    capitalisation of forms longer than three letters ("belarus"); short forms must be exact, so
    that "us" is not the United States.
    """
    text = word.strip()
    for possessive in ("'s", "’s", "'", "’"):
        if text.endswith(possessive):
            text = text[: -len(possessive)]
            break
    if text[:4].lower() == "the ":
        text = text[4:].strip()
    found = _FORMS.get(text)
    if found is None and len(text) > 3:
        found = _FOLDED.get(text.casefold())
    if found is not None:
        return found[0]
    if len(text) == 2 and text.isupper() and text in _ISO_CODES:
        return text
    return None
