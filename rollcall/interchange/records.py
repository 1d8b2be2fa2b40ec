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
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.functions import Collate

from rollcall.events.choices import DAY_ORDER
from rollcall.events.models import Event
from rollcall.events.records import article_record, event_record
from rollcall.lib.dates import format_partial
from rollcall.lib.progress import progress
from rollcall.people.choices import NameKind
from rollcall.people.models import ExternalId, Person, PersonName
from rollcall.sources.models import Citation
from rollcall.sources.records import RECORD, citation_records

JSONL_SCHEMA = "rollcall.person/1"
CHUNK = 1000
_NAME_ORDER = {kind: position for position, kind in enumerate(NameKind.values)}


def public_people() -> QuerySet[Person]:
    """Public people in uid order, compared byte by byte on every database.

    PostgreSQL would otherwise sort by the cluster's locale, and SQLite and PostgreSQL exports
    of one registry would list people in different orders.
    """
    uid: Any = F("uid")
    if connection.vendor == "postgresql":
        uid = Collate("uid", "C")
    return Person.objects.public().order_by(uid)


def stream_people(queryset: QuerySet[Person], description: str) -> Iterator[Person]:
    """People one chunk at a time (never the whole registry in memory), in queryset order."""
    ids = list(queryset.values_list("pk", flat=True))
    chunks = [ids[offset : offset + CHUNK] for offset in range(0, len(ids), CHUNK)]
    for chunk in progress(chunks, len(chunks), description):
        by_id = Person.objects.in_bulk(chunk)
        load_facts(by_id.values())
        yield from (by_id[pk] for pk in chunk)


def load_facts(people: Iterable[Person]) -> None:
    """Fetch what the exports write about these people in a few queries, left on each object.

    Sets `facts_names`, `facts_external_ids`, `facts_events` and `facts_citations` on people,
    `facts_citations` on names and events and `facts_articles` on events. Not prefetch_related:
    it builds a queryset per object and per relation, which made a 100,000-person export take
    minutes; and names have no relation to their citations to prefetch through.
    """
    by_id = {person.pk: person for person in people}
    ids = list(by_id)
    for person in by_id.values():
        person.facts_names, person.facts_external_ids, person.facts_events = [], [], []
    names = {}
    for name in PersonName.objects.filter(person_id__in=ids):
        by_id[name.person_id].facts_names.append(name)
        names[name.pk] = name
    for item in ExternalId.objects.filter(person_id__in=ids):
        by_id[item.person_id].facts_external_ids.append(item)
    events = {}
    for event in Event.objects.filter(person_id__in=ids).select_related("facility", "collective"):
        by_id[event.person_id].facts_events.append(event)
        event.facts_articles = []
        events[event.pk] = event
    links = Event.articles.through.objects.filter(event_id__in=list(events))
    for link in links.select_related("criminalarticle"):
        events[link.event_id].facts_articles.append(link.criminalarticle)
    facts: dict[int, dict[int, Any]] = {}
    for model, objects in ((Person, by_id), (PersonName, names), (Event, events)):
        facts[ContentType.objects.get_for_model(model).pk] = objects
        for fact in objects.values():
            fact.facts_citations = []
    for type_id, objects in facts.items():
        cited = Citation.objects.filter(content_type_id=type_id, object_id__in=list(objects))
        for citation in cited.select_related("source"):
            objects[citation.object_id].facts_citations.append(citation)


def dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def name_key(name: Any) -> tuple[int, str]:
    return (_NAME_ORDER.get(name.kind, 99), name.value)


def person_record(person: Person) -> dict[str, Any]:
    """Everything the registry holds about one person (`rollcall.person/1`), lossless."""
    events = [_event_record(event) for event in person.facts_events]
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
        "names": [
            {
                "value": n.value,
                "script": n.script,
                "kind": n.kind,
                "sources": _sources(n.facts_citations),
            }
            for n in sorted(person.facts_names, key=name_key)
        ],
        "external_ids": sorted(
            ({"scheme": x.scheme, "value": x.value} for x in person.facts_external_ids),
            key=lambda x: (x["scheme"], x["value"]),
        ),
        "events": events,
        "sources": _sources(person.facts_citations),
    }


def _event_record(event: Any) -> dict[str, Any]:
    articles = [article_record(a) for a in event.facts_articles]
    articles.sort(key=lambda a: (a["country"], a["code"], a["number"]))
    return event_record(event, articles, _sources(event.facts_citations))


def _sources(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    """A fact's citations with their sources, in an order that depends only on their content."""
    return sorted(citation_records(citations, RECORD), key=dump)
