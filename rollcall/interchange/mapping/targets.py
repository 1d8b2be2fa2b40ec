"""The registry fields a list's column can become: what each holds and which words it takes.

A mapping names these targets under `[fields.<target>]`; docs/mapping.md describes each. The
words a `values` table may translate into are the registry's own (the choices of its models),
so a translated value is never one the record check would refuse later.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rollcall.events.choices import CustodyKind, ReleaseKind
from rollcall.people.choices import Gender, NameKind, Visibility
from rollcall.sources.models import SourceKind


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    WORD = "word"
    COUNTRY = "country"
    NUMBER = "number"
    URL = "url"
    SENTENCE = "sentence"  # a date (the term's end) or a word for the kind of sentence


# Words a sentence cell may be translated into, beside a date (the day the term ends).
SENTENCE_WORDS = {
    "term": "a prison term whose end the list does not give",
    "life": "life imprisonment",
    "death_penalty": "a death sentence",
    "non_custodial": "a non-custodial sentence (restricted freedom, a fine)",
    "unknown": "imprisoned, the kind and length of the sentence unknown",
    "not_sentenced": "held without a sentence yet (pre-trial detention)",
}


@dataclass(frozen=True)
class Target:
    kind: Kind
    meaning: str
    words: tuple[str, ...] = ()
    multiple: bool = False  # may hold several values in one cell, split by `separator`
    options: tuple[str, ...] = ()  # options of this target alone, beside the common ones


TARGETS: dict[str, Target] = {
    "name": Target(Kind.TEXT, "the name the registry shows (required)", options=("script",)),
    "aliases": Target(
        Kind.TEXT,
        "other names, spellings or scripts",
        multiple=True,
        options=("script", "kind"),
    ),
    "gender": Target(Kind.WORD, "gender", words=tuple(Gender.values)),
    "birth": Target(Kind.DATE, "date of birth"),
    "death": Target(Kind.DATE, "date of death (a death event)"),
    "country": Target(Kind.COUNTRY, "the holding state, ISO 3166-1 alpha-2 (every event's)"),
    "citizenship": Target(Kind.COUNTRY, "citizenships, ISO alpha-2", multiple=True),
    "visibility": Target(Kind.WORD, "who may see the name", words=tuple(Visibility.values)),
    "note": Target(Kind.TEXT, "a note on the person", options=("label",)),
    "place": Target(Kind.TEXT, "a place the list associates with the person, as it gives it"),
    "detained_on": Target(Kind.DATE, "date of detention (an arrest event)"),
    "sentenced_on": Target(Kind.DATE, "date of the sentence (a sentence event)"),
    "sentence": Target(
        Kind.SENTENCE, "the day the term ends, or the kind of sentence", words=tuple(SENTENCE_WORDS)
    ),
    "term_months": Target(Kind.NUMBER, "the length of the prison term in months"),
    "custody_kind": Target(
        Kind.WORD,
        "the kind of custody the sentence is served in (of the arrest, for a row with no sentence)",
        words=tuple(CustodyKind.values),
    ),
    "court": Target(Kind.TEXT, "the court that passed the sentence"),
    "facility": Target(Kind.TEXT, "the prison or detention centre holding the person"),
    "facility_address": Target(
        Kind.TEXT, "the facility's postal address, where letters reach the people it holds"
    ),
    "articles": Target(
        Kind.TEXT, "criminal-code articles charged", multiple=True, options=("code",)
    ),
    "released_on": Target(Kind.DATE, "date of release (a release event)"),
    "release_kind": Target(Kind.WORD, "how the person was freed", words=tuple(ReleaseKind.values)),
    "sources": Target(Kind.URL, "where the facts come from", multiple=True, options=("kind",)),
}

# Options every field may have; a target's own options are listed with it above.
COMMON_OPTIONS = ("column", "value", "default", "values", "if_unreadable")
DATE_OPTIONS = ("formats",)
MULTIPLE_OPTIONS = ("separator",)
IF_UNREADABLE = ("refuse", "leave_empty")
ALIAS_KINDS = tuple(kind for kind in NameKind.values if kind != NameKind.PRIMARY)
SOURCE_KINDS = tuple(SourceKind.values)


def options_of(name: str) -> tuple[str, ...]:
    target = TARGETS[name]
    extra = DATE_OPTIONS if target.kind in (Kind.DATE, Kind.SENTENCE) else ()
    return COMMON_OPTIONS + extra + (MULTIPLE_OPTIONS if target.multiple else ()) + target.options
