"""Event mentions in sentences, and their merging into one event per happening.

A mention is one trigger (a verb or noun naming the event) in one sentence, with what that sentence
says about it: its date, the holding state, how many people, who. Mentions of the same type whose
dates, states and people do not conflict are one happening reported several times, and merge.

Dates: a date in the sentence belongs to the trigger nearest to it, unless "later", "then" or the
like stands between them ("arrested in September 2020 and later sentenced": the sentence is
undated). An undated mention of the article's lead event (the first event it reports, in its title
or opening) is news: it happened on or just before the publication date, which it takes. Background
mentions (past perfect, "previously", "later") keep only their own dates. A date a speech verb
governs ("said on Sunday") is when the news was given, not when it happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import regex

from rollcall.extraction.compiled import rx
from rollcall.extraction.countries import CountryMention, country_code, form_of
from rollcall.extraction.dates import DateMention, RelativeDate, after
from rollcall.extraction.lang import en_events as lang
from rollcall.extraction.lang import en_people
from rollcall.extraction.numbers import CountMention
from rollcall.extraction.people import PersonSpan, is_headline
from rollcall.extraction.roles import HOLDER, LOCATION, MENTION, role_of
from rollcall.extraction.sentences import Sentence

# How long before publication an explicitly dated report can still be the article's news.
NEWS_WINDOW = timedelta(days=7)
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
_YEAR_DATE_BEFORE = frozenset(
    [
        "in",
        "since",
        "by",
        "during",
        "until",
        "of",
        "from",
        "early",
        "late",
        "mid",
        "around",
        "before",
        "after",
    ]
)


def _alternation(patterns: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


@cache
def _trigger_re() -> regex.Pattern[str]:
    groups = [f"(?P<{kind}>{_alternation(pats)})" for kind, pats in lang.TRIGGERS.items()]
    return regex.compile(rf"(?<![\p{{L}}-])(?:{'|'.join(groups)})(?![\p{{L}}-])", regex.IGNORECASE)


def _words_re(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(
        rf"(?<![\p{{L}}])(?:{_alternation(patterns)})(?![\p{{L}}])", regex.IGNORECASE
    )


_UNREAL = _words_re(lang.UNREAL_BEFORE)
_LATER = _words_re(lang.LATER)
_STATE = regex.compile(rf"^\s*(?:{_alternation(lang.STATE_AFTER)})", regex.IGNORECASE)
_BACKGROUND = _words_re(lang.BACKGROUND)
_NOT_PEOPLE = regex.compile(
    rf"^\s+(?:\w+\s+){{0,2}}?(?:{_alternation(lang.NOT_PEOPLE_RELEASED)})\b", regex.IGNORECASE
)
_CUSTODY_PLACE = _words_re(lang.CUSTODY_PLACES)
_PERIOD_START = regex.compile(
    rf"\b(?:{_alternation(lang.PERIOD_START)})\s+(?:the\s+)?$", regex.IGNORECASE
)
_IMPERATIVE = regex.compile(rf"(?:{_alternation(lang.IMPERATIVES)})", regex.IGNORECASE)
_CLAUSE_OPENING = regex.compile(r"(?:^|[:;–—-])\s*[\p{Pi}\"']?$")
_RELATIVE_CLAUSE = regex.compile(
    r"\b(?:who|whom|which)\s+(?:(?:was|were|had|has|have)\s+)?(?:been\s+)?$", regex.IGNORECASE
)
_RELATIVE_CLAUSE_DATE = regex.compile(
    r"(?:^|[,;(])\s*(?:who|which|whose|where|whom)\b[^,;()]*$", regex.IGNORECASE
)
# The agent of a passive or of an event noun, with no other verb between ("freed on Monday by
# Belarus"; not "freed in a deal mediated by Qatar").
_DONE_BY = regex.compile(r"(?:(?![\p{L}]+ed\b)[^,;:])*?\bby\s+(?:the\s+)?$", regex.IGNORECASE)
_NOUN_BEFORE = regex.compile(r"\b(?:the|its|their|his|her|a|this|that)\s+$", regex.IGNORECASE)
_AND_BEFORE_VERB = regex.compile(r"\band\s+(?:\w+\s+)?$")
_AMONG_BEFORE = regex.compile(
    r"\bamong\s+(?:those|them|the)\b[^,;]{0,30}?\b(?:are|were|was|is)\s+$", regex.IGNORECASE
)
_AMONG_AFTER = regex.compile(
    r"(?:\s+[\p{L}-]+){0,4}?\s+(?:were|was|are|is)\s+(?:also\s+)?among\b", regex.IGNORECASE
)
_THOSE_BEFORE = regex.compile(r"\b(?:those|the ones)\s+$", regex.IGNORECASE)
_POSSESSIVE_NOUN = regex.compile(r"['’]s?\s+([\p{Ll}]+)")
_TO_NAMED_PLACE = regex.compile(
    r"\s+(?:[\p{Ll}]+\s+){0,3}?(?:to|into)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*)"
)
_DESCRIBES_NAME = regex.compile(
    r"(?:,\s*\d{1,3})?,\s+(?:who\s+|whom\s+|a\s+|an\s+|the\s+)[^,;()]*", regex.IGNORECASE
)
_QUANTIFIED_THEM = regex.compile(
    r"\b(?:most|many|all|some|several|none|each|both|half|two|three)\s+of\s+(?:them|whom)\s+$",
    regex.IGNORECASE,
)
_TALLY_NOUN = regex.compile(
    r"(?:arrests|detentions|releases|transfers|deportations|expulsions|convictions)",
    regex.IGNORECASE,
)
_PERIOD_AFTER = regex.compile(
    rf"\s+(?:\w+\s+){{0,3}}?(?:{_alternation(lang.PERIOD_TOTAL)})\b", regex.IGNORECASE
)
_COUNTED_RELATIVE = regex.compile(
    r"(?:\s+[\p{L}-]+){0,3}?,?\s+(?:who|which)\s+(?:were|was|had been|have been)\s+(?:\w+\s+)?",
    regex.IGNORECASE,
)
_RELATIVE_OPENING = regex.compile(r",\s*(?:who|which|whose|whom)\b", regex.IGNORECASE)
_EXPELLED_FROM = regex.compile(r"[^,;:]{0,40}?\b(?:from|by)\s+(?:the\s+)?$", regex.IGNORECASE)
_DETERMINER_BEFORE = regex.compile(
    r"\b(?:the|these|those|their|his|her|its|our|newly|recently)\s+$", regex.IGNORECASE
)
_OF_BEFORE = regex.compile(
    r"(?<![\p{L}])([\p{L}]+)\s+of\s+(?:(?:the|a|an|his|her|their)\s+)?"
    r"(?:[\p{Ll}-]+\s+){0,3}$"
)
_DETACHED = regex.compile(
    rf"(?<![\p{{L}}])(?:{_alternation(lang.DETACHING)})(?![\p{{L}}])", regex.IGNORECASE
)
_COMPOUND_AFTER = regex.compile(
    rf"\s+(?:{_alternation(lang.NOUN_COMPOUND_AFTER)})(?![\p{{L}}])", regex.IGNORECASE
)
_OTHER_SIDE = regex.compile(
    rf"\b(?:{_alternation(lang.OTHER_SIDE)})\s+(?:[\p{{L}}'’-]+\s+){{0,3}}$", regex.IGNORECASE
)
_CLAUSE_BREAK = regex.compile(r"[,;:()]|\band\b|\bbut\b|\bwho\b|\bwhich\b")
_KIND_RES = tuple((kind, _words_re(cues)) for kind, cues in lang.RELEASE_KINDS)
_KIND_ONLY = _words_re(lang.KIND_ONLY_TRIGGERS)
_APPEAL = _words_re(lang.APPEALS)
# A whole word: "Ma Thida Win passed away" ends in "in" but is no custody state.
_STATE_BEFORE = regex.compile(
    rf"(?<![\p{{L}}])(?:{_alternation(lang.STATE_BEFORE)})\s+$", regex.IGNORECASE
)
_RELOCATED_TO = regex.compile(
    rf"(?:{_alternation(lang.RELOCATION)})\s+(?:\w+\s+){{0,3}}?(?:to|into)\b", regex.IGNORECASE
)


@dataclass
class Mention:
    type: str
    sentence: int
    start: int  # trigger's absolute offsets
    end: int
    date: DateMention | None = None
    assumed_date: bool = False  # the publication date, taken because the mention is the news
    background: bool = False
    later: bool = False
    country: str | None = None
    country_strength: int = 0
    count: CountMention | None = None
    relative: RelativeDate | None = None  # "two days later": dated from the event told before
    refers_back: bool = False  # "those released": the people of an event told before
    persons: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    destinations: list[tuple[str, CountMention | None]] = field(default_factory=list)


@dataclass
class Event:
    type: str
    mentions: list[Mention]

    @property
    def sentences(self) -> list[int]:
        return sorted({m.sentence for m in self.mentions})

    @property
    def date(self) -> DateMention | None:
        dated = [m.date for m in self.mentions if m.date is not None and not m.assumed_date]
        if not dated:
            dated = [m.date for m in self.mentions if m.date is not None]
        if not dated:
            return None
        return max(dated, key=lambda d: _PRECISION_RANK.get(d.precision, 0))

    @property
    def persons(self) -> list[str]:
        seen: list[str] = []
        for mention in self.mentions:
            seen.extend(p for p in mention.persons if p not in seen)
        return seen


def _clause_before(sentence_text: str, local: int) -> str:
    head = sentence_text[:local]
    parts = _CLAUSE_BREAK.split(head)
    return parts[-1] if parts else head


def _is_real(sentence: Sentence, local_start: int, local_end: int) -> bool:
    if _IMPERATIVE.fullmatch(sentence.text[local_start:local_end]) and _CLAUSE_OPENING.search(
        sentence.text[:local_start]
    ):
        return False  # "Egypt: Release those rounded up": a demand, in the imperative
    clause = _clause_before(sentence.text, local_start)
    # A capitalised "May" inside a sentence is the month ("on 14 May sentenced"), not the modal.
    words = [w for w in rx(r"[\p{L}']+").findall(clause) if w != "May"][-4:]
    if _UNREAL.search(" ".join(words)):
        return False
    if words and words[-1].lower() == "to":
        return False  # an infinitive ("calls on the authorities to release") is not a fact
    if _APPEAL.search(sentence.text[:local_start]):
        return False
    if _STATE_BEFORE.search(sentence.text[:local_start]):
        return False
    return not _STATE.match(sentence.text[local_end:])


def _part_of_a_name(sentence: Sentence, start: int, end: int, headline: bool) -> bool:
    """A capitalised trigger followed by a capitalised word names something ("Amnesty
    International"), except in a headline, where every word is capitalised."""
    word = sentence.text[start:end]
    return (
        not headline
        and word[:1].isupper()
        and rx(r"\s+\p{Lu}\p{Ll}").match(sentence.text[end:]) is not None
    )


def _same_time(a: DateMention, b: DateMention) -> bool:
    coarse = min(_PRECISION_RANK.get(a.precision, 0), _PRECISION_RANK.get(b.precision, 0))
    if coarse >= 3:
        return a.value == b.value
    if coarse == 2:
        return (a.value.year, a.value.month) == (b.value.year, b.value.month)
    return a.value.year == b.value.year


def usable_dates(sentence: Sentence, dates: list[DateMention]) -> list[DateMention]:
    """Dates saying when something happened; not a year naming a thing ("the 2020 election")."""
    usable: list[DateMention] = []
    for mention in dates:
        said = rx(r"([\p{L}]+)\s+(?:on\s+)?$").search(
            sentence.text[: mention.start - sentence.start]
        )
        if said and said.group(1).lower() in en_people.SPEECH_VERBS:
            continue  # "said on Sunday": when it was reported, not when it happened
        local = mention.start - sentence.start
        if _PERIOD_START.search(sentence.text, max(0, local - 16), local):
            continue  # "held since July 2021": when a state began, not when anything happened
        if (
            mention.precision == "year"
            and sentence.text[
                mention.start - sentence.start : mention.end - sentence.start
            ].isdigit()
        ):
            before = rx(r"[\p{L}]+").findall(sentence.text[: mention.start - sentence.start])[-1:]
            if before and before[0].lower() not in _YEAR_DATE_BEFORE:
                continue
        usable.append(mention)
    return usable


def find_mentions(
    sentences: list[Sentence],
    index: int,
    dates: list[DateMention],
    countries: list[CountryMention],
    counts: list[CountMention],
    people: list[PersonSpan],
    text: str,
    relatives: list[RelativeDate] | None = None,
) -> list[Mention]:
    """The event mentions of one sentence, with the sentence's facts attached to them."""
    sentence = sentences[index]
    mentions: list[Mention] = []
    headline = is_headline(sentence.text)
    for match in _trigger_re().finditer(sentence.text):
        kind = match.lastgroup or ""
        local_start, local_end = match.span()
        if not _is_real(sentence, local_start, local_end):
            continue
        if _part_of_a_name(sentence, local_start, local_end, headline):
            continue
        if _COMPOUND_AFTER.match(sentence.text, local_end):
            continue  # "a detention centre", "arrest warrants": a place or a paper, not an event
        if kind == "release" and _NOT_PEOPLE.match(sentence.text[local_end:]):
            continue
        if (
            kind == "release"
            and _KIND_ONLY.fullmatch(match.group())
            and not _has_people(sentence, counts, people)
        ):
            continue
        if mentions and _describes_people(sentence.text, local_start, match.group()):
            continue
        if _is_attributive(sentence.text, local_start, local_end, match.group()):
            continue
        if _QUANTIFIED_THEM.search(
            sentence.text, 0, local_start
        ) and match.group().lower().endswith("ed"):
            continue  # "…, most of them detained after the election": who they are, no event
        if _TALLY_NOUN.fullmatch(match.group()) and _PERIOD_AFTER.match(sentence.text, local_end):
            continue  # "tracks arrests since the coup", "releases so far this year": a tally
        mention = Mention(kind, index, sentence.start + local_start, sentence.start + local_end)
        prefix = sentence.text[max(0, local_start - 30) : local_start]
        # "among those released": the people of an event already told.
        mention.refers_back = bool(_THOSE_BEFORE.search(prefix))
        # "Surin, who was jailed for a post, died …": a relative clause recounts background.
        mention.background = bool(_BACKGROUND.search(prefix) or _RELATIVE_CLAUSE.search(prefix))
        mentions.append(mention)
    if not mentions:
        return mentions
    # A relocation of freed people ("released … and flown to Muscat") is no transfer, and must not
    # take the date that belongs to the release.
    mentions = [
        m for m in mentions if m.type != "transfer" or is_custody_transfer(sentence, m)
    ] or []
    if not mentions:
        return mentions
    # Drop a noun that repeats a verb of the same type in the sentence ("released … the release"),
    # unless another state is the subject of the second ("Iran freed A, while France released B").
    _attach_country(text, mentions, countries)
    unique: list[Mention] = []
    for mention in mentions:
        same = [m for m in unique if m.type == mention.type]
        if same and not (
            mention.country_strength >= 3
            and all(m.country_strength >= 3 and m.country != mention.country for m in same)
        ):
            continue
        unique.append(mention)
    mentions = unique
    _attach_dates(sentence, mentions, usable_dates(sentence, dates))
    for relative in relatives or []:
        nearest = min(mentions, key=lambda m: abs(m.start - relative.start))
        if nearest.date is None:
            nearest.relative = relative
    _attach_count(sentence, mentions, counts)
    _attach_persons(sentence, mentions, people, text)
    _attach_kinds(sentence, mentions)
    return mentions


def _describes_people(sentence_text: str, local_start: int, trigger: str) -> bool:
    """A participle right after a people noun, after the sentence's own event, describes who they
    are ("pardoned 14 people convicted of extremism"), it reports nothing new."""
    before = rx(r"([\p{L}]+)\s+$").search(sentence_text[:local_start])
    return (
        before is not None
        and before.group(1).lower() in lang.PEOPLE_NOUNS
        and trigger.split()[0].lower().endswith("ed")
    )


def _is_attributive(sentence_text: str, local_start: int, local_end: int, trigger: str) -> bool:
    """A participle between a determiner and a people noun describes them ("one of the expelled
    prisoners said", "the newly released detainees"): it tells who they are, not what happened."""
    following = rx(r"\s+([\p{L}]+)").match(sentence_text, local_end)
    if following is None or not trigger.lower().endswith("ed") or " " in trigger:
        return False
    word = following.group(1)
    people = word.lower() in lang.PEOPLE_NOUNS or (
        # "six detained Americans": a plural demonym names people too.
        word[:1].isupper() and word.endswith("s") and country_code(word) is not None
    )
    before = sentence_text[:local_start]
    return people and (
        _DETERMINER_BEFORE.search(before) is not None
        or not before.strip()
        or rx(
            r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds))\s+$"
        ).search(before)
        is not None
    )


def _has_people(sentence: Sentence, counts: list[CountMention], people: list[PersonSpan]) -> bool:
    return bool(counts or [p for p in people if p.role == "person"]) or bool(
        rx(r"prisoners|detainees|people|citizens", regex.IGNORECASE).search(sentence.text)
    )


def _attach_dates(sentence: Sentence, mentions: list[Mention], dates: list[DateMention]) -> None:
    for mention in mentions:
        prefix = sentence.text[
            max(0, mention.start - sentence.start - 25) : mention.start - sentence.start
        ]
        mention.later = bool(_LATER.search(prefix))
    distances: dict[int, int] = {}  # a mention keeps the date nearest to it
    for found in dates:
        best: Mention | None = None
        best_distance = 10**9
        for mention in mentions:
            lo, hi = (
                sorted((found.end, mention.start))
                if found.end <= mention.start
                else sorted((mention.end, found.start))
            )
            between = sentence.text[lo - sentence.start : hi - sentence.start]
            if _LATER.search(between) and found.end <= mention.start:
                continue
            if (
                found.end <= mention.start
                and _AND_BEFORE_VERB.search(between)
                and any(m.end <= found.start for m in mentions)
            ):
                continue  # "detained in October 2022 and sentenced": the date is the first verb's
            if (
                found.end <= mention.start
                and _RELATIVE_CLAUSE_DATE.search(sentence.text, 0, found.start - sentence.start)
                and "," in between
            ):
                continue  # "X, who had lived in Poland since 2019, was deported": not its date
            if found.start >= mention.end and _RELATIVE_OPENING.search(between):
                continue  # "freed was X, who was jailed in 2020": the clause's own time
            # A date inside the trigger's own words ("died on 2 May in prison") is its date.
            distance = 0 if mention.start <= found.start < mention.end else hi - lo
            if distance < best_distance:
                best, best_distance = mention, distance
        if best is not None and best_distance < distances.get(id(best), 10**9):
            best.date = found
            distances[id(best)] = best_distance


def _attach_country(text: str, mentions: list[Mention], countries: list[CountryMention]) -> None:
    for found in countries:
        role, strength = role_of(text, found)
        for mention in mentions:
            if (
                0 <= found.start - mention.end <= 60
                and found.form != "place"
                and (_EXPELLED_FROM if mention.type == "deportation" else _DONE_BY).match(
                    text, mention.end, found.start
                )
            ):
                # "deported to Tajikistan from Turkey", "expelled by Thailand", "the release of 14
                # prisoners by Nicaragua": the state that acted held them.
                mention.country, mention.country_strength = found.code, 4
            elif (
                mention.type == "transfer"
                and found.form == "place"
                and 0 <= found.start - mention.end <= 60
                and mention.country_strength < 2
                and _TO_NAMED_PLACE.match(text, mention.end, found.end)
            ):
                # "transferred to Ghezel Hesar": moved inside the state that holds the place.
                mention.country, mention.country_strength = found.code, 2
        if role not in {HOLDER, LOCATION, MENTION} or strength == 0:
            continue
        for mention in mentions:
            weight = strength
            if role == HOLDER and strength == 3 and found.form in {"name", "capital"}:
                # A state as subject holds people only when the event's verb follows it, not a
                # noun ("Qatar … welcomed the release").
                verb_follows = 0 <= mention.start - found.end <= 50 and not _NOUN_BEFORE.search(
                    text, max(0, mention.start - 12), mention.start
                )
                weight = 3 if verb_follows else 1
            distance = abs(found.start - mention.start)
            current = mention.country_strength
            if weight > current or (
                weight == current and mention.country is not None and distance < 40
            ):
                mention.country, mention.country_strength = found.code, weight


def people_count(text: str, count: CountMention) -> bool:
    """Whether the number counts people: its noun (or a word just after it) is a people noun."""
    noun = getattr(count, "noun", "") or ""
    words = rx(r"[\p{L}]+").findall(text[count.end : count.end + 50])[:5]
    following = [w.lower() for w in words]
    return (
        noun.lower() in lang.PEOPLE_NOUNS
        or any(w in lang.PEOPLE_NOUNS for w in following)
        # "ten jailed Americans": a plural demonym names people too.
        or any(w[:1].isupper() and w.endswith("s") and country_code(w) for w in words[:2])
    )


def is_subset(text: str, count: CountMention) -> bool:
    before = text[max(0, count.start - 20) : count.start].lower()
    if any(rx(rf"\b{cue}\s*$").search(before) for cue in lang.SUBSET_BEFORE):
        return True
    if _AMONG_BEFORE.search(text, max(0, count.start - 50), count.start):
        return True  # "Among those pardoned are 114 foreigners"
    # "at least 18 Kurdish prisoners were among those released": a part of them.
    return _AMONG_AFTER.match(text, count.end, count.end + 80) is not None


def _attach_count(sentence: Sentence, mentions: list[Mention], counts: list[CountMention]) -> None:
    text_of = sentence.text
    for found in counts:
        local_start = found.start - sentence.start
        local_end = found.end - sentence.start
        local = CountMention(local_start, local_end, found.value, found.qualifier)
        if not people_count(text_of, local):
            continue
        if is_subset(text_of, local):
            # "Among those pardoned are 114 foreigners, who were deported": a part of the one
            # event, the whole of the one its relative clause tells.
            told = next(
                (
                    m
                    for m in mentions
                    if m.start > found.end
                    and _COUNTED_RELATIVE.fullmatch(text_of, local_end, m.start - sentence.start)
                ),
                None,
            )
            if told is not None and told.count is None:
                told.count = found
            continue
        # A count whose clause goes on to a relocation abroad is a destination's count.
        rest = _CLAUSE_BREAK.split(text_of[local_end:])[0]
        if _RELOCATED_TO.search(rest) and not _CUSTODY_PLACE.search(rest):
            continue
        nationals_after = rx(r"\s*(?:\p{Lu}\p{Ll}+\s+)?(?:nationals|citizens)\b").match(
            text_of[local_end:]
        )
        if nationals_after and rx(r"\s*\p{Lu}").match(text_of[local_end:]):
            continue
        nearest = min(mentions, key=lambda m: abs(m.start - found.start))
        if nearest.count is None:
            nearest.count = found


def _attach_persons(
    sentence: Sentence, mentions: list[Mention], people: list[PersonSpan], text: str
) -> None:
    names = [p for p in people if p.role == "person"]
    described: dict[int, str] = {}
    for mention in mentions:
        before = [p for p in names if p.end <= mention.start]
        if before and _DESCRIBES_NAME.fullmatch(text, before[-1].end, mention.start):
            # "Sulaymon Davlatov, 38, who was deported …", "Firuz Rahimzoda, a former migrant
            # detained on his return": the clause tells of the name it follows, only.
            described[id(mention)] = before[-1].name
    for person in names:
        if _OTHER_SIDE.search(text[max(0, person.start - 60) : person.start]):
            continue
        after = text[person.end : person.end + 30]
        # A name directly before an active event verb did it ("Lukashenko pardoned …").
        agent = rx(r"(?:['’]s)?\s+(?:has\s+|had\s+)?(\w+)").match(after)
        if (
            agent
            and _trigger_re().fullmatch(agent.group(1))
            and not rx(r"\s+(?:was|were|is|are|been|being)\b").match(after)
        ):
            verb = agent.group(1).lower()
            if verb.endswith("ed") or verb.endswith("s"):
                continue
        if _of_someone_else(text, person):
            continue
        owned = _POSSESSIVE_NOUN.match(text, person.end)
        if owned is not None and not _trigger_re().match(text, owned.start(1)):
            continue  # "from Thuan's circle", "Kazemi's lawyer": someone else of theirs
        for mention in mentions:
            if person.start >= mention.end and _DETACHED.search(text, mention.end, person.start):
                continue  # "arrested two days after Donald Trump visited": another clause's
            if not _governs(mention, person, mentions):
                continue
            if described.get(id(mention), person.name) != person.name:
                continue
            if person.name not in mention.persons:
                mention.persons.append(person.name)


def _governs(mention: Mention, person: PersonSpan, mentions: list[Mention]) -> bool:
    """With two events of one type in a sentence ("Iran freed A, while France released B"), a name
    belongs to the last of them before it, or to the first when it comes before both."""
    same = [m for m in mentions if m.type == mention.type]
    if len(same) < 2:
        return True
    before = [m for m in same if m.start <= person.start]
    owner = before[-1] if before else same[0]
    return owner is mention


def _of_someone_else(text: str, person: PersonSpan) -> bool:
    """A name after "of" belongs to the noun before it: "the case of Narges Mohammadi", "an aide of
    opposition leader Alexei Navalny" are not the people the event happened to; "the arrest of
    Ali Rezaei" is."""
    of = _OF_BEFORE.search(text, max(0, person.start - 60), person.start)
    if of is None:
        return False
    head = of.group(1).lower()
    if head in lang.OF_HEADS_KEPT:
        return False
    # The noun before "of" may end a longer trigger: "the death in custody of Farhad Rostami".
    window = text[max(0, of.start(1) - 40) : of.end(1)]
    return not any(t.end() == len(window) for t in _trigger_re().finditer(window))


def _attach_kinds(sentence: Sentence, mentions: list[Mention]) -> None:
    if not any(mention.type == "release" for mention in mentions):
        return
    for kind, pattern in _KIND_RES:
        if pattern.search(sentence.text):
            for mention in mentions:
                if mention.type == "release":
                    mention.kinds.add(kind)


def is_custody_transfer(sentence: Sentence, mention: Mention) -> bool:
    """A transfer inside custody ("moved to a penal colony"), not a relocation of freed people."""
    rest = sentence.text[mention.end - sentence.start :]
    clause = rx(r"[;.]|,\s(?!where)").split(rest)[0]
    if _CUSTODY_PLACE.search(clause[:120]):
        return True
    # "transferred to Ghezel Hesar", "moved to Omsk": a named place that is no state is a prison
    # or a town inside it; "transferred to Lithuania" or "to Vilnius" goes abroad.
    named = _TO_NAMED_PLACE.match(clause)
    return named is not None and form_of(named.group(1)) in {None, "place"}


def assume_news_dates(
    mentions: list[Mention], published: date | None, sentences: list[Sentence] | None = None
) -> None:
    """Give the lead event's undated, non-background mentions in the article's opening (the first
    two paragraphs that tell of events, the title being one) the publication date. Further down,
    an undated mention either repeats the news, and merges with it, or speaks in general
    ("transfers to distant prisons are a punishment"): it is not dated by the day of publication."""
    if published is None or not mentions:
        return
    lead = mentions[0].type
    opening: set[int] = set()
    if sentences is not None:
        for mention in mentions:
            opening.add(sentences[mention.sentence].paragraph)
            if len(opening) == 2:
                break
    for mention in mentions:
        if sentences is not None and sentences[mention.sentence].paragraph not in opening:
            continue
        if (
            mention.type != lead
            or mention.date is not None
            or mention.background
            or mention.later
            or mention.relative is not None
        ):
            continue
        mention.date = DateMention(mention.start, mention.start, published, "day")
        mention.assumed_date = True


def resolve_relative_dates(
    mentions: list[Mention], sentences: list[Sentence], dates: list[DateMention] | None = None
) -> None:
    """Date "two days later", "on the same day" from what was told just before: a date earlier in
    the sentence or in the sentence before ("On 25 May … The others were released the same day"),
    else the last dated mention in the same paragraph. Told after background from elsewhere,
    such a time goes back to the article's news: its first event with a date of its own."""
    dated: list[Mention] = []
    for mention in mentions:
        if mention.relative is not None and mention.date is None:
            sentence = sentences[mention.sentence]
            told = [
                d
                for d in dates or []
                if d.end <= mention.relative.start
                and (
                    d.start >= sentence.start
                    or (mention.sentence > 0 and d.start >= sentences[mention.sentence - 1].start)
                )
            ]
            if told:
                mention.date = after(told[-1], mention.relative)
                dated.append(mention)
                continue
            anchor = next(
                (
                    m
                    for m in reversed(dated)
                    if m.sentence == mention.sentence
                    or m.sentence == mention.sentence - 1
                    or sentences[m.sentence].paragraph == sentences[mention.sentence].paragraph
                ),
                None,
            ) or next(
                (m for m in dated if not m.background and not m.assumed_date),
                next((m for m in dated if not m.background), None),
            )
            if anchor is not None and anchor.date is not None:
                mention.date = after(anchor.date, mention.relative)
        if mention.date is not None:
            dated.append(mention)


def _compatible(event: Event, mention: Mention, published: date | None) -> bool:
    if event.type != mention.type:
        return False
    ours = event.date
    assumed = (
        event.mentions[0].assumed_date
        if len(event.mentions) == 1
        else all(m.assumed_date for m in event.mentions if m.date)
    )
    if ours is not None and mention.date is not None:
        if mention.assumed_date and not assumed:
            if not _near_publication(ours, published):
                return False
        elif assumed and not mention.assumed_date:
            if not _near_publication(mention.date, published):
                return False
        elif not _same_time(ours, mention.date):
            return False
    countries = {m.country for m in event.mentions if m.country and m.country_strength >= 2}
    if (
        mention.country
        and mention.country_strength >= 2
        and countries
        and mention.country not in countries
    ):
        return False
    if mention.relative is not None and not set(mention.persons) & set(event.persons):
        return False  # "on the same day, another prisoner was moved": another happening
    if mention.later and mention.date is None:
        return bool(set(mention.persons) & set(event.persons))
    if mention.persons and event.persons and not set(mention.persons) & set(event.persons):
        # Different named people are one happening only when it is the news itself, or the same day.
        both_news = (mention.assumed_date and assumed) or (
            # An undated report further down with more names ("Among those freed were …") adds
            # people to the news.
            mention.date is None
            and not (mention.background or mention.later)
            and ours is not None
            and _near_publication(ours, published)
        )
        same_day = (
            ours is not None
            and mention.date is not None
            and ours.precision == "day"
            and _same_time(ours, mention.date)
        )
        return both_news or same_day
    if (mention.date is None) != (ours is None) and mention.background:
        return bool(set(mention.persons) & set(event.persons)) or not mention.persons
    return True


def _near_publication(when: DateMention, published: date | None) -> bool:
    if published is None:
        return False
    if when.precision == "day":
        return published - NEWS_WINDOW <= when.value <= published
    if when.precision == "month":
        # "Last month" is still the news of an article that reports it as such.
        previous = (published.replace(day=1) - timedelta(days=1)).replace(day=1)
        return when.value.replace(day=1) in {published.replace(day=1), previous}
    return when.value.year == published.year


def merge(mentions: list[Mention], published: date | None) -> list[Event]:
    """One event per happening: each mention joins the first compatible event, or starts its own."""
    events: list[Event] = []
    for mention in mentions:
        for event in events:
            if _compatible(event, mention, published):
                event.mentions.append(mention)
                break
        else:
            told = [e for e in events if e.type == mention.type]
            if mention.refers_back and told:
                # "18 prisoners were among those released on Friday": the release told before,
                # whatever day these were let out.
                told[-1].mentions.append(mention)
                continue
            events.append(Event(mention.type, [mention]))
    return events
