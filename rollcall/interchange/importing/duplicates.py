"""The import's side of the duplicate check: its rows and records as the check reads them.

The rule itself (what "likely the same person" means, with birth year and holding state) is the
duplicates app's, one for every path (`rollcall.duplicates.detection`); this module turns CSV rows
and JSON Lines records (mapped lists included) into its candidates, and finds the rows that
stand for a person a reviewer merged into someone else since an earlier import:

- a row whose id is a merged person's, or a row without an id that repeats the very row the
  merged person was imported from, applies to nobody: the merged person is not created again.
  It is reported ("merged into X") and counted unchanged when it is the row the merged person
  was imported from; when the list changed it since, it is also counted as held for review, for
  a reviewer to carry the change over to the person kept by hand;
- a row without an id that differs is a row like any other: when it looks like the person kept,
  it is held again;
- a JSON Lines (or mapped) record of the person kept is compared with what they had before the
  merge: when it says the same, it changes nothing; when it differs, writing it would replace what
  the merge moved to them (a record is everything about its person), so it is held, not written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import fields, replace
from datetime import datetime
from typing import cast

from django.db import connection

from rollcall.duplicates.detection import Candidate, Hold, find_holds
from rollcall.duplicates.flags import MergedAway, merged_digests, merged_uids
from rollcall.duplicates.models import DuplicateFlag, Merge
from rollcall.interchange.importing.csv_rows import PersonRow
from rollcall.interchange.importing.raw_insert import SQLValue, insert_many, reserve_ids
from rollcall.interchange.records import (
    CitizenshipFacts,
    EventFacts,
    NameFacts,
    PersonFacts,
    PersonRecord,
    dump,
)
from rollcall.people.choices import Publication
from rollcall.people.models import Person
from rollcall.sources.models import Citation

__all__ = [
    "Hold",
    "MergedAway",
    "csv_holds",
    "merged_records",
    "merged_rows",
    "record_digest",
    "record_holds",
    "registered_uids",
    "without_merged",
    "write_flags",
]


def row_digest(row: PersonRow) -> str:
    """The row's content without its line: the same row at another place is the same row.

    Read field by field: `dataclasses.asdict` deep-copies every value and took 0.4 ms a row."""
    content = [str(getattr(row, name)) for name in _ROW_FIELDS]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


_ROW_FIELDS = [f.name for f in fields(PersonRow) if f.name != "line"]


def record_digest(record: PersonRecord) -> str:
    """The record's content without its publication, which `--draft` and the hold change."""
    content = {k: v for k, v in record.items() if k != "publication"}
    return hashlib.sha256(dump(content).encode()).hexdigest()


def registered_uids(uids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    ordered = sorted(set(uids))
    for offset in range(0, len(ordered), 900):
        chunk = ordered[offset : offset + 900]
        found.update(Person.objects.filter(uid__in=chunk).values_list("uid", flat=True))
    return found


def merged_rows(rows: list[PersonRow], matched: dict[int, int | None]) -> dict[int, MergedAway]:
    """line → what became of the merged person a row names (by id, or by repeating its row)."""
    by_uid = merged_uids([row.uid for row in rows if row.uid])
    unmatched = [row for row in rows if not row.uid and matched[row.line] is None]
    # Fingerprints are only needed when someone was ever merged.
    merges = bool(unmatched) and Merge.objects.exists()
    digests = {row.line: row_digest(row) for row in unmatched} if merges else {}
    by_digest = merged_digests(digests.values()) if digests else {}
    found: dict[int, MergedAway] = {}
    for row in rows:
        if row.uid and row.uid in by_uid:
            into, digest = by_uid[row.uid]
            found[row.line] = MergedAway(row.line, row.uid, into, row_digest(row) != digest)
        elif row.line in digests and digests[row.line] in by_digest:
            held, into = by_digest[digests[row.line]]
            found[row.line] = MergedAway(row.line, held, into, False)
    return found


def merged_records(records: list[PersonRecord], lines: list[int]) -> dict[str, MergedAway]:
    """record id → what became of the merged person it names."""
    by_uid = merged_uids([record["id"] for record in records])
    return {
        record["id"]: MergedAway(
            line,
            record["id"],
            by_uid[record["id"]][0],
            record_digest(record) != by_uid[record["id"]][1],
        )
        for record, line in zip(records, lines, strict=True)
        if record["id"] in by_uid
    }


def csv_holds(new: list[tuple[PersonRow, str]], *, draft: bool) -> dict[int, Hold]:
    """line → hold, for the rows that will create a person (each with the uid it will get)."""
    holds = find_holds(
        [
            Candidate(
                line=row.line,
                uid=uid,
                names=(row.name, *row.aliases),
                birth_year=row.birth_year,
                states=frozenset([row.country] if row.country else []),
                digest="",
                publish_on_keep=not draft,
            )
            for row, uid in new
        ]
    )
    # Fingerprints of the held rows only: the others never need one.
    by_line = {row.line: row for row, _ in new}
    return {line: replace(h, digest=row_digest(by_line[line])) for line, h in holds.items()}


def record_holds(new: list[tuple[PersonRecord, int]]) -> dict[int, Hold]:
    """line → hold, for the records that will create a person (with the line each starts on)."""
    candidates = []
    for record, line in new:
        names = sorted(record["names"], key=lambda n: n["kind"] != "primary")
        birth = record["birth"]
        candidates.append(
            Candidate(
                line=line,
                uid=record["id"],
                names=tuple(n["value"] for n in names),
                birth_year=int(birth[:4]) if birth else None,
                states=frozenset(e["country"] for e in record["events"] if e["country"]),
                digest=record_digest(record),
                publish_on_keep=record["publication"] == Publication.PUBLISHED,
            )
        )
    return find_holds([c for c in candidates if c.names])


def write_flags(rows: list[dict[str, object]]) -> list[int]:
    """The import's bulk insert for the flags of its held rows (`raise_flags(write=…)`)."""
    ids = reserve_ids(DuplicateFlag, len(rows))
    moment = connection.ops.adapt_datetimefield_value
    # Scores are floats, which both databases take as they are; SQLValue does not name them.
    values = [
        cast(
            "tuple[SQLValue, ...]",
            (pk, *(moment(v) if isinstance(v, datetime) else v for v in row.values())),
        )
        for pk, row in zip(ids, rows, strict=True)
    ]
    insert_many(DuplicateFlag._meta.db_table, ["id", *rows[0]], values)
    return ids


def without_merged(facts: PersonFacts, merges: list[Merge]) -> PersonFacts:
    """The person kept as they were before these merges moved anything to them: what a record
    of theirs is compared with, so that importing it again leaves the merged facts alone."""
    moved: dict[str, set[int]] = {}
    for merge in merges:
        for key in ("external_ids", "citizenships", "events", "citations"):
            moved.setdefault(key, set()).update(merge.moved.get(key, []))
        moved.setdefault("names", set()).update(pk for pk, _kind in merge.moved.get("names", []))
        for item in merge.absorbed:
            moved.setdefault("citations", set()).update(item["citations"])
    cited = moved.get("citations", set())

    def own(citations: list[Citation]) -> list[Citation]:
        return [c for c in citations if c.pk not in cited]

    return PersonFacts(
        facts.person,
        [
            NameFacts(n.name, own(n.citations))
            for n in facts.names
            if n.name.pk not in moved.get("names", set())
        ],
        [x for x in facts.external_ids if x.pk not in moved.get("external_ids", set())],
        [
            CitizenshipFacts(c.citizenship, own(c.citations))
            for c in facts.citizenships
            if c.citizenship.pk not in moved.get("citizenships", set())
        ],
        [
            EventFacts(e.event, e.articles, own(e.citations))
            for e in facts.events
            if e.event.pk not in moved.get("events", set())
        ],
        own(facts.citations),
    )
