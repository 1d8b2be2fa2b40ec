"""Reading a list's rows in its own shape: CSV with its delimiter and encoding, or JSON objects
found by a record path. Each row comes with the line problems name: the CSV row's, or the line a
JSON record starts on (its number when records share lines, as in JSON written on one line).
"""

from __future__ import annotations

import bisect
import codecs
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from rollcall.interchange.importing.problems import BadInput, Problem
from rollcall.interchange.mapping.spec import SourceSpec

Cell = str | list[str]


@dataclass(frozen=True)
class SourceRow:
    line: int
    cells: dict[str, Cell]


@dataclass(frozen=True)
class SourceTable:
    columns: list[str]  # the header's columns (CSV) or every key any record has (JSON)
    rows: list[SourceRow]


def read_table(path: Path, source: SourceSpec) -> SourceTable:
    """Every row of the file; BadInput when the file cannot be read as the mapping says."""
    raw = path.read_bytes()
    if source.format == "json":
        return _json_table(raw, source.record_path)
    return _csv_table(raw, source)


def _csv_table(raw: bytes, source: SourceSpec) -> SourceTable:
    # A byte-order mark is no part of the first column's name, however UTF-8 is spelt.
    utf8 = codecs.lookup(source.encoding).name == "utf-8"
    try:
        text = raw.decode("utf-8-sig" if utf8 else source.encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BadInput(
            [
                Problem(
                    line,
                    "encoding",
                    f"byte {raw[error.start]:#04x} is not {source.encoding} "
                    "(set source.encoding in the mapping to the file's encoding)",
                )
            ]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=source.delimiter)
    header = next(reader, None)
    if header is None:
        raise BadInput([Problem(1, "header", "the file is empty; the first line names columns")])
    columns = [column.strip() for column in header]
    problems: list[Problem] = []
    rows: list[SourceRow] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(cells) != len(columns):
                problems.append(
                    Problem(line, "row", f"has {len(cells)} fields, the header has {len(columns)}")
                )
            rows.append(SourceRow(line, dict(zip(columns, cells, strict=False))))
        line = reader.line_num + 1
    if problems:
        raise BadInput(problems)
    return SourceTable(columns, rows)


def _json_table(raw: bytes, record_path: str) -> SourceTable:
    try:
        text = raw.decode("utf-8-sig")
        json.loads(text)  # checked first: `_Located` reads only valid JSON
        data = _Located(text).value(0)[0]
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BadInput([Problem(line, "encoding", "not UTF-8 (save the file as UTF-8)")]) from None
    except json.JSONDecodeError as error:
        raise BadInput([Problem(error.lineno, "json", f"invalid JSON: {error.msg}")]) from None
    found = _walk(data, [step for step in record_path.split(".") if step])
    if found is None:
        raise BadInput(
            [Problem(1, "json", f"no list of objects at record path {record_path or '(top)'!r}")]
        )
    columns: dict[str, None] = {}
    rows: list[SourceRow] = []
    problems: list[Problem] = []
    for number, item in enumerate(found, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(number, "json", "record is not a JSON object"))
            continue
        cells: dict[str, Cell] = {}
        for key, value in item.items():
            columns[key] = None
            cells[key] = _cell(value)
        rows.append(SourceRow(getattr(item, "line", number), cells))
    if problems:
        raise BadInput(problems)
    if len({row.line for row in rows}) < len(rows):
        # Records sharing a line (JSON written on one line): their numbers tell them apart.
        rows = [SourceRow(number, row.cells) for number, row in enumerate(rows, start=1)]
    return SourceTable(list(columns), rows)


class _Object(dict[str, object]):
    """A JSON object that knows the line it starts on, so problems name the record's line."""

    line = 0


class _Located:
    """Reads valid JSON as `json.loads` does, objects as `_Object`s with their first line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.decoder = json.JSONDecoder()
        self.newlines = [i for i, char in enumerate(text) if char == "\n"]

    def _skip(self, at: int) -> int:
        while self.text[at] in " \t\r\n":
            at += 1
        return at

    def value(self, at: int) -> tuple[object, int]:
        at = self._skip(at)
        char = self.text[at]
        if char == "{":
            found = _Object()
            found.line = bisect.bisect_left(self.newlines, at) + 1
            at = self._skip(at + 1)
            while self.text[at] != "}":
                key, at = self.decoder.raw_decode(self.text, at)  # a key is a JSON string
                at = self._skip(self._skip(at) + 1)  # past the colon
                found[key], at = self.value(at)
                at = self._skip(at)
                if self.text[at] == ",":
                    at = self._skip(at + 1)
            return found, at + 1
        if char == "[":
            items: list[object] = []
            at = self._skip(at + 1)
            while self.text[at] != "]":
                item, at = self.value(at)
                items.append(item)
                at = self._skip(at)
                if self.text[at] == ",":
                    at = self._skip(at + 1)
            return items, at + 1
        return self.decoder.raw_decode(self.text, at)


def _walk(data: object, steps: list[str]) -> list[object] | None:
    """The records at the path: `people`, `data.people`, `features[].properties`."""
    items: list[object] = [data]
    for step in steps:
        each = step.endswith("[]")
        key = step.removesuffix("[]")
        found: list[object] = []
        for item in items:
            if not isinstance(item, dict) or key not in item:
                return None
            value = item[key]
            if each:
                if not isinstance(value, list):
                    return None
                found.extend(value)
            else:
                found.append(value)
        items = found
    if any(step.endswith("[]") for step in steps):
        return items
    return list(items[0]) if isinstance(items[0], list) else None


def _cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
