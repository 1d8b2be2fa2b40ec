"""Reading a list's rows in its own shape: CSV with its delimiter and encoding, JSON objects
found by a record path, or a spreadsheet's sheet (`workbook`). Each row comes with the line
problems name: the CSV row's, the line a JSON record starts on (its number when records share
lines, as in JSON written on one line), or the spreadsheet's row number; and with its text as the
file has it, which an import's report shows beside a value it could not read.
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
from rollcall.interchange.mapping.workbook import UnreadableList, sheet_rows

Cell = str | list[str]


@dataclass(frozen=True)
class SourceRow:
    line: int
    cells: dict[str, Cell]
    # The row as the file has it: the CSV line(s), the JSON record, the sheet's cells.
    text: str = ""


@dataclass(frozen=True)
class SourceTable:
    columns: list[str]  # the header's columns (CSV, XLSX) or every key any record has (JSON)
    rows: list[SourceRow]
    format: str = "csv"
    header_line: int = 1  # the line (or sheet row) that names the columns


# A list's format, when the mapping does not give one, is its file's extension.
EXTENSIONS = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
_ZIP = b"PK\x03\x04"  # how every XLSX workbook (a zip archive) starts


def list_format(path: Path, source: SourceSpec) -> str:
    """The format the list is read in: the mapping's, else the one its extension names."""
    if source.format:
        return source.format
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise UnreadableList(
            f"the mapping gives no format and the extension {path.suffix or '(none)'!r} names "
            'none; write format = "csv", "json" or "xlsx" under [source]'
        )
    return found


def read_table(path: Path, source: SourceSpec) -> SourceTable:
    """Every row of the file; BadInput when the file cannot be read as the mapping says,
    UnreadableList when it cannot be read as a list at all."""
    kind = list_format(path, source)
    if kind == "xlsx":
        return _xlsx_table(path, source)
    with path.open("rb") as handle:
        if handle.read(4) == _ZIP:
            raise UnreadableList(
                f"an XLSX workbook (or another zip archive), not {kind.upper()}; "
                'write format = "xlsx" under [source]'
            )
    raw = path.read_bytes()
    if kind == "json":
        return _json_table(raw, source.record_path)
    return _csv_table(raw, source)


def _xlsx_table(path: Path, source: SourceSpec) -> SourceTable:
    sheet, rows = sheet_rows(path, source.sheet)
    columns: list[str] | None = None
    found: list[SourceRow] = []
    for row in rows:
        if row.number < source.header_row:
            continue  # a title above the header, as lists kept in Excel often have
        if columns is None:
            if row.number > source.header_row:
                raise _no_header(source.header_row, f"row {source.header_row} of sheet {sheet!r}")
            columns = [cell.strip() for cell in row.cells]
            continue
        cells: dict[str, str] = {}
        for column, cell in zip(columns, row.cells, strict=False):
            if column:  # cells under no column name are no part of the list
                cells[column] = cell
        text = " · ".join(f"{column}: {cell}" for column, cell in cells.items() if cell.strip())
        found.append(SourceRow(row.number, dict(cells), text))
    if columns is None:
        raise _no_header(
            source.header_row, f"sheet {sheet!r}" + " up to it" * (source.header_row > 1)
        )
    named = [column for column in columns if column]
    return SourceTable(named, found, "xlsx", source.header_row)


def _no_header(line: int, where: str) -> BadInput:
    return BadInput(
        [
            Problem(
                line, "header", f"{where} is empty; the header's row is {line} (source.header_row)"
            )
        ]
    )


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
    header = None
    for _ in range(source.header_row):  # rows above the header: a title, a date, a note
        header = next(reader, None)
    if header is None:
        where = "the file is empty" if reader.line_num == 0 else "the file ends before it"
        raise BadInput(
            [
                Problem(
                    reader.line_num + 1, "header", f"{where}; row {source.header_row} names columns"
                )
            ]
        )
    columns = [column.strip() for column in header]
    header_line = reader.line_num
    problems: list[Problem] = []
    rows: list[SourceRow] = []
    # Split as the reader splits (not `splitlines`, which also breaks at U+2028 and the like).
    lines = [physical.rstrip("\r\n") for physical in io.StringIO(text, newline="")]
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(cells) != len(columns):
                problems.append(
                    Problem(line, "row", f"has {len(cells)} fields, the header has {len(columns)}")
                )
            row_text = "\n".join(lines[line - 1 : reader.line_num])
            rows.append(SourceRow(line, dict(zip(columns, cells, strict=False)), row_text))
        line = reader.line_num + 1
    if problems:
        raise BadInput(problems)
    return SourceTable(columns, rows, "csv", header_line)


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
        text = json.dumps(item, ensure_ascii=False)
        rows.append(SourceRow(getattr(item, "line", number), cells, text))
    if problems:
        raise BadInput(problems)
    if len({row.line for row in rows}) < len(rows):
        # Records sharing a line (JSON written on one line): their numbers tell them apart.
        rows = [SourceRow(n, row.cells, row.text) for n, row in enumerate(rows, start=1)]
    return SourceTable(list(columns), rows, "json", 0)


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
