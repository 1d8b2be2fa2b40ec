"""`rollcall import FILE --mapping MAPPING`: a list in its own shape, through the JSON Lines path.

The mapping is checked whole first, then every row is read and checked; only a file without a
single problem reaches `import_records`, the JSON Lines writer, in one transaction. So a mapped
list is imported all or nothing, and importing it again updates the people it created (found by
the id the mapping makes) instead of creating them twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rollcall.interchange.importing import BadInput, Outcome, Problem, import_records, read_record
from rollcall.interchange.mapping.person import RowReport, build_record
from rollcall.interchange.mapping.rows import SourceTable, read_table
from rollcall.interchange.mapping.spec import MappingSpec
from rollcall.interchange.models import MAX_NOTED
from rollcall.interchange.records import PersonRecord
from rollcall.people.models import Person


class RowProblems(BadInput):
    """The list's rows have problems: `problems` as BadInput gives them, and `texts` the text of
    each line they name, as the file has it (for the refused run's report)."""

    def __init__(self, problems: list[Problem], texts: dict[int, str]) -> None:
        super().__init__(problems)
        self.texts = texts


@dataclass
class MappedRead:
    """A list read whole: its records, and what its import's report says about its rows."""

    format: str  # the format it was read in: the mapping's, or its extension's
    records: list[PersonRecord]
    # Values the mapping lets the import leave empty (`if_unreadable = "leave_empty"`), each at
    # its line: printed as notices, not problems.
    notices: list[Problem] = field(default_factory=list)
    # How many rows left each mapped column empty, in the file's column order.
    missing: list[tuple[str, int]] = field(default_factory=list)
    # The text of each line a notice names, as the file has it.
    texts: dict[int, str] = field(default_factory=dict)
    # The line each record starts on, for the notices of rows held as likely duplicates.
    lines: list[int] = field(default_factory=list)


@dataclass
class MappedImport:
    outcome: Outcome
    read: MappedRead

    @property
    def rows(self) -> int:
        return len(self.read.records)

    @property
    def notices(self) -> list[Problem]:
        return self.read.notices


def read_mapped(path: Path, mapping: MappingSpec) -> MappedRead:
    """Every row as a checked person record, and the notices; BadInput listing every problem."""
    table = read_table(path, mapping.source)
    problems = _missing_columns(table, mapping)
    if problems:
        raise BadInput(problems)
    records: list[PersonRecord] = []
    notices: list[Problem] = []
    seen: dict[str, int] = {}
    order = {column: position for position, column in enumerate(table.columns)}
    for row in table.rows:
        report = RowReport(row.line)
        data = build_record(mapping, row, report)
        try:
            record = read_record(data)
        except BadInput as bad:
            report.problems += [Problem(row.line, p.column, p.message) for p in bad.problems]
        else:
            uid = record["id"]
            if uid in seen:
                where = mapping.id.column or "id"
                hint = (
                    "" if mapping.id.column else "; add a column to id.hash that tells them apart"
                )
                report.problems.append(
                    Problem(row.line, where, f"same id {uid!r} as line {seen[uid]}{hint}")
                )
            seen.setdefault(uid, row.line)
            records.append(record)
        # A row's problems in the order of its columns, as the user reads the row.
        problems += sorted(report.problems, key=lambda p: order.get(p.column, len(order)))
        notices += sorted(report.notices, key=lambda p: order.get(p.column, len(order)))
    texts = {row.line: row.text for row in table.rows}
    if problems:
        raise RowProblems(
            problems, {p.line: texts[p.line] for p in problems[:MAX_NOTED] if p.line in texts}
        )
    return MappedRead(
        table.format,
        records,
        notices,
        _missing_cells(table, mapping),
        {notice.line: texts[notice.line] for notice in notices if notice.line in texts},
        [row.line for row in table.rows],
    )


def import_mapped(
    path: Path, mapping: MappingSpec, *, label: str, draft: bool, dry_run: bool
) -> MappedImport:
    read = read_mapped(path, mapping)
    records = [_keeping_registry_state(record, mapping) for record in _with_stored(read.records)]
    outcome = import_records(
        records, label=label, draft=draft, dry_run=dry_run, lines=read.lines or None
    )
    return MappedImport(outcome, read)


def _missing_cells(table: SourceTable, mapping: MappingSpec) -> list[tuple[str, int]]:
    """How many rows left each column a field is read from empty (a field given as a constant
    is never missing), in the order of the file's columns."""
    order = {column: position for position, column in enumerate(table.columns)}
    columns = sorted(
        {spec.column for spec in mapping.fields.values() if spec.column},
        key=lambda column: (order.get(column, len(order)), column),
    )
    return [
        (column, sum(not _filled(row.cells.get(column, "")) for row in table.rows))
        for column in columns
    ]


def _filled(cell: str | list[str]) -> bool:
    if isinstance(cell, list):
        return any(value.strip() for value in cell)
    return bool(cell.strip())


def _with_stored(records: list[PersonRecord]) -> list[tuple[PersonRecord, dict[str, str] | None]]:
    uids = [record["id"] for record in records]
    stored: dict[str, dict[str, str]] = {}
    for offset in range(0, len(uids), 500):
        people = Person.objects.filter(uid__in=uids[offset : offset + 500])
        for uid, publication, visibility, note, place in people.values_list(
            "uid", "publication", "visibility", "note", "place"
        ):
            stored[uid] = {
                "publication": publication,
                "visibility": visibility,
                "note": note,
                "place": place,
            }
    return [(record, stored.get(record["id"])) for record in records]


def _keeping_registry_state(
    pair: tuple[PersonRecord, dict[str, str] | None], mapping: MappingSpec
) -> PersonRecord:
    """What the registry decided about a person the list names again is not the list's to undo:
    publication always, and visibility, the note and the place unless the mapping reads them. A
    person hidden for their safety stays hidden when their group's list is imported again."""
    record, stored = pair
    if stored is None:
        return record
    kept: PersonRecord = {**record, "publication": stored["publication"]}
    for key in ("visibility", "note", "place"):
        if key not in mapping.fields:
            kept[key] = stored[key]
    return kept


def _missing_columns(table: SourceTable, mapping: MappingSpec) -> list[Problem]:
    """Columns the mapping reads that the file lacks: a misspelt column would drop a field."""
    if table.format == "json":
        return []  # JSON records may leave keys out; a missing key is an empty cell
    problems = []
    for key, column in mapping.columns():
        if column not in table.columns:
            problems.append(
                Problem(
                    table.header_line,
                    "header",
                    f"no column {column!r} (named by {key}); the file's columns are "
                    f"{', '.join(table.columns)}",
                )
            )
    return problems
