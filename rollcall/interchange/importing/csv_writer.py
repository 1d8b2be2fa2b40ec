"""Writing checked CSV rows: plan each batch without writing (so --dry-run can count), then apply.

New people, names, events, citations and custody go in with `RawInsert` (the 100,000-row list
must import within 30 s); changes to existing people go through simple_history's bulk update.
Before anything is written, the rows that will create people are checked for likely duplicates
(see `duplicates`); those people are created as drafts awaiting review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NotRequired, TypedDict

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from rollcall.duplicates.flags import raise_flags
from rollcall.events.choices import EventType
from rollcall.events.custody import EventFact, Interval, derive_intervals, rebuild_custody
from rollcall.events.models import CustodyInterval, CustodySpan, Event
from rollcall.interchange.importing.csv_rows import PersonRow
from rollcall.interchange.importing.duplicates import (
    Hold,
    MergedAway,
    csv_holds,
    merged_rows,
    registered_uids,
    write_flags,
)
from rollcall.interchange.importing.existing import ExistingPeople
from rollcall.interchange.importing.outcome import Outcome
from rollcall.interchange.importing.raw_insert import RawInsert, SQLValue, insert_many
from rollcall.lib.dates import DatePrecision, PartialDate
from rollcall.lib.progress import progress
from rollcall.lib.scripts import guess_script
from rollcall.lib.signals import registry_written
from rollcall.people.choices import NameKind, Publication, Visibility
from rollcall.people.models import Person, PersonName, new_uid
from rollcall.sources.models import Citation, Source, SourceKind

BATCH = 2000


class _NameRow(TypedDict):
    person_id: int
    value: str
    script: str
    kind: str


class _EventRow(TypedDict):
    """A new arrest or release, as the columns `RawInsert` writes; a release also says how."""

    person_id: int
    type: str
    date: date
    date_precision: str
    country: str
    release_kind: NotRequired[str]
    destination: NotRequired[str]


@dataclass
class _Plan:
    """What one batch of rows will write; built without writing so --dry-run can count it."""

    # A new person's row, its source id, the likely duplicate that holds it for review, its uid.
    new_rows: list[tuple[PersonRow, int | None, Hold | None, str]] = field(default_factory=list)
    person_updates: list[Person] = field(default_factory=list)
    person_fields: set[str] = field(default_factory=set)
    demoted: list[PersonName] = field(default_factory=list)
    promoted: list[PersonName] = field(default_factory=list)
    names: list[_NameRow] = field(default_factory=list)
    events: list[_EventRow] = field(default_factory=list)
    event_updates: list[Event] = field(default_factory=list)
    event_fields: set[str] = field(default_factory=set)
    citations: list[tuple[int, int | None]] = field(default_factory=list)
    # (existing event id, source id), and (position of a new event in `events`, source id).
    event_citations: list[tuple[int, int | None]] = field(default_factory=list)
    new_event_citations: list[tuple[int, int | None]] = field(default_factory=list)
    custody: list[int] = field(default_factory=list)


def import_rows(rows: list[PersonRow], *, label: str, draft: bool, dry_run: bool) -> Outcome:
    """Write checked rows, all in one transaction; with `dry_run`, only count what would change."""
    reason = f"import {label}"
    outcome = Outcome()
    with transaction.atomic():
        # Everything that reads the registry as it was before this import, first: the pairing of
        # rows without an id, and (from it) which new rows look like people already registered.
        existing = ExistingPeople(rows)
        matched = {row.line: existing.find_existing(row) for row in rows if not row.uid}
        merged = merged_rows(rows, matched)
        registered = registered_uids(row.uid for row in rows if row.uid)
        uids = {
            row.line: row.uid or new_uid()
            for row in rows
            if row.line not in merged
            and (row.uid not in registered if row.uid else matched[row.line] is None)
        }
        held = csv_holds([(row, uids[row.line]) for row in rows if row.line in uids], draft=draft)
        sources = _sources({row.source_url for row in rows if row.source_url}, reason, dry_run)
        custody: list[int] = []
        batches = [rows[offset : offset + BATCH] for offset in range(0, len(rows), BATCH)]
        for batch in progress(batches, len(batches), f"Importing {len(rows)} rows"):
            plan = _plan(batch, matched, (held, merged, uids), sources, outcome)
            if not dry_run:
                _apply(plan, reason, draft, label)
                custody += plan.custody
        if held and not dry_run:
            outcome.flag_ids = raise_flags(held.values(), label=label, write=write_flags)
        if custody:
            rebuild_custody(custody)
    return outcome


def _sources(urls: set[str], reason: str, dry_run: bool) -> dict[str, int | None]:
    """url → Source id; list sources the registry lacks are created (kind: NGO list)."""
    known: dict[str, int | None] = {}
    ordered = sorted(urls)
    for offset in range(0, len(ordered), 900):
        found = Source.objects.filter(url__in=ordered[offset : offset + 900]).order_by("id")
        for url, pk in found.values_list("url", "id"):
            known.setdefault(url, pk)
    missing = [url for url in ordered if url not in known]
    if missing and not dry_run:
        insert = RawInsert(Source, reason, timezone.now())
        for url in missing:
            insert.add(kind=SourceKind.NGO_LIST, url=url)
        known.update(zip(missing, insert.flush(), strict=True))
    return {**dict.fromkeys(missing), **known}


def _plan(
    batch: list[PersonRow],
    matched: dict[int, int | None],
    review: tuple[dict[int, Hold], dict[int, MergedAway], dict[int, str]],
    sources: dict[str, int | None],
    outcome: Outcome,
) -> _Plan:
    held, merged, uids = review

    by_uid = {p.uid: p for p in Person.objects.filter(uid__in=[r.uid for r in batch if r.uid])}
    by_id = {p.pk: p for p in by_uid.values()}
    by_id.update(
        Person.objects.in_bulk([pk for r in batch if not r.uid and (pk := matched[r.line])])
    )
    names: dict[int, dict[str, PersonName]] = {pk: {} for pk in by_id}
    for name in PersonName.objects.filter(person_id__in=list(by_id)):
        names[name.person_id][name.value] = name
    events: dict[int, list[Event]] = {pk: [] for pk in by_id}
    timeline = sorted(
        Event.objects.filter(
            person_id__in=list(by_id), type__in=[EventType.ARREST, EventType.RELEASE]
        ),
        key=lambda e: (e.date is None, e.date or date.min, e.pk),
    )
    for event in timeline:
        events[event.person_id].append(event)
    cited = _cited(Person, list(by_id))
    cited_events = _cited(Event, [event.pk for event in timeline])
    plan = _Plan()
    for row in batch:
        if row.line in merged:
            # Merged into someone else by a reviewer: the row applies to nobody.
            outcome.merged.append(merged[row.line])
            outcome.unchanged += 1
            continue
        person = by_uid.get(row.uid) if row.uid else by_id.get(matched[row.line] or 0)
        if person is None:
            flag = held.get(row.line)
            plan.new_rows.append((row, sources.get(row.source_url), flag, uids[row.line]))
            outcome.created += 1
            if flag is not None:
                outcome.held.append(flag)
        elif _plan_update(
            plan, row, person, names[person.pk], events[person.pk], sources, cited, cited_events
        ):
            outcome.updated += 1
        else:
            outcome.unchanged += 1
    return plan


def _cited(model: type[models.Model], ids: list[int]) -> set[tuple[int, int | None]]:
    """(fact id, source id) of every citation of these facts of one model."""
    kind = ContentType.objects.get_for_model(model)
    found: set[tuple[int, int | None]] = set()
    for offset in range(0, len(ids), 900):
        chunk = ids[offset : offset + 900]
        citations = Citation.objects.filter(content_type=kind, object_id__in=chunk)
        found.update(citations.values_list("object_id", "source_id"))
    return found


def _event(person_id: int, kind: str, partial: PartialDate, row: PersonRow) -> _EventRow:
    event: _EventRow = {
        "person_id": person_id,
        "type": kind,
        "date": partial.value,
        "date_precision": partial.precision,
        "country": row.country,
    }
    if kind == EventType.RELEASE:
        event["release_kind"], event["destination"] = row.release_kind, row.destination
    return event


def _plan_update(
    plan: _Plan,
    row: PersonRow,
    person: Person,
    names: dict[str, PersonName],
    events: list[Event],
    sources: dict[str, int | None],
    cited: set[tuple[int, int | None]],
    cited_events: set[tuple[int, int | None]],
) -> bool:
    """Plan the changes a row makes to an existing person; False when it changes nothing.

    An empty cell means "this list does not say", never "erase": the registry joins many
    sources, and one list's silence must not undo what another source established. The row's
    `source_url` is cited by the person and by the arrest and release the row states (every fact
    cites its source), also when the list only confirms an event another source established.
    """
    changes: dict[str, object] = {}
    if row.gender and row.gender != person.gender:
        changes["gender"] = row.gender
    if row.birth_year and (person.birth_date is None or person.birth_date.year != row.birth_year):
        changes.update(birth_date=date(row.birth_year, 1, 1), birth_precision=DatePrecision.YEAR)
    if row.visibility and row.visibility != person.visibility:
        changes["visibility"] = row.visibility
    if changes:
        for attribute, value in {**changes, "updated_at": timezone.now()}.items():
            setattr(person, attribute, value)
        plan.person_updates.append(person)
        plan.person_fields.update([*changes, "updated_at"])
    changed = bool(changes)

    primary = next((n for n in names.values() if n.kind == NameKind.PRIMARY), None)
    if primary is None or primary.value != row.name:
        changed = True
        if primary is not None:
            primary.kind = NameKind.ALIAS
            plan.demoted.append(primary)
        if row.name in names:
            names[row.name].kind = NameKind.PRIMARY
            plan.promoted.append(names[row.name])
        else:
            plan.names.append(_name(person.pk, row.name, NameKind.PRIMARY))
    for alias in row.aliases:
        if alias not in names:
            changed = True
            plan.names.append(_name(person.pk, alias, NameKind.ALIAS))

    arrests = [e for e in events if e.type == EventType.ARREST]
    releases = [e for e in events if e.type == EventType.RELEASE]
    # The CSV columns stand for the first arrest and the last release, as the export writes them.
    for partial, current, kind in (
        (row.detained, arrests[0] if arrests else None, EventType.ARREST),
        (row.released, releases[-1] if releases else None, EventType.RELEASE),
    ):
        if partial is None:
            continue
        if current is None:
            if row.source_url:
                plan.new_event_citations.append((len(plan.events), sources[row.source_url]))
            plan.events.append(_event(person.pk, kind, partial, row))
            plan.custody.append(person.pk)
            changed = True
            continue
        wanted = {
            "date": partial.value,
            "date_precision": partial.precision,
            "country": row.country,
        }
        if kind == EventType.RELEASE:
            wanted.update(release_kind=row.release_kind, destination=row.destination)
        differing = {k: v for k, v in wanted.items() if v and getattr(current, k) != v}
        if differing:
            for attribute, value in differing.items():
                setattr(current, attribute, value)
            plan.event_updates.append(current)
            plan.event_fields.update(differing)
            plan.custody.append(person.pk)
            changed = True
        if row.source_url and (current.pk, sources[row.source_url]) not in cited_events:
            plan.event_citations.append((current.pk, sources[row.source_url]))
            changed = True

    if row.source_url and (person.pk, sources[row.source_url]) not in cited:
        plan.citations.append((person.pk, sources[row.source_url]))
        changed = True
    return changed


def _name(person_id: int, value: str, kind: str) -> _NameRow:
    return {"person_id": person_id, "value": value, "script": guess_script(value), "kind": kind}


def _apply(plan: _Plan, reason: str, draft: bool, label: str) -> None:
    now = timezone.now()
    people = RawInsert(Person, reason, now)
    publication = Publication.DRAFT if draft else Publication.PUBLISHED
    for row, _, flag, uid in plan.new_rows:
        people.add(
            uid=uid,
            gender=row.gender,
            birth_date=date(row.birth_year, 1, 1) if row.birth_year else None,
            visibility=row.visibility or Visibility.PUBLIC,
            # Held for review: a published duplicate would count one prisoner twice.
            publication=publication if flag is None else Publication.DRAFT,
        )
    names = RawInsert(PersonName, reason, now)
    events = RawInsert(Event, reason, now)
    citations = list(plan.citations)
    # Rows of `events` (their "id" is filled in when they are flushed) and the source each cites.
    cited_events: list[tuple[dict[str, SQLValue], int | None]] = []
    custody: list[tuple[int, Interval]] = []
    for (row, source_id, _, _uid), person_id in zip(plan.new_rows, people.flush(), strict=True):
        names.add(**_name(person_id, row.name, NameKind.PRIMARY))
        for alias in row.aliases:
            names.add(**_name(person_id, alias, NameKind.ALIAS))
        facts: list[EventFact] = []
        for kind, partial in ((EventType.ARREST, row.detained), (EventType.RELEASE, row.released)):
            if partial is not None:
                fields = _event(person_id, kind, partial, row)
                event = events.add(**fields)
                if row.source_url:
                    cited_events.append((event, source_id))
                facts.append(_fact(len(facts), fields))
        custody += [(person_id, interval) for interval in derive_intervals(facts)]
        if row.source_url:
            citations.append((person_id, source_id))
    options: dict[str, object] = {"batch_size": BATCH, "default_change_reason": reason}
    if plan.person_updates:
        bulk_update_with_history(plan.person_updates, Person, sorted(plan.person_fields), **options)
    # Demote before promoting: a person may have only one primary name at any moment.
    for renamed in (plan.demoted, plan.promoted):
        if renamed:
            bulk_update_with_history(renamed, PersonName, ["kind"], **options)
    for values in plan.names:
        names.add(**values)
    names.flush()
    planned = [events.add(**values) for values in plan.events]
    cited_events += [(planned[n], source_id) for n, source_id in plan.new_event_citations]
    events.flush()
    if plan.event_updates:
        bulk_update_with_history(plan.event_updates, Event, sorted(plan.event_fields), **options)
    cites = RawInsert(Citation, reason, now)
    person_type = ContentType.objects.get_for_model(Person).pk
    for person_id, source_id in citations:
        cites.add(source_id=source_id, content_type_id=person_type, object_id=person_id)
    event_type = ContentType.objects.get_for_model(Event).pk
    event_citations = [(event["id"], source_id) for event, source_id in cited_events]
    for event_id, source_id in [*event_citations, *plan.event_citations]:
        cites.add(source_id=source_id, content_type_id=event_type, object_id=event_id)
    cites.flush()
    _insert_custody(custody)
    # The bulk updates above send no model signals: say the registry changed.
    registry_written.send(sender=Person)


def _fact(position: int, event: _EventRow) -> EventFact:
    return EventFact(
        id=position,
        type=event["type"],
        date=event["date"],
        date_precision=event["date_precision"],
        country=event["country"],
        release_kind=event.get("release_kind", ""),
        destination=event.get("destination", ""),
    )


def _insert_custody(intervals: list[tuple[int, Interval]]) -> None:
    """Custody of new people, derived by events.custody from the rows themselves.

    Equivalent to `rebuild_custody` for people whose only events are the ones just written, and
    without its per-person queries: on PostgreSQL those ran against tables that had no
    statistics yet for the rows just copied in, and took half of the import.
    """
    day = connection.ops.adapt_datefield_value
    columns = ["person_id", "country", "start", "end", "end_type", "release_kind"]
    columns += ["destination", "deported", "term_ends"]
    rows = [
        (
            pk,
            i.country,
            day(i.start),
            day(i.end),
            i.end_type,
            i.release_kind,
            i.destination,
            i.deported,
            day(i.term_ends),
        )
        for pk, i in intervals
    ]
    if rows:
        insert_many(CustodyInterval._meta.db_table, columns, rows)
    # Each interval's kinds of custody (`CustodySpan`), as `rebuild_custody` writes them.
    spans = [
        (pk, s.country, s.kind, day(s.start), day(s.end), day(s.term_ends))
        for pk, i in intervals
        for s in i.spans
    ]
    if spans:
        span_columns = ["person_id", "country", "kind", "start", "end", "term_ends"]
        insert_many(CustodySpan._meta.db_table, span_columns, spans)
