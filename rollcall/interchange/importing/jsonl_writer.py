"""Writing checked JSON Lines records: each replaces everything the registry holds on its person."""

from __future__ import annotations

import json
from datetime import date
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from rollcall.collective.models import CollectiveEvent
from rollcall.duplicates.flags import MergedAway, merges_into, pending_uids, raise_flags
from rollcall.duplicates.models import Merge
from rollcall.events.custody import rebuild_custody
from rollcall.events.models import CriminalArticle, Event, Facility
from rollcall.events.records import ArticleRecord, EventRecord
from rollcall.interchange.importing.duplicates import (
    merged_records,
    record_holds,
    registered_uids,
    without_merged,
    write_flags,
)
from rollcall.interchange.importing.outcome import Outcome
from rollcall.interchange.records import PersonRecord, dump, load_facts, person_record
from rollcall.lib.dates import DatePrecision, PartialDate
from rollcall.lib.progress import progress
from rollcall.people.choices import Publication
from rollcall.people.models import Citizenship, ExternalId, Person, PersonName
from rollcall.sources.models import Citation, Source
from rollcall.sources.records import SourceRecord

_Model = TypeVar("_Model", bound=models.Model)


def import_records(
    records: list[PersonRecord],
    *,
    label: str,
    draft: bool,
    dry_run: bool,
    lines: list[int] | None = None,
    check_duplicates: bool = True,
) -> Outcome:
    """Write checked JSON Lines records, all in one transaction.

    A record is everything the registry holds about that person: a record equal to what is
    stored changes nothing; any other replaces the person's fields, names, external ids,
    citizenships, events and citations (each removal and creation recorded in the history). New
    people keep the record's `publication`, except that `--draft` makes them drafts, and so does
    a hold for review (`duplicates`): a new person who looks like someone registered, or like an
    earlier record of the file, stays a draft until a reviewer decides; a record naming a person
    merged into someone else applies to nobody. `lines`: where each record starts in its file
    (the record's position when not given), for the notices. `check_duplicates=False`: an API
    write, one draft an editor made, which a reviewer reads before publishing anyway.
    """
    outcome = Outcome()
    writer = _RecordWriter(f"import {label}")
    where = lines or list(range(1, len(records) + 1))
    with transaction.atomic():
        uids = [record["id"] for record in records]
        merged = merged_records(records, where)
        kept = merges_into(uids)
        registered = registered_uids(uids)
        # Held people stay drafts, whatever the record says, until a reviewer decides.
        pending = pending_uids(registered)
        new = [
            (record, line)
            for record, line in zip(records, where, strict=True)
            if record["id"] not in registered and record["id"] not in merged
        ]
        held = record_holds(new) if check_duplicates else {}
        held_uids = {hold.uid for hold in held.values()}
        line_of = {record["id"]: line for record, line in zip(records, where, strict=True)}
        chunks = [records[offset : offset + 500] for offset in range(0, len(records), 500)]
        for chunk in progress(chunks, len(chunks), f"Importing {len(records)} records"):
            people = Person.objects.filter(uid__in=[r["id"] for r in chunk])
            by_uid = {f.person.uid: f for f in load_facts(people).values()}
            for record in chunk:
                stored = by_uid.get(record["id"])
                person = stored.person if stored else None
                if record["id"] in merged:
                    outcome.merged.append(merged[record["id"]])
                    outcome.unchanged += 1
                    continue
                if record["id"] in pending or record["id"] in held_uids:
                    record = {**record, "publication": Publication.DRAFT}
                if stored is not None and record["id"] in kept:
                    # What merges moved to this person is not the record's to replace.
                    own = without_merged(stored, kept[record["id"]])
                    if dump(person_record(own)) != dump(record):
                        outcome.merged.append(_absorbing(record, line_of[record["id"]], kept))
                    outcome.unchanged += 1
                    continue
                if stored is None:
                    outcome.created += 1
                    if draft:
                        record = {**record, "publication": Publication.DRAFT}
                elif dump(person_record(stored)) == dump(record):
                    outcome.unchanged += 1
                    continue
                else:
                    outcome.updated += 1
                if not dry_run:
                    writer.write(person, record)
        outcome.held += sorted(held.values(), key=lambda hold: hold.line)
        if not dry_run and held:
            outcome.flag_ids = raise_flags(held.values(), label=label, write=write_flags)
        if writer.custody:
            rebuild_custody(writer.custody)
    return outcome


def _absorbing(record: PersonRecord, line: int, kept: dict[str, list[Merge]]) -> MergedAway:
    held = tuple(merge.held_uid for merge in kept[record["id"]])
    return MergedAway(line, record["id"], record["id"], True, held)


def write_event(person: Person, data: EventRecord[SourceRecord], *, reason: str) -> Event:
    """Add one checked event record to a stored person, with its citations (the API's event
    write). The caller re-derives custody: write inside `events.custody.writing_events`."""
    return _RecordWriter(reason)._event(person, data)


def record_person(record: PersonRecord, person: Person | None = None) -> Person:
    """The person's own fields as the record gives them, on `person` (new if None); unsaved,
    so that they can be checked (`events.validation`) before anything is written."""
    if person is None:
        person = Person(uid=record["id"])
    birth = PartialDate.parse(record["birth"]) if record["birth"] else None
    person.gender = record["gender"]
    person.birth_date = birth.value if birth else None
    person.birth_precision = birth.precision if birth else DatePrecision.YEAR
    person.visibility = record["visibility"]
    person.publication = record["publication"]
    person.note = record["note"]
    person.place = record["place"]
    person.updated_at = timezone.now()
    return person


def record_event(person: Person, data: EventRecord[SourceRecord]) -> Event:
    """An event's own fields as the record gives them, unsaved and without what it points to
    (facility, collective event, articles, citations), so that it can be checked first."""
    when = PartialDate.parse(data["date"]) if data["date"] else None
    return Event(
        person=person,
        type=data["type"],
        date=when.value if when else None,
        date_precision=data["date_precision"],
        **{k: data[k] for k in ("country", "release_kind", "destination", "sentence_kind")},
        custody_kind=data["custody_kind"],
        **{k: data[k] for k in ("term_months", "regime", "court", "recognised_by", "note")},
        term_ends_on=date.fromisoformat(data["term_ends_on"]) if data["term_ends_on"] else None,
    )


class _RecordWriter:
    """Writes one record at a time; the things records point to are looked up once each."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.custody: list[int] = []
        self._sources: dict[str, Source] = {}
        self._facilities: dict[str, Facility] = {}
        self._articles: dict[tuple[str, str, str], CriminalArticle] = {}
        self._collectives: dict[str, CollectiveEvent] = {}

    def _save(self, obj: _Model) -> _Model:
        obj._change_reason = self.reason  # type: ignore[attr-defined]
        obj.save()
        return obj

    def _delete(self, obj: models.Model) -> None:
        obj._change_reason = self.reason  # type: ignore[attr-defined]
        obj.delete()

    def write(self, person: Person | None, record: PersonRecord) -> None:
        """Write one record; its person's custody is re-derived with everyone's at the end."""
        if person is not None:
            self._clear(person)
        person = self._save(record_person(record, person))
        for name in record["names"]:
            fields = {k: name[k] for k in ("value", "script", "kind")}
            self._cite(self._save(PersonName(person=person, **fields)), name["sources"])
        for item in record["external_ids"]:
            self._save(ExternalId(person=person, **item))
        for held in record["citizenships"]:
            citizenship = Citizenship(person=person, country=held["country"])
            self._cite(self._save(citizenship), held["sources"])
        for event in record["events"]:
            self._event(person, event)
        self._cite(person, record["sources"])
        self.custody.append(person.pk)

    def _clear(self, person: Person) -> None:
        """Remove what the record replaces, citations first (they do not cascade)."""
        for model, queryset in (
            (PersonName, person.names.all()),
            (Citizenship, person.citizenships.all()),
            (Event, person.events.all()),
            (type(person), [person]),
        ):
            ids = [obj.pk for obj in queryset]
            kind = ContentType.objects.get_for_model(model)
            for citation in Citation.objects.filter(content_type=kind, object_id__in=ids):
                self._delete(citation)
        for related in (
            person.names.all(),
            person.external_ids.all(),
            person.citizenships.all(),
            person.events.all(),
        ):
            for obj in list(related):
                self._delete(obj)

    def _event(self, person: Person, data: EventRecord[SourceRecord]) -> Event:
        when = PartialDate.parse(data["date"]) if data["date"] else None
        event = record_event(person, data)
        if data["facility"]:
            event.facility = self._facility(
                data["facility"], data["country"], data["facility_address"]
            )
        if data["collective"]:
            event.collective = self._collective(data["collective"], data, when)
        self._save(event)
        if data["articles"]:
            event.articles.set([self._article(a) for a in data["articles"]])
        self._cite(event, data["sources"])
        return event

    def _cite(self, fact: models.Model, sources: list[SourceRecord]) -> None:
        kind = ContentType.objects.get_for_model(fact)
        for spec in sources:
            citation = Citation(
                source=self._source(spec),
                content_type=kind,
                object_id=fact.pk,
                quote=spec["quote"],
                start=spec["start"],
                end=spec["end"],
            )
            self._save(citation)

    def _source(self, spec: SourceRecord) -> Source:
        """A source by url, or (without one) by title, publisher and date; created if new."""
        published = PartialDate.parse(spec["published_on"]) if spec["published_on"] else None
        key = spec["url"] or json.dumps([spec["title"], spec["publisher"], spec["published_on"]])
        if key not in self._sources:
            found = Source.objects.order_by("id")
            if spec["url"]:
                found = found.filter(url=spec["url"])
            else:
                found = found.filter(
                    url="",
                    title=spec["title"],
                    publisher=spec["publisher"],
                    published_on=published.value if published else None,
                )
            self._sources[key] = found.first() or self._save(
                Source(
                    url=spec["url"],
                    title=spec["title"],
                    publisher=spec["publisher"],
                    kind=spec["kind"],
                    published_on=published.value if published else None,
                    published_precision=published.precision if published else DatePrecision.DAY,
                )
            )
        return self._sources[key]

    def _facility(self, name: str, country: str, address: str) -> Facility:
        """The facility of that name, created when new. An address the record gives replaces
        the one on record: facilities move their post boxes, and the list is the newer word
        (the change is in the facility's history). A record without one changes nothing."""
        if name not in self._facilities:
            found = Facility.objects.filter(name=name).order_by("id").first()
            self._facilities[name] = found or self._save(Facility(name=name, country=country))
        facility = self._facilities[name]
        if address and facility.postal_address != address:
            facility.postal_address = address
            self._save(facility)
        return facility

    def _article(self, spec: ArticleRecord) -> CriminalArticle:
        key = (spec["country"], spec["code"], spec["number"])
        if key not in self._articles:
            found = CriminalArticle.objects.filter(
                country=key[0], code=key[1], number=key[2]
            ).first()
            self._articles[key] = found or self._save(
                CriminalArticle(
                    title=spec["title"],
                    **dict(zip(("country", "code", "number"), key, strict=True)),
                )
            )
        return self._articles[key]

    def _collective(
        self, title: str, data: EventRecord[SourceRecord], when: PartialDate | None
    ) -> CollectiveEvent:
        """The reported mass event by title; a list naming an unknown one creates a stub."""
        if title not in self._collectives:
            found = CollectiveEvent.objects.filter(title=title).order_by("id").first()
            self._collectives[title] = found or self._save(
                CollectiveEvent(
                    type=data["type"],
                    title=title,
                    date=when.value if when else None,
                    date_precision=when.precision if when else DatePrecision.DAY,
                    country=data["country"],
                    release_kind=data["release_kind"],
                )
            )
        return self._collectives[title]
