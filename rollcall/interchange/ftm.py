"""The public registry as FollowTheMoney entities, for Aleph, yente and other FtM tools.

Each person becomes a `Person` entity; each event of their timeline an `Event` entity that
`involved` them. No `topics` are set, on purpose: every FtM topic near this subject ("poi",
"crime", "sanction", "wanted") is a *risk* topic, and screening tools built on FtM would flag a
political prisoner as a risk. The registry's people are the victims, not the suspects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from rollcall.events.choices import EventType, ReleaseKind, SentenceKind
from rollcall.events.records import EventRecord
from rollcall.interchange.records import (
    PersonFacts,
    PersonRecord,
    TextSink,
    person_record,
    public_people,
    stream_people,
)
from rollcall.people.choices import NameKind
from rollcall.people.models import shown_name
from rollcall.sources.records import SourceRecord

PREFIX = "rollcall"


def export_ftm(out: TextSink) -> int:
    count = 0
    for facts in stream_people(public_people(), "Exporting FollowTheMoney"):
        for entity in person_entities(facts):
            out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True))
            out.write("\n")
        count += 1
    return count


def entity_id(*parts: str) -> str:
    """A readable id (`rollcall-<uid>`) when the uid allows it, else a hash of it."""
    text = "-".join([PREFIX, *parts])
    if registry.entity.validate(text) and len(text) <= 128:
        return text
    return f"{PREFIX}-{model.make_entity('Thing').make_id(*parts)}"


def person_entities(facts: PersonFacts) -> Iterator[EntityProxy]:
    """The person, then their events: built from the lossless record, so both exports agree."""
    record = person_record(facts)
    entity = model.make_entity("Person")
    entity.id = entity_id(record["id"])
    others = [n for n in record["names"] if n["kind"] != NameKind.PRIMARY]
    entity.add("name", shown_name((n["kind"], n["value"]) for n in record["names"]) or None)
    entity.add("alias", [n["value"] for n in others if n["kind"] == NameKind.ALIAS])
    entity.add("weakAlias", [n["value"] for n in others if n["kind"] == NameKind.MISSPELLING])
    entity.add("gender", record["gender"] or None)
    entity.add("birthDate", record["birth"])
    entity.add("notes", record["note"] or None)
    entity.add("wikidataId", _ids(record, "wikidata"))
    countries = sorted({e["country"].lower() for e in record["events"] if e["country"]})
    entity.add("country", countries)
    entity.add("sourceUrl", _urls(record["sources"], *[n["sources"] for n in record["names"]]))
    entity.add("summary", "Listed in the Rollcall registry of political prisoners.")
    yield entity
    name = entity.first("name") or record["id"]
    for position, event in enumerate(record["events"], start=1):
        yield _event_entity(entity, name, position, event)


def _event_entity(
    person: EntityProxy, name: str, position: int, event: EventRecord[SourceRecord]
) -> EntityProxy:
    entity = model.make_entity("Event")
    entity.id = f"{person.id}-event-{position}"
    if not registry.entity.validate(entity.id):
        entity.id = entity_id(person.id or "", "event", str(position))
    label = str(EventType(event["type"]).label).capitalize()
    entity.add("name", f"{label} of {name}")
    entity.add("date", event["date"])
    entity.add("country", event["country"].lower() or None)
    entity.add("involved", person.id)
    entity.add("summary", _summary(event) or None)
    entity.add("notes", event["note"] or None)
    entity.add("sourceUrl", _urls(event["sources"]))
    return entity


def _summary(event: EventRecord[SourceRecord]) -> str:
    parts: list[str] = []
    if event["release_kind"]:
        parts.append(f"released: {ReleaseKind(event['release_kind']).label}")
    if event["destination"]:
        parts.append(f"taken to {event['destination']}")
    if event["sentence_kind"]:
        term = f", {event['term_months']} months" if event["term_months"] else ""
        parts.append(f"sentence: {SentenceKind(event['sentence_kind']).label}{term}")
    if event["regime"]:
        parts.append(f"regime: {event['regime']}")
    if event["court"]:
        parts.append(f"court: {event['court']}")
    if event["articles"]:
        articles = [f"{a['country']} {a['code']} art. {a['number']}" for a in event["articles"]]
        parts.append(f"articles: {', '.join(articles)}")
    if event["facility"]:
        parts.append(f"facility: {event['facility']}")
    if event["collective"]:
        parts.append(f"part of: {event['collective']}")
    if event["recognised_by"]:
        parts.append(f"recognised by: {event['recognised_by']}")
    return "; ".join(parts)


def _ids(record: PersonRecord, scheme: str) -> list[str]:
    return [x["value"] for x in record["external_ids"] if x["scheme"].lower() == scheme]


def _urls(*groups: list[SourceRecord]) -> list[str]:
    return sorted({s["url"] for group in groups for s in group if s["url"]})
