"""One article in, the `rollcall.extraction/1` JSON out: its events, estimates and their evidence.

The finders (sentences, countries, dates, counts, names) each read the whole text once; everything
after works sentence by sentence on their results, so an article of 1,000 words takes milliseconds.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from itertools import pairwise
from typing import Protocol, TypeVar

import regex

from rollcall.extraction.ages import ages_of
from rollcall.extraction.compiled import rx
from rollcall.extraction.countries import CountryMention, find_countries
from rollcall.extraction.dates import DateMention, find_dates, find_relative_dates
from rollcall.extraction.document import Document
from rollcall.extraction.estimates import Estimate, find_estimate
from rollcall.extraction.events import (
    Event,
    Mention,
    assume_news_dates,
    find_mentions,
    is_custody_transfer,
    merge,
    people_count,
    resolve_relative_dates,
    usable_dates,
)
from rollcall.extraction.lang import en_events
from rollcall.extraction.links import find_links
from rollcall.extraction.nationals import described_nationals, find_nationals
from rollcall.extraction.numbers import CountMention, find_counts
from rollcall.extraction.people import PersonSpan, find_people
from rollcall.extraction.roles import DESTINATION, HOLDER, LOCATION, MENTION, role_of
from rollcall.extraction.sentences import Sentence, split_sentences

SCHEMA = "rollcall.extraction/1"
# Which event type an estimate's measure stands in for in its own sentence.
_ESTIMATE_REPLACES = {
    "detained": "arrest",
    "released": "release",
    "died_in_custody": "death_in_custody",
    "held": "",
}
_KIND_ORDER = ("exchange", "deal", "amnesty", "pardon", "end_of_term", "acquittal")
_RELOCATION = regex.compile("|".join(f"(?:{p})" for p in en_events.RELOCATION), regex.IGNORECASE)


_PRONOUN_SUBJECT = regex.compile(
    # The pronoun opens a clause, perhaps after a short time or place phrase ("In 2023 he was …").
    rf"(?:^|[,;]\s+|\band\s+|^(?:in|on|at|after|later|then|by)\b[^,;]{{0,30}}?,?\s+)"
    rf"(?:{'|'.join(en_events.SUBJECT_PRONOUNS)})\s+(?:\w+\s+){{0,3}}$",
    regex.IGNORECASE,
)
_PRONOUN_POSSESSIVE = regex.compile(
    rf"\b(?:{'|'.join(en_events.POSSESSIVE_PRONOUNS)})\s+(?:\w+\s+)?$", regex.IGNORECASE
)


_PRONOUN_OBJECT = regex.compile(
    rf"\s+(?:{'|'.join(en_events.OBJECT_PRONOUNS)})"
    rf"(?:\s*[,.;:]|\s+(?:{'|'.join(en_events.AFTER_OBJECT)})\b|\s*$)",
    regex.IGNORECASE,
)


_GROUP_SUBJECT = regex.compile(
    rf"(?:^|[,;]\s+|\band\s+)(?:{'|'.join(en_events.GROUP_SUBJECTS)})\s+(?:\w+\s+){{0,3}}$",
    regex.IGNORECASE,
)
_GROUP_OPENING = regex.compile(r"^\W*(?:the|all|these|those)\s+(\w+)\b", regex.IGNORECASE)
_AMONG_THEM = regex.compile(rf"^\W*(?:{'|'.join(en_events.AMONG_THEM)})\b", regex.IGNORECASE)


_AND = regex.compile(r"\band\b")
# Another subject between two verbs: "… detained, and police released ten others".
_OWN_SUBJECT = regex.compile(
    r"\b(?:police|authorities|officers|they|we|others|who|which)\b", regex.IGNORECASE
)


_STILL_HELD = regex.compile(rf"\b(?:{'|'.join(en_events.STILL_HELD)})\b", regex.IGNORECASE)


_OWN_CLAUSE = regex.compile(r"[;]|\b(?:who|which|whom|after|before|later|then)\b", regex.I)
_PERIOD_TOTAL = regex.compile(rf"\b(?:{'|'.join(en_events.PERIOD_TOTAL)})\b", regex.IGNORECASE)


def _is_period_total(sentence_text: str) -> bool:
    """ "At least 170 sentenced since the coup" tallies many happenings; "the largest exchange
    since the Cold War" compares one with others, it is still one."""
    for cue in _PERIOD_TOTAL.finditer(sentence_text):
        if not _SUPERLATIVE_BEFORE.search(sentence_text, max(0, cue.start() - 40), cue.start()):
            return True
    return False


_SUPERLATIVE_BEFORE = regex.compile(
    r"\b(?:\p{L}+est|first|most|biggest|only)\b[^,;]*$", regex.IGNORECASE
)


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


def _within(items: Sequence[S], starts: list[int], sentence: Sentence) -> list[S]:
    lo = bisect_left(starts, sentence.start)
    hi = bisect_left(starts, sentence.end)
    return list(items[lo:hi])


def _evidence(text: str, sentence: Sentence) -> dict[str, object]:
    return {
        "text": text[sentence.start : sentence.end],
        "start": sentence.start,
        "end": sentence.end,
    }


def _same_count(a: CountMention | None, b: CountMention | None) -> bool:
    return a is not None and b is not None and (a.value, a.qualifier) == (b.value, b.qualifier)


def _iso(value: date, precision: str) -> str:
    """ISO 8601 cut to what is known: 2020-09 for a month, 2020 for a year."""
    return {"year": value.isoformat()[:4], "month": value.isoformat()[:7]}.get(
        precision, value.isoformat()
    )


def _count(count: CountMention | None) -> dict[str, object] | None:
    return None if count is None else {"value": count.value, "qualifier": count.qualifier}


def _document_holder(text: str, countries: list[CountryMention], title_end: int) -> str | None:
    """The state the article is mostly about holding people: its holder-role mentions, weighted."""
    scores: dict[str, int] = {}
    for mention in countries:
        role, strength = role_of(text, mention)
        if role in {HOLDER, LOCATION, MENTION}:
            weight = strength * (2 if mention.start < title_end else 1)
            scores[mention.code] = scores.get(mention.code, 0) + weight
    return max(scores, key=lambda code: scores[code]) if scores else None


def _destinations(
    text: str, sentence: Sentence, countries: list[CountryMention], counts: list[CountMention]
) -> list[tuple[str, CountMention | None]]:
    """Countries people were taken to in this sentence, each with the count of its own clause."""
    found: list[tuple[str, CountMention | None]] = []
    for country in countries:
        if role_of(text, country)[0] != DESTINATION:
            continue
        breaks = rx(r"[,;:]").finditer(sentence.text[: country.start - sentence.start])
        clause_start = max([sentence.start, *(m.end() + sentence.start for m in breaks)])
        clause = text[clause_start : country.start]
        if not _RELOCATION.search(clause) and not (
            # "handed over 40 people, including …, to Myanmar": the verb is before the list.
            rx(r"^\s*(?:to|into)\s+(?:the\s+)?$").match(clause)
            and _RELOCATION.search(text[sentence.start : clause_start])
        ):
            continue
        count = next((c for c in reversed(counts) if clause_start <= c.start < country.start), None)
        if all(code != country.code for code, _ in found):
            found.append((country.code, count))
    return found


def _release_kind(event: Event, links: list[dict[str, str]]) -> str:
    kinds = set().union(*(m.kinds for m in event.mentions))
    if any(link["type"] == "exchange" for link in links):
        kinds.add("exchange")
    if any(link["type"] in {"agreement", "sanctions_relief", "mediation"} for link in links):
        kinds.add("deal")
    return next((kind for kind in _KIND_ORDER if kind in kinds), "other")


def _country(event: Event, default: str | None) -> str | None:
    best = max(event.mentions, key=lambda m: m.country_strength)
    return best.country if best.country and best.country_strength >= 2 else default


def _nearest_event(events: list[Event], sentence: int, types: tuple[str, ...]) -> Event | None:
    candidates = [e for e in events if e.type in types]
    if not candidates:
        return None
    same = [e for e in candidates if sentence in e.sentences]
    if same:
        return same[0]
    before = [e for e in candidates if min(e.sentences) < sentence]
    return max(before, key=lambda e: min(e.sentences)) if before else candidates[0]


def _sent_abroad_on_release(text: str, found: list[Mention], deportation: Mention) -> bool:
    """Freed and then, in the same clause, handed over or sent abroad is one release with its
    destination ("released five prisoners and handed them over to …"); a relative clause or
    another time ("114 foreigners, who were deported") keeps the deportation its own."""
    return any(
        m.type == "release"
        and m.end <= deportation.start
        and not _OWN_CLAUSE.search(text[m.end : deportation.start])
        for m in found
    )


def _resolve_group(
    text: str,
    sentence: Sentence,
    found: list[Mention],
    group: list[str],
    counts: list[CountMention],
    earlier: list[Mention],
    pending: list[tuple[Mention, int]],
) -> None:
    """A plural subject ("They were arrested", "The two were flown to Paris") stands for the people
    named together just before; "The six were detained" for the six of the event counted so."""
    for mention in found:
        if mention.persons:
            continue
        subject = _GROUP_SUBJECT.search(text[sentence.start : mention.start])
        if subject is None:
            continue
        number = next(
            (
                c.value
                for c in counts
                if sentence.start + subject.start() <= c.start < mention.start
            ),
            None,
        )
        counted = next(
            (m for m in reversed(earlier) if m.count and m.count.value == number and m.persons),
            None,
        )
        if counted is not None:
            mention.persons.extend(counted.persons)
        elif len(group) >= 2:
            mention.persons.extend(group)
        elif number is not None:
            pending.append((mention, number))  # named later, in a sentence of their own


def _name_the_group(
    text: str,
    sentence: Sentence,
    counts: list[CountMention],
    people: list[PersonSpan],
    found: list[Mention],
    earlier: list[Mention],
) -> None:
    """ "The four – A, B, C and D – were arrested …" names the four people of the counted event
    told before ("sentenced four student activists"), and is about those four people too."""
    opening = _GROUP_OPENING.match(sentence.text)
    names = [p.name for p in people if p.role == "person"]
    if opening is None or len(names) < 2:
        return
    count = next((c for c in counts if c.start - sentence.start == opening.start(1)), None)
    if count is None or count.value != len(names):
        return
    group = next((m for m in reversed(earlier) if m.count and m.count.value == count.value), None)
    if group is not None:
        group.persons.extend(name for name in names if name not in group.persons)
    for mention in found:
        if mention.count is None:
            mention.count = CountMention(count.start, count.end, count.value, "exact")


def _share_the_subject(text: str, found: list[Mention]) -> None:
    """Verbs joined by "and" share their subject: "She was detained in March 2022 and later
    sentenced to ten years" sentences her too."""
    for previous, mention in pairwise(found):
        if mention.persons or mention.count is not None or not previous.persons:
            continue
        between = text[previous.end : mention.start]
        if _AND.search(between) and not _OWN_SUBJECT.search(between):
            mention.persons.extend(previous.persons)


def _resolve_pronouns(text: str, sentence: Sentence, found: list[Mention], last: str) -> None:
    """A pronoun ("He was detained", "her release") stands for the person last named before.

    The subject pronoun before the trigger, a possessive just before a noun trigger and the object
    right after the verb ("a court sentenced him") count.
    """
    if not last:
        return
    for mention in found:
        if mention.persons:
            continue
        before = text[sentence.start : mention.start]
        if (
            _PRONOUN_SUBJECT.search(before)
            or _PRONOUN_POSSESSIVE.search(before)
            or _PRONOUN_OBJECT.match(text, mention.end, sentence.end)
        ):
            mention.persons.append(last)


def _fold_sent_abroad(events: list[Event], sentences: list[Sentence]) -> list[Event]:
    """Freed, then in the next sentence put on a plane or expelled ("… ordered the release of X.
    He was put on a flight to Tehran"), is one release with its destination, not a deportation."""
    kept: list[Event] = []
    for event in events:
        if event.type == "deportation" and event.persons:
            first = min(event.sentences)
            release = next(
                (
                    e
                    for e in events
                    if e.type == "release"
                    and set(event.persons) <= set(e.persons)
                    and any(
                        0 <= first - m.sentence <= 1
                        and sentences[m.sentence].paragraph == sentences[first].paragraph
                        for m in e.mentions
                    )
                ),
                None,
            )
            if release is not None and len(event.sentences) == 1:
                continue
        kept.append(event)
    return kept


def _attach_followers(
    events: list[Event],
    followers: dict[int, list[str]],
    sentences: list[Sentence],
    *,
    own_events: bool = False,
) -> None:
    """Names in a sentence with no event of its own, right after one that reports an event, are
    the people that event concerns ("… freed two men. The two, A and B, landed in Paris"). So are
    the names a sentence opening "Among them" gives, whatever else it reports (`own_events`)."""
    for index, names in followers.items():
        if index == 0 or sentences[index].paragraph - sentences[index - 1].paragraph > 1:
            continue
        # "Among them" may follow a sentence about the group that reports nothing itself.
        reach = 2 if own_events else 1
        previous = [
            (m.start, e)
            for e in events
            for m in e.mentions
            if index - reach <= m.sentence < index
            and sentences[index].paragraph - sentences[m.sentence].paragraph <= 1
        ]
        if not previous:
            continue
        event = max(previous, key=lambda pair: pair[0])[1]
        if own_events and all(name in event.persons for name in names):
            continue
        sentence = sentences[index]
        event.mentions.append(
            Mention(event.type, index, sentence.start, sentence.start, persons=names)
        )


def _links_of(record: dict[str, object]) -> list[dict[str, str]]:
    links = record.get("linked")
    return links if isinstance(links, list) else []


def _same_month(a: object, b: object) -> bool:
    """Halves of one exchange are reported together; their dates may differ by a day or two."""
    return a is None or b is None or str(a)[:7] == str(b)[:7]


_ASSUMED = "_assumed_date"  # a record's private mark: its date is the publication date, assumed


def _pair_exchanges(records: list[dict[str, object]]) -> None:
    """An exchange frees people on both sides: the releases by other states at the same time are
    its other halves, each an `exchange` linked to the states on the other side, and a state that
    mediated one half mediated the whole."""
    releases = [r for r in records if r["type"] == "release" and r.get("country")]
    swaps = [r for r in releases if r.get("release_kind") == "exchange"]
    for swap in swaps:
        halves = [
            r
            for r in releases
            if r is swap
            or (
                r["country"] != swap["country"]
                and _same_month(r["date"], swap["date"])
                and r.get("release_kind") in {"exchange", "deal", "other"}
            )
        ]
        if len(halves) < 2:
            continue
        # A half told without a date of its own ("In return, Germany freed …") was the same day.
        own = next((h for h in halves if h["date"] and not h.get(_ASSUMED)), None)
        if own is not None:
            for half in halves:
                if half.get(_ASSUMED) or half["date"] is None:
                    half["date"], half["date_precision"] = own["date"], own["date_precision"]
        mediators = [
            link for half in halves for link in _links_of(half) if link["type"] == "mediation"
        ]
        brokers = {link["by"] for link in mediators}
        states = {str(half["country"]) for half in halves}
        for half in halves:
            half["release_kind"] = "exchange"
            # The state that brokered the swap freed no one in it.
            links = [
                link
                for link in _links_of(half)
                if not (link["type"] == "exchange" and link["by"] in brokers)
            ]
            parties = {str(half["country"])}
            for other in sorted(states - parties):
                link = {"type": "exchange", "by": other}
                if link not in links:
                    links.append(link)
            for link in mediators:
                if link not in links and link["by"] not in states:
                    links.append(link)
            half["linked"] = links


def extract(document: Document) -> dict[str, object]:
    """The extraction JSON for one article (`persons[].match` left None for the registry layer)."""
    text = document.text
    sentences = split_sentences(text)
    countries = find_countries(text)
    dates = find_dates(text, document.published)
    relatives = find_relative_dates(text)
    relative_starts = [r.start for r in relatives]
    counts = find_counts(text)
    people = find_people(text, sentences)
    ages = ages_of(text, people)
    country_starts = [c.start for c in countries]
    date_starts = [d.start for d in dates]
    count_starts = [c.start for c in counts]
    people_starts = [p.start for p in people]
    title_end = (
        sentences[0].end
        if sentences and document.title and text.startswith(document.title.strip()[:20])
        else 0
    )
    holder = _document_holder(text, countries, title_end)
    # A name is an official's when it is mostly told as one: one slip ("officials said X") does not
    # make a prisoner an official everywhere.
    roles: dict[str, list[int]] = {}
    for person in people:
        tally = roles.setdefault(person.name, [0, 0])
        tally[0 if person.role == "official" else 1] += 1
    officials = {name for name, (official, other) in roles.items() if official >= other}

    estimates: list[tuple[Estimate, str | None]] = []
    mentions: list[Mention] = []
    destinations: list[tuple[int, list[tuple[str, CountMention | None]]]] = []
    nationals: dict[int, list[tuple[str, CountMention | None]]] = {}
    links: list[tuple[int, list[dict[str, str]]]] = []
    followers: dict[int, list[str]] = {}
    nationals_of: set[int] = set()
    described: dict[int, list[str]] = {}
    told_dates: list[DateMention] = []  # the dates that say when something happened
    groups_pending: list[tuple[Mention, int]] = []
    last_person = ""
    last_group: list[str] = []
    among: dict[int, list[str]] = {}
    for index, sentence in enumerate(sentences):
        in_countries = _within(countries, country_starts, sentence)
        in_counts = _within(counts, count_starts, sentence)
        in_people = [p for p in _within(people, people_starts, sentence) if p.name not in officials]
        if _AMONG_THEM.match(sentence.text):
            # "Among those detained was Serkan Aydemir, the mayor of …": an office holder who is
            # among the people the event happened to.
            in_people = [
                replace(p, role="person") if p.role == "official" else p
                for p in _within(people, people_starts, sentence)
            ]
        estimate = find_estimate(sentence, index, in_counts, lambda c: people_count(text, c))
        replaced = ""
        if estimate is not None:
            strongest = [role_of(text, c) for c in in_countries]
            ranked = sorted(
                (
                    (s, c.code)
                    for (r, s), c in zip(strongest, in_countries, strict=True)
                    if r in {HOLDER, LOCATION}
                ),
                reverse=True,
            )
            estimates.append((estimate, ranked[0][1] if ranked else holder))
            replaced = _ESTIMATE_REPLACES[estimate.measure]
        in_dates = _within(dates, date_starts, sentence)
        if relatives:  # only a time told from another needs the dates told before it
            told_dates.extend(usable_dates(sentence, in_dates))
        found = find_mentions(
            sentences,
            index,
            in_dates,
            in_countries,
            in_counts,
            in_people,
            text,
            _within(relatives, relative_starts, sentence),
        )
        _resolve_pronouns(text, sentence, found, last_person)
        _resolve_group(text, sentence, found, last_group, in_counts, mentions, groups_pending)
        _name_the_group(text, sentence, in_counts, in_people, found, mentions)
        _share_the_subject(text, found)
        named_now = [p.name for p in in_people if p.role == "person"]
        if named_now:
            last_person = named_now[-1]
            last_group = list(dict.fromkeys(named_now))
            if _AMONG_THEM.match(sentence.text):
                among[index] = last_group
        kept: list[Mention] = []
        for mention in found:
            if mention.type == "deportation" and _sent_abroad_on_release(text, found, mention):
                continue
            if mention.type == replaced:
                continue
            if estimate is not None and _same_count(mention.count, estimate.count):
                continue  # the sentence's figure is a standing count, not this event's
            if mention.type == "transfer" and not is_custody_transfer(sentence, mention):
                continue
            if mention.count is not None and _is_period_total(sentence.text):
                continue  # "at least 170 sentenced since the coup": a tally, not one happening
            kept.append(mention)
        mentions.extend(kept)
        if not kept and not found and not _STILL_HELD.search(sentence.text):
            # "Pham Van Thuan is still held": named beside the event, but not freed in it.
            named_here = [p.name for p in in_people if p.role == "person"]
            if named_here:
                followers[index] = named_here
        moved = _destinations(text, sentence, in_countries, in_counts)
        if moved:
            destinations.append((index, moved))
        if kept or (not found and index - 1 in nationals_of):
            named = find_nationals(sentence, in_countries, in_counts)
            if named:
                # A sentence with no event of its own that names citizenships right after one
                # that does ("Four of them were foreigners: three Poles and …") tells of that one.
                owner = index if kept else index - 1
                nationals.setdefault(owner, []).extend(named)
            if kept:
                nationals_of.add(index)
                described[index] = described_nationals(sentence, in_countries)
        stated = find_links(text, sentence, in_countries, holder)
        if stated:
            links.append((index, stated))

    assume_news_dates(mentions, document.published, sentences)
    resolve_relative_dates(mentions, sentences, told_dates)
    events = merge(mentions, document.published)
    _attach_followers(events, followers, sentences)
    _attach_followers(events, among, sentences, own_events=True)
    for mention, number in groups_pending:
        counted = next(
            (
                e
                for e in events
                if e.persons
                and any(
                    m.count and m.count.value == number and m.start < mention.start
                    for m in e.mentions
                )
            ),
            None,
        )
        if counted is not None and not mention.persons:
            mention.persons.extend(counted.persons)
    events = _fold_sent_abroad(events, sentences)

    event_links: dict[int, list[dict[str, str]]] = {}
    event_destinations: dict[int, list[tuple[str, CountMention | None]]] = {}
    for index, stated in links:
        target = _nearest_event(events, index, ("release",)) or _nearest_event(
            events, index, ("deportation",)
        )
        if target is not None:
            bucket = event_links.setdefault(id(target), [])
            for link in stated:
                same = [
                    i
                    for i, old in enumerate(bucket)
                    if (old["type"], old["by"]) == (link["type"], link["by"])
                ]
                if not same:
                    bucket.append(link)
                elif "target" in link and "target" not in bucket[same[0]]:
                    bucket[same[0]] = link  # the same link, now with what it targets
    for index, moved in destinations:
        target = _nearest_event(events, index, ("release", "deportation"))
        if target is None:
            continue
        bucket_d = event_destinations.setdefault(id(target), [])
        for code, count in moved:
            existing = next((i for i, (c, _) in enumerate(bucket_d) if c == code), None)
            if existing is None:
                bucket_d.append((code, count))
            elif bucket_d[existing][1] is None and count is not None:
                bucket_d[existing] = (code, count)

    out_events: list[dict[str, object]] = []
    # An event with no date, no person and no number tells the registry nothing it could record
    # ("five had been sentenced", "had been expelled", quoted): it is left out. Without a
    # publication date the news itself has no date, so then every event stays.
    events = [
        e
        for e in events
        if document.published is None
        or e.date is not None
        or e.persons
        or any(m.count is not None for m in e.mentions)
    ]
    for event in events:
        country = _country(event, holder)
        when = event.date
        record: dict[str, object] = {"type": event.type}
        stated_links = event_links.get(id(event), [])
        if event.type == "release":
            record["release_kind"] = _release_kind(event, stated_links)
        record["date"] = _iso(when.value, when.precision) if when else None
        record["date_precision"] = when.precision if when else None
        record[_ASSUMED] = when is not None and all(
            m.assumed_date for m in event.mentions if m.date
        )
        record["country"] = country
        # A headline rounds ("over 3,000"); the body gives the figure ("3,140 prisoners").
        with_count = [m for m in event.mentions if m.count is not None]
        in_body = [m for m in with_count if m.start >= title_end]
        count = (in_body or with_count)[0].count if with_count else None
        moved_counts = [c for _, c in event_destinations.get(id(event), []) if c is not None]
        if len(moved_counts) > 1 and any(_same_count(count, c) for c in moved_counts):
            # "15 to Spain and six to the United States": the first group's number, not the total.
            count = None
        if count is not None:
            record["count"] = _count(count)
        # An age only where the article gives one ("Ales Bialiatski, 63,"): as of publication.
        record["persons"] = [
            {"name": name, **({"age": ages[name]} if name in ages else {}), "match": None}
            for name in event.persons
        ]
        # A destination's count that is the event's own count says all went there, not how many.
        record["destinations"] = [
            {"country": code, "count": None if _same_count(c, count) else _count(c)}
            for code, c in event_destinations.get(id(event), [])
            if code != country
        ]
        record["linked"] = [link for link in stated_links if link.get("by") != country]
        citizenships: list[tuple[str, CountMention | None]] = []
        for index in event.sentences:
            for code, c in nationals.get(index, []):
                seen = next((i for i, (old, _) in enumerate(citizenships) if old == code), None)
                if seen is None:
                    citizenships.append((code, c))
                elif citizenships[seen][1] is None and c is not None:
                    # "including Poles" in the headline, "two Poles" in the body: the count.
                    citizenships[seen] = (code, c)
        for index in event.sentences:
            for code in described.get(index, []):
                if code != country and all(code != old for old, _ in citizenships):
                    citizenships.append((code, None))
        record["nationals"] = [{"country": code, "count": _count(c)} for code, c in citizenships]
        record["evidence"] = [_evidence(text, sentences[i]) for i in event.sentences]
        out_events.append(record)

    _pair_exchanges(out_events)
    for record in out_events:
        del record[_ASSUMED]
    out_estimates: list[dict[str, object]] = []
    for estimate, country in estimates:
        out_estimates.append(
            {
                "measure": estimate.measure,
                "country": country,
                "count": _count(estimate.count),
                "attributed_to": estimate.attributed_to,
                "evidence": [_evidence(text, sentences[estimate.sentence])],
            }
        )
    return {
        "schema": SCHEMA,
        "document": {
            "title": document.title,
            "published": document.published.isoformat() if document.published else None,
            "sha256": document.sha256,
        },
        "events": out_events,
        "estimates": out_estimates,
    }
