"""Importing person lists: CSV (docs/import-export.md) and JSON Lines (`rollcall.person/1`).

Two phases, so a file is imported all or nothing: `read_csv` / `read_jsonl` read and check the
whole file without touching the database, reporting every problem at its physical line (the
header is line 1); only a file without a single problem reaches `import_rows` /
`import_records`, which write everything in one transaction. docs/import-export.md states the
rules users rely on (how rows find existing people, what an empty cell means).

The modules, in the order a file passes through them:
- `problems`: `Problem` and `BadInput`, what is wrong with a file and where;
- `csv_rows`: decoding, `read_csv` and the checks of each cell, into `PersonRow`s;
- `jsonl_records`: `read_jsonl` and the checks of each record;
- `existing`: how a row without an id finds the person it stands for;
- `duplicates`: which rows that would create a person look like someone registered already
  (those people are held as drafts for review);
- `csv_writer`: `import_rows`, planning each batch and applying the plan;
- `jsonl_writer`: `import_records`, one record at a time;
- `raw_insert`: the fast bulk insert the CSV writer uses for new rows;
- `outcome`: `Outcome`, the counts and notices the command prints.

Tests that patch a function patch it in the module that calls it (e.g. `csv_writer._apply`):
the names below are re-exported for callers, and patching them here would change nothing.
"""

from __future__ import annotations

from rollcall.interchange.importing.csv_rows import (
    CSV_COLUMNS,
    PersonRow,
    decoded_lines,
    parse_row,
    read_csv,
)
from rollcall.interchange.importing.csv_writer import import_rows
from rollcall.interchange.importing.duplicates import Hold, MergedAway
from rollcall.interchange.importing.existing import ExistingPeople
from rollcall.interchange.importing.jsonl_records import read_event, read_jsonl, read_record
from rollcall.interchange.importing.jsonl_writer import (
    import_records,
    record_event,
    record_person,
    write_event,
)
from rollcall.interchange.importing.outcome import Outcome
from rollcall.interchange.importing.problems import BadInput, Problem
from rollcall.interchange.importing.raw_insert import RawInsert, insert_many, reserve_ids
from rollcall.interchange.records import JSONL_SCHEMA
from rollcall.lib.dates import period_end

__all__ = [
    "CSV_COLUMNS",
    "JSONL_SCHEMA",
    "BadInput",
    "ExistingPeople",
    "Hold",
    "MergedAway",
    "Outcome",
    "PersonRow",
    "Problem",
    "RawInsert",
    "decoded_lines",
    "import_records",
    "import_rows",
    "insert_many",
    "parse_row",
    "period_end",
    "read_csv",
    "read_event",
    "read_jsonl",
    "read_record",
    "record_event",
    "record_person",
    "reserve_ids",
    "write_event",
]
