"""Events and criminal articles as plain data: the one home of their dict shapes.

An event is published in two shapes, and both are frozen (JSON Lines exports are compared byte
for byte; API readers parse the other):

- `event_record()`: the lossless event of a `rollcall.person/1` record. Every stored field as
  stored (blank text stays ""), the collective event by title and no database ids, because ids
  mean nothing in another registry the record is imported into.
- `public_event()`: the API's event. It is the record above, re-shaped in the ways listed there:
  database ids (its own and its collective's), `kind`, blank text (and an unknown
  `custody_kind`) as null, no `date_precision`
  without a date, and the sentence fields nested under `sentence`.

The caller gives the articles and sources already built, in the order it publishes them: the
export orders them by content (so exports are reproducible), the API as the database lists them.
"""

from __future__ import annotations

from typing import Generic, TypedDict, TypeVar

from rollcall.events.models import CriminalArticle, Event

# A citation in the shape the event is published with (`sources.records`).
Cited = TypeVar("Cited")


class ArticleRecord(TypedDict):
    country: str
    code: str
    number: str
    title: str


class EventRecord(TypedDict, Generic[Cited]):
    type: str
    date: str | None
    date_precision: str
    country: str
    release_kind: str
    destination: str
    facility: str | None
    # Where letters reach the people the facility holds, as it publishes it ("" when unknown).
    facility_address: str
    articles: list[ArticleRecord]
    sentence_kind: str
    term_months: int | None
    regime: str
    court: str
    term_ends_on: str | None
    custody_kind: str
    recognised_by: str
    note: str
    collective: str | None
    sources: list[Cited]


def article_record(article: CriminalArticle) -> ArticleRecord:
    """A criminal-code article an event charges or sentences under."""
    return {
        "country": article.country,
        "code": article.code,
        "number": article.number,
        "title": article.title,
    }


def event_record(
    event: Event, articles: list[ArticleRecord], sources: list[Cited]
) -> EventRecord[Cited]:
    """The lossless event of the `rollcall.person/1` record."""
    return {
        "type": event.type,
        "date": event.when or None,
        "date_precision": event.date_precision,
        "country": event.country,
        "release_kind": event.release_kind,
        "destination": event.destination,
        "facility": event.facility.name if event.facility else None,
        "facility_address": event.facility.postal_address if event.facility else "",
        "articles": articles,
        "sentence_kind": event.sentence_kind,
        "term_months": event.term_months,
        "regime": event.regime,
        "court": event.court,
        "term_ends_on": event.term_ends_on.isoformat() if event.term_ends_on else None,
        "custody_kind": event.custody_kind,
        "recognised_by": event.recognised_by,
        "note": event.note,
        "collective": event.collective.title if event.collective else None,
        "sources": sources,
    }


def public_event(
    event: Event, articles: list[ArticleRecord], sources: list[dict[str, object]]
) -> dict[str, object]:
    """The API's event: the lossless record re-shaped, every difference spelled out here."""
    record = event_record(event, articles, sources)
    return {
        "id": event.pk,
        "kind": "person",
        "type": record["type"],
        "date": record["date"],
        "date_precision": record["date_precision"] if event.date else None,
        "country": record["country"] or None,
        "release_kind": record["release_kind"] or None,
        "destination": record["destination"] or None,
        "facility": record["facility"],
        "articles": record["articles"],
        "sentence": _sentence(record),
        "custody_kind": record["custody_kind"] or None,
        "recognised_by": record["recognised_by"] or None,
        "collective": {"id": event.collective.pk, "title": record["collective"]}
        if event.collective
        else None,
        "note": record["note"],
        "sources": record["sources"],
    }


def _sentence(record: EventRecord[Cited]) -> dict[str, object] | None:
    """The sentence fields, nested; null for an event that records no sentence."""
    if not (record["sentence_kind"] or record["term_months"] or record["court"]):
        return None
    return {
        "kind": record["sentence_kind"] or None,
        "term_months": record["term_months"],
        "regime": record["regime"] or None,
        "court": record["court"] or None,
        "term_ends_on": record["term_ends_on"],
    }
