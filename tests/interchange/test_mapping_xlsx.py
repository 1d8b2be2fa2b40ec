"""`rollcall import LIST.xlsx --mapping MAPPING`: a list kept as a spreadsheet, built here with
openpyxl as Excel would save it, read as the mapping says, all or nothing."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from rollcall.interchange.mapping import workbook
from rollcall.interchange.mapping.workbook import cell_text
from rollcall.people.models import Person
from tests.interchange.conftest import table_counts

pytestmark = pytest.mark.django_db

MAPPING = """
[source]
format = "xlsx"
{source}

[id]
column = "ID"
prefix = "xl-"

[dates]
formats = ["%Y-%m-%d", "%d.%m.%Y", "%Y-%m", "%Y"]

[fields.name]
column = "Name"

[fields.gender]
column = "Sex"
values = {{ f = "female", m = "male" }}

[fields.birth]
column = "Born"

[fields.country]
value = "BY"

[fields.detained_on]
column = "Detained"
"""

HEADER = ["ID", "Name", "Sex", "Born", "Detained"]


def workbook_file(tmp_path: Path, rows: list[list[object]], **options: object) -> Path:
    """A workbook saved by openpyxl: a title above the header when `title` is given, the list
    in a sheet named `sheet` (the first sheet unless `before` puts another ahead of it)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(options.get("sheet", "People"))
    if options.get("title"):
        sheet.append([str(options["title"])])
        sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for cell, number_format in dict(options.get("formats", {})).items():  # type: ignore[call-overload]
        sheet[cell].number_format = number_format
    if options.get("before"):
        book.create_sheet(str(options["before"]), 0)
    path = tmp_path / str(options.get("name", "list.xlsx"))
    book.save(path)
    return path


def mapping_file(tmp_path: Path, source: str = "", text: str = MAPPING) -> Path:
    path = tmp_path / "list.toml"
    path.write_text(text.format(source=source), encoding="utf-8")
    return path


def test_a_spreadsheets_rows_become_people_with_cells_read_as_excel_shows_them(tmp_path, run):
    path = workbook_file(
        tmp_path,
        [
            [17, "Maria Kalesnikava", "f", datetime(1982, 4, 24), "07.09.2020"],
            [18.0, "Ihar Losik", "m", 1992, date(2020, 6, 25)],
        ],
    )

    result = run("import_list", str(path), "--mapping", str(mapping_file(tmp_path)))

    assert result.code == 0, result.err
    assert result.out.startswith(f"{path}: 2 rows read; 2 new, 0 updated, 0 unchanged; ")
    maria = Person.objects.get(uid="xl-17")
    assert (maria.primary_name, maria.gender, maria.birth) == (
        "Maria Kalesnikava",
        "female",
        "1982-04-24",
    )
    ihar = Person.objects.get(uid="xl-18")  # a whole number kept as 18.0 is the id 18
    assert ihar.birth == "1992"
    assert [(e.type, e.when) for e in ihar.events.all()] == [("arrest", "2020-06-25")]


def test_problems_name_the_spreadsheets_own_row_numbers_below_a_title(tmp_path, run):
    path = workbook_file(
        tmp_path,
        [[1, "Maria Kalesnikava", "f", "", ""], [2, "Ihar Losik", "x", "", "31.02.2021"]],
        title="Political prisoners, December 2025",
    )
    before = table_counts()

    result = run(
        "import_list", str(path), "--mapping", str(mapping_file(tmp_path, "header_row = 3"))
    )

    assert result.code == 1
    assert result.lines == [
        f"{path}:5: Sex: 'x' is not translated; add it under fields.gender.values "
        "(registry words: female, male, other)",
        f"{path}:5: Detained: '31.02.2021' is not a date in any of the formats %Y-%m-%d, "
        "%d.%m.%Y, %Y-%m, %Y (fields.detained_on.formats)",
    ]
    assert table_counts() == before


def test_a_sheet_is_chosen_by_name_and_a_missing_one_is_named_with_those_there(tmp_path, run):
    path = workbook_file(tmp_path, [[1, "Maria Kalesnikava", "f", "", ""]], before="Notes")

    chosen = run(
        "import_list", str(path), "--mapping", str(mapping_file(tmp_path, 'sheet = "People"'))
    )
    assert chosen.code == 0, chosen.err
    assert Person.objects.filter(uid="xl-1").exists()

    missing = run(
        "import_list", str(path), "--mapping", str(mapping_file(tmp_path, 'sheet = "Lists"'))
    )
    assert missing.code == 1
    assert missing.lines == [
        f"{path}: no sheet 'Lists' (source.sheet); the workbook's sheets are Notes, People"
    ]


def test_the_first_sheet_is_read_when_the_mapping_names_none(tmp_path, run):
    path = workbook_file(tmp_path, [[1, "Maria Kalesnikava", "f", "", ""]], before="Notes")
    result = run("import_list", str(path), "--mapping", str(mapping_file(tmp_path)))
    assert result.code == 1
    assert result.lines == [
        f"{path}:1: header: sheet 'Notes' is empty; the header's row is 1 (source.header_row)"
    ]


def test_a_file_that_is_no_workbook_is_refused_in_one_line(tmp_path, run):
    path = tmp_path / "list.xlsx"
    path.write_text("ID,Name\n1,Maria\n", encoding="utf-8")
    before = table_counts()

    result = run("import_list", str(path), "--mapping", str(mapping_file(tmp_path)))

    assert result.code == 1
    assert len(result.lines) == 1
    assert result.lines[0].startswith(f"{path}: not an XLSX workbook (")
    assert table_counts() == before


def test_the_format_is_taken_from_the_extension_when_the_mapping_gives_none(tmp_path, run):
    path = workbook_file(tmp_path, [[1, "Maria Kalesnikava", "f", "", ""]])
    mapping = mapping_file(tmp_path, text=MAPPING.replace('format = "xlsx"\n', ""))
    result = run("import_list", str(path), "--mapping", str(mapping))
    assert result.code == 0, result.err
    assert Person.objects.filter(uid="xl-1").exists()


def test_a_workbook_read_as_csv_says_what_it_is(tmp_path, run):
    path = workbook_file(tmp_path, [[1, "Maria Kalesnikava", "f", "", ""]], name="list.csv")
    mapping = mapping_file(tmp_path, text=MAPPING.replace('format = "xlsx"', 'format = "csv"'))
    result = run("import_list", str(path), "--mapping", str(mapping))
    assert result.code == 1
    assert result.lines == [
        f"{path}: an XLSX workbook (or another zip archive), not CSV; "
        'write format = "xlsx" under [source]'
    ]


def test_a_sheet_longer_than_a_list_may_be_is_refused_before_it_is_read_whole(
    tmp_path, run, monkeypatch
):
    monkeypatch.setattr(workbook, "MAX_ROWS", 3)
    path = workbook_file(tmp_path, [[n, f"Person {n}", "", "", ""] for n in range(1, 5)])
    before = table_counts()

    result = run("import_list", str(path), "--mapping", str(mapping_file(tmp_path)))

    assert result.code == 1
    assert result.lines == [
        f"{path}: more than 3 rows in sheet 'People'; split the list, or save it as CSV"
    ]
    assert table_counts() == before


def test_a_workbook_that_unpacks_into_more_than_a_list_is_refused_unopened(
    tmp_path, run, monkeypatch
):
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1000)
    path = workbook_file(tmp_path, [[1, "Maria Kalesnikava", "f", "", ""]])
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    result = run("import_list", str(path), "--mapping", str(mapping_file(tmp_path)))
    assert result.code == 1
    assert result.lines == [
        f"{path}: unpacks into {unpacked / 1024 / 1024:.0f} MB, more than a list's 0 MB; "
        "split the list, or save it as CSV"
    ]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1969.0, "General", "1969"),
        (1969.5, "General", "1969.5"),
        (0.1 + 0.2, "General", "0.3"),
        (42, "00000", "00042"),
        (True, "General", "TRUE"),
        (datetime(1969, 3, 1), "yyyy-mm-dd", "1969-03-01"),
        (datetime(1969, 3, 1), "mmmm yyyy", "1969-03"),
        (datetime(1969, 1, 1), "yyyy", "1969"),
        (datetime(1969, 3, 1), 'dd"."mm"."yyyy', "1969-03-01"),
        (datetime(1969, 3, 1, 14, 30), "yyyy-mm-dd h:mm", "1969-03-01 14:30:00"),
        (None, "General", ""),
    ],
)
def test_a_cell_is_read_as_the_text_excel_shows(value, number_format, shown):
    assert cell_text(value, number_format) == shown
