"""Reading a person CSV: every row decoded and checked, every problem at its line.

Nothing here touches the database, so a file is checked whole before anything is written.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from rollcall.events.choices import ReleaseKind
from rollcall.interchange.importing.problems import BadInput, Problem
from rollcall.lib.countries import clean_country
from rollcall.lib.dates import DatePrecision, PartialDate, future_problem, period_end
from rollcall.people.choices import Gender, Visibility

CSV_COLUMNS = (
    "name",
    "id",
    "aliases",
    "birth_year",
    "gender",
    "country",
    "detained_on",
    "released_on",
    "release_kind",
    "destination",
    "visibility",
    "source_url",
)
_YEAR = re.compile(r"^\d{4}$")
_url_validator = URLValidator(schemes=["http", "https"])
# Computed once: `Choices.values` rebuilds its list on every access, 100,000 times a list.
_GENDERS, _VISIBILITIES = Gender.values, Visibility.values
_RELEASE_KINDS = ReleaseKind.values
# Where a check reports a problem: the column (or JSON path) and what is wrong there.
Report = Callable[[str, str], None]


@dataclass(slots=True)
class PersonRow:
    """One CSV row, checked; empty strings and None mean "the list does not say"."""

    line: int
    name: str
    uid: str = ""
    aliases: list[str] = field(default_factory=list)
    birth_year: int | None = None
    gender: str = ""
    country: str = ""
    detained: PartialDate | None = None
    released: PartialDate | None = None
    release_kind: str = ""
    destination: str = ""
    visibility: str = ""
    source_url: str = ""


def decoded_lines(path: Path, problems: list[Problem]) -> Iterator[str]:
    """Decode the file line by line, so a broken UTF-8 byte is reported at its own line.

    A broken line is still yielded (with replacement characters) so that the rows after it are
    checked too: the user gets every problem of the file in one run.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                problems.append(
                    Problem(
                        number,
                        "encoding",
                        f"byte {raw[error.start]:#04x} at position {error.start + 1} "
                        "is not UTF-8 (save the file as UTF-8)",
                    )
                )
                yield raw.decode("utf-8", errors="replace")


def read_csv(path: Path) -> list[PersonRow]:
    """Read and check every row; raise BadInput listing all problems of the file."""
    problems: list[Problem] = []
    rows: list[PersonRow] = []
    reader = csv.reader(decoded_lines(path, problems), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise BadInput([*problems, Problem(1, "row", f"malformed CSV: {error}")]) from None
    if header is None or not any(cell.strip() for cell in header):
        raise BadInput([*problems, Problem(1, "column", "no header row (the file is empty)")])
    columns = [cell.strip() for cell in header]
    for position, column in enumerate(columns):
        if column not in CSV_COLUMNS:
            problems.append(Problem(1, "column", f"unknown column {column!r}"))
        elif column in columns[:position]:
            problems.append(Problem(1, "column", f"duplicate column {column!r}"))
    if "name" not in columns:
        problems.append(Problem(1, "column", "required column 'name' is missing"))
    if problems and any(p.line == 1 for p in problems):
        # Without a usable header no cell can be read for what it is.
        raise BadInput(problems)
    seen_ids: dict[str, int] = {}
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(reader.line_num, "row", f"malformed CSV: {error}"))
            break
        if not cells:
            continue  # a blank line
        if len(cells) != len(columns):
            problems.append(
                Problem(line, "row", f"has {len(cells)} fields, the header has {len(columns)}")
            )
            continue
        row = parse_row(line, dict(zip(columns, cells, strict=True)), problems)
        if row.uid:
            if row.uid in seen_ids:
                problems.append(
                    Problem(
                        line, "id", f"duplicate id {row.uid!r} (also on line {seen_ids[row.uid]})"
                    )
                )
            else:
                seen_ids[row.uid] = line
        rows.append(row)
    if problems:
        problems.sort(key=lambda p: p.line)
        raise BadInput(problems)
    return rows


def parse_row(line: int, cells: dict[str, str], problems: list[Problem]) -> PersonRow:
    def report(column: str, message: str) -> None:
        problems.append(Problem(line, column, message))

    value = {key: text.strip() for key, text in cells.items()}
    row = PersonRow(line=line, name=value.get("name", ""), uid=value.get("id", ""))
    if not row.name:
        report("name", "empty; every row needs the name the registry shows")
    elif len(row.name) > 300:
        report("name", "longer than 300 characters")
    if len(row.uid) > 200:
        report("id", "longer than 200 characters")
    aliases = [alias.strip() for alias in value.get("aliases", "").split("|")]
    row.aliases = list(dict.fromkeys(a for a in aliases if a and a != row.name))
    for alias in row.aliases:
        if len(alias) > 300:
            report("aliases", f"alias {alias[:40]!r}… is longer than 300 characters")
    if year := value.get("birth_year", ""):
        if not _YEAR.match(year) or int(year) < 1850:
            report("birth_year", f"{year!r} is not a four-digit year of birth")
        elif problem := future_problem(date(int(year), 1, 1), DatePrecision.YEAR):
            report("birth_year", problem)
        else:
            row.birth_year = int(year)
    row.gender = _choice(value.get("gender", "").lower(), _GENDERS, "gender", report)
    row.visibility = _choice(
        value.get("visibility", "").lower(), _VISIBILITIES, "visibility", report
    )
    row.release_kind = _choice(
        value.get("release_kind", "").lower(), _RELEASE_KINDS, "release_kind", report
    )
    row.country = _country(value.get("country", ""), "country", report)
    row.destination = _country(value.get("destination", ""), "destination", report)
    row.detained = _partial(value.get("detained_on", ""), "detained_on", report)
    row.released = _partial(value.get("released_on", ""), "released_on", report)
    if row.detained and row.released and period_end(row.released) < row.detained.value:
        report("released_on", f"{row.released.iso()} is before detained_on {row.detained.iso()}")
    if not value.get("released_on"):
        for column in ("release_kind", "destination"):
            if value.get(column):
                report(column, "given without released_on")
    if url := value.get("source_url", ""):
        row.source_url = checked_url(url, "source_url", report)
    return row


def _choice(text: str, allowed: list[str], column: str, report: Report) -> str:
    if text and text not in allowed:
        report(column, f"{text!r} is not one of {', '.join(allowed)}")
        return ""
    return text


def _country(text: str, column: str, report: Report) -> str:
    if not text:
        return ""
    try:
        return clean_country(text)
    except ValueError as error:
        report(column, str(error))
        return ""


def _partial(text: str, column: str, report: Report) -> PartialDate | None:
    """A date of something that happened: a partial date, not later than today."""
    if not text:
        return None
    try:
        partial = PartialDate.parse(text)
    except ValueError as error:
        report(column, str(error))
        return None
    if problem := future_problem(partial.value, partial.precision):
        report(column, problem)
        return None
    return partial


def checked_url(text: str, column: str, report: Report) -> str:
    problem = _url_problem(text)
    if problem:
        report(column, problem)
        return ""
    return text


@functools.lru_cache(maxsize=4096)
def _url_problem(text: str) -> str:
    """Why `text` is no source URL ("" if it is one); cached, as a list repeats its sources."""
    if len(text) > 2000:
        return "longer than 2000 characters"
    try:
        _url_validator(text)
    except ValidationError:
        return f"{text[:80]!r} is not an http(s) URL"
    return ""
