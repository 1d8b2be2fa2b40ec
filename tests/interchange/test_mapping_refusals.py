"""A mapped list is refused whole, naming the mapping's key or the list's line, whichever format
the list is kept in: the same list as CSV, JSON and a spreadsheet is refused the same way."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from rollcall.interchange.models import ImportResult, ImportRun
from tests.interchange.conftest import table_counts

pytestmark = pytest.mark.django_db

# No format: each list's extension says it (.csv, .json, .xlsx).
MAPPING = """
[id]
column = "id"
prefix = "r-"

[dates]
formats = ["%d.%m.%Y", "%Y"]

[fields.name]
column = "name"

[fields.gender]
column = "sex"
values = { f = "female", m = "male" }

[fields.detained_on]
column = "detained"
"""
COLUMNS = ["id", "name", "sex", "detained"]


def as_csv(path: Path, rows: list[list[str]]) -> None:
    lines = [",".join(COLUMNS), *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def as_json(path: Path, rows: list[list[str]]) -> None:
    # One record a line, after the opening bracket: record N starts on line N + 1, as a CSV row.
    records = [json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) for row in rows]
    path.write_text("[\n" + ",\n".join(records) + "\n]\n", encoding="utf-8")


def as_xlsx(path: Path, rows: list[list[str]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    book.save(path)


WRITERS: dict[str, Callable[[Path, list[list[str]]], None]] = {
    "csv": as_csv,
    "json": as_json,
    "xlsx": as_xlsx,
}
GOOD = ["1", "Maria Kalesnikava", "f", "07.09.2020"]


@pytest.fixture(params=sorted(WRITERS))
def list_file(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Path]:
    def write(*rows: list[str]) -> Path:
        path = tmp_path / f"list.{request.param}"
        WRITERS[request.param](path, [GOOD, *rows])
        return path

    return write


def refused(run: Callable[..., object], path: Path, mapping: Path) -> list[str]:
    before = table_counts()
    result = run("import_list", str(path), "--mapping", str(mapping))
    assert result.code == 1, result.err  # type: ignore[attr-defined]
    assert table_counts() == before, "a refused list writes nothing"
    kept = ImportRun.objects.get()
    assert kept.result == ImportResult.REFUSED
    lines: list[str] = result.lines  # type: ignore[attr-defined]
    assert kept.problem_count == len(lines)
    return lines


def test_a_mapping_with_an_unknown_field_is_refused_at_its_key(list_file, tmp_path, run):
    mapping = tmp_path / "list.toml"
    mapping.write_text(MAPPING.replace("[fields.gender]", "[fields.gendr]"), encoding="utf-8")
    lines = refused(run, list_file(), mapping)
    assert lines[0].startswith(
        f"{mapping}: fields.gendr: unknown key; did you mean 'gender'? expected one of name, "
    )


def test_a_mapping_with_a_date_format_without_a_year_is_refused_at_its_key(
    list_file, tmp_path, run
):
    mapping = tmp_path / "list.toml"
    mapping.write_text(MAPPING.replace('"%d.%m.%Y", "%Y"', '"%d.%m"'), encoding="utf-8")
    lines = refused(run, list_file(), mapping)
    assert lines == [f"{mapping}: dates.formats[0]: '%d.%m' has no year (%Y); every date needs one"]


def test_an_untranslated_value_is_refused_at_the_lists_line(list_file, tmp_path, run):
    mapping = tmp_path / "list.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    path = list_file(["2", "Ihar Losik", "муж", "25.06.2020"])
    lines = refused(run, path, mapping)
    assert lines == [
        f"{path}:3: sex: 'муж' is not translated; add it under fields.gender.values "
        "(registry words: female, male, other)"
    ]


def test_a_date_in_no_format_of_the_mapping_is_refused_at_the_lists_line(list_file, tmp_path, run):
    mapping = tmp_path / "list.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    path = list_file(["2", "Ihar Losik", "m", "2020-06-25"])
    lines = refused(run, path, mapping)
    assert lines == [
        f"{path}:3: detained: '2020-06-25' is not a date in any of the formats %d.%m.%Y, %Y "
        "(fields.detained_on.formats)"
    ]
