"""Reading a mapping file (TOML) and checking all of it before a single row is read.

Every problem is reported at the key that has it (`fields.gender.values.жен`), with what to
write instead; an unknown key is named with the closest valid one, since a misspelt key that was
silently ignored would drop a whole column from an import without a word.
"""

from __future__ import annotations

import codecs
import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rollcall.interchange.mapping.dates import DEFAULT_FORMATS, pattern_problem, read_date
from rollcall.interchange.mapping.problems import BadMapping, MappingProblem
from rollcall.interchange.mapping.targets import (
    ALIAS_KINDS,
    IF_UNREADABLE,
    SOURCE_KINDS,
    TARGETS,
    Kind,
    options_of,
)
from rollcall.lib.countries import clean_country

FORMATS = ("csv", "json", "xlsx")
_TOP = ("source", "id", "dates", "fields")
_SOURCE = {
    "csv": ("format", "delimiter", "encoding", "header_row"),
    "json": ("format", "record_path"),
    "xlsx": ("format", "sheet", "header_row"),
}
# Titles and notes above a header are a few rows; a larger number is a mistake.
MAX_HEADER_ROW = 1000
_ID = ("column", "hash", "prefix")


@dataclass(frozen=True)
class SourceSpec:
    format: str  # "" when the mapping leaves it to the list's extension (`rows.list_format`)
    delimiter: str = ","
    encoding: str = "utf-8"
    record_path: str = ""
    sheet: str = ""  # XLSX: the sheet's name; "" for the first
    header_row: int = 1  # CSV and XLSX: the row that names the columns


@dataclass(frozen=True)
class IdSpec:
    """What identifies a row across imports: a column of ids, or a hash of chosen columns."""

    column: str = ""
    hash: tuple[str, ...] = ()
    prefix: str = ""


@dataclass(frozen=True)
class FieldSpec:
    target: str
    column: str = ""
    value: str | None = None  # a constant for every row, in place of a column
    default: str | None = None  # for an empty cell
    values: dict[str, str] = field(default_factory=dict)  # casefolded cell -> registry word
    separator: str = ""
    formats: tuple[str, ...] = DEFAULT_FORMATS
    months: dict[str, int] = field(default_factory=dict)  # the list's month words -> 1..12
    if_unreadable: str = "refuse"
    script: str = ""
    kind: str = ""
    code: str = "criminal code"
    label: str = ""


@dataclass(frozen=True)
class MappingSpec:
    source: SourceSpec
    id: IdSpec
    fields: dict[str, FieldSpec]

    def columns(self) -> list[tuple[str, str]]:
        """Every column the mapping reads, with the key that names it."""
        named = [("id.column", self.id.column)] if self.id.column else []
        named += [("id.hash", column) for column in self.id.hash]
        named += [
            (f"fields.{spec.target}.column", spec.column)
            for spec in self.fields.values()
            if spec.column
        ]
        return named


def load_mapping(path: Path) -> MappingSpec:
    """Read and check the whole mapping; raise BadMapping listing every problem."""
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise BadMapping([MappingProblem("file", "cannot read: no such file")]) from None
    except OSError as error:
        raise BadMapping([MappingProblem("file", f"cannot read: {error.strerror}")]) from None
    except UnicodeDecodeError:
        raise BadMapping([MappingProblem("file", "not UTF-8 (save it as UTF-8)")]) from None
    except tomllib.TOMLDecodeError as error:
        raise BadMapping([MappingProblem("toml", f"not valid TOML: {error}")]) from None
    check = _Checker()
    spec = check.mapping(data)
    if check.problems:
        raise BadMapping(check.problems)
    return spec


class _Checker:
    def __init__(self) -> None:
        self.problems: list[MappingProblem] = []

    def __call__(self, key: str, message: str) -> None:
        self.problems.append(MappingProblem(key, message))

    def known(self, data: dict[str, object], allowed: tuple[str, ...], at: str) -> None:
        for key in data:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self(f"{at}{key}", f"unknown key; {hint}expected one of {', '.join(allowed)}")

    def table(self, data: dict[str, object], key: str, at: str) -> dict[str, object]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self(f"{at}{key}", f"must be a table ([{at}{key}]), not a single value")
            return {}
        return value

    def text(self, data: dict[str, object], key: str, at: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self(f"{at}{key}", 'must be a text in quotes, e.g. "…"')
            return None
        return str(value)

    def mapping(self, data: dict[str, object]) -> MappingSpec:
        self.known(data, _TOP, "")
        source = self.source(self.table(data, "source", ""))
        identity = self.identity(self.table(data, "id", ""))
        dates = self.table(data, "dates", "")
        self.known(dates, ("formats", "months"), "dates.")
        formats = self.formats(dates, "dates.") or DEFAULT_FORMATS
        months = self.months(self.table(dates, "months", "dates."))
        fields = self.table(data, "fields", "")
        self.known(fields, tuple(TARGETS), "fields.")
        specs: dict[str, FieldSpec] = {}
        for target in TARGETS:
            if target in fields:
                data = self.table(fields, target, "fields.")
                spec = self.field(target, data, formats, months)
                if spec is not None:
                    specs[target] = spec
        if "name" not in fields:
            self("fields.name", 'missing; every person needs a name: [fields.name] column = "…"')
        if "release_kind" in specs and "released_on" not in specs:
            self("fields.release_kind", "given without fields.released_on; map both or neither")
        return MappingSpec(source, identity, specs)

    def source(self, data: dict[str, object]) -> SourceSpec:
        kind = self.text(data, "format", "source.")
        every = tuple(dict.fromkeys(k for keys in _SOURCE.values() for k in keys))
        if kind is None:
            # The list's extension will say (.csv, .json, .xlsx): each format's keys may be given.
            self.known(data, every, "source.")
            return SourceSpec(
                "",
                delimiter=self.delimiter(data),
                encoding=self.encoding(data),
                record_path=self.text(data, "record_path", "source.") or "",
                sheet=self.text(data, "sheet", "source.") or "",
                header_row=self.header_row(data),
            )
        if kind not in FORMATS:
            self(
                "source.format",
                f'{kind!r} is not a format Rollcall reads; write "csv", "json" or "xlsx"',
            )
            self.known(data, every, "source.")
            return SourceSpec("csv")
        self.known(data, _SOURCE[kind], "source.")
        if kind == "json":
            path = self.text(data, "record_path", "source.") or ""
            return SourceSpec(kind, record_path=path)
        if kind == "xlsx":
            sheet = self.text(data, "sheet", "source.") or ""
            return SourceSpec(kind, sheet=sheet, header_row=self.header_row(data))
        return SourceSpec(
            kind,
            delimiter=self.delimiter(data),
            encoding=self.encoding(data),
            header_row=self.header_row(data),
        )

    def header_row(self, data: dict[str, object]) -> int:
        value = data.get("header_row", 1)
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 1 <= value <= MAX_HEADER_ROW
        ):
            self(
                "source.header_row",
                f"must be the number of the row that names the columns, 1 to {MAX_HEADER_ROW}",
            )
            return 1
        return value

    def delimiter(self, data: dict[str, object]) -> str:
        delimiter = self.text(data, "delimiter", "source.") or ","
        if len(delimiter) != 1:
            self("source.delimiter", f'{delimiter!r} is not one character; e.g. ";" or "\\t"')
        return delimiter

    def encoding(self, data: dict[str, object]) -> str:
        encoding = self.text(data, "encoding", "source.") or "utf-8"
        try:
            codecs.lookup(encoding)
        except LookupError:
            self("source.encoding", f"{encoding!r} is no known encoding; e.g. utf-8, cp1251")
            return "utf-8"
        return encoding

    def identity(self, data: dict[str, object]) -> IdSpec:
        self.known(data, _ID, "id.")
        column = self.text(data, "column", "id.") or ""
        columns = self.columns(data, "hash", "id.")
        prefix = self.text(data, "prefix", "id.") or ""
        if bool(column) == bool(columns):
            self(
                "id",
                'give either column = "…" (a column of stable ids) or hash = ["…", …] (the '
                "columns that together identify a person); re-importing needs one of them",
            )
        if columns and not prefix:
            self("id.prefix", 'missing; ids made by hash need a prefix naming the list, e.g. "cn-"')
        return IdSpec(column, tuple(columns), prefix)

    def columns(self, data: dict[str, object], key: str, at: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self(f"{at}{key}", 'must be a list of column names, e.g. ["Name", "Date of Birth"]')
            return []
        return value

    def formats(self, data: dict[str, object], at: str) -> tuple[str, ...]:
        value = data.get("formats")
        if value is None:
            return ()
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self(f"{at}formats", 'must be a list of patterns, e.g. ["%d/%m/%Y", "%Y"]')
            return ()
        for n, pattern in enumerate(value):
            if problem := pattern_problem(pattern):
                self(f"{at}formats[{n}]", problem)
        return tuple(value)

    def months(self, table: dict[str, object]) -> dict[str, int]:
        months: dict[str, int] = {}
        for word, number in table.items():
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 12:
                self(f"dates.months.{word}", "must be a month number from 1 to 12, e.g. 9")
                continue
            months[word.strip().casefold()] = number
        return months

    def field(
        self,
        target: str,
        data: dict[str, object],
        formats: tuple[str, ...],
        months: dict[str, int],
    ) -> FieldSpec | None:
        at = f"fields.{target}."
        kind = TARGETS[target].kind
        self.known(data, options_of(target), at)
        column = self.text(data, "column", at) or ""
        value = self.text(data, "value", at)
        if bool(column) == (value is not None):
            self(
                f"fields.{target}",
                'give either column = "…" (the column it is read from) or value = "…" '
                "(the same for every row)",
            )
        default = self.text(data, "default", at)
        if default is not None and not column:
            self(f"{at}default", "only for a field read from a column (an empty cell's value)")
        unreadable = self.text(data, "if_unreadable", at) or "refuse"
        if unreadable not in IF_UNREADABLE:
            self(f"{at}if_unreadable", f"{unreadable!r}; write one of {', '.join(IF_UNREADABLE)}")
        spec = FieldSpec(
            target,
            column=column,
            value=value,
            default=default,
            values=self.translations(target, data, at),
            separator=self.separator(data, at),
            formats=self.formats(data, at) or formats,
            months=months,
            if_unreadable=unreadable,
            script=self.text(data, "script", at) or "",
            kind=self.choice(
                data, "kind", at, ALIAS_KINDS if target == "aliases" else SOURCE_KINDS
            ),
            code=self.text(data, "code", at) or "criminal code",
            label=self.text(data, "label", at) or "",
        )
        for key, constant in (("value", value), ("default", default)):
            if constant and kind in (Kind.DATE, Kind.COUNTRY, Kind.WORD):
                self.constant(target, f"{at}{key}", constant, spec)
        return spec

    def translations(self, target: str, data: dict[str, object], at: str) -> dict[str, str]:
        table = self.table(data, "values", at)
        words = TARGETS[target].words
        kind = TARGETS[target].kind
        translated: dict[str, str] = {}
        for source_word, word in table.items():
            if not isinstance(word, str):
                self(f"{at}values.{source_word}", 'must be a text in quotes, e.g. "female"')
                continue
            if word and words and word not in words:
                if kind is Kind.SENTENCE:
                    words = (*words, "a date such as 2030-05-01")
                self(
                    f"{at}values.{source_word}",
                    f"{word!r} is not a registry word here; write one of {', '.join(words)}, "
                    'or "" for "the list does not say"',
                )
            if word and kind is Kind.COUNTRY:
                try:
                    word = clean_country(word)
                except ValueError as error:
                    self(f"{at}values.{source_word}", f"{error}, e.g. BY, CN, RU")
            translated[source_word.strip().casefold()] = word
        return translated

    def separator(self, data: dict[str, object], at: str) -> str:
        value = self.text(data, "separator", at)
        if value == "":
            self(f"{at}separator", 'empty; write the text between values, e.g. " " or "|"')
        return value or ""

    def choice(self, data: dict[str, object], key: str, at: str, allowed: tuple[str, ...]) -> str:
        value = self.text(data, key, at) or ""
        if value and value not in allowed:
            self(f"{at}{key}", f"{value!r}; write one of {', '.join(allowed)}")
        return value

    def constant(self, target: str, key: str, text: str, spec: FieldSpec) -> None:
        """A constant is checked now, so a wrong one is named at its key, not at every row."""
        kind = TARGETS[target].kind
        words = TARGETS[target].words
        word = spec.values.get(text.strip().casefold(), text)
        if kind is Kind.COUNTRY:
            try:
                clean_country(word)
            except ValueError as error:
                self(key, f"{error}, e.g. BY, CN, RU")
        elif kind is Kind.WORD and word not in words:
            self(key, f"{word!r}; write one of {', '.join(words)}")
        elif kind is Kind.DATE:
            try:
                read_date(word, spec.formats, spec.months)
            except ValueError as error:
                self(key, str(error))
