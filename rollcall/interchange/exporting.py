"""The public registry as CSV, JSON Lines or FollowTheMoney.

An export is a public artefact: it only ever holds people `Person.objects.public()` returns
(published, visibility public). Anonymous people are counted in the statistics, but a row about
them would name them; hidden people are still being verified. Neither is ever written here.

People are written in uid order, names, events and citations in an order that depends only on
their content, so two exports of the same registry are byte-identical and a JSON Lines export
imported into an empty registry exports back to the same bytes.
"""

from __future__ import annotations

import csv
from datetime import date

from rollcall.events.choices import EventType
from rollcall.events.models import Event
from rollcall.interchange.ftm import export_ftm
from rollcall.interchange.importing.csv_rows import CSV_COLUMNS
from rollcall.interchange.records import (
    PersonFacts,
    TextSink,
    dump,
    name_key,
    person_record,
    public_people,
    stream_people,
)
from rollcall.people.choices import NameKind
from rollcall.people.models import shown_name


def export(fmt: str, out: TextSink) -> int:
    """Write the public registry to `out` in `fmt`; return how many people were written."""
    if fmt == "csv":
        return export_csv(out)
    if fmt == "jsonl":
        return export_jsonl(out)
    return export_ftm(out)


# --- CSV --------------------------------------------------------------------------------------


def export_csv(out: TextSink) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for facts in stream_people(public_people(), "Exporting CSV"):
        row = csv_row(facts)
        writer.writerow([row[column] for column in CSV_COLUMNS])
        count += 1
    return count


def _timeline_key(event: Event) -> tuple[bool, date, int]:
    return (event.date is None, event.date or date.min, event.pk)


def csv_row(facts: PersonFacts) -> dict[str, str]:
    """The import's CSV columns: the first arrest is `detained_on`, the last release `released_on`.

    The importer updates the same two events, so an exported row edited and imported again
    changes what it shows. A list is lossy by design: use JSON Lines to keep everything.
    """
    person = facts.person
    names = sorted((n.name for n in facts.names), key=name_key)
    events = sorted((e.event for e in facts.events), key=_timeline_key)
    arrests = [e for e in events if e.type == EventType.ARREST and e.date]
    releases = [e for e in events if e.type == EventType.RELEASE and e.date]
    arrest = arrests[0] if arrests else None
    release = releases[-1] if releases else None
    country = next((e.country for e in (arrest, release, *events) if e and e.country), "")
    urls = sorted(c.source.url for c in facts.citations if c.source.url)
    return {
        # The first in content order when there is no primary name, as the JSON Lines lists them.
        "name": shown_name((n.kind, n.value) for n in names),
        "id": person.uid,
        # By value alone: the CSV has no name kinds, so a re-imported list sorts the same.
        "aliases": "|".join(sorted(n.value for n in names if n.kind != NameKind.PRIMARY)),
        "birth_year": str(person.birth_date.year) if person.birth_date else "",
        "gender": person.gender,
        "country": country,
        "detained_on": arrest.when if arrest else "",
        "released_on": release.when if release else "",
        "release_kind": release.release_kind if release else "",
        "destination": release.destination if release else "",
        "visibility": person.visibility,
        "source_url": urls[0] if urls else "",
    }


# --- JSON Lines -------------------------------------------------------------------------------


def export_jsonl(out: TextSink) -> int:
    count = 0
    for facts in stream_people(public_people(), "Exporting JSON Lines"):
        out.write(dump(person_record(facts)))
        out.write("\n")
        count += 1
    return count
