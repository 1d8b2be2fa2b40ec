"""The registry's records as the plain data every list format writes: one home for their shape.

`person_record()` is the lossless `rollcall.person/1` record that JSON Lines exports write and
imports read back; the CSV and FollowTheMoney exports take their fields from the same loaded
facts. An event's, an article's and a citation's shape inside it come from `events.records` and
`sources.records` (shared with the API); what is decided here is the order: people are read in
uid order, names, events, articles and citations in an order that depends only on their content,
so two exports of the same registry are byte-identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypedDict

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import F, QuerySet
from django.db.models.functions import Collate

from rollcall.events.choices import DAY_ORDER
from rollcall.events.models import CriminalArticle, Event
from rollcall.events.records import EventRecord, article_record, event_record
from rollcall.lib.dates import format_partial
from rollcall.lib.progress import progress
from rollcall.people.choices import NameKind
from rollcall.people.models import Citizenship, ExternalId, Person, PersonName
from rollcall.sources.models import Citation
from rollcall.sources.records import SourceRecord, citation_fields

JSONL_SCHEMA = "rollcall.person/1"
CHUNK = 1000
_NAME_ORDER = {kind: position for position, kind in enumerate(NameKind.values)}


class TextSink(Protocol):
    """Where an export is written: a text file, or a command's stdout (which tests replace)."""

    def write(self, text: str, /) -> int: ...


class NameRecord(TypedDict):
    value: str
    script: str
    kind: str
    sources: list[SourceRecord]


class ExternalIdRecord(TypedDict):
    scheme: str
    value: str


class CitizenshipRecord(TypedDict):
    country: str
    sources: list[SourceRecord]


class PersonRecord(TypedDict):
    """`rollcall.person/1`: what `person_record()` writes and the JSON Lines import reads back."""

    schema: str
    id: str
    gender: str
    birth: str | None
    visibility: str
    publication: str
    note: str
    place: str
    names: list[NameRecord]
    external_ids: list[ExternalIdRecord]
    citizenships: list[CitizenshipRecord]
    events: list[EventRecord[SourceRecord]]
    sources: list[SourceRecord]


def public_people() -> QuerySet[Person]:
    """Public people in uid order, compared byte by byte on every database.

    PostgreSQL would otherwise sort by the cluster's locale, and SQLite and PostgreSQL exports
    of one registry would list people in different orders.
    """
    uid: F | Collate = F("uid")
    if connection.vendor == "postgresql":
        uid = Collate("uid", "C")
    return Person.objects.public().order_by(uid)


@dataclass
class NameFacts:
    name: PersonName
    citations: list[Citation] = field(default_factory=list)


@dataclass
class CitizenshipFacts:
    citizenship: Citizenship
    citations: list[Citation] = field(default_factory=list)


@dataclass
class EventFacts:
    event: Event
    articles: list[CriminalArticle] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


@dataclass
class PersonFacts:
    """Everything the exports write about one person, fetched together by `load_facts()`."""

    person: Person
    names: list[NameFacts] = field(default_factory=list)
    external_ids: list[ExternalId] = field(default_factory=list)
    citizenships: list[CitizenshipFacts] = field(default_factory=list)
    events: list[EventFacts] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


_Cited = PersonFacts | NameFacts | CitizenshipFacts | EventFacts


def stream_people(queryset: QuerySet[Person], description: str) -> Iterator[PersonFacts]:
    """People one chunk at a time (never the whole registry in memory), in queryset order."""
    ids = list(queryset.values_list("pk", flat=True))
    chunks = [ids[offset : offset + CHUNK] for offset in range(0, len(ids), CHUNK)]
    for chunk in progress(chunks, len(chunks), description):
        facts = load_facts(Person.objects.in_bulk(chunk).values())
        yield from (facts[pk] for pk in chunk)


def load_facts(people: Iterable[Person]) -> dict[int, PersonFacts]:
    """What the exports write about these people, by person id, fetched in a few queries.

    Not prefetch_related: it builds a queryset per object and per relation, which made a
    100,000-person export take minutes; and names have no relation to their citations to
    prefetch through.
    """
    by_id = {person.pk: PersonFacts(person) for person in people}
    ids = list(by_id)
    names: dict[int, NameFacts] = {}
    for name in PersonName.objects.filter(person_id__in=ids):
        names[name.pk] = NameFacts(name)
        by_id[name.person_id].names.append(names[name.pk])
    for item in ExternalId.objects.filter(person_id__in=ids):
        by_id[item.person_id].external_ids.append(item)
    citizenships: dict[int, CitizenshipFacts] = {}
    for citizenship in Citizenship.objects.filter(person_id__in=ids):
        citizenships[citizenship.pk] = CitizenshipFacts(citizenship)
        by_id[citizenship.person_id].citizenships.append(citizenships[citizenship.pk])
    events: dict[int, EventFacts] = {}
    for event in Event.objects.filter(person_id__in=ids).select_related("facility", "collective"):
        events[event.pk] = EventFacts(event)
        by_id[event.person_id].events.append(events[event.pk])
    links = Event.articles.through.objects.filter(event_id__in=list(events))
    for link in links.select_related("criminalarticle"):
        events[link.event_id].articles.append(link.criminalarticle)
    cited: list[tuple[type[models.Model], Mapping[int, _Cited]]] = [
        (Person, by_id),
        (PersonName, names),
        (Citizenship, citizenships),
        (Event, events),
    ]
    for model, facts in cited:
        type_id = ContentType.objects.get_for_model(model).pk
        citations = Citation.objects.filter(content_type_id=type_id, object_id__in=list(facts))
        for citation in citations.select_related("source"):
            facts[citation.object_id].citations.append(citation)
    return by_id


def dump(record: Mapping[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False)


def name_key(name: PersonName) -> tuple[int, str]:
    return (_NAME_ORDER.get(name.kind, 99), name.value)


def person_record(facts: PersonFacts) -> PersonRecord:
    """Everything the registry holds about one person (`rollcall.person/1`), lossless."""
    person = facts.person
    events = [_event_record(event) for event in facts.events]
    events.sort(
        key=lambda e: (e["date"] is None, e["date"] or "", DAY_ORDER.get(e["type"], 99), dump(e))
    )
    return {
        "schema": JSONL_SCHEMA,
        "id": person.uid,
        "gender": person.gender,
        "birth": format_partial(person.birth_date, person.birth_precision) or None,
        "visibility": person.visibility,
        "publication": person.publication,
        "note": person.note,
        "place": person.place,
        "names": [
            {
                "value": n.name.value,
                "script": n.name.script,
                "kind": n.name.kind,
                "sources": _sources(n.citations),
            }
            for n in sorted(facts.names, key=lambda n: name_key(n.name))
        ],
        "external_ids": sorted(
            ({"scheme": x.scheme, "value": x.value} for x in facts.external_ids),
            key=lambda x: (x["scheme"], x["value"]),
        ),
        "citizenships": sorted(
            (
                {"country": c.citizenship.country, "sources": _sources(c.citations)}
                for c in facts.citizenships
            ),
            key=lambda c: c["country"],
        ),
        "events": events,
        "sources": _sources(facts.citations),
    }


def _event_record(facts: EventFacts) -> EventRecord[SourceRecord]:
    articles = [article_record(a) for a in facts.articles]
    articles.sort(key=lambda a: (a["country"], a["code"], a["number"]))
    return event_record(facts.event, articles, _sources(facts.citations))


def _sources(citations: Iterable[Citation]) -> list[SourceRecord]:
    """A fact's citations with their sources, in an order that depends only on their content."""
    return sorted((citation_fields(citation) for citation in citations), key=dump)
