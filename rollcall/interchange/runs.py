"""An import's report: what the command prints after a run, and the `ImportRun` it keeps.

Every import path (CSV, JSON Lines, a mapped list) ends in a `Report`: the rows read, what was
done with them (`Outcome`), how many rows left each field empty, and the values the mapping let
the import leave empty, each with its row's text. `record_imported` keeps it as an `ImportRun`
(inside the import's transaction, so the registry and its record of the run never disagree);
`record_refused` keeps a refused run's problems after the import's transaction was rolled back.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import User

from rollcall.duplicates.flags import link_run
from rollcall.interchange.importing import Outcome, PersonRow, Problem, decoded_lines
from rollcall.interchange.models import (
    MAX_MAPPING_TEXT,
    MAX_NOTED,
    MAX_ROW_TEXT,
    ImportResult,
    ImportRun,
)
from rollcall.interchange.records import PersonRecord

# The plain CSV's columns, each with the row field that holds it.
_CSV_FIELDS = {
    "name": "name",
    "id": "uid",
    "aliases": "aliases",
    "birth_year": "birth_year",
    "gender": "gender",
    "country": "country",
    "detained_on": "detained",
    "released_on": "released",
    "release_kind": "release_kind",
    "destination": "destination",
    "visibility": "visibility",
    "source_url": "source_url",
}
# A JSON Lines record's keys that may be left empty (the others are required or defaulted).
_RECORD_KEYS = (
    *("gender", "birth", "note", "place", "external_ids", "citizenships", "events", "sources"),
)


@dataclass(frozen=True)
class RunSource:
    """What was imported, how, and by whom: the run's facts known before a row is read."""

    path: Path
    label: str  # the file as the command was given it
    format: str  # csv, jsonl, json, xlsx
    mapping: Path | None = None
    user: User | None = None
    draft: bool = False


@dataclass
class Report:
    rows: int
    outcome: Outcome
    missing: list[tuple[str, int]] = field(default_factory=list)
    # Values left empty as the mapping allows, each at its line, and those lines' text.
    unreadable: list[Problem] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)
    # Rows held for review as likely duplicates: (line, the notice printed for it).
    held: list[tuple[int, str]] = field(default_factory=list)


def login_name() -> str:
    """The operating system's login name of whoever runs the command ("" when none is known,
    as in a container whose user has no name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def csv_missing(path: Path, rows: list[PersonRow]) -> list[tuple[str, int]]:
    """How many rows left each of the file's columns empty, in the header's order."""
    problems: list[Problem] = []
    header = next(csv.reader(decoded_lines(path, problems)), [])
    columns = [column.strip() for column in header if column.strip() in _CSV_FIELDS]
    return [
        (column, sum(not getattr(row, _CSV_FIELDS[column]) for row in rows))
        for column in dict.fromkeys(columns)
    ]


def record_missing(records: list[PersonRecord]) -> list[tuple[str, int]]:
    """How many JSON Lines records left each optional key empty."""
    given: list[Mapping[str, object]] = list(records)
    return [(key, sum(not record[key] for record in given)) for key in _RECORD_KEYS]


def record_imported(source: RunSource, report: Report) -> ImportRun:
    """Keep an import's report; call it inside the import's transaction."""
    noted = report.unreadable[:MAX_NOTED]
    run = _run(source, ImportResult.IMPORTED)
    run.rows_read = report.rows
    run.created = report.outcome.created
    run.updated = report.outcome.updated
    run.unchanged = report.outcome.unchanged
    run.held = report.outcome.held_for_review
    run.missing = [[name, count] for name, count in report.missing]
    run.unreadable = [_problem(p) for p in noted]
    run.unreadable_count = len(report.unreadable)
    run.lines = {
        str(line): report.texts[line][:MAX_ROW_TEXT]
        for line in dict.fromkeys(p.line for p in noted)
        if line in report.texts
    }
    run.held_rows = [{"line": line, "message": text} for line, text in report.held[:MAX_NOTED]]
    run.save()
    link_run(report.outcome.flag_ids, run.pk)
    return run


def record_refused(
    source: RunSource,
    problems: list[tuple[int | None, str, str]],
    texts: dict[int, str] | None = None,
) -> ImportRun:
    """Keep a refused run and its problems: (line or None, where, what), with the text of the
    lines they name when the reader kept it (`texts`)."""
    run = _run(source, ImportResult.REFUSED)
    kept = problems[:MAX_NOTED]
    run.problems = [
        {"line": line, "column": where, "message": message} for line, where, message in kept
    ]
    run.problem_count = len(problems)
    given = texts or {}
    run.lines = {
        str(line): given[line][:MAX_ROW_TEXT]
        for line in dict.fromkeys(line for line, _, _ in kept)
        if line is not None and line in given
    }
    run.save()
    return run


def summary(label: str, report: Report, run: ImportRun | None, *, dry_run: bool) -> str:
    """The line the command prints after an import (or a dry run) that went through."""
    outcome = report.outcome
    held = outcome.held_for_review
    parts = [
        f"{label}: {report.rows} rows read; {outcome.created} new, {outcome.updated} updated, "
        f"{outcome.unchanged} unchanged"
        + (f", {held} held for review as possible duplicates" if held else "")
        + (" (dry run: nothing written)" if dry_run else "")
    ]
    empty = [f"{name} {count}" for name, count in report.missing if count]
    parts.append("missing: " + (", ".join(empty) if empty else "none"))
    if report.unreadable:
        parts.append(f"{len(report.unreadable)} values could not be read (left empty)")
    if run is not None:
        parts.append(f"report: {run.report_path()}")
    return "; ".join(parts)


def _run(source: RunSource, result: str) -> ImportRun:
    digest, size = _file_facts(source.path)
    mapping_text = ""
    if source.mapping is not None:
        try:
            mapping_text = source.mapping.read_text(encoding="utf-8", errors="replace")
        except OSError:
            mapping_text = ""
    return ImportRun(
        user=source.user,
        login="" if source.user is not None else login_name(),
        file_name=source.label[:500],
        sha256=digest,
        size=size,
        format=source.format,
        mapping_name=str(source.mapping or "")[:500],
        mapping_text=mapping_text[:MAX_MAPPING_TEXT],
        draft=source.draft,
        result=result,
    )


def _file_facts(path: Path) -> tuple[str, int]:
    """The file's SHA-256 and size, read in blocks (a list may be large); empty when it cannot
    be read (a refusal for that very reason is still recorded)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
                size += len(block)
    except OSError:
        return "", 0
    return digest.hexdigest(), size


def _problem(problem: Problem) -> dict[str, object]:
    return {"line": problem.line, "column": problem.column, "message": problem.message}
